#pragma once

#include "core/collections/savedrequest.h"
#include "core/common/result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace Patchbay::Core {

// The unsaved state of one request tab, kept on disk so that edits survive a crash.
// `baseline` is the saved request as the tab last loaded or saved it (kept only when `path` is
// set): recovery compares it with the file to spot changes made meanwhile.
struct Draft
{
    QString tabId;
    QString path; // the request file the tab edits, empty for a request never saved
    SavedRequest baseline;
    Request request; // what the editor held
    // What the Tests tab held (SavedRequest::assertions and captures).
    QList<Assertion> assertions;
    QList<Capture> captures;
    QDateTime writtenAt; // when the draft was written (UTC)
    // Auth secrets typed as text (authsecrets.h field names) whose values are in the keyring
    // under draftSecretKey(), not in the draft's file; their fields are empty there.
    QStringList secretsInKeyring;

    // Same content, whenever it was written.
    bool sameContent(const Draft &other) const
    {
        return tabId == other.tabId && path == other.path && baseline == other.baseline
            && request == other.request && assertions == other.assertions
            && captures == other.captures && secretsInKeyring == other.secretsInKeyring;
    }
    friend bool operator==(const Draft &, const Draft &) = default;
};

// The keyring key of a draft's auth secret.
QString draftSecretKey(const QString &tabId, const QString &field);

// `draft` as its file may hold it: each auth secret typed as text is emptied and named in
// secretsInKeyring, and its keyring key and value are appended to `keyringValues`.
Draft draftWithoutSecrets(const Draft &draft, QList<std::pair<QString, QString>> *keyringValues);

// One JSON file per tab (`<directory>/<tab-id>.json`), written atomically. Drafts hold what the
// user typed, except auth secrets typed as text (draftWithoutSecrets(), which the caller
// applies): the directory is private (0700) and the files 0600, since a header or a body may
// still hold a credential. Not thread-safe; each call is one small file.
class DraftStore
{
public:
    explicit DraftStore(const QString &directory);

    QString directory() const { return m_directory; }
    QString fileFor(const QString &tabId) const;

    Status write(const Draft &draft);
    // Removing a draft that does not exist is not an error.
    Status remove(const QString &tabId);
    Result<Draft> read(const QString &tabId) const;
    // Every readable draft, oldest first; files that fail to parse are skipped (and kept).
    QList<Draft> list() const;

private:
    QString m_directory;
};

} // namespace Patchbay::Core
