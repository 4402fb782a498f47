#include "ui/window/foldercontroller.h"

#include "core/collections/workspace.h"
#include "ui/collections/collectionspanel.h"
#include "ui/collections/environmentpicker.h"
#include "ui/tabs/requesttab.h"
#include "ui/window/disksync.h"
#include "ui/window/tabmanager.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

namespace {

const QLatin1String keyExtraFolders("workspace/extraFolders");

} // namespace

FolderController::FolderController(Workspace *workspace, TabManager *tabs,
                                   CollectionsPanel *collections, EnvironmentPicker *environments,
                                   DiskSync *disk, QWidget *window, QStatusBar *status,
                                   QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_tabs(tabs)
    , m_collections(collections)
    , m_environments(environments)
    , m_disk(disk)
    , m_window(window)
    , m_status(status)
{
    connect(collections, &CollectionsPanel::closeFolderRequested, this,
            &FolderController::closeFolder);
}

QString FolderController::reopenRemembered(Workspace &workspace)
{
    const QStringList remembered = QSettings().value(keyExtraFolders).toStringList();
    if (remembered.isEmpty())
        return {};
    QStringList skipped;
    for (const QString &folder : remembered) {
        if (workspace.extraFolders().contains(folder))
            continue;
        if (!QFileInfo(folder).isDir()) {
            skipped << tr("%1 no longer exists").arg(folder);
            continue;
        }
        const Result<QStringList> added = workspace.addFolder(folder);
        if (!added.ok()) {
            QString message = added.error().message;
            if (message.endsWith(u'.'))
                message.chop(1);
            skipped << message;
        }
    }
    remember(workspace); // skipped folders are forgotten: they would fail at every start
    if (skipped.isEmpty())
        return {};
    return tr("Not reopened: %1. File → Open Folder… opens a folder again.")
        .arg(skipped.join(QLatin1String("; ")));
}

void FolderController::remember(const Workspace &workspace)
{
    QSettings settings;
    if (workspace.extraFolders().isEmpty())
        settings.remove(keyExtraFolders);
    else
        settings.setValue(keyExtraFolders, workspace.extraFolders());
}

void FolderController::chooseAndOpenFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(
        m_window, tr("Open a collection folder or a folder of collections"));
    if (!folder.isEmpty())
        openFolder(folder);
}

QStringList FolderController::openFolder(const QString &path, bool quiet)
{
    const Result<QStringList> added = m_workspace->addFolder(path);
    if (!added.ok()) {
        const QString message = tr("The folder could not be opened: %1").arg(added.error().message);
        if (quiet)
            m_status->showMessage(message, 10000);
        else
            QMessageBox::warning(m_window, tr("Open Folder"), message);
        return {};
    }
    const QString folder = m_workspace->extraFolders().constLast();
    m_disk->watchRoot(folder);
    remember(*m_workspace);
    m_collections->refresh();
    emit foldersChanged(); // its collections may have secret variables
    emit collectionsAdded(*added);
    m_status->showMessage(
        tr("Opened %1: %n collection(s). Right-click one, Close Folder, to close it.", nullptr,
           int(added->size()))
            .arg(folder),
        8000);
    return *added;
}

bool FolderController::closeFolder(const QString &folder)
{
    if (!m_workspace->extraFolders().contains(folder))
        return false;
    // Its requests can no longer be saved from here: their tabs go, unsaved edits asked about.
    for (RequestTab *tab : m_tabs->tabs()) {
        if (tab->isSaved() && DiskSync::isSameOrInside(tab->path(), folder)
            && !m_tabs->closeTab(tab))
            return false;
    }
    m_workspace->removeFolder(folder);
    m_disk->removeRoot(folder);
    remember(*m_workspace);
    m_collections->refresh();
    if (DiskSync::isSameOrInside(m_environments->collectionPath(), folder))
        m_environments->setCollection(QString());
    emit foldersChanged();
    m_status->showMessage(tr("Closed %1; its files are untouched.").arg(folder), 5000);
    return true;
}

} // namespace Patchbay::Ui
