#include "ui/openapi/specwatcher.h"

#include "core/collections/workspace.h"
#include "core/openapi/speclink.h"
#include "core/openapi/specsync.h"

#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent>

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
    QStringList collections;
    for (const Core::CollectionItem &collection : m_workspace->collections())
        collections << collection.path;
    const quint64 generation = ++m_scanGeneration;
    auto *watcher = new QFutureWatcher<SourceMap>(this);
    connect(watcher, &QFutureWatcher<SourceMap>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        applyScan(generation, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([collections] {
        SourceMap sources;
        for (const QString &collection : collections) {
            const Core::Result<Core::SpecLink> link = Core::readSpecLink(collection);
            if (!link.ok() || Core::isSpecUrl(link->source) || !QFileInfo(link->source).isFile())
                continue;
            sources[QFileInfo(link->source).absoluteFilePath()].append(collection);
        }
        return sources;
    }));
}

void SpecWatcher::applyScan(quint64 generation, const SourceMap &sources)
{
    if (generation != m_scanGeneration)
        return; // a newer scan is on its way
    m_collections = sources;
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
    struct Changed
    {
        QString collection;
        QString path;
        QString hash;
    };
    SourceMap changedFiles;
    for (const QString &path : std::exchange(m_pending, {})) {
        if (!m_watcher.files().contains(path) && QFileInfo::exists(path))
            m_watcher.addPath(path);
        changedFiles.insert(path, m_collections.value(path));
    }
    // Hashing the description and reading the links is file work: a worker does it.
    auto *watcher = new QFutureWatcher<QList<Changed>>(this);
    connect(watcher, &QFutureWatcher<QList<Changed>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        for (const Changed &c : watcher->result()) {
            if (m_reported.value(c.collection) == c.hash)
                continue;
            m_reported.insert(c.collection, c.hash);
            emit specChanged(c.collection, c.path);
        }
    });
    watcher->setFuture(QtConcurrent::run([changedFiles] {
        QList<Changed> out;
        for (auto it = changedFiles.cbegin(); it != changedFiles.cend(); ++it) {
            QFile file(it.key());
            if (!file.open(QIODevice::ReadOnly))
                continue; // removed: nothing to offer
            const QString hash = Core::sha256Hex(file.readAll());
            for (const QString &collection : it.value()) {
                const Core::Result<Core::SpecLink> link = Core::readSpecLink(collection);
                if (link.ok() && link->sha256 != hash)
                    out.append({collection, it.key(), hash});
            }
        }
        return out;
    }));
}

} // namespace Patchbay::Ui
