#include "core/auth/jwtbearer.h"
#include "core/auth/oauth1.h"
#include "core/http/httpclient.h"
#include "tests/integration/externalserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Patchbay::Core;
using Patchbay::Test::ExternalServer;

Q_DECLARE_METATYPE(Patchbay::Core::OAuth1SignatureMethod)
Q_DECLARE_METATYPE(Patchbay::Core::OAuth1Placement)
Q_DECLARE_METATYPE(Patchbay::Core::JwtAlgorithm)
Q_DECLARE_METATYPE(Patchbay::Core::JwtKeyFormat)

namespace {

enum class BodyKind { None, Form, Json };

// The error message of a failed Result, for QVERIFY2 (which evaluates it even on success).
template<typename T> QByteArray why(const Result<T> &result)
{
    return result.ok() ? QByteArray() : result.error().message.toUtf8();
}

QString paramValue(const QJsonArray &params, const QString &name)
{
    for (const QJsonValue &p : params) {
        if (p.toArray().at(0).toString() == name)
            return p.toArray().at(1).toString();
    }
    return QStringLiteral("<absent>");
}

} // namespace

Q_DECLARE_METATYPE(BodyKind)

// Requests Patchbay signed, checked by the reference libraries' server side in
// servers/authverifier.py: OAuth 1.0a by oauthlib's SignatureOnlyEndpoint, JWTs by PyJWT.
class TestAuthVerify final : public QObject
{
    Q_OBJECT

private:
    struct Sent
    {
        int status = 0;
        QJsonObject verdict;
    };

    Sent send(const Request &request, const PreparedRequest &signedRequest)
    {
        std::unique_ptr<HttpCall> call = m_client->send(request, signedRequest);
        QSignalSpy finished(call.get(), &HttpCall::finished);
        if (!finished.wait(20000)) {
            qWarning("no answer from the verifier");
            return {};
        }
        const Response &response = call->response();
        if (response.isError())
            qWarning("%s", qPrintable(response.errorMessage));
        return {response.statusCode, QJsonDocument::fromJson(response.body.readAll()).object()};
    }

    QString credential(const char *name) const
    {
        return m_credentials.value(QLatin1String(name)).toString();
    }

    OAuth1Config oauth1Config(OAuth1SignatureMethod method, OAuth1Placement placement) const
    {
        OAuth1Config config;
        config.consumerKey = credential("consumer_key");
        config.consumerSecret = credential("consumer_secret");
        config.token = credential("token");
        config.tokenSecret = credential("token_secret");
        config.privateKeyPem = credential("rsa_pkcs8");
        config.signatureMethod = method;
        config.placement = placement;
        if (method == OAuth1SignatureMethod::Plaintext && placement != OAuth1Placement::Header) {
            // oauthlib's server decodes query and body oauth_* values twice: see
            // authverifier.py. This consumer's secrets need no percent-encoding.
            config.consumerKey = credential("plain_consumer_key");
            config.consumerSecret = credential("plain_consumer_secret");
            config.tokenSecret = credential("plain_token_secret");
        }
        return config;
    }

    Request oauthRequest(const QString &method, BodyKind body) const
    {
        Request request;
        request.method = method;
        request.url = m_server->url(QStringLiteral("/oauth1/photos/\u00e9t\u00e9 2024")).toString()
            + QStringLiteral("?size=original&mark=a+b");
        request.params = {{QStringLiteral("city"), QStringLiteral("Z\u00fcrich")},
                          {QStringLiteral("q"), QStringLiteral("a b&c=d+e~")},
                          {QStringLiteral("q"), QStringLiteral("second")}};
        if (body == BodyKind::Form) {
            request.body.mode = BodyMode::FormUrlEncoded;
            request.body.formFields = {{QStringLiteral("title"), QStringLiteral("Caf\u00e9 & co")},
                                       {QStringLiteral("empty"), QString()},
                                       {QStringLiteral("plus"), QStringLiteral("1+1=2")}};
        } else if (body == BodyKind::Json) {
            request.body.mode = BodyMode::Json;
            request.body.text = QStringLiteral("{\"caption\": \"na\u00efve\"}");
        }
        return request;
    }

