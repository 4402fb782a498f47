#include "core/http/curltransport.h"
#include "core/http/httpclient.h"
#include "tests/integration/externalserver.h"
#include "tests/integration/sendhelper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Patchbay::Core;
using Patchbay::Test::ExternalServer;
using Patchbay::Test::sendAndWait;

// The engine against httpbin, a real server nobody here wrote: what it echoes is what went on
// the wire. Built twice: on Qt's transport (tst_httpbin) and on libcurl's (tst_httpbin_curl).
class TestHttpbin final : public QObject
{
    Q_OBJECT

private:
    QJsonObject echo(const Response &response)
    {
        return QJsonDocument::fromJson(response.body.readAll()).object();
    }
    Request request(const QString &method, const QString &path)
    {
        Request r;
        r.method = method;
        r.url = m_server->url(path).toString();
        return r;
    }

    std::optional<ExternalServer> m_server;
#ifdef PATCHBAY_TEST_CURL
    CurlTransport m_transport;
#else
    QNetworkAccessManager m_transport;
#endif
    std::unique_ptr<HttpClient> m_client;

private slots:
    void initTestCase()
    {
        m_server.emplace(ExternalServer::httpbin());
        const QString error = m_server->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_client = std::make_unique<HttpClient>(&m_transport);
    }

    void cleanupTestCase()
    {
        m_server.reset();
    }

    void queryParamsAreEncoded()
    {
        Request r = request(QStringLiteral("GET"), QStringLiteral("/get"));
        r.params = {{QStringLiteral("q"), QStringLiteral("a b&c=d+e")},
                    {QStringLiteral("city"), QStringLiteral("Zürich")},
                    {QStringLiteral("tag"), QStringLiteral("x")},
                    {QStringLiteral("tag"), QStringLiteral("y")},
                    {QStringLiteral("off"), QStringLiteral("1"), false}};
        const Response response = sendAndWait(*m_client, r);
        QCOMPARE(response.statusCode, 200);
        const QJsonObject args = echo(response).value(QLatin1String("args")).toObject();
        QCOMPARE(args.value(QLatin1String("q")).toString(), QStringLiteral("a b&c=d+e"));
        QCOMPARE(args.value(QLatin1String("city")).toString(), QStringLiteral("Zürich"));
        QCOMPARE(args.value(QLatin1String("tag")).toArray(),
                 QJsonArray({QStringLiteral("x"), QStringLiteral("y")}));
        QVERIFY(!args.contains(QLatin1String("off")));
    }

    void jsonBodyOnEveryUpdateMethod_data()
    {
        QTest::addColumn<QString>("method");
        QTest::newRow("PUT") << QStringLiteral("PUT");
        QTest::newRow("PATCH") << QStringLiteral("PATCH");
        QTest::newRow("POST") << QStringLiteral("POST");
        QTest::newRow("DELETE") << QStringLiteral("DELETE");
    }
    void jsonBodyOnEveryUpdateMethod()
    {
        QFETCH(QString, method);
        Request r = request(method, QStringLiteral("/anything"));
        r.body.mode = BodyMode::Json;
        r.body.text = QStringLiteral("{\"email\": \"new@example.com\", \"n\": 1.50}");
        const Response response = sendAndWait(*m_client, r);
        QCOMPARE(response.statusCode, 200);
        const QJsonObject e = echo(response);
        QCOMPARE(e.value(QLatin1String("method")).toString(), method);
        QCOMPARE(e.value(QLatin1String("data")).toString(), r.body.text);
        QCOMPARE(e.value(QLatin1String("headers")).toObject().value(QLatin1String("Content-Type")),
                 QJsonValue(QStringLiteral("application/json")));
    }

    void userContentTypeWins()
    {
        Request r = request(QStringLiteral("PATCH"), QStringLiteral("/anything"));
        r.headers
            = {{QStringLiteral("Content-Type"), QStringLiteral("application/merge-patch+json")}};
        r.body.mode = BodyMode::Json;
        r.body.text = QStringLiteral("{\"a\":null}");
        const QJsonObject headers
            = echo(sendAndWait(*m_client, r)).value(QLatin1String("headers")).toObject();
        QCOMPARE(headers.value(QLatin1String("Content-Type")).toString(),
                 QStringLiteral("application/merge-patch+json"));
    }

