#include "ui/window/importexportcontroller.h"

#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/common/threadpriority.h"
#include "core/interop/httpfileexport.h"
#include "core/interop/importdetect.h"
#include "core/interop/importwriter.h"
#include "core/interop/postmanexport.h"
#include "core/openapi/specsync.h"
#include "ui/collections/collectionspanel.h"
#include "ui/openapi/specupdatedialog.h"
#include "ui/openapi/specwatcher.h"

#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStatusBar>
#include <QUndoStack>
#include <QtConcurrent>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

namespace {

// Undoing an import deletes what it created; redoing puts the same bytes back.
class ImportCommand final : public QUndoCommand
{
public:
    ImportCommand(Workspace *workspace, CollectionsPanel *panel, QStringList created,
                  const QString &text)
        : QUndoCommand(text)
        , m_workspace(workspace)
        , m_panel(panel)
        , m_paths(std::move(created))
    { }

    void undo() override
    {
        m_deleted.clear();
        for (const QString &path : std::as_const(m_paths)) {
            Result<DeletedItem> deleted = m_workspace->remove(path);
            if (deleted.ok())
                m_deleted.append(std::move(deleted).value());
        }
        m_panel->refresh();
    }

    void redo() override
    {
        if (m_first) { // the import itself already wrote the files
            m_first = false;
            return;
        }
        for (const DeletedItem &item : std::as_const(m_deleted))
            m_workspace->restore(item);
        m_panel->refresh();
    }

private:
    Workspace *m_workspace; // not owned
    CollectionsPanel *m_panel; // not owned
    QStringList m_paths;
    QList<DeletedItem> m_deleted;
    bool m_first = true;
};

} // namespace

ImportExportController::ImportExportController(Workspace *workspace, CollectionsPanel *collections,
                                               QWidget *window, QStatusBar *status, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_collections(collections)
    , m_window(window)
    , m_status(status)
    , m_specWatcher(new SpecWatcher(workspace, this))
    , m_specNotice(new QPushButton(status))
{
    // A local description changed: offer to merge it, without interrupting.
    m_specNotice->setObjectName(QStringLiteral("specUpdateNotice"));
    m_specNotice->setFlat(true);
    m_specNotice->hide();
    status->addPermanentWidget(m_specNotice);
    connect(m_specNotice, &QPushButton::clicked, this, [this] {
        m_specNotice->hide();
        updateFromSpec(m_noticeCollection);
    });
    connect(m_specWatcher, &SpecWatcher::specChanged, this,
            &ImportExportController::offerSpecUpdate);
    connect(this, &ImportExportController::collectionsAdded, m_specWatcher, &SpecWatcher::rescan);
}

void ImportExportController::offerSpecUpdate(const QString &collectionPath, const QString &specPath)
{
    const Core::CollectionItem *collection = m_workspace->item(collectionPath);
    if (!collection)
        return;
    m_noticeCollection = collectionPath;
    m_specNotice->setText(tr("%1 changed: update \"%2\" from it…")
                              .arg(QFileInfo(specPath).fileName(), collection->name));
    m_specNotice->setToolTip(tr("The API description this collection was imported from has "
                                "changed on disk. Preview what it changes, and apply."));
    m_specNotice->show();
}

void ImportExportController::chooseAndImport()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Import a collection"), QString(),
        tr("Collections and API descriptions (*.json *.yaml *.yml *.http *.rest *.txt *.sh);;All "
           "files (*)"));
    if (!path.isEmpty())
        importPath(path);
}

void ImportExportController::chooseAndImportUrl()
{
    const QString clip = QGuiApplication::clipboard()->text().trimmed();
    bool ok = false;
    const QString url
        = QInputDialog::getText(m_window, tr("Import from URL"),
                                tr("The URL of an OpenAPI or Swagger description (JSON or YAML):"),
                                QLineEdit::Normal, isSpecUrl(clip) ? clip : QString(), &ok)
              .trimmed();
    if (!ok || url.isEmpty())
        return;
    if (!isSpecUrl(url)) {
        QMessageBox::warning(m_window, tr("Import from URL"),
                             tr("\"%1\" is not an http:// or https:// URL. To import a file, use "
                                "File → Import….")
                                 .arg(url));
        return;
    }
    importPath(url);
}

