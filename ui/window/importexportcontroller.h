#pragma once

#include "core/network/importednetwork.h"

#include <QObject>
#include <QStringList>
#include <QThreadPool>

class QPushButton;
class QStatusBar;
class QWidget;

namespace Patchbay::Core {
class Workspace;
struct ImportReport;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class SpecWatcher;

class CollectionsPanel;

// Other tools' collections in and out of the workspace: File → Import… (and files dropped on
// the window) as one undo step with a report of what was lost, File → Export collection… as
// Postman v2.1 or .http.
class ImportExportController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportExportController)

public:
    // Reports and errors are shown over `window`. All pointers not owned.
    ImportExportController(Core::Workspace *workspace, CollectionsPanel *collections,
                           QWidget *window, QStatusBar *status, QObject *parent = nullptr);

    // Imports a Postman, Insomnia, Bruno, .http or curl file (or a Bruno folder), or an
    // OpenAPI/Swagger description from a file or an http(s) URL (with the files its $refs name),
    // as a new collection: one undo step. A worker reads, converts and writes it; importFinished()
    // follows. Shows the report (or the error) unless `quiet`.
    void importPath(const QString &path, bool quiet = false);
    // "Update from spec…" on a collection imported from a description: the preview dialog.
    void updateFromSpec(const QString &collectionPath);
    // Asks for a file and imports it.
    void chooseAndImport();
    // Asks for the URL of an OpenAPI/Swagger description (an http(s) URL on the clipboard is
    // offered) and imports it: importPath() takes URLs too.
    void chooseAndImportUrl();
    // The button in the status bar offering "Update from spec…" when a local description a
    // collection was imported from has changed (SpecWatcher); hidden otherwise.
    QPushButton *specUpdateNotice() const { return m_specNotice; }
    SpecWatcher *specWatcher() const { return m_specWatcher; }
    // Writes the collection as Postman v2.1 or .http (by the target's suffix).
    bool exportCollection(const QString &collectionPath, const QString &targetFile);
    // Asks where to export the collection holding `selectedPath` (a collection, folder or
    // request); tells the user to select one when there is none.
    void chooseAndExport(const QString &selectedPath);

signals:
    // The collections just imported, to show in the sidebar.
    void collectionsAdded(const QStringList &paths);
    // Certificates and cookies the file carried for the workspace (see ImportedNetwork).
    void networkImported(const Patchbay::Core::ImportedNetwork &network);
    // An import ended: the created collection, or nothing (with `error`).
    void importFinished(const QStringList &paths, const QString &error);

private:
    void offerSpecUpdate(const QString &collectionPath, const QString &specPath);
    void finishImport(const QString &path, const QString &name, const QStringList &created,
                      const Core::ImportReport &report, bool quiet);

    Core::Workspace *m_workspace; // not owned
    CollectionsPanel *m_collections; // not owned
    QWidget *m_window; // not owned
    QStatusBar *m_status; // not owned
    SpecWatcher *m_specWatcher; // owned (child)
    QPushButton *m_specNotice; // owned by the status bar
    QString m_noticeCollection; // what the notice offers to update
    // Imports' workers, at a lower priority than the window's thread (threadpriority.h).
    QThreadPool m_importPool;
};

} // namespace Patchbay::Ui
