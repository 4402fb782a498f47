#include "core/collections/workspace.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;

// kill -9 at random moments while a process saves and renames requests: every request must
// still be there and parse (QSaveFile replaces files atomically; renames write before remove).
class TestSaveCrash final : public QObject
{
    Q_OBJECT

private slots:
    void killDuringSavesLeavesEveryFileIntact()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Workspace ws = Workspace::open(dir.path()).value();
        const QString collection = ws.createCollection(QStringLiteral("Crash")).value();
        for (int i = 0; i < 5; ++i) {
            SavedRequest r;
            r.name = QStringLiteral("Request %1").arg(i);
            r.request.url = QStringLiteral("http://localhost/%1").arg(i);
            QVERIFY(ws.createRequest(collection, r).ok());
        }
        SavedRequest flip;
        flip.name = QStringLiteral("Flip A");
        QVERIFY(ws.createRequest(collection, flip).ok());

        int killedWhileSaving = 0;
        for (int round = 0; round < 30; ++round) {
            QProcess saver;
            saver.start(QStringLiteral(SAVELOOP_PATH), {dir.path(), collection});
            QVERIFY(saver.waitForStarted());
            QVERIFY2(saver.waitForReadyRead(10000), "the save loop did not start saving");
            // The random kill moment (not a synchronisation wait).
            QTest::qWait(int(QRandomGenerator::global()->bounded(0, 60)));
            if (saver.state() == QProcess::Running)
                ++killedWhileSaving;
            saver.kill(); // SIGKILL
            QVERIFY(saver.waitForFinished(10000));

            const Result<Workspace> reopened = Workspace::open(dir.path());
            QVERIFY(reopened.ok());
            QVERIFY2(reopened->problems().isEmpty(),
                     qPrintable(reopened->problems().value(0).message));
            const CollectionItem *col = reopened->item(collection);
            QVERIFY(col);
            int requests = 0;
            int flips = 0;
            for (const CollectionItem &item : col->children) {
                QVERIFY(!item.problem);
                if (item.name.startsWith(QLatin1String("Flip")))
                    ++flips;
                else
                    ++requests;
            }
            QCOMPARE(requests, 5);
            // Rename writes the new file before removing the old: one or (just after the
            // write) two copies, never none.
            QVERIFY2(flips >= 1 && flips <= 2, qPrintable(QString::number(flips)));
            if (flips == 2) {
                // Left over from a rename cut short: drop the older copy as a user would.
                Workspace cleanup = reopened.value();
                const CollectionItem *again = cleanup.item(collection);
                for (const CollectionItem &item : again->children) {
                    if (item.name.startsWith(QLatin1String("Flip"))) {
                        QVERIFY(cleanup.remove(item.path).ok());
                        break;
                    }
                }
            }
        }
        QVERIFY2(killedWhileSaving >= 25, qPrintable(QString::number(killedWhileSaving)));
    }
};

QTEST_GUILESS_MAIN(TestSaveCrash)
#include "tst_savecrash.moc"
