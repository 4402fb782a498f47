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
// once; the report is made again when the file changes once more.
class SpecWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpecWatcher)

public:
    explicit SpecWatcher(const Core::Workspace *workspace, QObject *parent = nullptr); // not owned
    // Reads the links of every collection again (after an import, an update, a folder opened).
    void rescan();
    // The description files watched, for tests.
    QStringList watchedFiles() const { return m_watcher.files(); }

    static constexpr int kSettleMs = 400; // an editor's save is often several writes

signals:
    // `collectionPath` was imported from `specPath`, which has changed since.
    void specChanged(const QString &collectionPath, const QString &specPath);

private:
    void onFileChanged(const QString &path);
    void checkChanged();

    const Core::Workspace *m_workspace; // not owned
    QFileSystemWatcher m_watcher;
    QHash<QString, QStringList> m_collections; // description file -> collections imported from it
    QHash<QString, QString> m_reported; // collection -> the hash already reported
    QSet<QString> m_pending; // files changed, waiting for kSettleMs
    QTimer m_settle;
};

} // namespace Patchbay::Ui