void ImportExportController::importPath(const QString &path, bool quiet)
{
    bool spec = isSpecUrl(path);
    if (!spec && !QFileInfo(path).isDir()) {
        QFile file(path);
        spec = file.open(QIODevice::ReadOnly) && looksLikeOpenApi(file.read(64 * 1024));
    }
    const bool remote = isSpecUrl(path);
    const QString shown = remote ? path : QFileInfo(path).fileName();
    m_status->showMessage(remote ? tr("Downloading %1…").arg(shown) : tr("Reading %1…").arg(shown));
    // Reading and converting a big file and writing its thousands of request files takes
    // seconds: a worker does all of it in a staging folder (stageImportedCollection), and only
    // the rename into place and the adoption of the new collection happen here.
    struct Staged
    {
        std::optional<Error> error;
        StagedCollection collection;
        QString name;
        ImportReport report;
        ImportedNetwork network;
    };
    QStringList taken;
    for (const CollectionItem &c : m_workspace->collections())
        taken << c.name;
    const QString root = m_workspace->rootPath();
    auto *watcher = new QFutureWatcher<Staged>(this);
    connect(watcher, &QFutureWatcher<Staged>::finished, this, [this, watcher, path, shown, quiet] {
        watcher->deleteLater();
        Staged staged = watcher->result();
        Result<QString> collection = staged.error
            ? Result<QString>(*staged.error)
            : publishStagedCollection(*m_workspace, staged.collection);
        if (!collection.ok()) {
            if (!quiet)
                QMessageBox::warning(
                    m_window, tr("Import"),
                    tr("%1 could not be imported.\n\n%2").arg(shown, collection.error().message));
            m_status->clearMessage();
            emit importFinished({}, collection.error().message);
            return;
        }
        const QStringList created {collection.value()};
        finishImport(path, staged.name, created, staged.report, quiet);
        if (!staged.network.isEmpty())
            emit networkImported(staged.network);
        emit importFinished(created, QString());
    });
    watcher->setFuture(QtConcurrent::run(&m_importPool, [path, root, taken, remote, spec] {
        // The window's thread wins a core over the import (bench_specimport on a loaded
        // machine: the UI thread's longest gaps were waits for a core, not work).
        lowerCurrentThreadPriority(10);
        Staged out;
        const auto stage = [&](Result<StagedCollection> staged) {
            if (staged.ok())
                out.collection = std::move(staged.value());
            else
                out.error = staged.error();
        };
        if (spec) {
            const Result<LoadedSpec> loaded = remote ? loadSpecUrl(path) : loadSpecFile(path);
            if (!loaded.ok()) {
                out.error = loaded.error();
                return out;
            }
            out.name = loaded->imported.collection.info.name;
            out.report = loaded->imported.collection.report;
            stage(stageSpecCollection(root, taken, loaded.value()));
            return out;
        }
        const Result<ImportedCollection> imported = importFile(path);
        if (!imported.ok()) {
            out.error = imported.error();
            return out;
        }
        out.name = imported->info.name;
        out.report = imported->report;
        out.network = imported->network;
        stage(stageImportedCollection(root, taken, imported.value()));
        return out;
    }));
}

void ImportExportController::finishImport(const QString &path, const QString &name,
                                          const QStringList &created, const ImportReport &report,
                                          bool quiet)
{
    m_collections->refresh();
    m_collections->undoStack()->push(new ImportCommand(
        m_workspace, m_collections, created, tr("Import %1").arg(QFileInfo(path).fileName())));
    emit collectionsAdded(created);
    m_status->showMessage(tr("Imported %1: %2 created, %3 converted with loss, %4 skipped")
                              .arg(name)
                              .arg(report.created.size())
                              .arg(report.lossy.size())
                              .arg(report.skipped.size()),
                          10000);
    if (!quiet && (!report.lossy.isEmpty() || !report.skipped.isEmpty())) {
        QMessageBox box(QMessageBox::Information, tr("Import"),
                        tr("Imported \"%1\". Some parts could not be taken over as they were; "
                           "Edit → Undo removes the whole import.")
                            .arg(name),
                        QMessageBox::Ok, m_window);
        QStringList details;
        if (!report.lossy.isEmpty())
            details << tr("Converted with loss:") << report.lossy << QString();
        if (!report.skipped.isEmpty())
            details << tr("Skipped:") << report.skipped;
        box.setDetailedText(details.join(u'\n'));
        box.exec();
    }
}

void ImportExportController::updateFromSpec(const QString &collectionPath)
{
    SpecUpdateDialog dialog(m_workspace, collectionPath, m_window);
    connect(&dialog, &SpecUpdateDialog::applied, this, [this](const QStringList &paths) {
        m_collections->refresh();
        m_status->showMessage(tr("Updated from the API description: %n request(s) written", nullptr,
                                 int(paths.size())),
                              10000);
    });
    dialog.preview();
    dialog.exec();
    m_specWatcher->rescan();
}

void ImportExportController::chooseAndExport(const QString &selectedPath)
{
    const CollectionItem *collection = collectionOf(*m_workspace, selectedPath);
    if (!collection) {
        QMessageBox::information(m_window, tr("Export"),
                                 tr("Select a collection (or a request in it) in the "
                                    "sidebar first."));
        return;
    }
    const QString file = QFileDialog::getSaveFileName(
        m_window, tr("Export %1").arg(collection->name),
        collection->name + QStringLiteral(".postman_collection.json"),
        tr("Postman collection v2.1 (*.json);;HTTP file (*.http)"));
    if (!file.isEmpty())
        exportCollection(collection->path, file);
}

bool ImportExportController::exportCollection(const QString &collectionPath,
                                              const QString &targetFile)
{
    const bool http = targetFile.endsWith(QLatin1String(".http"))
        || targetFile.endsWith(QLatin1String(".rest"));
    const QByteArray bytes = http ? exportHttpFile(*m_workspace, collectionPath)
                                  : exportPostmanCollection(*m_workspace, collectionPath);
    QSaveFile file(targetFile);
    if (bytes.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()
        || !file.commit()) {
        QMessageBox::warning(
            m_window, tr("Export"),
            tr("Could not write %1: %2")
                .arg(targetFile, bytes.isEmpty() ? tr("nothing to export") : file.errorString()));
        return false;
    }
    m_status->showMessage(tr("Exported to %1 (secret values left empty)").arg(targetFile), 5000);
    return true;
}

} // namespace Patchbay::Ui