    JwtBearerConfig jwtConfig(JwtAlgorithm algorithm, JwtKeyFormat format, const QString &key) const
    {
        JwtBearerConfig config;
        config.algorithm = algorithm;
        config.keyFormat = format;
        config.key = key;
        config.keyId = QStringLiteral("key-2024");
        config.claimsTemplate = QStringLiteral(
            "{\n  \"sub\": \"{{user}}\",\n  \"aud\": \"patchbay-tests\",\n  \"count\": {{count}},\n"
            "  \"scopes\": [\"read\", \"{{scope}}\"]\n}");
        config.lifetimeSeconds = 120;
        config.setNotBefore = true;
        config.setJwtId = true;
        return config;
    }

    static std::optional<QString> variables(const QString &name)
    {
        if (name == QLatin1String("user"))
            return QStringLiteral("ada \"the countess\" \u00e9\U0001F600");
        if (name == QLatin1String("count"))
            return QStringLiteral("42");
        if (name == QLatin1String("scope"))
            return QStringLiteral("write\\all");
        return std::nullopt;
    }

    QTemporaryDir m_dir;
    std::optional<ExternalServer> m_server;
    QJsonObject m_credentials;
    QNetworkAccessManager m_network;
    std::unique_ptr<HttpClient> m_client;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server.emplace(ExternalServer::authVerifier(m_dir.path()));
        const QString error = m_server->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFile file(m_dir.filePath(QStringLiteral("credentials.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_credentials = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY(!credential("consumer_key").isEmpty());
        m_client = std::make_unique<HttpClient>(&m_network);
    }

    void cleanupTestCase() { m_server.reset(); }

    void oauth1IsAcceptedByOauthlib_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<OAuth1Placement>("placement");
        QTest::addColumn<OAuth1SignatureMethod>("signatureMethod");
        QTest::addColumn<BodyKind>("body");
        const QList<std::pair<const char *, OAuth1SignatureMethod>> methods
            = {{"HMAC-SHA1", OAuth1SignatureMethod::HmacSha1},
               {"HMAC-SHA256", OAuth1SignatureMethod::HmacSha256},
               {"HMAC-SHA512", OAuth1SignatureMethod::HmacSha512},
               {"RSA-SHA1", OAuth1SignatureMethod::RsaSha1},
               {"RSA-SHA256", OAuth1SignatureMethod::RsaSha256},
               {"RSA-SHA512", OAuth1SignatureMethod::RsaSha512},
               {"PLAINTEXT", OAuth1SignatureMethod::Plaintext}};
        const QList<std::pair<const char *, OAuth1Placement>> placements
            = {{"header", OAuth1Placement::Header},
               {"body", OAuth1Placement::Body},
               {"query", OAuth1Placement::Query}};
        for (const char *verb : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"}) {
            const QString method = QString::fromLatin1(verb);
            const bool bodyless = method == QLatin1String("GET") || method == QLatin1String("HEAD");
            for (const auto &[placementName, placement] : placements) {
                if (bodyless && placement == OAuth1Placement::Body)
                    continue;
                for (const auto &[methodName, signatureMethod] : methods) {
                    QTest::addRow("%s %s %s", verb, placementName, methodName)
                        << method << placement << signatureMethod
                        << (bodyless ? BodyKind::None : BodyKind::Form);
                }
            }
            if (!bodyless) {
                QTest::addRow("%s header, JSON body", verb)
                    << method << OAuth1Placement::Header << OAuth1SignatureMethod::HmacSha1
                    << BodyKind::Json;
                QTest::addRow("%s body, empty body", verb)
                    << method << OAuth1Placement::Body << OAuth1SignatureMethod::HmacSha256
                    << BodyKind::None;
            }
        }
    }
    void oauth1IsAcceptedByOauthlib()
    {
        QFETCH(QString, method);
        QFETCH(OAuth1Placement, placement);
        QFETCH(OAuth1SignatureMethod, signatureMethod);
        QFETCH(BodyKind, body);
        const Request request = oauthRequest(method, body);
        const Result<PreparedRequest> prepared = prepareRequest(request);
        QVERIFY(prepared.ok());
        const Result<PreparedRequest> signedRequest = signOAuth1(
            *prepared, oauth1Config(signatureMethod, placement), SigningInputs::fresh());
        QVERIFY2(signedRequest.ok(), why(signedRequest).constData());
        const Sent sent = send(request, *signedRequest);
        if (method == QLatin1String("HEAD")) { // no body to read the verdict from
            QCOMPARE(sent.status, 200);
            return;
        }
        QVERIFY2(sent.status == 200,
                 qPrintable(QString::fromUtf8(QJsonDocument(sent.verdict).toJson())));
        QCOMPARE(sent.verdict.value(QLatin1String("valid")).toBool(), true);
        // oauthlib read the parameters Patchbay meant: query and, for forms, body fields.
        const QJsonArray params = sent.verdict.value(QLatin1String("params")).toArray();
        QCOMPARE(paramValue(params, QStringLiteral("city")), QStringLiteral("Z\u00fcrich"));
        QCOMPARE(paramValue(params, QStringLiteral("mark")), QStringLiteral("a b"));
        if (body == BodyKind::Form)
            QCOMPARE(paramValue(params, QStringLiteral("title")), QStringLiteral("Caf\u00e9 & co"));
        if (body == BodyKind::Json)
            QCOMPARE(paramValue(params, QStringLiteral("caption")), QStringLiteral("<absent>"));
    }

    void oauth1CallbackVerifierAndRealm()
    {
        OAuth1Config config
            = oauth1Config(OAuth1SignatureMethod::HmacSha1, OAuth1Placement::Header);
        config.callback = QStringLiteral("http://127.0.0.1:8765/callback?from=patchbay");
        config.verifier = QStringLiteral("hfdp7dh39dks9884");
        config.realm = QStringLiteral("Photos \"beta\"");
        const Request request = oauthRequest(QStringLiteral("POST"), BodyKind::Form);
        const Result<PreparedRequest> signedRequest
            = signOAuth1(*prepareRequest(request), config, SigningInputs::fresh());
        QVERIFY(signedRequest.ok());
        const Sent sent = send(request, *signedRequest);
        QCOMPARE(sent.status, 200);
        const QJsonArray params = sent.verdict.value(QLatin1String("params")).toArray();
        QCOMPARE(paramValue(params, QStringLiteral("oauth_callback")), config.callback);
        QCOMPARE(paramValue(params, QStringLiteral("oauth_verifier")), config.verifier);
        QCOMPARE(sent.verdict.value(QLatin1String("realm")).toString(), config.realm);
    }

    void oauth1PkcsOneKey()
    {
        OAuth1Config config = oauth1Config(OAuth1SignatureMethod::RsaSha1, OAuth1Placement::Query);
        config.privateKeyPem = credential("rsa_pkcs1");
        const Request request = oauthRequest(QStringLiteral("GET"), BodyKind::None);
        const Result<PreparedRequest> signedRequest
            = signOAuth1(*prepareRequest(request), config, SigningInputs::fresh());
        QVERIFY(signedRequest.ok());
        QCOMPARE(send(request, *signedRequest).status, 200);
    }

    void oauth1RefusalsAreReal()
    {
        const Request request = oauthRequest(QStringLiteral("POST"), BodyKind::Form);
        const PreparedRequest prepared = *prepareRequest(request);
        // A wrong secret.
        OAuth1Config wrong = oauth1Config(OAuth1SignatureMethod::HmacSha1, OAuth1Placement::Header);
        wrong.consumerSecret += u'x';
        QCOMPARE(send(request, *signOAuth1(prepared, wrong, SigningInputs::fresh())).status, 401);
        // A replayed nonce: the same signed request twice.
        const Result<PreparedRequest> once = signOAuth1(
            prepared, oauth1Config(OAuth1SignatureMethod::HmacSha256, OAuth1Placement::Body),
            SigningInputs::fresh());
        QCOMPARE(send(request, *once).status, 200);
        QCOMPARE(send(request, *once).status, 401);
        // A body changed after signing.
        Result<PreparedRequest> tampered = signOAuth1(
            prepared, oauth1Config(OAuth1SignatureMethod::HmacSha1, OAuth1Placement::Header),
            SigningInputs::fresh());
        tampered.value().body.replace("title=", "title=X");
        tampered.value().removeHeaders("Content-Length");
        tampered.value().headers.append(
            {"Content-Length", QByteArray::number(tampered->body.size()), true, false});
        QCOMPARE(send(request, *tampered).status, 401);
    }

    void jwtIsAcceptedByPyJwt_data()
    {
        QTest::addColumn<JwtAlgorithm>("algorithm");
        QTest::addColumn<JwtKeyFormat>("format");
        QTest::addColumn<QString>("keyName"); // credentials.json entry
        QTest::addColumn<QString>("serverKey"); // /jwt/<serverKey>
        QTest::addColumn<QString>("placement");
        for (const auto &[name, algorithm] :
             QList<std::pair<const char *, JwtAlgorithm>> {{"HS256", JwtAlgorithm::HS256},
                                                           {"HS384", JwtAlgorithm::HS384},
                                                           {"HS512", JwtAlgorithm::HS512}}) {
            QTest::addRow("%s text secret", name)
                << algorithm << JwtKeyFormat::Text << QStringLiteral("jwt_text_secret")
                << QStringLiteral("text") << QStringLiteral("bearer");
            QTest::addRow("%s base64 secret", name)
                << algorithm << JwtKeyFormat::Base64 << QStringLiteral("jwt_base64_secret")
                << QStringLiteral("base64") << QStringLiteral("bearer");
        }
        QTest::newRow("RS256 PKCS#1")
            << JwtAlgorithm::RS256 << JwtKeyFormat::Pem << QStringLiteral("rsa_pkcs1")
            << QStringLiteral("rsa") << QStringLiteral("bearer");
        QTest::newRow("RS256 PKCS#8")
            << JwtAlgorithm::RS256 << JwtKeyFormat::Pem << QStringLiteral("rsa_pkcs8")
            << QStringLiteral("rsa") << QStringLiteral("bearer");
        QTest::newRow("ES256 SEC1")
            << JwtAlgorithm::ES256 << JwtKeyFormat::Pem << QStringLiteral("ec_sec1")
            << QStringLiteral("ec") << QStringLiteral("bearer");
        QTest::newRow("ES256 PKCS#8")
            << JwtAlgorithm::ES256 << JwtKeyFormat::Pem << QStringLiteral("ec_pkcs8")
            << QStringLiteral("ec") << QStringLiteral("bearer");
        QTest::newRow("HS256 custom header, no prefix")
            << JwtAlgorithm::HS256 << JwtKeyFormat::Text << QStringLiteral("jwt_text_secret")
            << QStringLiteral("text") << QStringLiteral("header");
        QTest::newRow("ES256 in the query")
            << JwtAlgorithm::ES256 << JwtKeyFormat::Pem << QStringLiteral("ec_pkcs8")
            << QStringLiteral("ec") << QStringLiteral("query");
    }
    void jwtIsAcceptedByPyJwt()
    {
        QFETCH(JwtAlgorithm, algorithm);
        QFETCH(JwtKeyFormat, format);
        QFETCH(QString, keyName);
        QFETCH(QString, serverKey);
        QFETCH(QString, placement);
        JwtBearerConfig config
            = jwtConfig(algorithm, format, m_credentials.value(keyName).toString());
        if (placement == QLatin1String("header")) {
            config.headerName = QStringLiteral("X-Api-Token");
            config.headerPrefix.clear();
        } else if (placement == QLatin1String("query")) {
            config.placement = JwtPlacement::Query;
        }
        Request request;
        request.method = QStringLiteral("POST");
        request.url
            = m_server->url(QStringLiteral("/jwt/%1/orders?audience=patchbay-tests").arg(serverKey))
                  .toString();
        const SigningInputs inputs = SigningInputs::fresh();
        const Result<PreparedRequest> signedRequest
            = signJwtBearer(*prepareRequest(request), config, inputs, &variables);
        QVERIFY2(signedRequest.ok(), why(signedRequest).constData());
        const Sent sent = send(request, *signedRequest);
        QVERIFY2(sent.status == 200,
                 qPrintable(QString::fromUtf8(QJsonDocument(sent.verdict).toJson())));
        const QJsonObject header = sent.verdict.value(QLatin1String("header")).toObject();
        QCOMPARE(header.value(QLatin1String("alg")).toString(),
                 QString::fromLatin1(jwtAlgorithmName(algorithm)));
        QCOMPARE(header.value(QLatin1String("kid")).toString(), QStringLiteral("key-2024"));
        const QJsonObject claims = sent.verdict.value(QLatin1String("claims")).toObject();
        QCOMPARE(claims.value(QLatin1String("sub")).toString(), *variables(QStringLiteral("user")));
        QCOMPARE(claims.value(QLatin1String("count")).toInt(), 42);
        QCOMPARE(claims.value(QLatin1String("scopes")).toArray(),
                 QJsonArray({QStringLiteral("read"), QStringLiteral("write\\all")}));
        const qint64 now = inputs.now.toSecsSinceEpoch();
        QCOMPARE(claims.value(QLatin1String("iat")).toInteger(), now);
        QCOMPARE(claims.value(QLatin1String("nbf")).toInteger(), now);
        QCOMPARE(claims.value(QLatin1String("exp")).toInteger(), now + 120);
        QCOMPARE(claims.value(QLatin1String("jti")).toString(), QString::fromLatin1(inputs.nonce));
    }

    void jwtRefusalsAreReal()
    {
        Request request;
        request.url
            = m_server->url(QStringLiteral("/jwt/text/x?audience=patchbay-tests")).toString();
        const PreparedRequest prepared = *prepareRequest(request);
        // Expired: signed an hour ago with a two-minute lifetime.
        JwtBearerConfig config
            = jwtConfig(JwtAlgorithm::HS256, JwtKeyFormat::Text, credential("jwt_text_secret"));
        SigningInputs past = SigningInputs::fresh();
        past.now = past.now.addSecs(-3600);
        Sent sent = send(request, *signJwtBearer(prepared, config, past, &variables));
        QCOMPARE(sent.status, 401);
        QVERIFY(sent.verdict.value(QLatin1String("error"))
                    .toString()
                    .contains(QLatin1String("ExpiredSignature")));
        // Another secret.
        config.key += u'!';
        sent = send(request, *signJwtBearer(prepared, config, SigningInputs::fresh(), &variables));
        QCOMPARE(sent.status, 401);
        QVERIFY(sent.verdict.value(QLatin1String("error"))
                    .toString()
                    .contains(QLatin1String("InvalidSignature")));
    }

    void jwtKeyMismatches()
    {
        Request request;
        request.url = m_server->url().toString();
        const PreparedRequest prepared = *prepareRequest(request);
        const auto fails = [&](JwtAlgorithm algorithm, JwtKeyFormat format, const QString &key,
                               const QString &code) {
            const Result<PreparedRequest> r = signJwtBearer(
                prepared, jwtConfig(algorithm, format, key), SigningInputs::fresh(), &variables);
            if (r.ok())
                return QStringLiteral("signed");
            return r.error().code == code ? QString() : r.error().code + u' ' + r.error().message;
        };
        QCOMPARE(fails(JwtAlgorithm::ES256, JwtKeyFormat::Pem, credential("ec_p384"),
                       QStringLiteral("jwt-config")),
                 QString());
        QCOMPARE(fails(JwtAlgorithm::ES256, JwtKeyFormat::Pem, credential("rsa_pkcs8"),
                       QStringLiteral("jwt-config")),
                 QString());
        QCOMPARE(fails(JwtAlgorithm::RS256, JwtKeyFormat::Pem, credential("ec_pkcs8"),
                       QStringLiteral("invalid-key")),
                 QString());
        QCOMPARE(fails(JwtAlgorithm::HS256, JwtKeyFormat::Pem, credential("rsa_pkcs8"),
                       QStringLiteral("jwt-config")),
                 QString());
        QCOMPARE(fails(JwtAlgorithm::RS256, JwtKeyFormat::Pem, QStringLiteral("not a key"),
                       QStringLiteral("invalid-key")),
                 QString());
    }
};

QTEST_GUILESS_MAIN(TestAuthVerify)
#include "tst_authverify.moc"
