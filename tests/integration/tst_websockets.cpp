#include "core/collections/collectionformat.h"
#include "core/network/networkprofile.h"
#include "core/network/networksettings.h"
#include "core/websocket/websocketsession.h"
#include "core/websocket/websocketstep.h"
#include "tests/integration/clisandbox.h"
#include "tests/integration/externalserver.h"
#include "tests/integration/networkservers.h"
#include "tests/support/testfiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

QString serverScript()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/tests/integration/servers/ws_server.py");
}

struct Received
{
    QByteArray data;
    bool binary = false;
};

} // namespace

// WebSocket sessions and `patchbay-cli ws` against a real server: Debian's python3-websockets
// (servers/ws_server.py), plain and over TLS with a certificate this test makes with openssl.
class TestWebSockets final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cert = m_dir.filePath(QStringLiteral("cert.pem"));
        m_key = m_dir.filePath(QStringLiteral("key.pem"));
        const ProcessRun openssl = runProcess(
            QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
             QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), m_key,
             QStringLiteral("-out"), m_cert, QStringLiteral("-days"), QStringLiteral("1"),
             QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
             QStringLiteral("subjectAltName=IP:127.0.0.1")});
        QVERIFY2(openssl.exitCode == 0, qPrintable(openssl.err));

        m_plain = std::make_unique<ExternalServer>(
            QStringLiteral("ws_server.py"), QStringLiteral("/usr/bin/python3"),
            QStringList {serverScript(), QStringLiteral("{port}")});
        QString problem = m_plain->start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_tls = std::make_unique<ExternalServer>(
            QStringLiteral("ws_server.py (TLS)"), QStringLiteral("/usr/bin/python3"),
            QStringList {serverScript(), QStringLiteral("{port}"), m_cert, m_key});
        problem = m_tls->start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void cleanupTestCase()
    {
        m_plain.reset();
        m_tls.reset();
    }

    void echoTextJsonAndBinary()
    {
        WebSocketSession session(request(QStringLiteral("/echo")));
        QList<Received> received;
        collect(session, received);
        QVERIFY(openAndWait(session));
        session.sendText(QStringLiteral("héllo"));
        session.sendText(QStringLiteral("{\"a\": [1, 2.50]}"));
        session.sendBinary(QByteArray("\x00\x01\xff", 3));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, 10000);
        QCOMPARE(received.at(0).data, QStringLiteral("héllo").toUtf8());
        QCOMPARE(received.at(1).data, QByteArray("{\"a\": [1, 2.50]}"));
        QVERIFY(received.at(2).binary);
        QCOMPARE(received.at(2).data, QByteArray("\x00\x01\xff", 3));
        // The log has them all with their direction and sizes.
        qsizetype sent = 0, in = 0;
        for (const WebSocketEntry &e : session.log()) {
            if (e.kind == WebSocketEntry::Kind::Text || e.kind == WebSocketEntry::Kind::Binary)
                (e.direction == WebSocketEntry::Direction::Sent ? sent : in) += 1;
        }
        QCOMPARE(sent, 3);
        QCOMPARE(in, 3);
        QSignalSpy pong(&session, &WebSocketSession::logged);
        QVERIFY(session.ping("are you there"));
        QTRY_VERIFY_WITH_TIMEOUT(session.log().last().kind == WebSocketEntry::Kind::Pong, 5000);
        QCOMPARE(session.log().last().data, QByteArray("are you there"));
        closeAndWait(session);
    }

    void serverPush()
    {
        WebSocketSession session(request(QStringLiteral("/push?count=3&interval=50")));
        QList<Received> received;
        collect(session, received);
        QVERIFY(openAndWait(session));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, 10000);
        QCOMPARE(received.at(2).data, QByteArray("{\"push\": 3}"));
        closeAndWait(session);
    }

    void fragmentedMessagesArriveWhole()
    {
        WebSocketSession session(request(QStringLiteral("/fragments")));
        QList<Received> received;
        collect(session, received);
        QVERIFY(openAndWait(session));
        session.sendText(QStringLiteral("go"));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, 10000);
        QCOMPARE(received.at(0).data, QByteArray("frag-1|frag-2|frag-3"));
        QCOMPARE(received.at(1).data, QByteArray("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09", 10));
        // The log says the server really sent them in pieces.
        const WebSocketEntry text = session.log().at(session.log().size() - 2);
        QVERIFY2(text.detail.endsWith(QLatin1String("frames")), qPrintable(text.detail));
        QVERIFY(text.detail.split(u' ').first().toInt() >= 3);
        closeAndWait(session);
    }

    void sixteenMebibyteMessages()
    {
        constexpr qsizetype size = 16 * 1024 * 1024;
        WebSocketSession session(request(QStringLiteral("/big")));
        QList<Received> received;
        collect(session, received);
        QVERIFY(openAndWait(session));
        QByteArray payload(size, Qt::Uninitialized);
        for (qsizetype i = 0; i < size; ++i)
            payload[i] = char((i * 7) & 0xff);
        session.sendBinary(payload);
        session.sendText(QStringLiteral("send %1").arg(size));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, 60000);
        const QJsonObject report = QJsonDocument::fromJson(received.at(0).data).object();
        QCOMPARE(report.value(QLatin1String("size")).toInteger(), size);
        QCOMPARE(report.value(QLatin1String("sha256")).toString().toLatin1(),
                 QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex());
        QCOMPARE(received.at(1).data.size(), size);
        QVERIFY(received.at(1).data.startsWith("xxxx") && received.at(1).data.endsWith("xxxx"));
        // The log keeps only the first bytes of a huge message, and says so.
        const WebSocketEntry last = session.log().last();
        QCOMPARE(last.size, size);
        QVERIFY(last.truncated);
        QVERIFY(last.data.size() < size);
        closeAndWait(session);
    }

    void serverInitiatedClose()
    {
        WebSocketSession session(request(QStringLiteral("/close?code=4001&reason=shift+over")));
        QVERIFY(openAndWait(session));
        QSignalSpy closed(&session, &WebSocketSession::closed);
        session.sendText(QStringLiteral("bye?"));
        QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 10000);
        QCOMPARE(closed.first().at(0).toInt(), 4001);
        QCOMPARE(closed.first().at(1).toString(), QStringLiteral("shift over"));
        QCOMPARE(closed.first().at(2).toBool(), true); // by the server
        const WebSocketEntry entry = session.log().last();
        QCOMPARE(entry.kind, WebSocketEntry::Kind::Closed);
        QCOMPARE(entry.closeCode, 4001);
        QVERIFY(entry.detail.contains(QLatin1String("private use")));
        QCOMPARE(session.state(), WebSocketSession::State::Idle);
        // Reconnect: the same session opens again.
        QVERIFY(openAndWait(session));
        closeAndWait(session);
    }

    void handshakeCarriesHeadersAuthParamsAndSubprotocols()
    {
        Request r = request(QStringLiteral("/headers"));
        r.params = {{QStringLiteral("room"), QStringLiteral("a b"), true}};
        r.headers = {{QStringLiteral("X-Custom"), QStringLiteral("yes"), true},
                     {QStringLiteral("Origin"), QStringLiteral("https://example.com"), true}};
        r.auth.mode = AuthMode::Bearer;
        r.auth.token = QStringLiteral("s3cret");
        r.websocket.subprotocols = {QStringLiteral("nope"), QStringLiteral("chat.v1")};
        WebSocketSession session(r);
        QList<Received> received;
        collect(session, received);
        QVERIFY(openAndWait(session));
        QCOMPARE(session.subprotocol(), QStringLiteral("chat.v1"));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 10000);
        const QJsonObject seen = QJsonDocument::fromJson(received.first().data).object();
        QCOMPARE(seen.value(QLatin1String("authorization")).toString(),
                 QStringLiteral("Bearer s3cret"));
        QCOMPARE(seen.value(QLatin1String("custom")).toString(), QStringLiteral("yes"));
        QCOMPARE(seen.value(QLatin1String("origin")).toString(),
                 QStringLiteral("https://example.com"));
        QCOMPARE(seen.value(QLatin1String("subprotocol")).toString(), QStringLiteral("chat.v1"));
        QCOMPARE(seen.value(QLatin1String("path")).toString(),
                 QStringLiteral("/headers?room=a%20b"));
        // History: 101 and the log as JSON.
        const Response summary = session.summary();
        QCOMPARE(summary.statusCode, 101);
        QVERIFY(summary.body.readAll().contains("\"direction\":\"received\""));
        closeAndWait(session);
    }

    void tls()
    {
        // Verified against the test's own certificate authority.
        Request r = request(QStringLiteral("/echo"), true);
        WebSocketNetwork trusted;
        trusted.caCertificates = QSslCertificate::fromPath(m_cert);
        QCOMPARE(trusted.caCertificates.size(), 1);
        {
            WebSocketSession session(r, trusted);
            QList<Received> received;
            collect(session, received);
            QVERIFY(openAndWait(session));
            session.sendText(QStringLiteral("over tls"));
            QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 10000);
            QCOMPARE(received.first().data, QByteArray("over tls"));
            closeAndWait(session);
        }
        // Not trusted: refused with a message that says what to do.
        {
            WebSocketSession session(r);
            QSignalSpy closed(&session, &WebSocketSession::closed);
            session.open();
            QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 10000);
            QVERIFY(!session.summary().statusCode);
            bool explained = false;
            for (const WebSocketEntry &e : session.log())
                explained = explained
                    || (e.kind == WebSocketEntry::Kind::Error
                        && e.detail.contains(QLatin1String("certificate")));
            QVERIFY(explained);
        }
        // Verification turned off for this request.
        {
            r.settings.verifyTls = false;
            WebSocketSession session(r);
            QVERIFY(openAndWait(session));
            closeAndWait(session);
        }
    }

    // The workspace's auth applies to the handshake: a JWT bearer signed as it goes out (the
    // server sees a token whose HS256 signature checks). OAuth 2.0 and Digest: tst_websocketauth.
    void handshakeSignedByTheRequestsAuth()
    {
        Request r = request(QStringLiteral("/headers"));
        r.auth.mode = AuthMode::JwtBearer;
        r.auth.jwt.algorithm = JwtAlgorithm::HS256;
        r.auth.jwt.key = QStringLiteral("ws-secret");
        r.auth.jwt.claimsTemplate = QStringLiteral("{\"sub\": \"ada\"}");
        WebSocketSession session(r);
        QList<Received> received;
        collect(session, received);
        QVERIFY(openAndWait(session));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 10000);
        const QString authorization = QJsonDocument::fromJson(received.first().data)
                                          .object()
                                          .value(QLatin1String("authorization"))
                                          .toString();
        QVERIFY2(authorization.startsWith(QLatin1String("Bearer ")), qPrintable(authorization));
        const QList<QByteArray> parts = authorization.mid(7).toLatin1().split('.');
        QCOMPARE(parts.size(), 3);
        const QByteArray expected
            = QMessageAuthenticationCode::hash(parts[0] + '.' + parts[1], "ws-secret",
                                               QCryptographicHash::Sha256)
                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QCOMPARE(parts[2], expected);
        QVERIFY(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding).contains("ada"));
        closeAndWait(session);
    }

    // The workspace's proxy carries the handshake: tinyproxy logs the CONNECT tunnel.
    void throughTheWorkspacesProxy()
    {
        const QString dir = m_dir.filePath(QStringLiteral("proxy"));
        QVERIFY(QDir().mkpath(dir));
        ExternalServer proxy = tinyproxy(dir);
        const QString problem = proxy.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        NetworkSettings settings;
        settings.proxy.mode = ProxyMode::Manual;
        settings.proxy.type = ProxyType::Http;
        settings.proxy.host = QStringLiteral("127.0.0.1");
        settings.proxy.port = proxy.port();
        NetworkProfile profile = NetworkProfile::load(settings, dir, {}, {});
        profile.setAskDesktopForProxy(false);
        const Request r = request(QStringLiteral("/echo"));
        const Result<WebSocketNetwork> network = webSocketNetwork(profile, r);
        QVERIFY(network.ok());
        QCOMPARE(network->proxy.type(), QNetworkProxy::HttpProxy);
        WebSocketSession session(r, network.value());
        QList<Received> received;
        collect(session, received);
        QVERIFY(openAndWait(session));
        session.sendText(QStringLiteral("via proxy"));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 10000);
        QCOMPARE(received.first().data, QByteArray("via proxy"));
        closeAndWait(session);
        QTRY_VERIFY2(QString::fromUtf8(readAll(tinyproxyLog(dir)))
                         .contains(QStringLiteral("CONNECT 127.0.0.1:%1").arg(m_plain->port())),
                     readAll(tinyproxyLog(dir)).constData());
    }

    // A run's WebSocket step: connect, send the enabled messages, wait for the expected ones,
    // and finish with a response that tests read (101, the messages as a JSON array).
    void runStepSendsAndCollectsMessages()
    {
        Request r = request(QStringLiteral("/echo"));
        r.websocket.messages
            = {{QStringLiteral("json"), WebSocketPayload::Json, QStringLiteral("{\"a\": 1}"), true},
               {QStringLiteral("off"), WebSocketPayload::Text, QStringLiteral("skipped"), false},
               {QStringLiteral("text"), WebSocketPayload::Text, QStringLiteral("hi"), true},
               {QStringLiteral("bytes"), WebSocketPayload::Binary, QStringLiteral("00 ff"), true}};
        r.websocket.expectMessages = 3;
        WebSocketStep step(r, {});
        QSignalSpy finished(&step, &WebSocketStep::finished);
        step.start();
        QVERIFY(finished.wait(10000));
        const Response response = finished.first().first().value<Response>();
        QVERIFY2(!response.isError(), qPrintable(response.errorMessage));
        QCOMPARE(response.statusCode, 101);
        const QJsonArray items = QJsonDocument::fromJson(response.body.readAll()).array();
        QCOMPARE(items.size(), 3);
        QCOMPARE(items.at(0).toObject().value(QLatin1String("a")).toInt(), 1);
        QCOMPARE(items.at(1).toString(), QStringLiteral("hi"));
        QCOMPARE(items.at(2).toObject().value(QLatin1String("binary")).toString(),
                 QStringLiteral("AP8="));
    }

    // Fewer messages than expected because the server closed: a failure that says so.
    void runStepReportsAnEarlyClose()
    {
        Request r = request(QStringLiteral("/close?code=4001&reason=bye"));
        r.websocket.messages
            = {{QStringLiteral("m"), WebSocketPayload::Text, QStringLiteral("x"), true}};
        r.websocket.expectMessages = 2;
        WebSocketStep step(r, {});
        QSignalSpy finished(&step, &WebSocketStep::finished);
        step.start();
        QVERIFY(finished.wait(10000));
        const Response response = finished.first().first().value<Response>();
        QCOMPARE(response.errorKind, ErrorKind::ConnectionReset);
        QVERIFY2(response.errorMessage.contains(QLatin1String("4001")),
                 qPrintable(response.errorMessage));
        QVERIFY(response.errorMessage.contains(QLatin1String("0 of the 2")));
    }

    // `patchbay-cli run` runs a saved WebSocket request as a step and checks its tests.
    void cliRunChecksReceivedMessages()
    {
        const QString dir = m_dir.filePath(QStringLiteral("ws-api"));
        QVERIFY(QDir().mkpath(dir));
        CollectionInfo info;
        info.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        info.name = QStringLiteral("WS API");
        QVERIFY(writeFile(dir + QStringLiteral("/collection.yaml"), collectionToYaml(info)));
        SavedRequest echo;
        echo.name = QStringLiteral("Echo");
        echo.request = request(QStringLiteral("/echo"));
        echo.request.websocket.messages = {
            {QStringLiteral("hello"), WebSocketPayload::Json, QStringLiteral("{\"a\": 7}"), true}};
        echo.request.websocket.expectMessages = 1;
        echo.assertions
            = {{AssertionKind::StatusEquals, QString(), QStringLiteral("101"), true},
               {AssertionKind::JsonEquals, QStringLiteral("/0/a"), QStringLiteral("7"), true}};
        QVERIFY(writeFile(dir + QStringLiteral("/echo.yaml"), requestToYaml(echo)));
        const ProcessRun passed = runProcess(cliPath(), {QStringLiteral("run"), dir});
        QVERIFY2(passed.exitCode == 0, qPrintable(passed.out + passed.err));
        QVERIFY2(passed.out.contains(QLatin1String("2/2 assertions")), qPrintable(passed.out));

        // The server closes before the second expected message: the run fails and says why.
        echo.request = request(QStringLiteral("/close?code=4001&reason=bye"));
        echo.request.websocket.messages
            = {{QStringLiteral("m"), WebSocketPayload::Text, QStringLiteral("x"), true}};
        echo.request.websocket.expectMessages = 2;
        QVERIFY(writeFile(dir + QStringLiteral("/echo.yaml"), requestToYaml(echo)));
        const ProcessRun failed = runProcess(cliPath(), {QStringLiteral("run"), dir});
        QCOMPARE(failed.exitCode, 1);
        const QString output = failed.out + failed.err;
        QVERIFY2(output.contains(QLatin1String("4001")), qPrintable(output));
    }

    // `patchbay-cli ws --auth` authenticates the handshake as a collection does, with its
    // variables.
    void cliAuthFromTheWorkspace()
    {
        const QString dir = m_dir.filePath(QStringLiteral("ws-auth"));
        QVERIFY(QDir().mkpath(dir));
        CollectionInfo info;
        info.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        info.name = QStringLiteral("WS auth");
        info.variables = {{QStringLiteral("token"), QStringLiteral("from-the-collection")}};
        info.auth.mode = AuthMode::Bearer;
        info.auth.token = QStringLiteral("{{token}}");
        QVERIFY(writeFile(dir + QStringLiteral("/collection.yaml"), collectionToYaml(info)));
        const ProcessRun run = runProcess(cliPath(),
                                          {QStringLiteral("ws"), url(QStringLiteral("/headers")),
                                           QStringLiteral("--auth"), dir,
                                           QStringLiteral("--expect"), QStringLiteral("1")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QLatin1String("Bearer from-the-collection")),
                 qPrintable(run.out));

        const ProcessRun lonely = runProcess(cliPath(),
                                             {QStringLiteral("ws"), url(QStringLiteral("/headers")),
                                              QStringLiteral("--env"), QStringLiteral("x")});
        QCOMPARE(lonely.exitCode, 2);
    }

    void cliPrintsMessagesAsJsonLines()
    {
        const ProcessRun run = runProcess(cliPath(),
                                          {QStringLiteral("ws"), url(QStringLiteral("/echo")),
                                           QStringLiteral("--send"), QStringLiteral("one"),
                                           QStringLiteral("--binary"), QStringLiteral("0a0b"),
                                           QStringLiteral("--send"), QStringLiteral("{\"n\": 2}"),
                                           QStringLiteral("--expect"), QStringLiteral("3")});
        QCOMPARE(run.exitCode, 0);
        QList<QJsonObject> lines;
        for (const QString &line : run.out.split(u'\n', Qt::SkipEmptyParts))
            lines << QJsonDocument::fromJson(line.toUtf8()).object();
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines.at(0).value(QLatin1String("direction")).toString(), QStringLiteral("sent"));
        QCOMPARE(lines.at(1).value(QLatin1String("base64")).toString(), QStringLiteral("Cgs="));
        QCOMPARE(lines.at(5).value(QLatin1String("direction")).toString(),
                 QStringLiteral("received"));
        QCOMPARE(lines.at(5).value(QLatin1String("data")).toString(), QStringLiteral("{\"n\": 2}"));
        QCOMPARE(lines.at(5).value(QLatin1String("size")).toInt(), 8);
    }

    void cliExpectTimeoutAndFailures()
    {
        // Fewer messages than expected before the timeout: exit 1.
        ProcessRun few
            = runProcess(cliPath(),
                         {QStringLiteral("ws"), url(QStringLiteral("/push?count=2&interval=50")),
                          QStringLiteral("--expect"), QStringLiteral("5"),
                          QStringLiteral("--timeout"), QStringLiteral("1500")});
        QCOMPARE(few.exitCode, 1);
        QCOMPARE(few.out.count(u'\n'), 2);
        QVERIFY(few.err.contains(QStringLiteral("2 of the 5")));
        // The server closes: the code and its meaning are printed.
        ProcessRun closed
            = runProcess(cliPath(),
                         {QStringLiteral("ws"), url(QStringLiteral("/close?code=1008&reason=no")),
                          QStringLiteral("--send"), QStringLiteral("x")});
        QCOMPARE(closed.exitCode, 0);
        QVERIFY2(closed.err.contains(QStringLiteral("1008: policy violation")),
                 qPrintable(closed.err));
        // Nothing listens: exit 3 with the reason.
        ProcessRun refused = runProcess(cliPath(),
                                        {QStringLiteral("ws"), QStringLiteral("ws://127.0.0.1:1/"),
                                         QStringLiteral("--timeout"), QStringLiteral("3000")});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY(refused.err.contains(QStringLiteral("refused")));
        // wss with -k.
        ProcessRun tls
            = runProcess(cliPath(),
                         {QStringLiteral("ws"), url(QStringLiteral("/echo"), true),
                          QStringLiteral("-k"), QStringLiteral("--send"), QStringLiteral("s"),
                          QStringLiteral("--expect"), QStringLiteral("1")});
        QCOMPARE(tls.exitCode, 0);
    }

