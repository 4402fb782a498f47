#include "core/http/requestjson.h"

#include <QJsonDocument>
#include <QTest>

using namespace Patchbay::Core;

// The internal JSON form of a Request (history rows, the last session's request) must give
// back exactly what went in, and read sensible defaults from missing members.
class TestRequestJson final : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<Request>("request");
        QTest::newRow("default") << Request();

        Request json;
        json.method = QStringLiteral("PATCH");
        json.url = QStringLiteral("http://127.0.0.1:8080/users/1");
        json.params = {{QStringLiteral("q"), QStringLiteral("a b"), true},
                       {QStringLiteral("off"), QStringLiteral("1"), false}};
        json.headers = {{QStringLiteral("If-Match"), QStringLiteral("\"abc\""), true}};
        json.body.mode = BodyMode::Json;
        json.body.text = QStringLiteral("{\"price\": 1.50}\n");
        QTest::newRow("json body, params, headers") << json;

        Request flags;
        flags.url = QStringLiteral("http://127.0.0.1:8080/search");
        flags.params = {{QStringLiteral("flag"), QString(), true, false},
                        {QStringLiteral("empty"), QString(), true, true}};
        QTest::newRow("a param without a value, one with an empty value") << flags;

        Request multipart;
        multipart.method = QStringLiteral("POST");
        multipart.body.mode = BodyMode::Multipart;
        multipart.body.multipartFields
            = {{QStringLiteral("title"), QStringLiteral("Notes"), false, QString(), true},
               {QStringLiteral("file"), QStringLiteral("/tmp/a.png"), true,
                QStringLiteral("image/png"), false}};
        multipart.auth.mode = AuthMode::ApiKey;
        multipart.auth.keyName = QStringLiteral("X-Api-Key");
        multipart.auth.keyValue = QStringLiteral("k");
        multipart.auth.keyLocation = ApiKeyLocation::Query;
        multipart.settings.timeoutMs = 1234;
        multipart.settings.followRedirects = false;
        multipart.settings.maxRedirects = 3;
        multipart.settings.verifyTls = false;
        QTest::newRow("multipart, api key in query, settings") << multipart;

        Request form;
        form.method = QStringLiteral("PURGE");
        form.body.mode = BodyMode::FormUrlEncoded;
        form.body.formFields = {{QStringLiteral("a"), QStringLiteral("&="), true}};
        form.auth.mode = AuthMode::Basic;
        form.auth.username = QStringLiteral("ada");
        form.auth.password = QStringLiteral("pw");
        QTest::newRow("custom verb, form, basic auth") << form;

        Request binary;
        binary.method = QStringLiteral("PUT");
        binary.body.mode = BodyMode::BinaryFile;
        binary.body.filePath = QStringLiteral("/tmp/blob.bin");
        binary.body.contentType = QStringLiteral("application/octet-stream");
        binary.auth.mode = AuthMode::Bearer;
        binary.auth.token = QStringLiteral("t");
        QTest::newRow("binary file, bearer") << binary;

        Request network;
        network.url = QStringLiteral("https://mtls.test/");
        network.settings.proxy = ProxyOverride::Manual;
        network.settings.proxyUrl = QStringLiteral("http://proxy.corp:3128");
        network.settings.caCertificates = QStringLiteral("ca.pem");
        network.settings.clientCertificate = QStringLiteral("client.pem");
        network.settings.clientKey = QStringLiteral("client.key");
        network.settings.clientPassphrase = QStringLiteral("{{pass}}");
        network.settings.http1Only = true;
        network.settings.cookies = false;
        QTest::newRow("network settings") << network;
        Request socket;
        socket.kind = RequestKind::WebSocket;
        socket.url = QStringLiteral("wss://127.0.0.1:9443/chat");
        socket.websocket.subprotocols = {QStringLiteral("chat.v1")};
        socket.websocket.expectMessages = 2;
        socket.websocket.messages
            = {{QStringLiteral("hi"), WebSocketPayload::Json, QStringLiteral("{}"), true},
               {QString(), WebSocketPayload::Binary, QStringLiteral("00 ff"), false}};
        QTest::newRow("websocket kind") << socket;
    }
    void roundTrip()
    {
        QFETCH(Request, request);
        const QByteArray text = QJsonDocument(requestToJson(request)).toJson();
        QCOMPARE(requestFromJson(QJsonDocument::fromJson(text).object()), request);
    }

    void missingMembersReadAsDefaults()
    {
        const Request r
            = requestFromJson(QJsonObject {{QStringLiteral("url"), QStringLiteral("http://x/")}});
        Request expected;
        expected.url = QStringLiteral("http://x/");
        QCOMPARE(r, expected);
    }

    void outOfRangeEnumsFallBack()
    {
        QJsonObject body {{QStringLiteral("mode"), 99}};
        const Request r = requestFromJson(QJsonObject {{QStringLiteral("body"), body}});
        QCOMPARE(r.body.mode, BodyMode::None);
    }
};

QTEST_GUILESS_MAIN(TestRequestJson)
#include "tst_requestjson.moc"
