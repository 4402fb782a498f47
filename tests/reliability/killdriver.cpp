// The writing and checking halves of tests/reliability/killloop.sh (not a test: a tool).
//
//   patchbay_killdriver save WORKSPACE        saves, creates and renames requests until killed
//   patchbay_killdriver history DATABASE      records history entries until killed
//   patchbay_killdriver make-postman FILE N   writes a Postman collection of N requests
//   patchbay_killdriver check-workspace WORKSPACE [EXPECTED_REQUESTS]
//   patchbay_killdriver check-history DATABASE
//
// The writers print "writing" once their first write is under way. The checkers print one
// line of key=value pairs and exit 1 when something is wrong: a file that does not parse, a
// file our writers never leave (QSaveFile temporaries and the like), a database that fails
// PRAGMA integrity_check or that HistoryStore cannot open. "partial" counts collections
// holding fewer requests than expected (a half-finished import), reported, not an error here:
// the script decides.
#include "core/collections/collectionformat.h"
#include "core/collections/collectionstaging.h"
#include "core/collections/workspace.h"
#include "core/history/historystore.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <cstdio>

using namespace Patchbay::Core;

namespace {

void announce()
{
    static bool done = false;
    if (!done) {
        std::fputs("writing\n", stdout);
        std::fflush(stdout);
        done = true;
    }
}

QString randomText(int maxSize)
{
    const int size = int(QRandomGenerator::global()->bounded(1, maxSize));
    return QString(size, QChar(u'a' + QRandomGenerator::global()->bounded(26)));
}

// Saves, creates and renames requests in the first collection of the workspace (making one
// when there is none). Bounded: the script kills it long before.
int saveLoop(const QString &root)
{
    Result<Workspace> opened = Workspace::open(root);
    if (!opened.ok())
        return 3;
    Workspace ws = std::move(opened).value();
    if (ws.collections().isEmpty() && !ws.createCollection(QStringLiteral("Durability")).ok())
        return 4;
    const QString collection = ws.collections().first().path;
    for (int i = 0; i < 1000000; ++i) {
        const CollectionItem *col = ws.item(collection);
        if (!col)
            return 5;
        const int action = int(QRandomGenerator::global()->bounded(10));
        if (col->children.size() < 20 || action == 0) {
            SavedRequest r;
            r.name = QStringLiteral("Request %1").arg(QUuid::createUuid().toString(QUuid::Id128));
            r.request.url = QStringLiteral("https://example.com/%1").arg(i);
            if (!ws.createRequest(collection, r).ok())
                return 6;
        } else {
            // Copies: the calls below change the tree that `col` points into.
            const CollectionItem target = col->children.at(i % col->children.size());
            if (action == 1) {
                if (!ws.rename(target.path, QStringLiteral("Renamed %1").arg(i)).ok())
                    return 7;
            } else if (action == 2 && col->children.size() > 40) {
                if (!ws.remove(target.path).ok())
                    return 8;
            } else {
                SavedRequest saved = target.request;
                saved.request.body.mode = BodyMode::Text;
                saved.request.body.text = randomText(256 * 1024);
                if (!ws.saveRequest(target.path, saved).ok())
                    return 9;
            }
        }
        announce();
    }
    return 0;
}

HistoryEntry randomEntry(int i)
{
    HistoryEntry e;
    e.sentAt = QDateTime::currentDateTimeUtc();
    e.request.url = QStringLiteral("https://example.com/items/%1?token=abc").arg(i);
    e.request.headers << KeyValue {QStringLiteral("Authorization"), QStringLiteral("Bearer x")};
    e.statusCode = 200;
    e.reason = QStringLiteral("OK");
    e.body = randomText(64 * 1024).toUtf8();
    e.bodySize = e.body.size();
    e.contentType = QStringLiteral("text/plain");
    return e;
}

// Records entries one by one and in batches, as fast as the worker takes them.
int historyLoop(const QString &database)
{
    HistoryStore store(database);
    int failures = 0;
    QObject::connect(&store, &HistoryStore::error, &store, [&failures](const QString &message) {
        QTextStream(stderr) << "history error: " << message << '\n';
        ++failures;
    });
    QObject::connect(&store, &HistoryStore::entryAdded, &store, [] { announce(); });
    int i = 0;
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, &store, [&] {
        if (failures > 0 || i > 1000000) {
            QCoreApplication::exit(failures > 0 ? 10 : 0);
            return;
        }
        if (i % 20 == 0) {
            QList<HistoryEntry> batch;
            for (int k = 0; k < 50; ++k)
                batch << randomEntry(i + k);
            store.addAll(batch);
        } else {
            store.add(randomEntry(i));
        }
        ++i;
    });
    timer.start(1);
    return QCoreApplication::exec();
}

// A Postman v2.1 collection with `count` requests in folders of 25, big enough for an import
// to take a while.
int makePostman(const QString &path, int count)
{
    QByteArray out = R"({"info":{"name":"Durability","schema":"https://schema.getpostman.com/)"
                     R"(json/collection/v2.1.0/collection.json"},"item":[)";
    for (int f = 0; f * 25 < count; ++f) {
        out += (f ? "," : "") + QByteArray(R"({"name":"Folder )") + QByteArray::number(f)
            + R"(","item":[)";
        for (int r = f * 25; r < qMin(count, (f + 1) * 25); ++r) {
            out += (r > f * 25 ? "," : "") + QByteArray(R"({"name":"Request )")
                + QByteArray::number(r)
                + R"(","request":{"method":"POST","url":"https://example.com/items/)"
                + QByteArray::number(r)
                + R"(","header":[{"key":"Accept","value":"application/json"}],)"
                + R"("body":{"mode":"raw","raw":")" + QByteArray(2000, 'x') + R"("}}})";
        }
        out += "]}";
    }
    out += "]}";
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(out) == out.size() ? 0 : 1;
}