private:
    static QByteArray readAll(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QString url(const QString &path, bool secure = false) const
    {
        return QStringLiteral("%1://127.0.0.1:%2%3")
            .arg(secure ? QStringLiteral("wss") : QStringLiteral("ws"))
            .arg(secure ? m_tls->port() : m_plain->port())
            .arg(path);
    }

    Request request(const QString &path, bool secure = false) const
    {
        Request r;
        r.kind = RequestKind::WebSocket;
        r.url = url(path, secure);
        r.settings.timeoutMs = 10000;
        return r;
    }

    static void collect(WebSocketSession &session, QList<Received> &into)
    {
        QObject::connect(&session, &WebSocketSession::messageReceived, &session,
                         [&into](const QByteArray &data, bool binary) {
                             into.append({data, binary});
                         });
    }

    static bool openAndWait(WebSocketSession &session)
    {
        QSignalSpy opened(&session, &WebSocketSession::opened);
        session.open();
        return opened.wait(10000);
    }

    static void closeAndWait(WebSocketSession &session)
    {
        QSignalSpy closed(&session, &WebSocketSession::closed);
        session.close();
        QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 10000);
        QCOMPARE(closed.first().at(0).toInt(), 1000);
        QCOMPARE(closed.first().at(2).toBool(), false);
    }

    QTemporaryDir m_dir;
    QString m_cert;
    QString m_key;
    std::unique_ptr<ExternalServer> m_plain;
    std::unique_ptr<ExternalServer> m_tls;
};

QTEST_GUILESS_MAIN(TestWebSockets)
#include "tst_websockets.moc"
