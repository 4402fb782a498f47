#include "ui/window/savecontroller.h"

#include "core/collections/workspace.h"
#include "ui/collections/collectionspanel.h"
#include "ui/collections/saverequestdialog.h"
#include "ui/request/requesteditor.h"
#include "ui/tabs/requesttab.h"
#include "ui/window/disksync.h"
#include "ui/window/tabmanager.h"

#include <QMessageBox>
#include <QStatusBar>
#include <QUrl>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

SaveController::SaveController(Workspace *workspace, TabManager *tabs,
                               CollectionsPanel *collections, DiskSync *disk, QWidget *window,
                               QStatusBar *status, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_tabs(tabs)
    , m_collections(collections)
    , m_disk(disk)
    , m_window(window)
    , m_status(status)
{ }

void SaveController::openSavedRequest(const QString &path, const SavedRequest &saved)
{
    if (RequestTab *open = m_tabs->tabForPath(path)) {
        m_tabs->setCurrentTab(open);
        return;
    }
    RequestTab *tab = m_tabs->reusableTab();
    tab->openSaved(path, saved);
    m_disk->watchFile(path); // edits in place show even when not every file is watched
    emit tabFilesChanged();
}

void SaveController::keepWhatWasWritten(RequestTab *tab, const QString &path,
                                        const SavedRequest &fallback)
{
    // A secret typed into an auth setting went to the keyring and the file says {{name}}
    // (Workspace::setSecretSink): the editor shows that too.
    const CollectionItem *item = m_workspace->item(path);
    const SavedRequest written = item ? item->request : fallback;
    if (written.request.auth != fallback.request.auth)
        tab->editor()->setRequest(written.request);
    tab->setBaseline(path, written);
}

bool SaveController::saveTab(RequestTab *tab)
{
    if (!tab)
        return false;
    if (!tab->isSaved())
        return saveTabAs(tab);
    if (tab->hasConflict()) {
        // Never write over a version on disk the user has not seen.
        m_tabs->setCurrentTab(tab);
        QMessageBox box(QMessageBox::Information, tr("Save"),
                        tr("\"%1\" changed on disk since you opened it.").arg(tab->title()),
                        QMessageBox::Ok, m_window);
        box.setObjectName(QStringLiteral("saveConflictMessage"));
        box.setInformativeText(tr("Choose Keep mine (then save again) or Load theirs in the bar "
                                  "above the request; Compare shows both."));
        box.exec();
        return false;
    }
    SavedRequest saved = tab->savedRequest();
    if (!m_collections->saveRequest(tab->path(), saved))
        return false;
    m_disk->acknowledgeOwnWrites();
    keepWhatWasWritten(tab, tab->path(), saved);
    emit tabSaved(tab);
    m_status->showMessage(tr("Saved %1").arg(saved.name), 3000);
    return true;
}

bool SaveController::saveTabAs(RequestTab *tab)
{
    if (!tab)
        return false;
    const Request request = tab->editor()->request();
    QString name = tab->isSaved() ? tab->baseline().name : QString();
    if (name.isEmpty())
        name = QStringLiteral("%1 %2").arg(request.method, QUrl(request.url).path());
    SaveRequestDialog dialog(m_workspace, name.trimmed(), m_collections->currentPath(), m_window);
    // A collection or folder made in the dialog shows in the sidebar even if the save is
    // cancelled.
    connect(&dialog, &SaveRequestDialog::placeCreated, this, [this] {
        m_collections->refresh();
        m_disk->acknowledgeOwnWrites();
    });
    if (dialog.exec() != QDialog::Accepted)
        return false;
    SavedRequest saved = tab->isSaved() ? tab->baseline() : SavedRequest();
    saved.name = dialog.name();
    saved.order = 0; // after its new siblings
    saved.request = request;
    const Result<QString> created = m_workspace->createRequest(dialog.parentPath(), saved);
    if (!created.ok()) {
        QMessageBox::warning(m_window, tr("Save As"), created.error().message);
        return false;
    }
    m_collections->refresh();
    m_disk->acknowledgeOwnWrites();
    m_collections->selectPath(created.value());
    // What the file holds now (its order was given by the workspace).
    const CollectionItem *item = m_workspace->item(created.value());
    keepWhatWasWritten(tab, created.value(), item ? item->request : saved);
    emit tabSaved(tab);
    m_disk->watchFile(created.value());
    emit tabFilesChanged();
    m_status->showMessage(tr("Saved %1").arg(saved.name), 3000);
    return true;
}

bool SaveController::saveEditedBeforeQuit()
{
    // Saved requests with edits are asked about, all at once. Unsaved tabs are not: they stay
    // open for the next start through their drafts.
    QList<RequestTab *> dirty;
    for (RequestTab *tab : m_tabs->tabs()) {
        if (tab->isSaved() && tab->isDirty())
            dirty << tab;
    }
    if (dirty.isEmpty())
        return true;
    QStringList names;
    for (const RequestTab *tab : std::as_const(dirty))
        names << tab->title();
    QMessageBox box(QMessageBox::Question, tr("Unsaved changes"),
                    dirty.size() == 1
                        ? tr("\"%1\" has changes that are not saved.").arg(names.first())
                        : tr("%1 requests have changes that are not saved:\n%2")
                              .arg(dirty.size())
                              .arg(names.join(u'\n')),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_window);
    box.setObjectName(QStringLiteral("unsavedChangesQuestion"));
    box.setInformativeText(dirty.size() == 1 ? tr("Save them to the collection before quitting?")
                                             : tr("Save all of them before quitting?"));
    box.setDefaultButton(QMessageBox::Save);
    const int answer = box.exec();
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save) {
        for (RequestTab *tab : std::as_const(dirty)) {
            if (!saveTab(tab))
                return false;
        }
    }
    return true;
}

} // namespace Patchbay::Ui
