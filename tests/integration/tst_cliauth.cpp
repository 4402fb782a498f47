#include "clisandbox.h"

#include "core/collections/collectionformat.h"
#include "core/collections/sendcontext.h"
#include "core/secrets/secretstore.h"
#include "tests/integration/externalserver.h"
#include "tests/support/testfiles.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

// `patchbay-cli send --auth` and `run` with OAuth 2.0 against real authorization servers
// (oauth2-mock-server and Authlib's device flow): the same flows and keyring tokens as the
// window, the device code and the sign-in address on stderr, --no-browser, --auth-timeout.
// Run twice by ctest: without a session bus (tokens last one process) and under with-keyring.sh
// (a private bus with an unlocked gnome-keyring: the second process reuses the first's token).
class TestCliAuth final : public QObject
{
    Q_OBJECT

private:
    QString m_mode;
    QTemporaryDir m_dir;
    std::optional<ExternalServer> m_mock;
    std::optional<ExternalServer> m_device;
    QNetworkAccessManager m_browser;
    QString m_collection;

    QString requestPath(const QString &name) const
    {
        return m_collection + u'/' + name + QStringLiteral(".yaml");
    }

    void writeRequest(const QString &dir, const QString &name, const Auth &auth = {})
    {
        SavedRequest saved;
        saved.name = name;
        saved.request.url = QStringLiteral("{{idp}}/api/me");
        saved.request.auth = auth;
        QVERIFY(writeFile(dir + u'/' + name + QStringLiteral(".yaml"), requestToYaml(saved)));
    }

    QJsonArray tokenLog(const ExternalServer &server)
    {
        std::unique_ptr<QNetworkReply> reply(
            m_browser.get(QNetworkRequest(server.url(QStringLiteral("/test/log")))));
        QSignalSpy(reply.get(), &QNetworkReply::finished).wait(10000);
        return QJsonDocument::fromJson(reply->readAll()).array();
    }

    int get(const QUrl &url, QByteArray *location = nullptr)
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        std::unique_ptr<QNetworkReply> reply(m_browser.get(request));
        QSignalSpy(reply.get(), &QNetworkReply::finished).wait(10000);
        if (location)
            *location = reply->rawHeader("Location");
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    // Starts the CLI and waits until its stderr matches `pattern`; returns the first capture.
    static QString startAndWaitFor(QProcess &cli, const QStringList &args,
                                   const QRegularExpression &pattern, QString *stderrText)
    {
        cli.start(cliPath(), args);
        const QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired() && cli.state() != QProcess::NotRunning) {
            cli.waitForReadyRead(200);
            *stderrText += QString::fromUtf8(cli.readAllStandardError());
            const QRegularExpressionMatch match = pattern.match(*stderrText);
            if (match.hasMatch())
                return match.captured(1);
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        m_mode = qEnvironmentVariable("PATCHBAY_SECRETS_MODE");
        QVERIFY2(m_mode == QLatin1String("keyring") || m_mode == QLatin1String("none"),
                 "run through ctest (PATCHBAY_SECRETS_MODE=keyring|none)");
        m_mock.emplace(ExternalServer::oauth2MockServer());
        QString error = m_mock->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_device.emplace(ExternalServer::oauth2DeviceServer());
        error = m_device->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // A collection whose auth is OAuth 2.0 client credentials, inherited by me.yaml; folders
        // with a device flow and a browser flow of their own.
        m_collection = m_dir.filePath(QStringLiteral("api"));
        CollectionInfo info;
        info.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        info.name = QStringLiteral("API");
        info.variables = {{QStringLiteral("idp"), m_mock->url().toString()},
                          {QStringLiteral("device"), m_device->url().toString()},
                          {QStringLiteral("clientSecret"), QStringLiteral("s3cret")}};
        info.auth.mode = AuthMode::OAuth2;
        info.auth.oauth2.grant = OAuth2Grant::ClientCredentials;
        info.auth.oauth2.tokenUrl = QStringLiteral("{{idp}}/token");
        info.auth.oauth2.clientId = QStringLiteral("patchbay-app");
        info.auth.oauth2.clientSecret = QStringLiteral("{{clientSecret}}");
        info.auth.oauth2.scope = QStringLiteral("read");
        QVERIFY(
            writeFile(m_collection + QStringLiteral("/collection.yaml"), collectionToYaml(info)));
        writeRequest(m_collection, QStringLiteral("me"));

        FolderInfo tv;
        tv.name = QStringLiteral("tv");
        tv.auth.mode = AuthMode::OAuth2;
        tv.auth.oauth2.grant = OAuth2Grant::DeviceCode;
        tv.auth.oauth2.deviceAuthUrl = QStringLiteral("{{device}}/device_authorization");
        tv.auth.oauth2.tokenUrl = QStringLiteral("{{device}}/token");
        tv.auth.oauth2.clientId = QStringLiteral("tv-app");
        QVERIFY(writeFile(m_collection + QStringLiteral("/tv/folder.yaml"), folderToYaml(tv)));
        writeRequest(m_collection + QStringLiteral("/tv"), QStringLiteral("watch"));

        FolderInfo browser;
        browser.name = QStringLiteral("browser");
        browser.auth.mode = AuthMode::OAuth2;
        browser.auth.oauth2.grant = OAuth2Grant::AuthorizationCode;
        browser.auth.oauth2.authUrl = QStringLiteral("{{idp}}/authorize");
        browser.auth.oauth2.tokenUrl = QStringLiteral("{{idp}}/token");
        browser.auth.oauth2.clientId = QStringLiteral("public-app");
        QVERIFY(writeFile(m_collection + QStringLiteral("/browser/folder.yaml"),
                          folderToYaml(browser)));
        writeRequest(m_collection + QStringLiteral("/browser"), QStringLiteral("profile"));

        // The same, with another scope: a token the other tests never get.
        FolderInfo slow = browser;
        slow.name = QStringLiteral("slow");
        slow.auth.oauth2.scope = QStringLiteral("admin");
        QVERIFY(writeFile(m_collection + QStringLiteral("/slow/folder.yaml"), folderToYaml(slow)));
        writeRequest(m_collection + QStringLiteral("/slow"), QStringLiteral("profile"));
    }

