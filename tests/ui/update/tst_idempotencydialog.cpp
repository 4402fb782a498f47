#include "core/sandbox/sandboxserver.h"
#include "ui/update/idempotencydialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

using namespace Patchbay;
using Ui::IdempotencyDialog;

class TestIdempotencyDialog final : public QObject
{
    Q_OBJECT

private:
    Core::Request request(const QString &method, const QString &path, const QString &json) const
    {
        Core::Request r;
        r.method = method;
        r.url = m_server.baseUrl().toString() + path;
        r.body.mode = Core::BodyMode::Json;
        r.body.text = json;
        r.headers.append({QStringLiteral("If-Match"), QStringLiteral("\"stale\""), true});
        return r;
    }

    Core::SandboxServer m_server;
    QNetworkAccessManager m_network;

private slots:
    void initTestCase() { QVERIFY(m_server.start().ok()); }
    void init() { m_server.reset(); }

    void verdict_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("dropPreconditions");
        QTest::addColumn<bool>("idempotent");
        QTest::newRow("PUT") << QStringLiteral("PUT") << QStringLiteral("/users/1") << true << true;
        QTest::newRow("PUT with a stale If-Match")
            << QStringLiteral("PUT") << QStringLiteral("/users/1") << false << true;
        QTest::newRow("POST") << QStringLiteral("POST") << QStringLiteral("/users") << true
                              << false;
    }
    void verdict()
    {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(bool, dropPreconditions);
        QFETCH(bool, idempotent);
        Core::Request get;
        get.url = m_server.baseUrl().toString() + QStringLiteral("/users/1");
        IdempotencyDialog dialog(&m_network,
                                 request(method, path, QStringLiteral("{\"name\": \"N\"}")), get);
        QCOMPARE(dialog.countSpin()->value(), 3);
        QVERIFY(dialog.dropPreconditionsCheck()->isChecked());
        dialog.dropPreconditionsCheck()->setChecked(dropPreconditions);
        QSignalSpy exchanges(&dialog, &IdempotencyDialog::exchangeFinished);
        QSignalSpy finished(&dialog, &IdempotencyDialog::checkFinished);
        dialog.runButton()->click();
        QVERIFY(finished.wait(20000));
        QCOMPARE(exchanges.size(), 5); // 3 attempts and 2 GETs
        QCOMPARE(dialog.table()->rowCount(), 5);
        // A stale If-Match fails every time the same way (412): that is idempotent too.
        QCOMPARE(dialog.table()->item(0, 1)->text(),
                 dropPreconditions ? (method == QLatin1String("PUT") ? QStringLiteral("200")
                                                                     : QStringLiteral("201"))
                                   : QStringLiteral("412"));
        QCOMPARE(dialog.verdictLabel()->text().startsWith(QLatin1String("Idempotent")), idempotent);
        QCOMPARE(dialog.verdictLabel()->text().startsWith(QLatin1String("Not idempotent")),
                 !idempotent);
    }
};

QTEST_MAIN(TestIdempotencyDialog)
#include "tst_idempotencydialog.moc"