    void formBody()
    {
        Request r = request(QStringLiteral("POST"), QStringLiteral("/post"));
        r.body.mode = BodyMode::FormUrlEncoded;
        r.body.formFields = {{QStringLiteral("name"), QStringLiteral("Ada Lovelace")},
                             {QStringLiteral("sym"), QStringLiteral("&=+ü")}};
        const QJsonObject form
            = echo(sendAndWait(*m_client, r)).value(QLatin1String("form")).toObject();
        QCOMPARE(form.value(QLatin1String("name")).toString(), QStringLiteral("Ada Lovelace"));
        QCOMPARE(form.value(QLatin1String("sym")).toString(), QStringLiteral("&=+ü"));
    }

    void multipartWithFile()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("note.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("hello from a file\n");
        file.close();
        Request r = request(QStringLiteral("POST"), QStringLiteral("/post"));
        r.body.mode = BodyMode::Multipart;
        r.body.multipartFields
            = {{QStringLiteral("title"), QStringLiteral("Notes"), false, QString(), true},
               {QStringLiteral("upload"), file.fileName(), true, QString(), true}};
        const QJsonObject e = echo(sendAndWait(*m_client, r));
        QCOMPARE(e.value(QLatin1String("form")).toObject().value(QLatin1String("title")).toString(),
                 QStringLiteral("Notes"));
        QCOMPARE(
            e.value(QLatin1String("files")).toObject().value(QLatin1String("upload")).toString(),
            QStringLiteral("hello from a file\n"));
    }

