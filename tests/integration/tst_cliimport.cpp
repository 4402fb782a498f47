#include "core/collections/collectionstaging.h"
#include "core/collections/workspace.h"
#include "tests/support/testfiles.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <sys/stat.h>

using namespace Patchbay::Core;
using Patchbay::Test::readFile;
using Patchbay::Test::writeFile;

namespace {

// A Postman collection of `requests` requests in four folders.
QByteArray postmanCollection(int requests)
{
    QByteArray folders;
    for (int f = 0; f < 4; ++f) {
        QByteArray items;
        for (int i = f; i < requests; i += 4) {
            if (!items.isEmpty())
                items += ',';
            items += "{\"name\":\"Request " + QByteArray::number(i)
                + "\",\"request\":{\"method\":\"POST\",\"url\":\"http://127.0.0.1:1/items/"
                + QByteArray::number(i) + "\",\"body\":{\"mode\":\"raw\",\"raw\":\"{}\"}}}";
        }
        if (!folders.isEmpty())
            folders += ',';
        folders += "{\"name\":\"Folder " + QByteArray::number(f) + "\",\"item\":[" + items + "]}";
    }
    return "{\"info\":{\"name\":\"Big\",\"schema\":\"https://schema.getpostman.com/json/"
           "collection/v2.1.0/collection.json\"},\"item\":["
        + folders + "]}";
}

int countRequests(const CollectionItem &item)
{
    int n = item.kind == ItemKind::Request ? 1 : 0;
    for (const CollectionItem &child : item.children)
        n += countRequests(child);
    return n;
}

QStringList leftovers(const QString &root)
{
    return QDir(root).entryList({QStringLiteral(".patchbay-import-*")},
                                QDir::Dirs | QDir::Files | QDir::Hidden);
}

} // namespace

// `patchbay-cli import` against hostile files and hostile timing (kill -9 at random points).
class TestCliImport final : public QObject
{
    Q_OBJECT

private:
    QString m_binary;

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        qint64 ms = 0;
    };

    Run run(const QStringList &args, int timeoutMs = 60000)
    {
        QProcess process;
        QElapsedTimer timer;
        timer.start();
        process.start(m_binary, args);
        Run r;
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
            r.err = "timed out";
            return r;
        }
        r.ms = timer.elapsed();
        r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        r.out = process.readAllStandardOutput();
        r.err = process.readAllStandardError();
        return r;
    }

