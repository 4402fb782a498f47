#include "core/interop/codegen.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;

Q_DECLARE_METATYPE(Patchbay::Core::Request)
Q_DECLARE_METATYPE(Patchbay::Core::CodeLanguage)

namespace {

Request makeRequest(const QString &method, const QString &url)
{
    Request r;
    r.method = method;
    r.url = url;
    return r;
}

// The request shapes of the golden files, by name.
QList<QPair<QString, Request>> shapes()
{
    QList<QPair<QString, Request>> out;

    Request get
        = makeRequest(QStringLiteral("GET"), QStringLiteral("https://api.example.com/users"));
    get.params = {{QStringLiteral("page"), QStringLiteral("2")},
                  {QStringLiteral("q"), QStringLiteral("a b&c=d+e")},
                  {QStringLiteral("off"), QStringLiteral("x"), false},
                  {QStringLiteral("tag"), QStringLiteral("ünï")},
                  {QStringLiteral("tag"), QStringLiteral("{{tag}}")}};
    get.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json")},
                   {QStringLiteral("X-Disabled"), QStringLiteral("no"), false}};
    out.append({QStringLiteral("get-params"), get});

    Request patch
        = makeRequest(QStringLiteral("PATCH"), QStringLiteral("https://api.example.com/users/1"));
    patch.body.mode = BodyMode::Json;
    patch.body.text = QStringLiteral("{\n  \"email\": \"new@example.com\",\n  \"active\": true,\n"
                                     "  \"score\": 1.50,\n  \"manager\": null,\n"
                                     "  \"tags\": [\"a\", \"b\"],\n"
                                     "  \"address\": {\"city\": \"Zürich\", \"zip\": \"8000\"}\n}");
    out.append({QStringLiteral("patch-json"), patch});

    Request put
        = makeRequest(QStringLiteral("PUT"), QStringLiteral("https://api.example.com/users/1"));
    put.headers = {{QStringLiteral("If-Match"), QStringLiteral("\"v42\"")},
                   {QStringLiteral("Content-Length"), QStringLiteral("999")}};
    put.body.mode = BodyMode::Json;
    put.body.text = QStringLiteral("{\"name\":\"Ada\",\"admin\":false}");
    out.append({QStringLiteral("put-json-if-match"), put});

    Request form
        = makeRequest(QStringLiteral("POST"), QStringLiteral("https://api.example.com/login"));
    form.body.mode = BodyMode::FormUrlEncoded;
    form.body.formFields = {{QStringLiteral("user"), QStringLiteral("Ada Lovelace")},
                            {QStringLiteral("lang"), QStringLiteral("C++ & more")},
                            {QStringLiteral("skip"), QStringLiteral("x"), false}};
    out.append({QStringLiteral("form"), form});

    Request multipart
        = makeRequest(QStringLiteral("POST"), QStringLiteral("https://api.example.com/upload"));
    multipart.body.mode = BodyMode::Multipart;
    multipart.body.multipartFields
        = {{QStringLiteral("title"), QStringLiteral("Q3 report"), false, {}, true},
           {QStringLiteral("file"), QStringLiteral("/tmp/report.csv"), true,
            QStringLiteral("text/csv"), true},
           {QStringLiteral("logo"), QStringLiteral("/tmp/logo.png"), true, {}, true}};
    out.append({QStringLiteral("multipart"), multipart});

    Request binary
        = makeRequest(QStringLiteral("POST"), QStringLiteral("https://api.example.com/photos"));
    binary.body.mode = BodyMode::BinaryFile;
    binary.body.filePath = QStringLiteral("/tmp/photo.png");
    binary.body.contentType = QStringLiteral("image/png");
    out.append({QStringLiteral("binary"), binary});

