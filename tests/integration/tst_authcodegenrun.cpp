#include "core/auth/awssigv4.h"
#include "core/interop/authcodegen.h"
#include "tests/integration/externalserver.h"
#include "tests/support/scriptedserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

Q_DECLARE_METATYPE(Patchbay::Core::CodeLanguage)

// Generated code for signed requests, run by the real tools: curl --digest, HTTPie's digest and
// requests' HTTPDigestAuth against httpbin's /digest-auth; curl --aws-sigv4 against a loopback
// server, where Patchbay's signer must produce curl's very Authorization header from what curl
// sent.
class TestAuthCodegenRun final : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        bool finished = false;
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    // Runs without blocking the event loop: the scripted server answers from this thread.
    Run runCode(const QString &code, CodeLanguage language)
    {
        const bool python = language == CodeLanguage::PythonRequests;
        const QString path
            = m_dir.filePath(python ? QStringLiteral("request.py") : QStringLiteral("request.sh"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(code.toUtf8());
        file.close();
        QProcess process;
        process.setWorkingDirectory(m_dir.path());
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(python ? QStringLiteral("/usr/bin/python3") : QStringLiteral("/bin/sh"),
                      {path});
        process.closeWriteChannel();
        Run run;
        run.finished = finished.wait(60000);
        if (!run.finished) {
            process.kill();
            finished.wait(5000);
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

    QTemporaryDir m_dir;
    std::optional<ExternalServer> m_httpbin;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_httpbin.emplace(ExternalServer::httpbin());
        const QString error = m_httpbin->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase() { m_httpbin.reset(); }

    void digestCodeAuthenticates_data()
    {
        QTest::addColumn<CodeLanguage>("language");
        QTest::addColumn<QString>("algorithm");
        for (const char *algorithm : {"MD5", "SHA-256"}) {
            QTest::addRow("curl %s", algorithm)
                << CodeLanguage::Curl << QString::fromLatin1(algorithm);
            QTest::addRow("httpie %s", algorithm)
                << CodeLanguage::Httpie << QString::fromLatin1(algorithm);
            QTest::addRow("python %s", algorithm)
                << CodeLanguage::PythonRequests << QString::fromLatin1(algorithm);
        }
        QTest::newRow("python SHA-512")
            << CodeLanguage::PythonRequests << QStringLiteral("SHA-512");
    }
    void digestCodeAuthenticates()
    {
        QFETCH(CodeLanguage, language);
        QFETCH(QString, algorithm);
        Request request;
        request.url
            = m_httpbin->url(QStringLiteral("/digest-auth/auth/ada/p4ss-w0rd/%1").arg(algorithm))
                  .toString();
        const DigestConfig config {QStringLiteral("ada"), QStringLiteral("p4ss-w0rd")};
        const Result<QString> code = generateSignedCode(request, language, config);
        QVERIFY(code.ok());
        const Run run = runCode(*code, language);
        QVERIFY2(run.finished && run.exitCode == 0,
                 qPrintable(QString::fromUtf8(run.err + run.out) + u'\n' + *code));
        const qsizetype brace = run.out.indexOf('{');
        const QJsonObject echo = QJsonDocument::fromJson(run.out.mid(brace)).object();
        QVERIFY2(echo.value(QLatin1String("authenticated")).toBool(), run.out.constData());
    }

    void curlAwsSigV4MatchesPatchbay_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("token");
        QTest::newRow("GET, unsorted query") << QStringLiteral("GET") << QString() << QString();
        QTest::newRow("POST JSON, session token")
            << QStringLiteral("POST") << QStringLiteral("{\"name\": \"Zo\u00eb\"}")
            << QStringLiteral("FQoGZXIvYXdzE/token+x=");
    }
    void curlAwsSigV4MatchesPatchbay()
    {
        QFETCH(QString, method);
        QFETCH(QString, body);
        QFETCH(QString, token);
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &c) { c.respond(200, "{}"); });
        Request request;
        request.method = method;
        request.url
            = server.url(QStringLiteral("/prod/items?zeta=1&alpha=two%20words&beta=")).toString();
        request.params = {{QStringLiteral("alpha"), QStringLiteral("a")},
                          {QStringLiteral("city"), QStringLiteral("Z\u00fcrich")}};
        if (!body.isEmpty()) {
            request.body.mode = BodyMode::Json;
            request.body.text = body;
        }
        AwsSigV4Config config;
        config.accessKeyId = QStringLiteral("AKIDEXAMPLE");
        config.secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        config.sessionToken = token;
        config.region = QStringLiteral("eu-west-1");
        config.service = QStringLiteral("execute-api");
        const Result<QString> code = generateSignedCode(request, CodeLanguage::Curl, config);
        QVERIFY(code.ok());
        const Run run = runCode(*code, CodeLanguage::Curl);
        QVERIFY2(run.finished && run.exitCode == 0, run.err.constData());
        QCOMPARE(server.requests().size(), 1);
        const ReceivedRequest received = server.requests().first();

        // Patchbay signs what curl sent, at curl's time, with the headers curl signed.
        const QByteArray authorization = received.header("Authorization");
        const QByteArray signedNames
            = authorization.mid(authorization.indexOf("SignedHeaders=") + 14).split(',').first();
        PreparedRequest sent;
        sent.method = QString::fromLatin1(received.method);
        sent.url
            = QUrl(server.url().toString(QUrl::RemovePath) + QString::fromLatin1(received.target),
                   QUrl::StrictMode);
        for (const QByteArray &name : signedNames.split(';')) {
            if (name != "host" && name != "x-amz-date" && name != "x-amz-security-token")
                sent.headers.append({name, received.header(name)});
        }
        sent.body = received.body;
        sent.hasBody = !received.body.isEmpty();
        for (const QByteArray &name : signedNames.split(';')) {
            if (!name.startsWith("x-amz-") && name != "host" && name != "content-type")
                config.extraSignedHeaders.append(QString::fromLatin1(name));
        }
        const QDateTime at
            = QDateTime::fromString(QString::fromLatin1(received.header("X-Amz-Date")),
                                    QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
        QVERIFY(at.isValid());
        const Result<AwsSigV4Signature> ours
            = awsSigV4Signature(sent, config, {QDateTime(at.date(), at.time(), Qt::UTC), {}});
        QVERIFY(ours.ok());
        QCOMPARE(ours->request.header("Authorization"), authorization);
        // curl was handed the query in AWS's order (the URL is sorted by the generator).
        QVERIFY2(
            received.query().startsWith("alpha=a&alpha=two%20words&beta=&city=Z%C3%BCrich&zeta=1"),
            received.query().constData());
    }
};

QTEST_GUILESS_MAIN(TestAuthCodegenRun)
#include "tst_authcodegenrun.moc"