int countRequests(const QList<CollectionItem> &items)
{
    int n = 0;
    for (const CollectionItem &item : items)
        n += (item.kind == ItemKind::Request ? 1 : 0) + countRequests(item.children);
    return n;
}

// Files our writers may leave: YAML files we wrote. Hidden entries (a staging folder of an
// atomic import, QSaveFile's temporaries) and anything else count as leftovers when they are
// still there after the workspace was opened as the app opens it at start, which removes a
// killed import's staging folder and stale QSaveFile temporaries. What the kill left before
// that is reported as "cleaned".
QStringList strayFiles(const QString &root)
{
    QStringList found;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        const bool hidden = info.fileName().startsWith(u'.');
        if (hidden || (info.isFile() && info.suffix() != QLatin1String("yaml")))
            found << QDir(root).relativeFilePath(info.filePath());
    }
    return found;
}

int checkWorkspace(const QString &root, int expectedRequests)
{
    const QStringList beforeOpen = strayFiles(root);
    // A staging folder whose lock file is still empty is taken for a live import for a second
    // (CollectionStaging::kEmptyLockGraceMs): wait that out, as a restart would.
    for (const QString &stray : beforeOpen) {
        const QFileInfo info(root + u'/' + stray);
        if (stray.endsWith(QLatin1String(".lock")) && info.size() == 0) {
            QThread::msleep(CollectionStaging::kEmptyLockGraceMs + 100);
            break;
        }
    }
    Result<Workspace> opened = Workspace::open(root);
    if (!opened.ok()) {
        QTextStream(stdout) << "open-failed=1 message=\"" << opened.error().message << "\"\n";
        return 1;
    }
    const Workspace &ws = opened.value();
    int partial = 0;
    int complete = 0;
    for (const CollectionItem &c : ws.collections()) {
        const int n = countRequests(c.children);
        if (expectedRequests > 0 && n < expectedRequests)
            ++partial;
        else
            ++complete;
    }
    const QList<FileProblem> problems = ws.problems();
    const QStringList leftovers = strayFiles(root);
    QTextStream out(stdout);
    out << "collections=" << ws.collections().size() << " complete=" << complete
        << " partial=" << partial << " bad-files=" << problems.size()
        << " cleaned=" << (beforeOpen.size() - leftovers.size())
        << " leftovers=" << leftovers.size();
    for (const FileProblem &p : problems)
        out << " bad:" << QDir(root).relativeFilePath(p.path) << "(" << p.message << ")";
    for (const QString &l : leftovers)
        out << " leftover:" << l;
    out << '\n';
    return problems.isEmpty() && leftovers.isEmpty() ? 0 : 1;
}

int checkHistory(const QString &database)
{
    QString integrity;
    qint64 rows = -1;
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(database);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("PRAGMA integrity_check")))
                while (q.next())
                    integrity += q.value(0).toString() + u' ';
            if (q.exec(QStringLiteral("SELECT COUNT(*) FROM entries")) && q.next())
                rows = q.value(0).toLongLong();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    integrity = integrity.trimmed();

    // HistoryStore itself must open it without complaint.
    bool storeOpened = false;
    QString storeError;
    {
        HistoryStore store(database);
        QEventLoop loop;
        QObject::connect(&store, &HistoryStore::opened, &loop, [&] {
            storeOpened = true;
            loop.quit();
        });
        QObject::connect(&store, &HistoryStore::error, &loop, [&](const QString &message) {
            storeError = message;
            loop.quit();
        });
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    QStringList leftovers;
    const QFileInfo dbInfo(database);
    for (const QFileInfo &f : dbInfo.dir().entryInfoList(QDir::Files | QDir::Hidden)) {
        const QString name = f.fileName();
        if (name != dbInfo.fileName() && name != dbInfo.fileName() + QLatin1String("-wal")
            && name != dbInfo.fileName() + QLatin1String("-shm"))
            leftovers << name;
    }
    QTextStream(stdout) << "integrity="
                        << (integrity.isEmpty() ? QStringLiteral("none") : integrity)
                        << " rows=" << rows << " store-opened=" << (storeOpened ? 1 : 0)
                        << (storeError.isEmpty()
                                ? QString()
                                : QStringLiteral(" store-error=\"") + storeError + u'"')
                        << " leftovers=" << leftovers.size()
                        << (leftovers.isEmpty() ? QString() : u' ' + leftovers.join(u' ')) << '\n';
    return integrity == QLatin1String("ok") && storeOpened && leftovers.isEmpty() ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString mode = args.value(1);
    if (mode == QLatin1String("save") && args.size() == 3)
        return saveLoop(args.at(2));
    if (mode == QLatin1String("history") && args.size() == 3)
        return historyLoop(args.at(2));
    if (mode == QLatin1String("make-postman") && args.size() == 4)
        return makePostman(args.at(2), args.at(3).toInt());
    if (mode == QLatin1String("check-workspace") && args.size() >= 3)
        return checkWorkspace(args.at(2), args.value(3).toInt());
    if (mode == QLatin1String("check-history") && args.size() == 3)
        return checkHistory(args.at(2));
    std::fputs("usage: patchbay_killdriver save WS | history DB | make-postman FILE N | "
               "check-workspace WS [EXPECTED] | check-history DB\n",
               stderr);
    return 2;
}