    Request basic
        = makeRequest(QStringLiteral("GET"), QStringLiteral("https://api.example.com/me"));
    basic.auth.mode = AuthMode::Basic;
    basic.auth.username = QStringLiteral("ada");
    basic.auth.password = QStringLiteral("s3cr:et");
    basic.headers = {{QStringLiteral("Authorization"), QStringLiteral("ignored")}};
    out.append({QStringLiteral("basic-auth"), basic});

    Request bearer
        = makeRequest(QStringLiteral("DELETE"), QStringLiteral("https://api.example.com/posts/7"));
    bearer.auth.mode = AuthMode::Bearer;
    bearer.auth.token = QStringLiteral(" {{token}} ");
    out.append({QStringLiteral("bearer"), bearer});

    Request apiKey = makeRequest(QStringLiteral("GET"),
                                 QStringLiteral("https://api.example.com/search?lang=en"));
    apiKey.auth.mode = AuthMode::ApiKey;
    apiKey.auth.keyName = QStringLiteral("api_key");
    apiKey.auth.keyValue = QStringLiteral("k/123");
    apiKey.auth.keyLocation = ApiKeyLocation::Query;
    out.append({QStringLiteral("api-key-query"), apiKey});

    Request apiKeyHeader = apiKey;
    apiKeyHeader.url = QStringLiteral("https://api.example.com/search");
    apiKeyHeader.auth.keyName = QStringLiteral("X-Api-Key");
    apiKeyHeader.auth.keyLocation = ApiKeyLocation::Header;
    out.append({QStringLiteral("api-key-header"), apiKeyHeader});

    Request noRedirect
        = makeRequest(QStringLiteral("GET"), QStringLiteral("https://api.example.com/short/abc"));
    noRedirect.settings.followRedirects = false;
    noRedirect.settings.timeoutMs = 1500;
    out.append({QStringLiteral("no-redirect"), noRedirect});

    Request insecure
        = makeRequest(QStringLiteral("GET"), QStringLiteral("https://self-signed.test/"));
    insecure.settings.verifyTls = false;
    insecure.settings.timeoutMs = 0;
    out.append({QStringLiteral("insecure"), insecure});

    Request purge = makeRequest(QStringLiteral("PURGE"),
                                QStringLiteral("https://cdn.example.com/assets/app.js"));
    out.append({QStringLiteral("custom-verb"), purge});

    Request nasty
        = makeRequest(QStringLiteral("POST"), QStringLiteral("https://api.example.com/notes"));
    nasty.headers = {{QStringLiteral("X-Note"), QStringLiteral("it's $HOME `id` \"q\" \\ ok")}};
    nasty.body.mode = BodyMode::Text;
    nasty.body.text = QStringLiteral("it's $HOME and `uname`\nline 2 \"quoted\" \\n ${x} ✓ 😀\n");
    out.append({QStringLiteral("nasty-text"), nasty});

    return out;
}

QString extension(CodeLanguage language)
{
    switch (language) {
    case CodeLanguage::PythonRequests:
        return QStringLiteral("py");
    case CodeLanguage::Curl:
        return QStringLiteral("curl.sh");
    case CodeLanguage::Httpie:
        return QStringLiteral("httpie.sh");
    case CodeLanguage::JavaScriptFetch:
        return QStringLiteral("mjs");
    case CodeLanguage::CppQt:
        return QStringLiteral("cpp");
    }
    return {};
}

QString goldenDir()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/tests/core/interop/data/codegen");
}

} // namespace

