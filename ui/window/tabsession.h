#pragma once

#include "core/collections/draftstore.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <utility>

class QFrame;
class QLabel;
class QSettings;
class QStatusBar;
class QTimer;
class QWidget;

namespace Patchbay::Core {
class SecretStore;
struct SecretReply;
class Workspace;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class DiskSync;
class RequestTab;
class TabManager;

// The open tabs across quits and crashes. At a clean quit the settings list the tabs (saved ones
// by file, unsaved ones by their draft) and they come back at the next start. Meanwhile unsaved
// edits are written to <AppData>/drafts every few seconds (when changed), so that a crash loses
// nothing: drafts left by a session that did not close cleanly are offered back in a bar.
class TabSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TabSession)

public:
    // The recovery bar is a child of `window`, for the window to lay out. All not owned.
    TabSession(Core::Workspace *workspace, TabManager *tabs, DiskSync *disk, QStatusBar *status,
               QWidget *window, QObject *parent = nullptr);

    Core::DraftStore &draftStore() { return m_drafts; }
    // Where drafts keep the auth secrets typed as text (a password, a token): the keyring, never
    // the draft's file. Without a store such secrets are not kept in drafts at all.
    void setSecretStore(Core::SecretStore *store);
    QFrame *recoveryBar() const { return m_recoveryBar; }

    // Reopens the last session's tabs (unless `reopenTabs` is false: Preferences → Start) and
    // offers the drafts no tab took back.
    void restore(bool reopenTabs = true);
    // Lists the open tabs in `settings` (drafts keep unsaved tabs' secrets out of the settings).
    void save(QSettings &settings) const;

    void setAutosaveInterval(int milliseconds);
    void startAutosave();
    // Writes the draft of every tab with unsaved edits that changed since its last draft, and
    // removes the drafts of tabs that are clean again.
    void autosave();
    // The tab was saved, discarded or closed: its draft goes.
    void forget(const RequestTab *tab);
    // At a clean quit: stops autosaving and every exchange; unsaved tabs keep a draft (to come
    // back through the session), the others lose theirs.
    void keepForNextStart();

    // Drafts left by a session that did not close cleanly, waiting for Restore or Discard.
    int recoverableDraftCount() const { return int(m_recoverable.size()); }
    void restoreRecoverable();
    void discardRecoverable();

signals:
    // Every draft secret handed to the keyring has been written.
    void secretsWritten();

private:
    void offerRecovery(const QList<Core::Draft> &drafts);
    Core::Status writeDraft(const Core::Draft &draft);
    void removeDraft(const QString &tabId);
    // Asks the keyring for the secrets of a restored draft; onSecretRead() puts them in its tab.
    void fetchSecrets(const Core::Draft &draft);
    void onSecretRead(const Core::SecretReply &reply);

    Core::Workspace *m_workspace; // not owned
    TabManager *m_tabs; // not owned
    DiskSync *m_disk; // not owned
    QStatusBar *m_status; // not owned
    Core::DraftStore m_drafts;
    QHash<QString, Core::Draft> m_writtenDrafts; // by tab id: the tab's content when last written
    Core::SecretStore *m_secrets = nullptr; // not owned
    QHash<QString, QString> m_keptSecrets; // keyring key -> value, of drafts' secrets
    QHash<QString, int> m_pendingWrites; // keyring key -> writes not yet answered
    QHash<QString, std::pair<QString, QString>> m_awaited; // keyring key -> tab id, field
    QList<Core::Draft> m_recoverable; // left by a session that did not close cleanly
    QTimer *m_autosave; // owned (child)
    QFrame *m_recoveryBar; // owned by the window
    QLabel *m_recoveryText; // owned (child of m_recoveryBar)
};

} // namespace Patchbay::Ui
