#pragma once

#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

namespace Patchbay::Core {
class Workspace;
}

namespace Patchbay::Ui {

// Watches the local API description files that the workspace's collections were imported from
// (their `.openapi/link.json` source) and reports one whose content no longer matches the
// version the collection was last imported or updated from, so the window can offer "Update
// from spec…". Descriptions read from URLs are not watched. Each changed version is reported
// once; the report is made again when the file changes once more. Reading the links and
// hashing a changed description (which can be tens of MB) happen in a worker, never on the UI
// thread or at start-up.
class SpecWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpecWatcher)

public:
    explicit SpecWatcher(const Core::Workspace *workspace, QObject *parent = nullptr); // not owned
    // Reads the links of every collection again (after an import, an update, a folder opened),
    // in a worker; the watch follows when it is done.
    void rescan();
    // The description files watched, for tests.
    QStringList watchedFiles() const { return m_watcher.files(); }

    static constexpr int kSettleMs = 400; // an editor's save is often several writes

signals:
    // `collectionPath` was imported from `specPath`, which has changed since.
    void specChanged(const QString &collectionPath, const QString &specPath);

private:
    using SourceMap = QHash<QString, QStringList>; // description file -> collections
    void applyScan(quint64 generation, const SourceMap &sources);
    void onFileChanged(const QString &path);
    void checkChanged();

    const Core::Workspace *m_workspace; // not owned
    QFileSystemWatcher m_watcher;
    SourceMap m_collections; // description file -> collections imported from it
    quint64 m_scanGeneration = 0; // only the latest rescan() is applied
    QHash<QString, QString> m_reported; // collection -> the hash already reported
    QSet<QString> m_pending; // files changed, waiting for kSettleMs
    QTimer m_settle;
};

} // namespace Patchbay::Ui