// Code generation: golden files for every language and request shape, plus the properties a
// user relies on (shell quoting survives a real shell, names round-trip).
class TestCodegen final : public QObject
{
    Q_OBJECT

private slots:
    // "curl '-oout.txt'" writes a file: a URL is put where no option can be parsed.
    void urlsAreNeverOptions_data()
    {
        QTest::addColumn<CodeLanguage>("language");
        QTest::newRow("curl") << CodeLanguage::Curl;
        QTest::newRow("httpie") << CodeLanguage::Httpie;
    }
    void urlsAreNeverOptions()
    {
        QFETCH(CodeLanguage, language);
        Request request;
        request.url = QStringLiteral("-oout.txt");
        const Result<QString> code = generateCode(request, language);
        QVERIFY(code.ok());
        QVERIFY2(code->contains(QLatin1String("-- ")), qPrintable(*code));
        QTemporaryDir dir;
        QProcess shell;
        shell.setWorkingDirectory(dir.path());
        shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), *code});
        QVERIFY(shell.waitForFinished(30000));
        QVERIFY2(shell.exitCode() != 0, qPrintable(*code)); // an invalid URL, nothing sent
        QVERIFY2(!QFile::exists(dir.filePath(QStringLiteral("out.txt"))), qPrintable(*code));
    }

    void matchesGoldenFiles_data()
    {
        QTest::addColumn<Request>("request");
        QTest::addColumn<CodeLanguage>("language");
        QTest::addColumn<QString>("golden");
        const QList<QPair<QString, Request>> all = shapes();
        for (const auto &[name, request] : all) {
            for (CodeLanguage language : codeLanguages()) {
                const QString file = name + u'.' + extension(language);
                QTest::newRow(qPrintable(file)) << request << language << file;
            }
        }
    }
    // PATCHBAY_UPDATE_GOLDEN=1 rewrites the files; review the diff before committing it.
    void matchesGoldenFiles()
    {
        QFETCH(Request, request);
        QFETCH(CodeLanguage, language);
        QFETCH(QString, golden);
        const Result<QString> code = generateCode(request, language);
        QVERIFY2(code.ok(), qPrintable(code.ok() ? QString() : code.error().message));
        QFile file(goldenDir() + u'/' + golden);
        if (qEnvironmentVariableIsSet("PATCHBAY_UPDATE_GOLDEN")) {
            QVERIFY(QDir().mkpath(goldenDir()));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(code->toUtf8());
            return;
        }
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QCOMPARE(*code, QString::fromUtf8(file.readAll()));
    }

    void containsWhatTheSettingsAsk_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::addColumn<CodeLanguage>("language");
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QStringList>("absent");
        const auto L = [](std::initializer_list<const char *> items) {
            QStringList out;
            for (const char *item : items)
                out.append(QString::fromUtf8(item));
            return out;
        };
        using C = CodeLanguage;
        QTest::newRow("python repeated params as tuples")
            << "get-params" << C::PythonRequests
            << L({"params=[(\"page\", \"2\")", "(\"tag\", \"ünï\")", "(\"tag\", \"{{tag}}\")"})
            << L({"\"off\"", "X-Disabled"});
        QTest::newRow("python json literal") << "patch-json" << C::PythonRequests
                                             << L({"json={", "\"active\": True", "\"score\": 1.50",
                                                   "\"manager\": None", "requests.patch("})
                                             << L({"\"Content-Type\": ", "data="});
        QTest::newRow("python no content-length")
            << "put-json-if-match" << C::PythonRequests
            << L({"\"If-Match\": \"\\\"v42\\\"\"", "\"admin\": False"}) << L({"Content-Length"});
        QTest::newRow("python form") << "form" << C::PythonRequests
                                     << L({"data={\"user\": \"Ada Lovelace\""}) << L({"skip"});
        QTest::newRow("python multipart")
            << "multipart" << C::PythonRequests
            << L({"files={", "\"title\": (None, \"Q3 report\")",
                  "(\"report.csv\", open(\"/tmp/report.csv\", \"rb\"), \"text/csv\")",
                  "\"logo\": open(\"/tmp/logo.png\", \"rb\")"})
            << L({"data="});
        QTest::newRow("python binary")
            << "binary" << C::PythonRequests
            << L({"data=open(\"/tmp/photo.png\", \"rb\")", "\"Content-Type\": \"image/png\""})
            << L({});
        QTest::newRow("python basic") << "basic-auth" << C::PythonRequests
                                      << L({"auth=(\"ada\", \"s3cr:et\")"}) << L({"ignored"});
        QTest::newRow("python bearer")
            << "bearer" << C::PythonRequests
            << L({"requests.delete(", "\"Authorization\": \"Bearer {{token}}\""}) << L({});
        QTest::newRow("python no redirect") << "no-redirect" << C::PythonRequests
                                            << L({"allow_redirects=False", "timeout=1.5"}) << L({});
        QTest::newRow("python insecure")
            << "insecure" << C::PythonRequests << L({"verify=False"}) << L({"timeout="});
        QTest::newRow("python custom verb") << "custom-verb" << C::PythonRequests
                                            << L({"requests.request(", "\"PURGE\","}) << L({});
        QTest::newRow("python non-ascii text is encoded")
            << "nasty-text" << C::PythonRequests << L({".encode()", "\\\\n ${x}"}) << L({});
        QTest::newRow("curl get")
            << "get-params" << C::Curl
            << L({"-- 'https://api.example.com/users?page=2&q=a%20b%26c%3Dd%2Be"
                  "&tag=%C3%BCn%C3%AF&tag={{tag}}'\n",
                  "-L", "--max-time 30"})
            << L({"-X"});
        QTest::newRow("curl patch json")
            << "patch-json" << C::Curl
            << L({"curl -X PATCH", "-H 'Content-Type: application/json'", "--data-raw '{"})
            << L({"-k"});
        QTest::newRow("curl form")
            << "form" << C::Curl
            << L({"--data-urlencode 'user=Ada Lovelace'", "--data-urlencode 'lang=C++ & more'"})
            << L({"-X"});
        QTest::newRow("curl multipart")
            << "multipart" << C::Curl
            << L({"--form-string 'title=Q3 report'", "-F 'file=@/tmp/report.csv;type=text/csv'",
                  "-F 'logo=@/tmp/logo.png'"})
            << L({"-X"});
        QTest::newRow("curl binary")
            << "binary" << C::Curl << L({"--data-binary '@/tmp/photo.png'"}) << L({"-X"});
        QTest::newRow("curl basic")
            << "basic-auth" << C::Curl << L({"-u 'ada:s3cr:et'"}) << L({"Authorization"});
        QTest::newRow("curl no redirect")
            << "no-redirect" << C::Curl << L({"--max-time 1.5"}) << L({"-L"});
        QTest::newRow("curl insecure") << "insecure" << C::Curl << L({"-k"}) << L({"--max-time"});
        QTest::newRow("curl purge") << "custom-verb" << C::Curl << L({"curl -X PURGE"}) << L({});
        QTest::newRow("curl delete")
            << "bearer" << C::Curl << L({"curl -X DELETE", "Authorization: Bearer {{token}}"})
            << L({});
        QTest::newRow("httpie get")
            << "get-params" << C::Httpie
            << L({"-- GET 'https://api.example.com/users'", "'q==a b&c=d+e'", "'tag==ünï'",
                  "'Accept:application/json'", "--follow"})
            << L({"off=="});
        QTest::newRow("httpie json")
            << "patch-json" << C::Httpie
            << L({"-- PATCH", "'Content-Type:application/json'", "--raw '{"}) << L({});
        QTest::newRow("httpie form")
            << "form" << C::Httpie
            << L({"http --ignore-stdin --form", "-- POST", "'user=Ada Lovelace'"}) << L({});
        QTest::newRow("httpie multipart")
            << "multipart" << C::Httpie
            << L({"http --ignore-stdin --form", "-- POST", "'file@/tmp/report.csv;type=text/csv'",
                  "'title=Q3 report'"})
            << L({});
        QTest::newRow("httpie basic")
            << "basic-auth" << C::Httpie << L({"-a 'ada:s3cr:et'"}) << L({});
        QTest::newRow("httpie insecure")
            << "insecure" << C::Httpie << L({"--verify=no"}) << L({"--timeout"});
        QTest::newRow("fetch params")
            << "get-params" << C::JavaScriptFetch
            << L({"new URLSearchParams([", "[\"tag\", \"ünï\"],",
                  "fetch(`https://api.example.com/users?${params}`", "response.ok"})
            << L({"method:"});
        QTest::newRow("fetch json keeps literals")
            << "patch-json" << C::JavaScriptFetch
            << L({"method: \"PATCH\"", "\"score\": 1.50", "body: `{"}) << L({"JSON.stringify"});
        QTest::newRow("fetch multipart")
            << "multipart" << C::JavaScriptFetch
            << L({"new FormData()", "readFile(\"/tmp/report.csv\")", "{ type: \"text/csv\" }"})
            << L({});
        QTest::newRow("fetch no redirect")
            << "no-redirect" << C::JavaScriptFetch
            << L({"redirect: \"manual\"", "AbortSignal.timeout(1500)"}) << L({});
        QTest::newRow("fetch basic") << "basic-auth" << C::JavaScriptFetch
                                     << L({"\"Basic \" + btoa(\"ada:s3cr:et\")"}) << L({});
        QTest::newRow("qt json")
            << "patch-json" << C::CppQt
            << L({"sendCustomRequest(request, \"PATCH\", body)", "setTransferTimeout(30000)",
                  "request.setRawHeader(\"Content-Type\", \"application/json\")"})
            << L({"ManualRedirectPolicy", "ignoreSslErrors"});
        QTest::newRow("qt params")
            << "get-params" << C::CppQt
            << L({"QUrlQuery query(url);", "QStringLiteral(\"a b&c=d%2Be\")"}) << L({});
        QTest::newRow("qt no redirect")
            << "no-redirect" << C::CppQt << L({"ManualRedirectPolicy"}) << L({});
        QTest::newRow("qt insecure")
            << "insecure" << C::CppQt << L({"ignoreSslErrors"}) << L({"setTransferTimeout"});
        QTest::newRow("qt multipart")
            << "multipart" << C::CppQt << L({"QHttpMultiPart", "setBodyDevice"}) << L({});
    }
    void containsWhatTheSettingsAsk()
    {
        QFETCH(QString, shape);
        QFETCH(CodeLanguage, language);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);
        std::optional<Request> request;
        const QList<QPair<QString, Request>> all = shapes();
        for (const auto &[name, r] : all) {
            if (name == shape)
                request = r;
        }
        QVERIFY(request);
        const Result<QString> code = generateCode(*request, language);
        QVERIFY(code.ok());
        for (const QString &text : std::as_const(present))
            QVERIFY2(code->contains(text), qPrintable(text + QStringLiteral("\n---\n") + *code));
        for (const QString &text : std::as_const(absent))
            QVERIFY2(!code->contains(text), qPrintable(text + QStringLiteral("\n---\n") + *code));
    }

    void shellQuotingSurvivesARealShell_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("plain") << QStringLiteral("hello");
        QTest::newRow("empty") << QString();
        QTest::newRow("single quotes") << QStringLiteral("it's 'quoted'");
        QTest::newRow("dollar") << QStringLiteral("$HOME ${PATH} $(id)");
        QTest::newRow("backticks") << QStringLiteral("`uname -a`");
        QTest::newRow("newlines") << QStringLiteral("line 1\nline 2\n");
        QTest::newRow("unicode") << QStringLiteral("Zürich ✓ 😀");
        QTest::newRow("backslashes") << QStringLiteral("a\\b\\\\n \\'");
        QTest::newRow("glob and separators") << QStringLiteral("*; rm -rf ~ | & > < !");
    }
    // The generated command goes through /bin/sh with curl and http replaced by a function that
    // prints its arguments: each must arrive exactly as the request holds it.
    void shellQuotingSurvivesARealShell()
    {
        QFETCH(QString, word);
        Request r = makeRequest(QStringLiteral("POST"), QStringLiteral("https://x.test/a"));
        // Header values cannot hold line breaks (prepareRequest() refuses them).
        const QString headerValue
            = QStringLiteral("v") + QString(word).replace(u'\n', u' ').trimmed();
        r.headers = {{QStringLiteral("X-Word"), headerValue}};
        r.body.mode = BodyMode::Text;
        r.body.text = word;
        r.settings.timeoutMs = 0;
        for (CodeLanguage language : {CodeLanguage::Curl, CodeLanguage::Httpie}) {
            const Result<QString> code = generateCode(r, language);
            QVERIFY(code.ok());
            QProcess shell;
            shell.start(QStringLiteral("/bin/sh"),
                        {QStringLiteral("-c"),
                         QStringLiteral("curl() { printf '%s\\0' \"$@\"; }\n"
                                        "http() { printf '%s\\0' \"$@\"; }\n")
                             + *code});
            QVERIFY(shell.waitForFinished(10000));
            QCOMPARE(shell.exitCode(), 0);
            QList<QByteArray> args = shell.readAllStandardOutput().split('\0');
            QVERIFY(!args.isEmpty());
            args.removeLast(); // after the last NUL
            const QString header = QStringLiteral("X-Word")
                + QLatin1String(language == CodeLanguage::Curl ? ": " : ":") + headerValue;
            QVERIFY2(args.contains(header.toUtf8()), qPrintable(*code));
            QVERIFY2(args.contains(word.toUtf8()), qPrintable(*code));
        }
    }

    // A request's own proxy, CA, client certificate and HTTP/1.1 switch in every language: as
    // options where the library has them, as a comment saying what to do where it has not.
    void networkSettings_data()
    {
        QTest::addColumn<bool>("pkcs12");
        QTest::addColumn<CodeLanguage>("language");
        QTest::addColumn<QStringList>("present");
        using C = CodeLanguage;
        const auto L = [](std::initializer_list<const char *> items) {
            QStringList out;
            for (const char *item : items)
                out.append(QString::fromUtf8(item));
            return out;
        };
        QTest::newRow("curl") << false << C::Curl
                              << L({"-x http://alice:pw@proxy.corp:3128", "--cacert ca.pem",
                                    "--cert client.pem:kp", "--key client.key", "--http1.1"});
        QTest::newRow("curl P12") << true << C::Curl << L({"--cert me.p12:kp", "--cert-type P12"});
        QTest::newRow("python")
            << false << C::PythonRequests
            << L({"proxies={\"http\": \"http://alice:pw@proxy.corp:3128\", \"https\": "
                  "\"http://alice:pw@proxy.corp:3128\"}",
                  "verify=\"ca.pem\"", "cert=(\"client.pem\", \"client.key\")",
                  "# requests cannot open an encrypted key"});
        QTest::newRow("python P12")
            << true << C::PythonRequests << L({"# requests cannot read PKCS#12"});
        QTest::newRow("httpie") << false << C::Httpie
                                << L({"--proxy='http:http://alice:pw@proxy.corp:3128'",
                                      "--proxy='https:http://alice:pw@proxy.corp:3128'",
                                      "--verify='ca.pem'", "--cert='client.pem'",
                                      "--cert-key='client.key'", "--cert-key-pass='kp'"});
        QTest::newRow("fetch") << false << C::JavaScriptFetch
                               << L({"// Patchbay sends this request through the proxy",
                                     "NODE_EXTRA_CA_CERTS=ca.pem",
                                     "client certificate client.pem"});
        QTest::newRow("qt") << false << C::CppQt
                            << L({"#include <QNetworkProxy>", "#include <QSslKey>",
                                  "manager.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, "
                                  "QStringLiteral(\"proxy.corp\"), 3128",
                                  "tls.addCaCertificates(QStringLiteral(\"ca.pem\"))",
                                  "tls.setLocalCertificate(QSslCertificate(&certificateFile))",
                                  "Http2AllowedAttribute, false",
                                  "request.setSslConfiguration(tls)"});
        QTest::newRow("qt P12") << true << C::CppQt
                                << L({"QSslCertificate::importPkcs12(&pkcs12, &key"});
    }

    void networkSettings()
    {
        QFETCH(bool, pkcs12);
        QFETCH(CodeLanguage, language);
        QFETCH(QStringList, present);
        Request r;
        r.url = QStringLiteral("https://mtls.example/");
        r.settings.proxy = ProxyOverride::Manual;
        r.settings.proxyUrl = QStringLiteral("http://alice:pw@proxy.corp:3128");
        r.settings.caCertificates = QStringLiteral("ca.pem");
        r.settings.clientCertificate
            = pkcs12 ? QStringLiteral("me.p12") : QStringLiteral("client.pem");
        r.settings.clientKey = pkcs12 ? QString() : QStringLiteral("client.key");
        r.settings.clientPassphrase = QStringLiteral("kp");
        r.settings.http1Only = true;
        const Result<QString> code = generateCode(r, language);
        QVERIFY(code.ok());
        for (const QString &text : std::as_const(present))
            QVERIFY2(code->contains(text), qPrintable(text + QStringLiteral("\n---\n") + *code));

        // Without them, none of it.
        Request plain;
        plain.url = r.url;
        const Result<QString> none = generateCode(plain, language);
        for (const char *absent : {"proxy", "cacert", "cert", "Ssl", "Http2Allowed"})
            QVERIFY2(!none->contains(QLatin1String(absent), Qt::CaseInsensitive),
                     qPrintable(*none));
    }

    void curlCommandQuotesEveryPart()
    {
        Request r = makeRequest(QStringLiteral("POST"), QStringLiteral("https://x.test/a"));
        r.headers = {{QStringLiteral("X-A"), QStringLiteral("it's")}};
        r.body.mode = BodyMode::Text;
        r.body.text = QStringLiteral("'$x'");
        const Result<QString> code = generateCode(r, CodeLanguage::Curl);
        QVERIFY(code.ok());
        QVERIFY2(code->contains(QLatin1String("-H 'X-A: it'\\''s'")), qPrintable(*code));
        QVERIFY2(code->contains(QLatin1String("--data-raw ''\\''$x'\\'''")), qPrintable(*code));
    }

    void languageNamesRoundTrip()
    {
        QCOMPARE(codeLanguages().size(), 5);
        for (CodeLanguage language : codeLanguages()) {
            QCOMPARE(languageFromName(languageKey(language)), language);
            QVERIFY(!languageName(language).isEmpty());
        }
        QCOMPARE(languageFromName(QStringLiteral("PYTHON")), CodeLanguage::PythonRequests);
        QCOMPARE(languageFromName(QStringLiteral("fetch")), CodeLanguage::JavaScriptFetch);
        QCOMPARE(languageFromName(QStringLiteral("qt")), CodeLanguage::CppQt);
        QVERIFY(!languageFromName(QStringLiteral("cobol")));
    }

    void environmentVariableNames_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QStringList>("taken");
        QTest::addColumn<QString>("expected");
        QTest::newRow("camel case")
            << QStringLiteral("apiToken") << QStringList() << QStringLiteral("API_TOKEN");
        QTest::newRow("dashes") << QStringLiteral("api-token") << QStringList()
                                << QStringLiteral("API_TOKEN");
        QTest::newRow("spaces and digits first")
            << QStringLiteral("2fa code") << QStringList() << QStringLiteral("_2FA_CODE");
        QTest::newRow("upper already")
            << QStringLiteral("TOKEN") << QStringList() << QStringLiteral("TOKEN");
        QTest::newRow("nothing usable")
            << QStringLiteral("$%&") << QStringList() << QStringLiteral("SECRET");
        QTest::newRow("taken") << QStringLiteral("token") << QStringList {QStringLiteral("TOKEN")}
                               << QStringLiteral("TOKEN_2");
    }
    void environmentVariableNames()
    {
        QFETCH(QString, variable);
        QFETCH(QStringList, taken);
        QFETCH(QString, expected);
        QCOMPARE(environmentVariableName(variable, taken), expected);
    }

    // Secrets become lookups of environment variables, named in a first comment; the
    // placeholder never shows. (tst_codegenrun runs the code with the variables set.)
    void secretsAreLookups_data()
    {
        QTest::addColumn<CodeLanguage>("language");
        QTest::addColumn<QStringList>("present");
        QTest::newRow("python") << CodeLanguage::PythonRequests
                                << QStringList {
                                       QStringLiteral("import os\n"),
                                       QStringLiteral("\"Bearer \" + os.environ[\"API_TOKEN\"]"),
                                       QStringLiteral("# Secret values are read from the "
                                                      "environment: API_TOKEN\n")};
        QTest::newRow("curl") << CodeLanguage::Curl
                              << QStringList {
                                     QStringLiteral("'Authorization: Bearer '\"$API_TOKEN\""),
                                     QStringLiteral("# Secret values")};
        QTest::newRow("httpie") << CodeLanguage::Httpie
                                << QStringList {
                                       QStringLiteral("'Authorization:Bearer '\"$API_TOKEN\"")};
        QTest::newRow("fetch") << CodeLanguage::JavaScriptFetch
                               << QStringList {
                                      QStringLiteral("\"Bearer \" + process.env.API_TOKEN"),
                                      QStringLiteral("// Secret values")};
        QTest::newRow("qt")
            << CodeLanguage::CppQt
            << QStringList {
                   QStringLiteral("\"Bearer \" + qEnvironmentVariable(\"API_TOKEN\").toUtf8()"),
                   QStringLiteral("// Secret values")};
    }
    void secretsAreLookups()
    {
        QFETCH(CodeLanguage, language);
        QFETCH(QStringList, present);
        Request r = makeRequest(QStringLiteral("GET"), QStringLiteral("https://x.test/a"));
        r.auth.mode = AuthMode::Bearer;
        r.auth.token = secretPlaceholder(0);
        const SecretReferences secrets {{secretPlaceholder(0), QStringLiteral("API_TOKEN")}};
        const Result<QString> code = generateCode(r, language, secrets);
        QVERIFY(code.ok());
        for (const QString &text : std::as_const(present))
            QVERIFY2(code->contains(text), qPrintable(text + QStringLiteral("\n---\n") + *code));
        QVERIFY2(!code->contains(QLatin1String("__patchbay_secret")), qPrintable(*code));
        // No secret used: no comment.
        r.auth.token = QStringLiteral("plain");
        QVERIFY(!generateCode(r, language, secrets)->contains(QLatin1String("Secret values")));
    }

    // ?flag&x=1: a key without a value is written into the URL as it is sent.
    void paramsWithoutValues_data()
    {
        QTest::addColumn<CodeLanguage>("language");
        for (CodeLanguage language : codeLanguages())
            QTest::newRow(qPrintable(languageKey(language))) << language;
    }
    void paramsWithoutValues()
    {
        QFETCH(CodeLanguage, language);
        Request r = makeRequest(QStringLiteral("GET"), QStringLiteral("https://x.test/a"));
        r.params = {{QStringLiteral("flag"), QString(), true, false},
                    {QStringLiteral("x"), QStringLiteral("1")}};
        const Result<QString> code = generateCode(r, language);
        QVERIFY(code.ok());
        QVERIFY2(code->contains(QLatin1String("https://x.test/a?flag&x=1")), qPrintable(*code));
    }

    void invalidMethodIsAnError()
    {
        const Result<QString> code
            = generateCode(makeRequest(QStringLiteral("GET ME"), QStringLiteral("https://x.test/")),
                           CodeLanguage::Curl);
        QVERIFY(!code.ok());
        QCOMPARE(code.error().code, QStringLiteral("invalid-request"));
    }
};

QTEST_GUILESS_MAIN(TestCodegen)
#include "tst_codegen.moc"