    void sendUsesTheInheritedOAuth2()
    {
        const ProcessRun first
            = runProcess(cliPath(),
                         {QStringLiteral("send"), QStringLiteral("GET"),
                          m_mock->url(QStringLiteral("/api/me")).toString(),
                          QStringLiteral("--auth"), requestPath(QStringLiteral("me"))});
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(first.out.startsWith(QLatin1String("HTTP/1.1 200")), qPrintable(first.out));
        QVERIFY2(first.err.contains(QLatin1String("OAuth 2.0 token: POST")), qPrintable(first.err));
        QVERIFY(!first.err.contains(QLatin1String("s3cret"))); // never the secret
        const qsizetype before = tokenLog(*m_mock).size();

        // A second process: the token comes from the keyring when there is one.
        const ProcessRun second = runProcess(
            cliPath(),
            {QStringLiteral("send"), QStringLiteral("GET"),
             m_mock->url(QStringLiteral("/api/me")).toString(), QStringLiteral("--auth"),
             requestPath(QStringLiteral("me")), QStringLiteral("-v")});
        QCOMPARE(second.exitCode, 0);
        const qsizetype after = tokenLog(*m_mock).size();
        if (m_mode == QLatin1String("keyring")) {
            QCOMPARE(after, before);
            QVERIFY(!second.err.contains(QLatin1String("OAuth 2.0 token:")));
        } else {
            QCOMPARE(after, before + 1);
            QVERIFY2(second.err.contains(QLatin1String("before the request")),
                     qPrintable(second.err)); // -v shows the token phase
        }
    }

