#include "core/auth/awssigv4.h"
#include "core/http/curltransport.h"
#include "core/http/httpclient.h"
#include "tests/support/scriptedserver.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

Q_DECLARE_METATYPE(Patchbay::Core::AwsSigV4Config)

namespace {

AwsSigV4Config exampleConfig(const QString &service = QStringLiteral("iam"))
{
    AwsSigV4Config config;
    config.accessKeyId = QStringLiteral("AKIDEXAMPLE");
    config.secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    config.region = QStringLiteral("us-east-1");
    config.service = service;
    return config;
}

SigningInputs exampleTime()
{
    return {QDateTime(QDate(2015, 8, 30), QTime(12, 36), Qt::UTC), "unused"};
}

PreparedRequest prepared(const Request &request)
{
    Result<PreparedRequest> out = prepareRequest(request);
    if (!out)
        qFatal("%s", qPrintable(out.error().message));
    return *out;
}

} // namespace

// The SigV4 signer's own behaviour: AWS's documented example, configuration errors, and what
// reaches a server on the wire (built twice, for Qt's and libcurl's transports). The byte-for-
// byte comparison with botocore over a matrix of requests is tst_awssigv4_botocore
// (sigv4_oracle.py).
class TestAwsSigV4 final : public QObject
{
    Q_OBJECT

private:
#ifdef PATCHBAY_TEST_CURL
    CurlTransport m_transport;
#else
    QNetworkAccessManager m_transport;
#endif
    std::unique_ptr<HttpClient> m_client;

private slots:
    void initTestCase()
    {
        m_client = std::make_unique<HttpClient>(&m_transport);
    }

    void awsDocumentedExample()
    {
        // AWS General Reference, "Signature Version 4 signing process" (IAM ListUsers).
        Request request;
        request.url
            = QStringLiteral("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08");
        request.headers = {{QStringLiteral("Content-Type"),
                            QStringLiteral("application/x-www-form-urlencoded; charset=utf-8")}};
        const Result<AwsSigV4Signature> s
            = awsSigV4Signature(prepared(request), exampleConfig(), exampleTime());
        QVERIFY(s.ok());
        QCOMPARE(s->canonicalRequest,
                 QByteArray("GET\n/\nAction=ListUsers&Version=2010-05-08\n"
                            "content-type:application/x-www-form-urlencoded; charset=utf-8\n"
                            "host:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                            "content-type;host;x-amz-date\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(s->signature,
                 QByteArray("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"));
        QCOMPARE(s->request.header("Authorization"),
                 QByteArray("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/"
                            "aws4_request, SignedHeaders=content-type;host;x-amz-date, "
                            "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f"
                            "2b5d7"));
    }

    void credentialHeadersAreMarked()
    {
        Request request;
        request.url = QStringLiteral("https://sqs.us-east-1.amazonaws.com/");
        request.headers = {{QStringLiteral("Authorization"), QStringLiteral("Basic old")}};
        AwsSigV4Config config = exampleConfig(QStringLiteral("sqs"));
        config.sessionToken = QStringLiteral("token-value");
        const Result<PreparedRequest> signedRequest
            = signAwsSigV4(prepared(request), config, exampleTime());
        QVERIFY(signedRequest.ok());
        int authorizations = 0;
        for (const PreparedHeader &h : signedRequest->headers) {
            const bool secret = h.name == "Authorization" || h.name == "X-Amz-Security-Token";
            QCOMPARE(h.credential, secret);
            authorizations += h.name.compare("Authorization", Qt::CaseInsensitive) == 0;
        }
        QCOMPARE(authorizations, 1);
        QCOMPARE(signedRequest->header("X-Amz-Security-Token"), QByteArray("token-value"));
    }

    void configErrors_data()
    {
        QTest::addColumn<AwsSigV4Config>("config");
        QTest::addColumn<QString>("mentions");
        AwsSigV4Config noKey = exampleConfig();
        noKey.accessKeyId = QStringLiteral("  ");
        QTest::newRow("no access key") << noKey << QStringLiteral("access key ID");
        AwsSigV4Config noSecret = exampleConfig();
        noSecret.secretAccessKey.clear();
        QTest::newRow("no secret") << noSecret << QStringLiteral("secret access key");
        AwsSigV4Config noRegion = exampleConfig();
        noRegion.region.clear();
        QTest::newRow("no region") << noRegion << QStringLiteral("us-east-1");
        AwsSigV4Config noService = exampleConfig();
        noService.service.clear();
        QTest::newRow("no service") << noService << QStringLiteral("execute-api");
        AwsSigV4Config tooLong = exampleConfig();
        tooLong.placement = AwsSigV4Placement::Query;
        tooLong.expiresSeconds = 604801;
        QTest::newRow("expiry too long") << tooLong << QStringLiteral("604800");
        AwsSigV4Config missingHeader = exampleConfig();
        missingHeader.extraSignedHeaders = {QStringLiteral("X-Absent")};
        QTest::newRow("listed header missing") << missingHeader << QStringLiteral("X-Absent");
    }
    void configErrors()
    {
        QFETCH(AwsSigV4Config, config);
        QFETCH(QString, mentions);
        Request request;
        request.url = QStringLiteral("https://iam.amazonaws.com/");
        const Result<PreparedRequest> signedRequest
            = signAwsSigV4(prepared(request), config, exampleTime());
        QVERIFY(!signedRequest.ok());
        QCOMPARE(signedRequest.error().code, QStringLiteral("aws-config"));
        QVERIFY2(signedRequest.error().message.contains(mentions),
                 qPrintable(signedRequest.error().message));
        QVERIFY(!signedRequest.error().message.contains(QStringLiteral("EXAMPLEKEY")));
    }

    void whatWasSignedIsWhatIsSent_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<bool>("inQuery");
        QTest::newRow("s3 header") << QStringLiteral("s3") << false;
        QTest::newRow("s3 presigned") << QStringLiteral("s3") << true;
        QTest::newRow("execute-api header") << QStringLiteral("execute-api") << false;
    }
    void whatWasSignedIsWhatIsSent()
    {
        QFETCH(QString, service);
        QFETCH(bool, inQuery);
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &c) { c.respond(200); });
        Request request;
        request.method = QStringLiteral("PUT");
        request.url = server.url(QStringLiteral("/bucket/my (1st) file!*'.txt")).toString()
            + QStringLiteral("/été?b=2&a=x:y&flag");
        request.params = {{QStringLiteral("q"), QStringLiteral("a b+c")}};
        request.headers = {{QStringLiteral("X-Amz-Meta-Tag"), QStringLiteral("one")},
                           {QStringLiteral("x-amz-meta-tag"), QStringLiteral("two  words")}};
        request.body.mode = BodyMode::Text;
        request.body.text = QStringLiteral("payload");
        AwsSigV4Config config = exampleConfig(service);
        config.placement = inQuery ? AwsSigV4Placement::Query : AwsSigV4Placement::Header;
        const Result<AwsSigV4Signature> s
            = awsSigV4Signature(prepared(request), config, SigningInputs::fresh());
        QVERIFY(s.ok());

