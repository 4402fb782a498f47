#include "ui/window/tabsession.h"

#include "core/collections/authsecrets.h"
#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/secrets/secretstore.h"
#include "ui/tabs/requesttab.h"
#include "ui/window/disksync.h"
#include "ui/window/tabmanager.h"

#include <QEventLoop>
#include <QFile>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

namespace {

const QLatin1String keySessionTabs("session/tabs");
const QLatin1String keySessionCurrentTab("session/currentTab");

// Entries of session/tabs: a saved request's file, or an unsaved tab whose draft was kept.
const QLatin1String filePrefix("file:");
const QLatin1String draftPrefix("draft:");

constexpr int DefaultAutosaveMs = 3000;
// How long a clean quit waits for the keyring to take the drafts' secrets.
constexpr int kKeyringQuitWaitMs = 3000;

} // namespace

TabSession::TabSession(Workspace *workspace, TabManager *tabs, DiskSync *disk, QStatusBar *status,
                       QWidget *window, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_tabs(tabs)
    , m_disk(disk)
    , m_status(status)
    , m_drafts(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
               + QStringLiteral("/drafts"))
    , m_autosave(new QTimer(this))
    , m_recoveryBar(new QFrame(window)) // owned by window
{
    m_recoveryBar->setObjectName(QStringLiteral("draftRecoveryBar"));
    m_recoveryBar->setFrameShape(QFrame::StyledPanel);
    auto *recoveryRow = new QHBoxLayout(m_recoveryBar);
    m_recoveryText = new QLabel(m_recoveryBar);
    m_recoveryText->setWordWrap(true);
    auto *restoreButton = new QPushButton(tr("Restore"), m_recoveryBar);
    restoreButton->setObjectName(QStringLiteral("restoreDraftsButton"));
    auto *discardButton = new QPushButton(tr("Discard"), m_recoveryBar);
    discardButton->setObjectName(QStringLiteral("discardDraftsButton"));
    recoveryRow->addWidget(m_recoveryText, 1);
    recoveryRow->addWidget(restoreButton);
    recoveryRow->addWidget(discardButton);
    m_recoveryBar->hide();
    connect(restoreButton, &QPushButton::clicked, this, &TabSession::restoreRecoverable);
    connect(discardButton, &QPushButton::clicked, this, &TabSession::discardRecoverable);

    m_autosave->setInterval(DefaultAutosaveMs);
    connect(m_autosave, &QTimer::timeout, this, &TabSession::autosave);
    connect(tabs, &TabManager::tabRemoved, this, &TabSession::forget);
}

void TabSession::save(QSettings &settings) const
{
    QStringList entries;
    for (const RequestTab *tab : m_tabs->tabs()) {
        if (tab->isSaved())
            entries << filePrefix + tab->path();
        else if (!tab->isPristine())
            entries << draftPrefix + tab->id();
    }
    settings.setValue(keySessionTabs, entries);
    settings.setValue(keySessionCurrentTab, m_tabs->widget()->currentIndex());
}

void TabSession::restore(bool reopenTabs)
{
    QSettings settings;
    // Not reopened, unsaved tabs are still offered back (below) rather than lost.
    const QStringList entries
        = reopenTabs ? settings.value(keySessionTabs).toStringList() : QStringList();
    QSet<QString> restoredDrafts;
    for (const QString &entry : entries) {
        if (entry.startsWith(filePrefix)) {
            const QString path = entry.mid(filePrefix.size());
            const CollectionItem *item = m_workspace->item(path);
            if (item && item->kind == ItemKind::Request && !item->problem
                && !m_tabs->tabForPath(path)) {
                RequestTab *tab = m_tabs->newTab();
                tab->openSaved(path, item->request);
                m_disk->watchFile(path);
            }
        } else if (entry.startsWith(draftPrefix)) {
            const Result<Draft> draft = m_drafts.read(entry.mid(draftPrefix.size()));
            if (!draft.ok())
                continue;
            // An unsaved tab kept on purpose at the last quit: back without asking.
            RequestTab *tab = m_tabs->newTab(draft->tabId);
            tab->restoreDraft(*draft);
            m_writtenDrafts.insert(draft->tabId, *draft);
            fetchSecrets(*draft);
            restoredDrafts.insert(draft->tabId);
        }
    }
    const int current = settings.value(keySessionCurrentTab, 0).toInt();
    if (reopenTabs && current >= 0 && current < m_tabs->count())
        m_tabs->widget()->setCurrentIndex(current);

    QList<Draft> leftovers = m_drafts.list();
    leftovers.removeIf([&](const Draft &d) { return restoredDrafts.contains(d.tabId); });
    offerRecovery(leftovers);
}

void TabSession::offerRecovery(const QList<Draft> &drafts)
{
    m_recoverable = drafts;
    if (drafts.isEmpty()) {
        m_recoveryBar->hide();
        return;
    }
    QStringList names;
    for (const Draft &draft : drafts) {
        names << (draft.baseline.name.isEmpty()
                      ? QStringLiteral("%1 %2").arg(draft.request.method, draft.request.url)
                      : draft.baseline.name);
    }
    m_recoveryText->setText(
        drafts.size() == 1
            ? tr("Recover 1 unsaved request from the last session? Patchbay did not close "
                 "normally.")
            : tr("Recover %1 unsaved requests from the last session? Patchbay did not close "
                 "normally.")
                  .arg(drafts.size()));
    m_recoveryText->setToolTip(names.join(u'\n'));
    m_recoveryBar->show();
}

void TabSession::restoreRecoverable()
{
    const QList<Draft> drafts = std::exchange(m_recoverable, {});
    m_recoveryBar->hide();
    RequestTab *first = nullptr;
    for (const Draft &draft : drafts) {
        // A clean tab of the same file (restored from the session) gives way to the edits.
        if (RequestTab *open = m_tabs->tabForPath(draft.path); open && !open->isDirty())
            m_tabs->removeTab(open);
        RequestTab *tab = m_tabs->newTab(draft.tabId);
        tab->restoreDraft(draft);
        m_writtenDrafts.insert(draft.tabId, draft);
        fetchSecrets(draft);
        if (!draft.path.isEmpty()) {
            const CollectionItem *item = m_workspace->item(draft.path);
            if (!item || item->kind != ItemKind::Request) {
                tab->detachFromFile(); // deleted meanwhile: the edits stay, unsaved
            } else {
                m_disk->watchFile(draft.path);
                // Changed on disk since the draft's edits began: the user picks.
                if (requestToYaml(item->request) != requestToYaml(draft.baseline))
                    tab->showConflict(item->request);
            }
        }
        if (!first)
            first = tab;
    }
    // The empty tab a start without a session opens is no longer needed.
    for (RequestTab *tab : m_tabs->tabs()) {
        if (tab->isPristine() && m_tabs->count() > 1)
            m_tabs->removeTab(tab);
    }
    if (first)
        m_tabs->setCurrentTab(first);
    m_status->showMessage(tr("Restored %1 unsaved requests").arg(drafts.size()), 5000);
}

void TabSession::discardRecoverable()
{
    for (const Draft &draft : std::exchange(m_recoverable, {})) {
        if (m_secrets) {
            for (const QString &field : draft.secretsInKeyring)
                m_secrets->remove(draftSecretKey(draft.tabId, field));
        }
        removeDraft(draft.tabId);
    }
    m_recoveryBar->hide();
}

void TabSession::setAutosaveInterval(int milliseconds)
{
    m_autosave->setInterval(milliseconds);
}

void TabSession::startAutosave()
{
    m_autosave->start();
}

void TabSession::autosave()
{
    for (const RequestTab *tab : m_tabs->tabs()) {
        if (!tab->isDirty()) {
            forget(tab);
            continue;
        }
        const Draft draft = tab->draft();
        const auto written = m_writtenDrafts.constFind(tab->id());
        if (written != m_writtenDrafts.constEnd() && written->sameContent(draft))
            continue;
        const Status status = writeDraft(draft);
        if (!status.ok()) {
            m_status->showMessage(
                tr("Unsaved edits could not be kept: %1").arg(status.error().message), 10000);
            return;
        }
        m_writtenDrafts.insert(tab->id(), draft);
    }
}

void TabSession::forget(const RequestTab *tab)
{
    if (!m_writtenDrafts.remove(tab->id()) && !QFile::exists(m_drafts.fileFor(tab->id())))
        return;
    removeDraft(tab->id());
}

void TabSession::keepForNextStart()
{
    m_autosave->stop();
    for (RequestTab *tab : m_tabs->tabs()) {
        tab->cancel();
        if (tab->isSaved() || tab->isPristine()) {
            forget(tab); // saved or discarded
        } else {
            const Status kept = writeDraft(tab->draft());
            if (!kept.ok())
                qWarning("%s", qPrintable(kept.error().message));
        }
    }
    // The keyring answers asynchronously: wait (briefly) for the secrets just written, or the
    // drafts would come back without them.
    if (!m_pendingWrites.isEmpty()) {
        QEventLoop loop;
        QTimer::singleShot(kKeyringQuitWaitMs, &loop, &QEventLoop::quit);
        const QMetaObject::Connection done
            = connect(this, &TabSession::secretsWritten, &loop, &QEventLoop::quit);
        loop.exec();
        disconnect(done);
    }
}

void TabSession::setSecretStore(SecretStore *store)
{
    m_secrets = store;
    connect(store, &SecretStore::readFinished, this, &TabSession::onSecretRead);
    connect(store, &SecretStore::writeFinished, this, [this](const SecretReply &reply) {
        const auto pending = m_pendingWrites.find(reply.key);
        if (pending == m_pendingWrites.end())
            return; // someone else's
        if (--*pending <= 0)
            m_pendingWrites.erase(pending);
        if (m_pendingWrites.isEmpty())
            emit secretsWritten();
    });
}

Status TabSession::writeDraft(const Draft &draft)
{
    QList<std::pair<QString, QString>> values;
    Draft onDisk = draftWithoutSecrets(draft, &values);
    if (!m_secrets) {
        onDisk.secretsInKeyring.clear(); // not kept: never in the file either
    } else {
        for (const auto &[key, value] : std::as_const(values)) {
            if (m_keptSecrets.value(key) == value && m_keptSecrets.contains(key))
                continue;
            m_keptSecrets.insert(key, value);
            ++m_pendingWrites[key];
            m_secrets->write(key, value);
        }
    }
    return m_drafts.write(onDisk);
}

void TabSession::removeDraft(const QString &tabId)
{
    const QString prefix = draftSecretKey(tabId, QString());
    for (auto it = m_keptSecrets.begin(); it != m_keptSecrets.end();) {
        if (it.key().startsWith(prefix)) {
            if (m_secrets)
                m_secrets->remove(it.key());
            it = m_keptSecrets.erase(it);
        } else {
            ++it;
        }
    }
    const Status removed = m_drafts.remove(tabId);
    if (!removed.ok())
        m_status->showMessage(removed.error().message, 10000);
}

void TabSession::fetchSecrets(const Draft &draft)
{
    if (!m_secrets)
        return;
    for (const QString &field : draft.secretsInKeyring) {
        const QString key = draftSecretKey(draft.tabId, field);
        m_awaited.insert(key, {draft.tabId, field});
        m_secrets->read(key);
    }
}

void TabSession::onSecretRead(const SecretReply &reply)
{
    const auto awaited = m_awaited.constFind(reply.key);
    if (awaited == m_awaited.constEnd())
        return; // someone else's read
    const auto [tabId, field] = *awaited;
    m_awaited.erase(awaited);
    RequestTab *tab = nullptr;
    for (RequestTab *open : m_tabs->tabs()) {
        if (open->id() == tabId)
            tab = open;
    }
    if (reply.status != SecretReply::Status::Ok) {
        m_status->showMessage(tr("A secret typed in an unsaved request (%1) was not kept in the "
                                 "keyring: type it again.")
                                  .arg(tab ? tab->title() : field),
                              15000);
        return;
    }
    m_keptSecrets.insert(reply.key, reply.value);
    if (!tab)
        return;
    Draft filled = tab->draft();
    if (fillAuthSecret(filled.request.auth, field, reply.value))
        tab->restoreDraft(filled);
}

} // namespace Patchbay::Ui
