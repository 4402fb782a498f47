#include "core/common/localfiles.h"
#include "tests/support/testfiles.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Patchbay::Core;
using Patchbay::Test::writeFile;

class TestLocalFiles final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &relative) const { return m_dir->filePath(relative); }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        // root/ is the folder; outside/ is next to it.
        QVERIFY(writeFile(path(QStringLiteral("root/a.txt")), "a"));
        QVERIFY(writeFile(path(QStringLiteral("root/sub/b.txt")), "b"));
        QVERIFY(writeFile(path(QStringLiteral("outside/secret.txt")), "secret"));
        QVERIFY(QFile::link(path(QStringLiteral("outside/secret.txt")),
                            path(QStringLiteral("root/link-out.txt"))));
        QVERIFY(QFile::link(path(QStringLiteral("root/a.txt")),
                            path(QStringLiteral("root/link-in.txt"))));
        QVERIFY(QFile::link(path(QStringLiteral("outside")), path(QStringLiteral("root/dir-out"))));
        QVERIFY(QFile::link(path(QStringLiteral("root/missing")),
                            path(QStringLiteral("root/dangling"))));
        QVERIFY(
            QFile::link(path(QStringLiteral("root/loop2")), path(QStringLiteral("root/loop1"))));
        QVERIFY(
            QFile::link(path(QStringLiteral("root/loop1")), path(QStringLiteral("root/loop2"))));
    }

    void insideFolder_data()
    {
        QTest::addColumn<QString>("relative");
        QTest::addColumn<bool>("inside");
        QTest::newRow("file") << QStringLiteral("a.txt") << true;
        QTest::newRow("nested") << QStringLiteral("sub/b.txt") << true;
        QTest::newRow("the folder itself") << QStringLiteral(".") << true;
        QTest::newRow("not yet existing") << QStringLiteral("sub/new/c.txt") << true;
        QTest::newRow("dot dot back in") << QStringLiteral("sub/../a.txt") << true;
        QTest::newRow("link to a file inside") << QStringLiteral("link-in.txt") << true;
        QTest::newRow("dot dot out") << QStringLiteral("../outside/secret.txt") << false;
        QTest::newRow("dot dot out of a new folder")
            << QStringLiteral("new/../../outside/secret.txt") << false;
        QTest::newRow("link to a file outside") << QStringLiteral("link-out.txt") << false;
        QTest::newRow("through a linked folder") << QStringLiteral("dir-out/secret.txt") << false;
        // ".." after a link is the parent of the link's target, as the system resolves it.
        QTest::newRow("dot dot after a linked folder")
            << QStringLiteral("dir-out/../root/a.txt") << true;
        QTest::newRow("dot dot after a linked folder, elsewhere")
            << QStringLiteral("dir-out/../outside/secret.txt") << false;
        QTest::newRow("dangling link") << QStringLiteral("dangling") << false;
        QTest::newRow("link loop") << QStringLiteral("loop1") << false;
        QTest::newRow("absolute elsewhere") << QStringLiteral("/etc/passwd") << false;
    }

    void insideFolder()
    {
        QFETCH(QString, relative);
        QFETCH(bool, inside);
        const QString root = path(QStringLiteral("root"));
        QCOMPARE(isInsideFolder(root, relative), inside);
        if (!QDir::isAbsolutePath(relative))
            QCOMPARE(isInsideFolder(root, root + u'/' + relative), inside);
    }

    void folderGivenThroughALink()
    {
        QVERIFY(QFile::link(path(QStringLiteral("root")), path(QStringLiteral("root-link"))));
        QVERIFY(isInsideFolder(path(QStringLiteral("root-link")), QStringLiteral("a.txt")));
        QVERIFY(
            isInsideFolder(path(QStringLiteral("root-link")), path(QStringLiteral("root/a.txt"))));
        QVERIFY(!isInsideFolder(path(QStringLiteral("root-link")), QStringLiteral("link-out.txt")));
        QVERIFY(!isInsideFolder(path(QStringLiteral("missing-folder")), QStringLiteral("a.txt")));
    }

    void readsRegularFilesOnly()
    {
        const Result<QByteArray> ok = readRegularFile(path(QStringLiteral("root/a.txt")), 1);
        QVERIFY(ok.ok());
        QCOMPARE(ok.value(), QByteArray("a"));

        QVERIFY(writeFile(path(QStringLiteral("ten.txt")), "0123456789"));
        QVERIFY(readRegularFile(path(QStringLiteral("ten.txt")), 10).ok());
        const Result<QByteArray> tooLarge = readRegularFile(path(QStringLiteral("ten.txt")), 9);
        QVERIFY(!tooLarge.ok());
        QCOMPARE(tooLarge.error().code, QStringLiteral("file-too-large"));

        // A FIFO nobody writes to would block a plain read forever.
        const QString fifo = path(QStringLiteral("pipe.yaml"));
        QCOMPARE(mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QElapsedTimer timer;
        timer.start();
        const Result<QByteArray> pipe = readRegularFile(fifo, 1024);
        QVERIFY(!pipe.ok());
        QCOMPARE(pipe.error().code, QStringLiteral("not-a-file"));
        QVERIFY(timer.elapsed() < 5000);
        // A device that never ends.
        const Result<QByteArray> zero = readRegularFile(QStringLiteral("/dev/zero"), 1024);
        QVERIFY(!zero.ok());
        QCOMPARE(zero.error().code, QStringLiteral("not-a-file"));
        QCOMPARE(readRegularFile(path(QStringLiteral("nope")), 1).error().code,
                 QStringLiteral("read-failed"));
    }
};

QTEST_GUILESS_MAIN(TestLocalFiles)
#include "tst_localfiles.moc"
