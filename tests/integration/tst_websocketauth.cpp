#include "core/auth/digestsession.h"
#include "core/auth/oauth2call.h"
#include "core/auth/tokenstore.h"
#include "core/collections/collectionformat.h"
#include "core/http/httpclient.h"
#include "core/secrets/secretstore.h"
#include "core/websocket/websocketsession.h"
#include "tests/integration/clisandbox.h"
#include "tests/integration/externalserver.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

// OAuth 2.0 and Digest on WebSocket handshakes (core/websocket/handshakeauth.h), against real
// servers: Debian's python3-websockets (servers/ws_server.py, whose /digest and /oauth paths
// refuse a handshake without valid credentials with 401) and oauth2-mock-server (npm, pinned)
// for the tokens. Tokens stay in memory (no session bus).
class TestWebSocketAuth final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(u"nonexistent"),
                 "run through ctest (tokens in memory, no session bus)");
        QVERIFY(m_dir.isValid());
        m_ws.emplace(QStringLiteral("ws_server.py"), QStringLiteral("/usr/bin/python3"),
                     QStringList {qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                      + QStringLiteral("/tests/integration/servers/ws_server.py"),
                                  QStringLiteral("{port}")});
        QString problem = m_ws->start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_oauth.emplace(ExternalServer::oauth2MockServer());
        problem = m_oauth->start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void cleanupTestCase()
    {
        m_ws.reset();
        m_oauth.reset();
    }

    void init()
    {
        m_client = std::make_unique<HttpClient>(&m_network);
        m_secrets = std::make_unique<SecretStore>(
            QStringLiteral("PatchbayTest-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        m_tokens = std::make_unique<TokenStore>(m_secrets.get());
        m_digest = std::make_unique<DigestSession>();
    }

    // The handshake answers the challenge a plain GET of the URL got; a reconnection answers
    // the remembered one at once (the nonce count goes up); once the server forgot its nonces,
    // the refused handshake (401) is tried again with a fresh challenge.
    void digestAnswersTheServersChallenge()
    {
        WebSocketSession session(digestRequest(QStringLiteral("lovelace")));
        session.setAuthContext(context());
        QJsonObject seen = firstMessage(session);
        QCOMPARE(seen.value(QLatin1String("user")).toString(), QStringLiteral("ada"));
        QCOMPARE(seen.value(QLatin1String("nc")).toString(), QStringLiteral("00000001"));
        QCOMPARE(seen.value(QLatin1String("uri")).toString(), QStringLiteral("/digest?room=1"));
        closeAndWait(session);

        seen = firstMessage(session);
        QCOMPARE(seen.value(QLatin1String("nc")).toString(), QStringLiteral("00000002"));
        closeAndWait(session);

        plainGet(QStringLiteral("/digest-reset"));
        seen = firstMessage(session);
        QCOMPARE(seen.value(QLatin1String("nc")).toString(), QStringLiteral("00000001"));
        QVERIFY(logSays(session, QStringLiteral("trying once more with a renewed Digest")));
        closeAndWait(session);
    }

    // Wrong credentials: the handshake is refused once, and the log says so in words.
    void digestWithAWrongPasswordIsExplained()
    {
        WebSocketSession session(digestRequest(QStringLiteral("wrong")));
        session.setAuthContext(context());
        QSignalSpy closed(&session, &WebSocketSession::closed);
        session.open();
        QVERIFY(closed.wait(10000));
        QVERIFY(!session.summary().statusCode);
        QVERIFY2(logSays(session,
                         QStringLiteral("refused the WebSocket handshake with HTTP 401 "
                                        "Unauthorized. Check the request's auth")),
                 qPrintable(lastError(session)));
    }

    // An endpoint that does not ask for Digest: nothing to answer, and the log says why.
    void digestWithoutAChallengeIsExplained()
    {
        Request r = digestRequest(QStringLiteral("lovelace"));
        r.url = wsUrl(QStringLiteral("/echo"));
        WebSocketSession session(r);
        session.setAuthContext(context());
        QSignalSpy closed(&session, &WebSocketSession::closed);
        session.open();
        QVERIFY(closed.wait(10000));
        QVERIFY2(logSays(session, QStringLiteral("did not ask for Digest auth")),
                 qPrintable(lastError(session)));
    }

    // OAuth 2.0: the token comes from the grant (client credentials at oauth2-mock-server), is
    // kept in the token store, and goes on the handshake in its header.
    void oauth2TokenOnTheHandshake()
    {
        const Request r = oauthRequest();
        WebSocketSession session(r);
        session.setAuthContext(context());
        const QString authorization
            = firstMessage(session).value(QLatin1String("authorization")).toString();
        closeAndWait(session);
        const std::optional<OAuth2Token> stored
            = m_tokens->token(TokenStore::keyFor(QStringLiteral("ws"), r.auth.oauth2));
        QVERIFY(stored);
        QCOMPARE(authorization, QStringLiteral("Bearer ") + stored->accessToken);
        QCOMPARE(stored->accessToken.count(u'.'), 2); // the mock server's JWT
        QVERIFY(session.authSecretValues().contains(stored->accessToken));
    }

    // A stored token the server no longer takes: the handshake is refused (401), the token is
    // renewed by the grant, and the second handshake opens with the new one.
    void oauth2RefusedTokenIsRenewedOnce()
    {
        const Request r = oauthRequest();
        const QString key = TokenStore::keyFor(QStringLiteral("ws"), r.auth.oauth2);
        OAuth2Token stale;
        stale.accessToken = QStringLiteral("stale-token");
        stale.tokenType = QStringLiteral("Bearer");
        stale.obtainedAt = QDateTime::currentDateTimeUtc();
        stale.expiresAt = stale.obtainedAt.addSecs(3600);
        m_tokens->store(key, stale);
        WebSocketSession session(r);
        session.setAuthContext(context());
        const QString authorization
            = firstMessage(session).value(QLatin1String("authorization")).toString();
        closeAndWait(session);
        QVERIFY(authorization.startsWith(QLatin1String("Bearer ")));
        QVERIFY(!authorization.contains(QLatin1String("stale-token")));
        QVERIFY(logSays(session, QStringLiteral("trying once more with a renewed token")));
        QCOMPARE(m_tokens->token(key)->accessToken, authorization.mid(7));
    }

    // Without a client to fetch the token with, OAuth 2.0 says what is missing.
    void oauth2WithoutAClientIsExplained()
    {
        WebSocketSession session(oauthRequest());
        QSignalSpy closed(&session, &WebSocketSession::closed);
        session.open();
        QVERIFY(closed.wait(10000));
        QVERIFY2(logSays(session, QStringLiteral("OAuth 2.0 needs a token")),
                 qPrintable(lastError(session)));
    }

    // Closing while the token or challenge is on its way ends the session at once.
    void closeWhileAuthorizing()
    {
        WebSocketSession session(digestRequest(QStringLiteral("lovelace")));
        session.setAuthContext(context());
        QSignalSpy closed(&session, &WebSocketSession::closed);
        session.open();
        QCOMPARE(session.state(), WebSocketSession::State::Connecting);
        session.close();
        QCOMPARE(closed.size(), 1);
        QCOMPARE(session.state(), WebSocketSession::State::Idle);
        QTest::qWait(300); // the probe's answer, if any, changes nothing
        QCOMPARE(session.state(), WebSocketSession::State::Idle);
        QCOMPARE(closed.size(), 1);
    }

    // `patchbay-cli ws --auth` and `patchbay-cli run` answer Digest from the workspace.
    void cliWsAndRunAnswerDigest()
    {
        const QString dir = m_dir.filePath(QStringLiteral("ws-digest"));
        QVERIFY(QDir().mkpath(dir));
        CollectionInfo info;
        info.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        info.name = QStringLiteral("WS digest");
        info.variables = {{QStringLiteral("password"), QStringLiteral("lovelace")}};
        info.auth.mode = AuthMode::Digest;
        info.auth.digest.username = QStringLiteral("ada");
        info.auth.digest.password = QStringLiteral("{{password}}");
        QVERIFY(writeFile(dir + QStringLiteral("/collection.yaml"), collectionToYaml(info)));
        const QString url = wsUrl(QStringLiteral("/digest"));
        const ProcessRun ws = runProcess(cliPath(),
                                         {QStringLiteral("ws"), url, QStringLiteral("--auth"), dir,
                                          QStringLiteral("--expect"), QStringLiteral("1")});
        QVERIFY2(ws.exitCode == 0, qPrintable(ws.out + ws.err));
        QVERIFY2(ws.out.contains(QLatin1String("ada"))
                     && ws.out.contains(QLatin1String("00000001")),
                 qPrintable(ws.out));

        SavedRequest saved;
        saved.name = QStringLiteral("Room");
        saved.request.kind = RequestKind::WebSocket;
        saved.request.url = url;
        saved.request.auth.mode = AuthMode::Inherit;
        saved.request.websocket.expectMessages = 1;
        saved.assertions = {{AssertionKind::StatusEquals, QString(), QStringLiteral("101"), true},
                            {AssertionKind::JsonEquals, QStringLiteral("/0/user"),
                             QStringLiteral("\"ada\""), true}};
        QVERIFY(writeFile(dir + QStringLiteral("/room.yaml"), requestToYaml(saved)));
        const ProcessRun run = runProcess(cliPath(), {QStringLiteral("run"), dir});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QLatin1String("2/2 assertions")), qPrintable(run.out));
    }

