#include "ui/window/tabsession.h"

#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "ui/tabs/requesttab.h"
#include "ui/window/disksync.h"
#include "ui/window/tabmanager.h"

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
        const Status removed = m_drafts.remove(draft.tabId);
        if (!removed.ok())
            m_status->showMessage(removed.error().message, 10000);
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
        const Status status = m_drafts.write(draft);
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
    const Status removed = m_drafts.remove(tab->id());
    if (!removed.ok())
        m_status->showMessage(removed.error().message, 10000);
}

void TabSession::keepForNextStart()
{
    m_autosave->stop();
    for (RequestTab *tab : m_tabs->tabs()) {
        tab->cancel();
        if (tab->isSaved() || tab->isPristine()) {
            forget(tab); // saved or discarded
        } else {
            const Status kept = m_drafts.write(tab->draft());
            if (!kept.ok())
                qWarning("%s", qPrintable(kept.error().message));
        }
    }
}

} // namespace Patchbay::Ui