        std::unique_ptr<HttpCall> call = m_client->send(request, s->request);
        QSignalSpy finished(call.get(), &HttpCall::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(call->response().statusCode, 200);
        QCOMPARE(server.requests().size(), 1);
        const ReceivedRequest received = server.requests().first();
        const QList<QByteArray> canonical = s->canonicalRequest.split('\n');
        // The path as sent is the canonical URI (S3), or is encoded once more to give it.
        const QByteArray path = received.path();
        if (service == QLatin1String("s3"))
            QCOMPARE(path, canonical.at(1));
        else
            QCOMPARE(QByteArray(path).replace("%", "%25"), canonical.at(1));
        // The query as sent, sorted, is the canonical query (plus the signature itself).
        QList<QByteArray> items = received.query().split('&');
        items.removeIf([](const QByteArray &item) { return item.startsWith("X-Amz-Signature="); });
        for (QByteArray &item : items) {
            if (!item.contains('='))
                item += '=';
        }
        std::sort(items.begin(), items.end());
        QCOMPARE(items.join('&'), canonical.at(2));
        if (!inQuery) {
            // The repeated header arrives as the one value that was signed.
            QCOMPARE(received.header("X-Amz-Meta-Tag"), QByteArray("one,two words"));
            QVERIFY(s->canonicalRequest.contains("\nx-amz-meta-tag:one,two words\n"));
            QCOMPARE(received.header("Authorization"), s->request.header("Authorization"));
            QCOMPARE(received.header("X-Amz-Date"), s->request.header("X-Amz-Date"));
        }
    }
};

QTEST_GUILESS_MAIN(TestAwsSigV4)
#include "tst_awssigv4.moc"