private:
    AuthCall::Context context()
    {
        const QString collectionId = QStringLiteral("ws");
        AuthCall::Context c {m_client.get(), {}, m_digest.get()};
        c.oauth2 = [this, collectionId](const Request &resolved) {
            OAuth2Services services;
            services.client = m_client.get();
            services.tokens = m_tokens.get();
            services.interactive = false;
            return std::make_unique<OAuth2Call>(resolved, collectionId, services);
        };
        return c;
    }

    QString wsUrl(const QString &path) const
    {
        return m_ws->url(path).toString().replace(QLatin1String("http://"), QLatin1String("ws://"));
    }

    Request digestRequest(const QString &password) const
    {
        Request r;
        r.kind = RequestKind::WebSocket;
        r.url = wsUrl(QStringLiteral("/digest?room=1"));
        r.settings.timeoutMs = 10000;
        r.auth.mode = AuthMode::Digest;
        r.auth.digest.username = QStringLiteral("ada");
        r.auth.digest.password = password;
        return r;
    }

    Request oauthRequest() const
    {
        Request r;
        r.kind = RequestKind::WebSocket;
        r.url = wsUrl(QStringLiteral("/oauth"));
        r.settings.timeoutMs = 10000;
        r.auth.mode = AuthMode::OAuth2;
        OAuth2Config &c = r.auth.oauth2;
        c.grant = OAuth2Grant::ClientCredentials;
        c.tokenUrl = m_oauth->url(QStringLiteral("/token")).toString();
        c.clientId = QStringLiteral("patchbay-app");
        c.clientSecret = QStringLiteral("s3cret");
        c.scope = QStringLiteral("read");
        return r;
    }

    // Opens (again) and returns the first message, a JSON object.
    static QJsonObject firstMessage(WebSocketSession &session)
    {
        QSignalSpy message(&session, &WebSocketSession::messageReceived);
        session.open();
        if (!message.wait(15000)) {
            qWarning() << "no message; last error:" << lastError(session);
            return {};
        }
        return QJsonDocument::fromJson(message.first().first().toByteArray()).object();
    }

    static void closeAndWait(WebSocketSession &session)
    {
        QSignalSpy closed(&session, &WebSocketSession::closed);
        session.close();
        QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 10000);
    }

    static bool logSays(const WebSocketSession &session, const QString &text)
    {
        for (const WebSocketEntry &e : session.log())
            if (e.kind == WebSocketEntry::Kind::Error && e.detail.contains(text))
                return true;
        return false;
    }

    static QString lastError(const WebSocketSession &session)
    {
        QString last;
        for (const WebSocketEntry &e : session.log())
            if (e.kind == WebSocketEntry::Kind::Error)
                last = e.detail;
        return last;
    }

    void plainGet(const QString &path)
    {
        std::unique_ptr<QNetworkReply> reply(m_network.get(QNetworkRequest(m_ws->url(path))));
        QSignalSpy(reply.get(), &QNetworkReply::finished).wait(10000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    }

    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<TokenStore> m_tokens;
    std::unique_ptr<DigestSession> m_digest;
    std::optional<ExternalServer> m_ws;
    std::optional<ExternalServer> m_oauth;
};

QTEST_GUILESS_MAIN(TestWebSocketAuth)
#include "tst_websocketauth.moc"