private slots:
    void initTestCase()
    {
        m_binary
            = qEnvironmentVariable("PATCHBAY_BINARY_DIR") + QStringLiteral("/app/cli/patchbay-cli");
        QVERIFY2(QFile::exists(m_binary), qPrintable(m_binary));
    }

    // Of 190 imports killed with SIGKILL, 160 once left a half-imported collection that looked
    // complete. Now a collection is complete or absent, and the next start removes the rest.
    void killedImportsLeaveNothingHalfDone()
    {
        constexpr int requests = 160;
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("big.postman_collection.json"));
        QVERIFY(writeFile(source, postmanCollection(requests)));
        const QString root = dir.filePath(QStringLiteral("ws"));

        // One import to the end, watched, to know when it writes here: its staging folder
        // appears after the process has started (slow under the sanitizers) and lives until the
        // collection is complete. Kills aim at that window.
        QElapsedTimer clock;
        QProcess watched;
        clock.start();
        watched.start(m_binary, {QStringLiteral("import"), source, QStringLiteral("--into"), root});
        QVERIFY(watched.waitForStarted());
        qint64 firstSeen = -1;
        qint64 lastSeen = -1;
        while (watched.state() != QProcess::NotRunning && clock.elapsed() < 120000) {
            if (!leftovers(root).isEmpty()) {
                lastSeen = clock.elapsed();
                if (firstSeen < 0)
                    firstSeen = lastSeen;
            }
            watched.waitForFinished(1);
        }
        if (watched.state() != QProcess::NotRunning)
            QVERIFY(watched.waitForFinished(10000));
        QCOMPARE(watched.exitStatus(), QProcess::NormalExit);
        QCOMPARE(watched.exitCode(), 0);
        const qint64 wholeMs = clock.elapsed();
        // Staging never seen (an import quicker than the polling): aim at the whole run instead.
        const qint64 from = wholeMs / 10;
        const qint64 span = firstSeen >= 0 ? std::max<qint64>(lastSeen - firstSeen, 1) : wholeMs;

        QRandomGenerator rng(1717);
        int killedMidImport = 0;
        constexpr int kills = 12;
        for (int k = 0; k < kills; ++k) {
            QProcess process;
            process.start(m_binary,
                          {QStringLiteral("import"), source, QStringLiteral("--into"), root});
            QVERIFY(process.waitForStarted());
            if (firstSeen >= 0) {
                // Start-up time varies by more than the write phase lasts (under the
                // sanitizers, hundreds of ms against tens): wait for this import's staging
                // folder, then kill at a random point of the measured write phase.
                QElapsedTimer started;
                started.start();
                while (leftovers(root).isEmpty() && process.state() != QProcess::NotRunning
                       && started.elapsed() < 60000)
                    process.waitForFinished(1);
                QTest::qWait(int(rng.bounded(int(span) + 1)));
            } else {
                QTest::qWait(int(from + rng.bounded(int(span) + 1)));
            }
            // A quicker import than the measured one may have finished already.
            if (process.state() != QProcess::NotRunning) {
                process.kill();
                QVERIFY(process.waitForFinished(10000));
            }
            if (!leftovers(root).isEmpty())
                ++killedMidImport;
            // Between kills, what the sidebar would show: complete collections only.
            Result<Workspace> ws = Workspace::open(root);
            QVERIFY(ws.ok());
            if (!leftovers(root).isEmpty()) {
                // Killed between creating its lock file and writing into it: the empty lock
                // counts as a leftover once it is older than a live import could leave it.
                QTest::qWait(CollectionStaging::kEmptyLockGraceMs + 500);
                ws = Workspace::open(root);
                QVERIFY(ws.ok());
            }
            QVERIFY2(leftovers(root).isEmpty(), qPrintable(leftovers(root).join(u',')));
            for (const CollectionItem &c : ws->collections())
                QCOMPARE(countRequests(c), requests);
        }
        // The loop must have hit imports in the middle, or it proved nothing.
        QVERIFY2(killedMidImport >= kills / 3, qPrintable(QString::number(killedMidImport)));
    }

    // An import running in another process is never taken for a leftover.
    void liveImportIsLeftAlone()
    {
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("big.postman_collection.json"));
        QVERIFY(writeFile(source, postmanCollection(160)));
        const QString root = dir.filePath(QStringLiteral("ws"));
        QVERIFY(QDir().mkpath(root));
        QProcess process;
        process.start(m_binary, {QStringLiteral("import"), source, QStringLiteral("--into"), root});
        QVERIFY(QTest::qWaitFor([&] { return !leftovers(root).isEmpty(); }, 20000));
        QVERIFY(Workspace::open(root).ok()); // must not remove the live staging folder
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const Result<Workspace> ws = Workspace::open(root);
        QCOMPARE(ws->collections().size(), 1);
        QCOMPARE(countRequests(ws->collections().first()), 160);
        QVERIFY(leftovers(root).isEmpty());
    }

    void hostileFiles_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("200 MB file") << QStringLiteral("huge") << QByteArray("limited to 64 MiB");
        QTest::newRow("device") << QStringLiteral("device") << QByteArray("is not a regular file");
        QTest::newRow("fifo") << QStringLiteral("fifo") << QByteArray("is not a regular file");
        QTest::newRow("billion laughs") << QStringLiteral("laughs") << QByteArray("billion laughs");
    }

    // Each fails quickly with a message, never an out-of-memory kill or a hang.
    void hostileFiles()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, message);
        QTemporaryDir dir;
        QString path = dir.filePath(QStringLiteral("input.yaml"));
        if (kind == QLatin1String("huge")) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QVERIFY(file.resize(200LL * 1024 * 1024)); // sparse: no disk is used
        } else if (kind == QLatin1String("device")) {
            path = QStringLiteral("/dev/zero");
        } else if (kind == QLatin1String("fifo")) {
            QCOMPARE(mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        } else {
            QByteArray yaml = "type: collection.insomnia.rest/5.0\nname: laughs\n"
                              "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
            for (int i = 1; i < 9; ++i) {
                const QByteArray p = "*l" + QByteArray::number(i - 1);
                yaml += "l" + QByteArray::number(i) + ": &l" + QByteArray::number(i) + " [" + p
                    + "," + p + "," + p + "," + p + "," + p + "," + p + "," + p + "," + p + "," + p
                    + "]\n";
            }
            yaml += "collection:\n  - name: bomb\n    children: *l8\n";
            QVERIFY(writeFile(path, yaml));
        }
        const Run r = run({QStringLiteral("import"), path, QStringLiteral("--into"),
                           dir.filePath(QStringLiteral("ws"))},
                          20000);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QVERIFY2(r.ms < 10000, qPrintable(QString::number(r.ms)));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("ws/laughs"))));
    }

    void outsideFilesNeedLeave()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("secret.txt")), "secret"));
        const QString http = dir.filePath(QStringLiteral("api/requests.http"));
        QVERIFY(writeFile(http, "### Up\nPOST http://h/\n\n< ../secret.txt\n"));
        const QString root = dir.filePath(QStringLiteral("ws"));
        Run r = run({QStringLiteral("import"), http, QStringLiteral("--into"), root});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("is outside the folder of the .http file"), r.out.constData());
        QDirIterator files(root, {QStringLiteral("up.yaml")}, QDir::Files,
                           QDirIterator::Subdirectories);
        QVERIFY(files.hasNext());
        QVERIFY(!readFile(files.next()).contains("secret.txt"));

        r = run({QStringLiteral("import"), http, QStringLiteral("--into"), root,
                 QStringLiteral("--allow-outside-files")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!r.out.contains("is outside the folder"));
    }
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_cliimport.moc"
