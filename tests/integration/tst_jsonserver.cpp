#include "core/http/httpclient.h"
#include "tests/integration/externalserver.h"
#include "tests/integration/sendhelper.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Patchbay::Core;
using Patchbay::Test::ExternalServer;
using Patchbay::Test::sendAndWait;

// The engine against json-server (npm, pinned): its PUT replaces and its PATCH is a shallow
// merge. These are the semantics the update workbench must show truthfully.
class TestJsonServer final : public QObject
{
    Q_OBJECT

private:
    Response send(const QString &method, const QString &path, const QString &json = {})
    {
        Request r;
        r.method = method;
        r.url = m_server->url(path).toString();
        if (!json.isNull()) {
            r.body.mode = BodyMode::Json;
            r.body.text = json;
        }
        return sendAndWait(*m_client, r);
    }
    static QJsonObject object(const Response &response)
    {
        return QJsonDocument::fromJson(response.body.readAll()).object();
    }

    QTemporaryDir m_dir;
    std::optional<ExternalServer> m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<HttpClient> m_client;

private slots:
    void init()
    {
        // A fresh database for every test function keeps them independent.
        m_server.emplace(ExternalServer::sampleJsonServer(m_dir.path()));
        const QString error = m_server->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_client = std::make_unique<HttpClient>(&m_network);
    }
    void cleanup() { m_server.reset(); }

    void getItem()
    {
        const Response response = send(QStringLiteral("GET"), QStringLiteral("/users/1"));
        QCOMPARE(response.statusCode, 200);
        QCOMPARE(object(response).value(QLatin1String("name")).toString(),
                 QStringLiteral("Leanne Graham"));
    }

    void putReplacesTheWholeResource()
    {
        const Response put = send(QStringLiteral("PUT"), QStringLiteral("/users/1"),
                                  QStringLiteral("{\"name\": \"Leanne G.\"}"));
        QCOMPARE(put.statusCode, 200);
        const QJsonObject user = object(send(QStringLiteral("GET"), QStringLiteral("/users/1")));
        QCOMPARE(user.value(QLatin1String("name")).toString(), QStringLiteral("Leanne G."));
        QVERIFY2(!user.contains(QLatin1String("email")), "PUT must drop fields not sent");
        QVERIFY(!user.contains(QLatin1String("address")));
    }

    void patchIsAShallowMerge()
    {
        const Response patch = send(QStringLiteral("PATCH"), QStringLiteral("/users/1"),
                                    QStringLiteral("{\"email\": \"new@example.com\", "
                                                   "\"address\": {\"city\": \"Paris\"}}"));
        QCOMPARE(patch.statusCode, 200);
        const QJsonObject user = object(send(QStringLiteral("GET"), QStringLiteral("/users/1")));
        QCOMPARE(user.value(QLatin1String("email")).toString(), QStringLiteral("new@example.com"));
        QCOMPARE(user.value(QLatin1String("name")).toString(), QStringLiteral("Leanne Graham"));
        // Nested objects are replaced, not merged: street and zipcode are gone.
        const QJsonObject address = user.value(QLatin1String("address")).toObject();
        QCOMPARE(address.value(QLatin1String("city")).toString(), QStringLiteral("Paris"));
        QVERIFY(!address.contains(QLatin1String("street")));
    }

    void postCreatesAndDeleteRemoves()
    {
        const Response created = send(QStringLiteral("POST"), QStringLiteral("/users"),
                                      QStringLiteral("{\"name\": \"Clementine\"}"));
        QCOMPARE(created.statusCode, 201);
        const int id = object(created).value(QLatin1String("id")).toInt();
        QVERIFY(id > 2);
        const QString path = QStringLiteral("/users/%1").arg(id);
        QCOMPARE(send(QStringLiteral("DELETE"), path).statusCode, 200);
        QCOMPARE(send(QStringLiteral("GET"), path).statusCode, 404);
    }
};

QTEST_GUILESS_MAIN(TestJsonServer)
#include "tst_jsonserver.moc"