    void deviceCodeGoesToStderr()
    {
        QProcess cli;
        QString err;
        static const QRegularExpression code(QStringLiteral("enter the code\\s+(\\S+)"));
        const QString userCode = startAndWaitFor(
            cli,
            {QStringLiteral("send"), QStringLiteral("GET"),
             m_device->url(QStringLiteral("/api/me")).toString(), QStringLiteral("--auth"),
             m_collection + QStringLiteral("/tv/watch.yaml")},
            code, &err);
        QVERIFY2(!userCode.isEmpty(), qPrintable(err));
        QVERIFY(err.contains(m_device->url(QStringLiteral("/activate")).toString()));
        QNetworkRequest approve(m_device->url(QStringLiteral("/activate")));
        approve.setHeader(QNetworkRequest::ContentTypeHeader,
                          QStringLiteral("application/x-www-form-urlencoded"));
        std::unique_ptr<QNetworkReply> reply(
            m_browser.post(approve, "decision=allow&user_code=" + userCode.toUtf8()));
        QSignalSpy(reply.get(), &QNetworkReply::finished).wait(10000);
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY(QString::fromUtf8(cli.readAllStandardOutput())
                    .startsWith(QLatin1String("HTTP/1.1 200")));
    }

    void noBrowserPrintsTheAddress()
    {
        QProcess cli;
        QString err;
        static const QRegularExpression address(QStringLiteral("\\n  (http://\\S+/authorize\\S+)"));
        const QString url = startAndWaitFor(cli,
                                            {QStringLiteral("send"), QStringLiteral("GET"),
                                             m_mock->url(QStringLiteral("/api/me")).toString(),
                                             QStringLiteral("--auth"),
                                             m_collection + QStringLiteral("/browser/profile.yaml"),
                                             QStringLiteral("--no-browser")},
                                            address, &err);
        QVERIFY2(!url.isEmpty(), qPrintable(err));
        QByteArray location;
        QCOMPARE(get(QUrl(url), &location), 302);
        QVERIFY(location.startsWith("http://127.0.0.1:"));
        QCOMPARE(get(QUrl(QString::fromUtf8(location))), 200);
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY(QString::fromUtf8(cli.readAllStandardOutput()).contains(QLatin1String("johndoe")));
    }

    void aRunNeverWaitsForeverForABrowser()
    {
        // An authorization code grant nobody completes: the run gives up after --auth-timeout.
        QElapsedTimer clock;
        clock.start();
        const ProcessRun run
            = runProcess(cliPath(),
                         {QStringLiteral("run"), m_collection + QStringLiteral("/slow"),
                          QStringLiteral("--no-browser"), QStringLiteral("--auth-timeout"),
                          QStringLiteral("1")});
        QVERIFY2(run.exitCode == 1, qPrintable(run.out + run.err));
        QVERIFY(clock.elapsed() < 20000);
        QVERIFY2(run.out.contains(QLatin1String("did not come back")), qPrintable(run.out));
        QVERIFY2(run.err.contains(QLatin1String("/authorize?")), qPrintable(run.err));
    }

    void runsAPostmanCollectionWithOAuth2()
    {
        const QString fixture
            = qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
            + QStringLiteral(
                  "/tests/integration/data/oauth2-client-credentials.postman_collection.json");
        const QStringList common {QStringLiteral("run"), fixture, QStringLiteral("--trust-scripts"),
                                  QStringLiteral("--var"),
                                  QStringLiteral("baseUrl=") + m_mock->url().toString()};
        // A wrong secret first (nothing in the keyring yet): explained, and the run fails.
        const ProcessRun wrong = runProcess(
            cliPath(),
            common + QStringList {QStringLiteral("--var"), QStringLiteral("clientSecret=nope")});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.out.contains(QLatin1String("client secret")), qPrintable(wrong.out));

        const qsizetype before = tokenLog(*m_mock).size();
        const ProcessRun ok = runProcess(
            cliPath(),
            common + QStringList {QStringLiteral("--var"), QStringLiteral("clientSecret=s3cret")});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.out + ok.err));
        QVERIFY2(ok.out.contains(QLatin1String("PASS  Me again")), qPrintable(ok.out));
        QVERIFY(ok.out.contains(QLatin1String("2/2 assertions")));
        QCOMPARE(tokenLog(*m_mock).size(), before + 1); // one token for both requests
    }
};

QTEST_GUILESS_MAIN(TestCliAuth)
#include "tst_cliauth.moc"