    void basicAuth_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("status");
        QTest::newRow("right password") << QStringLiteral("secret") << 200;
        QTest::newRow("wrong password is a response, not an error")
            << QStringLiteral("nope") << 401;
    }
    void basicAuth()
    {
        QFETCH(QString, password);
        QFETCH(int, status);
        Request r = request(QStringLiteral("GET"), QStringLiteral("/basic-auth/ada/secret"));
        r.auth.mode = AuthMode::Basic;
        r.auth.username = QStringLiteral("ada");
        r.auth.password = password;
        const Response response = sendAndWait(*m_client, r);
        QCOMPARE(response.errorKind, ErrorKind::None);
        QCOMPARE(response.statusCode, status);
    }

    void serverErrorIsAResponse()
    {
        const Response response
            = sendAndWait(*m_client, request(QStringLiteral("GET"), QStringLiteral("/status/503")));
        QCOMPARE(response.errorKind, ErrorKind::None);
        QCOMPARE(response.statusCode, 503);
    }

    void redirectMethodRules_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("expectedMethod");
        QTest::addColumn<bool>("bodyKept");
        QTest::newRow("307 keeps PUT and body")
            << 307 << QStringLiteral("PUT") << QStringLiteral("PUT") << true;
        QTest::newRow("308 keeps PATCH and body")
            << 308 << QStringLiteral("PATCH") << QStringLiteral("PATCH") << true;
        QTest::newRow("303 turns PUT into GET")
            << 303 << QStringLiteral("PUT") << QStringLiteral("GET") << false;
        QTest::newRow("302 turns POST into GET")
            << 302 << QStringLiteral("POST") << QStringLiteral("GET") << false;
    }
    void redirectMethodRules()
    {
        QFETCH(int, code);
        QFETCH(QString, method);
        QFETCH(QString, expectedMethod);
        QFETCH(bool, bodyKept);
        Request r = request(method, QStringLiteral("/redirect-to"));
        r.params = {{QStringLiteral("url"), m_server->url(QStringLiteral("/anything")).toString()},
                    {QStringLiteral("status_code"), QString::number(code)}};
        r.body.mode = BodyMode::Json;
        r.body.text = QStringLiteral("{\"k\":1}");
        const Response response = sendAndWait(*m_client, r);
        QCOMPARE(response.statusCode, 200);
        QCOMPARE(response.redirects.size(), 1);
        QCOMPARE(response.redirects.first().statusCode, code);
        const QJsonObject e = echo(response);
        QCOMPARE(e.value(QLatin1String("method")).toString(), expectedMethod);
        QCOMPARE(e.value(QLatin1String("data")).toString(), bodyKept ? r.body.text : QString());
    }

    void credentialsDroppedWhenHostChanges_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("kept");
        QTest::newRow("same origin keeps them") << QStringLiteral("127.0.0.1") << true;
        QTest::newRow("other host drops them") << QStringLiteral("localhost") << false;
    }
    void credentialsDroppedWhenHostChanges()
    {
        QFETCH(QString, host);
        QFETCH(bool, kept);
        Request r = request(QStringLiteral("GET"), QStringLiteral("/redirect-to"));
        r.params = {{QStringLiteral("url"),
                     QStringLiteral("http://%1:%2/headers").arg(host).arg(m_server->port())}};
        r.headers = {{QStringLiteral("Authorization"), QStringLiteral("Bearer s3cret")},
                     {QStringLiteral("Cookie"), QStringLiteral("session=abc")},
                     {QStringLiteral("X-Kept"), QStringLiteral("yes")}};
        const Response response = sendAndWait(*m_client, r);
        QCOMPARE(response.statusCode, 200);
        const QJsonObject headers = echo(response).value(QLatin1String("headers")).toObject();
        QCOMPARE(headers.contains(QLatin1String("Authorization")), kept);
        QCOMPARE(headers.contains(QLatin1String("Cookie")), kept);
        QCOMPARE(headers.value(QLatin1String("X-Kept")).toString(), QStringLiteral("yes"));
        QCOMPARE(response.redirects.first().droppedHeaders.isEmpty(), kept);
    }

    void tooManyRedirects()
    {
        Request r = request(QStringLiteral("GET"), QStringLiteral("/redirect/5"));
        r.settings.maxRedirects = 3;
        const Response response = sendAndWait(*m_client, r);
        QCOMPARE(response.errorKind, ErrorKind::TooManyRedirects);
        QVERIFY(!response.errorMessage.isEmpty());
    }

    void gzipIsDecoded()
    {
        const Response response
            = sendAndWait(*m_client, request(QStringLiteral("GET"), QStringLiteral("/gzip")));
        QCOMPARE(response.statusCode, 200);
        QCOMPARE(response.header("Content-Encoding"), QByteArray("gzip"));
        QCOMPARE(echo(response).value(QLatin1String("gzipped")).toBool(), true);
    }

    void otherEncodingsAreDecoded_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("flag");
        QTest::newRow("deflate") << QStringLiteral("/deflate") << QStringLiteral("deflated");
        QTest::newRow("brotli") << QStringLiteral("/brotli") << QStringLiteral("brotli");
    }

    void otherEncodingsAreDecoded()
    {
        QFETCH(QString, path);
        QFETCH(QString, flag);
        const Response response = sendAndWait(*m_client, request(QStringLiteral("GET"), path));
        QCOMPARE(response.errorKind, ErrorKind::None);
        QCOMPARE(response.statusCode, 200);
        QCOMPARE(echo(response).value(flag).toBool(), true);
    }

    // A session cookie set by one response goes with the next request, as newman and
    // browsers do.
    void cookiesAreKept()
    {
        Request set = request(QStringLiteral("GET"), QStringLiteral("/cookies/set"));
        set.params = {{QStringLiteral("session"), QStringLiteral("s3cr3t")}};
        const Response first = sendAndWait(*m_client, set);
        QCOMPARE(first.errorKind, ErrorKind::None);
        const Response response
            = sendAndWait(*m_client, request(QStringLiteral("GET"), QStringLiteral("/cookies")));
        QCOMPARE(response.statusCode, 200);
        QCOMPARE(echo(response)
                     .value(QLatin1String("cookies"))
                     .toObject()
                     .value(QLatin1String("session"))
                     .toString(),
                 QStringLiteral("s3cr3t"));
    }

    void timeoutIsATransportError()
    {
        Request r = request(QStringLiteral("GET"), QStringLiteral("/delay/5"));
        r.settings.timeoutMs = 500;
        const Response response = sendAndWait(*m_client, r);
        QCOMPARE(response.errorKind, ErrorKind::Timeout);
        QCOMPARE(response.statusCode, 0);
    }

    void largeBodyStreamsToFile()
    {
        Request r = request(QStringLiteral("GET"), QStringLiteral("/stream-bytes/100000"));
        r.params = {{QStringLiteral("seed"), QStringLiteral("7")}};
        r.settings.streamToFileThreshold = 16 * 1024;
        const Response response = sendAndWait(*m_client, r);
        QCOMPARE(response.statusCode, 200);
        QVERIFY(response.body.isInFile());
        QCOMPARE(response.body.size(), 100000);
    }

    void timingPhasesAreOrdered()
    {
        const Response response
            = sendAndWait(*m_client, request(QStringLiteral("GET"), QStringLiteral("/get")));
        const Timing &t = response.timing;
        QVERIFY(t.requestSent >= 0);
        QVERIFY(t.firstByte >= t.requestSent);
        QVERIFY(t.finished >= t.firstByte);
    }
};

QTEST_GUILESS_MAIN(TestHttpbin)
#include "tst_httpbin.moc"
