#include "ui/openapi/specwatcher.h"

#include "core/collections/workspace.h"
#include "core/openapi/speclink.h"
#include "core/openapi/specsync.h"

#include <QFile>
#include <QFileInfo>

namespace Patchbay::Ui {

SpecWatcher::SpecWatcher(const Core::Workspace *workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, &SpecWatcher::checkChanged);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &SpecWatcher::onFileChanged);
    rescan();
}

void SpecWatcher::rescan()
{
    m_collections.clear();
    for (const Core::CollectionItem &collection : m_workspace->collections()) {
        const Core::Result<Core::SpecLink> link = Core::readSpecLink(collection.path);
        if (!link.ok() || Core::isSpecUrl(link->source) || !QFileInfo(link->source).isFile())
            continue;
        m_collections[QFileInfo(link->source).absoluteFilePath()].append(collection.path);
    }
    const QStringList watched = m_watcher.files();
    for (const QString &file : watched) {
        if (!m_collections.contains(file))
            m_watcher.removePath(file);
    }
    for (auto it = m_collections.cbegin(); it != m_collections.cend(); ++it) {
        if (!watched.contains(it.key()))
            m_watcher.addPath(it.key());
    }
}

void SpecWatcher::onFileChanged(const QString &path)
{
    // Saving by writing a new file and renaming it over the old one ends the watch: watch the
    // new file once it is there.
    if (!m_watcher.files().contains(path) && QFileInfo::exists(path))
        m_watcher.addPath(path);
    m_pending.insert(path);
    m_settle.start();
}

void SpecWatcher::checkChanged()
{
    const QSet<QString> pending = std::exchange(m_pending, {});
    for (const QString &path : pending) {
        if (!m_watcher.files().contains(path) && QFileInfo::exists(path))
            m_watcher.addPath(path);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue; // removed: nothing to offer
        const QString hash = Core::sha256Hex(file.readAll());
        for (const QString &collection : m_collections.value(path)) {
            const Core::Result<Core::SpecLink> link = Core::readSpecLink(collection);
            if (!link.ok() || link->sha256 == hash || m_reported.value(collection) == hash)
                continue;
            m_reported.insert(collection, hash);
            emit specChanged(collection, path);
        }
    }
}

} // namespace Patchbay::Ui
