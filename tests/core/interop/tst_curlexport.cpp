#include "core/http/httpclient.h"
#include "core/http/preparedrequest.h"
#include "core/interop/curlexport.h"
#include "core/interop/curlimport.h"
#include "core/json/jsonparser.h"
#include "core/sandbox/sandboxserver.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Patchbay::Core;

namespace {

// Headers as a sorted list of "name: value" (names lower-cased), without the automatic flag:
// what matters is what goes on the wire.
QStringList wireHeaders(const PreparedRequest &p)
{
    QStringList out;
    for (const PreparedHeader &h : p.headers)
        out << QString::fromUtf8(h.name.toLower() + ": " + h.value);
    out.sort();
    return out;
}

Request make(const QString &method, const QString &url)
{
    Request r;
    r.method = method;
    r.url = url;
    r.settings.followRedirects = false;
    return r;
}

KeyValue kv(const char *name, const char *value, bool enabled = true)
{
    return {QString::fromUtf8(name), QString::fromUtf8(value), enabled};
}

// Headers the transport or curl itself adds, which differ between the two by design.
bool isTransportHeader(const QString &name)
{
    static const QStringList names = {
        QStringLiteral("User-Agent"),
        QStringLiteral("Accept-Encoding"),
        QStringLiteral("Accept-Language"),
        QStringLiteral("Connection"),
        QStringLiteral("Host"),
    };
    return names.contains(name, Qt::CaseInsensitive);
}

} // namespace

class TestCurlExport final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void shellQuote_data();
    void shellQuote();
    void format();
    void roundTrip_data();
    void roundTrip();
    void unpreparable();
    void againstSandbox_data();
    void againstSandbox();
    void secretsFromTheEnvironment();

private:
    void addShapes(const QString &url);

    QTemporaryDir m_dir;
    QString m_jsonFile;
    QString m_textFile;
    std::unique_ptr<SandboxServer> m_sandbox;
};

void TestCurlExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_jsonFile = m_dir.filePath(QStringLiteral("payload.json"));
    m_textFile = m_dir.filePath(QStringLiteral("it's a note.txt"));
    QFile json(m_jsonFile);
    QVERIFY(json.open(QIODevice::WriteOnly));
    json.write("{\"from\": \"file\", \"n\": 1.50}");
    json.close();
    QFile text(m_textFile);
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("line one\nline 'two'\n");
    text.close();

    m_sandbox = std::make_unique<SandboxServer>();
    const Result<quint16> port = m_sandbox->start();
    QVERIFY2(port.ok(), qPrintable(port.ok() ? QString() : port.error().message));
}

void TestCurlExport::shellQuote_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("safe") << QStringLiteral("https://a.example/x-y_z.json")
                          << QStringLiteral("https://a.example/x-y_z.json");
    QTest::newRow("empty") << QString() << QStringLiteral("''");
    QTest::newRow("space") << QStringLiteral("a b") << QStringLiteral("'a b'");
    QTest::newRow("single quote") << QStringLiteral("it's") << QStringLiteral("'it'\\''s'");
    QTest::newRow("dollar and backtick")
        << QStringLiteral("$HOME `id`") << QStringLiteral("'$HOME `id`'");
    QTest::newRow("query") << QStringLiteral("http://h/?a=1&b=2")
                           << QStringLiteral("'http://h/?a=1&b=2'");
    QTest::newRow("non-ascii") << QStringLiteral("caf\u00e9") << QStringLiteral("'caf\u00e9'");
}

void TestCurlExport::shellQuote()
{
    QFETCH(QString, word);
    QFETCH(QString, quoted);
    QCOMPARE(Patchbay::Core::shellQuote(word), quoted);
    // Reading it back as a shell would gives the word again.
    const Result<QStringList> words = splitShellWords(quoted);
    QVERIFY(words.ok());
    QCOMPARE(words->value(0), word);
}

void TestCurlExport::format()
{
    Request r = make(QStringLiteral("PUT"), QStringLiteral("https://api.example.com/items/1"));
    r.headers << kv("X-Trace", "a'b");
    r.body.mode = BodyMode::Json;
    r.body.text = QStringLiteral("{\"name\": \"it's\"}");
    r.settings.timeoutMs = 2500;
    r.settings.verifyTls = false;
    // The URL comes last, after "--", where no option can be parsed.
    const QString expected = QStringLiteral("curl -X PUT \\\n"
                                            "  -H 'Content-Type: application/json' \\\n"
                                            "  -H 'X-Trace: a'\\''b' \\\n"
                                            "  --data-raw '{\"name\": \"it'\\''s\"}' \\\n"
                                            "  -k \\\n"
                                            "  --max-time 2.5 \\\n"
                                            "  -- https://api.example.com/items/1");
    QCOMPARE(exportCurlCommand(r), expected);

    Request get = make(QStringLiteral("GET"), QStringLiteral("https://h.example/"));
    get.settings.followRedirects = true;
    get.settings.maxRedirects = 3;
    QCOMPARE(exportCurlCommand(get),
             QStringLiteral("curl \\\n  -L \\\n  --max-redirs 3 \\\n"
                            "  --max-time 30 \\\n  -- https://h.example/"));

    // A URL that looks like an option is still the URL ("curl -oout.txt" would write a file).
    Request dash = make(QStringLiteral("GET"), QStringLiteral("-oout.txt"));
    QVERIFY(exportCurlCommand(dash).endsWith(QLatin1String("-- -oout.txt")));
}

void TestCurlExport::addShapes(const QString &url)
{
    QTest::addColumn<Request>("request");
    const QString withQuery = url + QStringLiteral("?fixed=1");

    QTest::newRow("get") << make(QStringLiteral("GET"), url);
    {
        Request r = make(QStringLiteral("GET"), withQuery);
        r.params << kv("q", "a b&c=d+e") << kv("off", "x", false) << kv("empty", "");
        QTest::newRow("get with params") << r;
    }
    {
        Request r = make(QStringLiteral("GET"), url);
        r.params << KeyValue {QStringLiteral("flag"), QString(), true, false} << kv("x", "1");
        QTest::newRow("query key without a value") << r;
    }
    QTest::newRow("delete without body") << make(QStringLiteral("DELETE"), url);
    QTest::newRow("custom verb") << make(QStringLiteral("PURGE"), url);
    QTest::newRow("post without body") << make(QStringLiteral("POST"), url);
    {
        Request r = make(QStringLiteral("POST"), url);
        r.headers << kv("X-One", "1") << kv("X-Off", "no", false) << kv("X-Quote", "it's \"q\"");
        r.body.mode = BodyMode::Json;
        r.body.text
            = QStringLiteral("{\n  \"name\": \"it's\",\n  \"n\": 1.50,\n  \"u\": \"\u00e9\"\n}");
        QTest::newRow("json post") << r;
    }
    {
        Request r = make(QStringLiteral("PATCH"), url);
        r.body.mode = BodyMode::Json;
        r.body.text = QStringLiteral("[1, 2]");
        r.headers << kv("Content-Type", "application/merge-patch+json");
        QTest::newRow("json with user content type") << r;
    }
    {
        Request r = make(QStringLiteral("PUT"), url);
        r.body.mode = BodyMode::Text;
        r.body.text = QStringLiteral("plain $HOME `id` text\nsecond line");
        QTest::newRow("text default type") << r;
    }
    {
        Request r = make(QStringLiteral("POST"), url);
        r.body.mode = BodyMode::Text;
        r.body.text = QStringLiteral("<a>x</a>");
        r.body.contentType = QStringLiteral("application/xml");
        QTest::newRow("text xml") << r;
    }
    {
        Request r = make(QStringLiteral("POST"), url);
        r.body.mode = BodyMode::FormUrlEncoded;
        r.body.formFields << kv("name", "J\u00f6rg O'Neil") << kv("math", "1+1=2&3")
                          << kv("skip", "x", false);
        QTest::newRow("form") << r;
    }
    {
        Request r = make(QStringLiteral("POST"), url);
        r.body.mode = BodyMode::Multipart;
        r.body.multipartFields
            << MultipartField {QStringLiteral("title"), QStringLiteral("hello"), false, {}, true}
            << MultipartField {QStringLiteral("at"),
                               QStringLiteral("@not-a-file;x"),
                               false,
                               {},
                               true}
            << MultipartField {QStringLiteral("doc"), m_textFile, true,
                               QStringLiteral("text/plain"), true}
            << MultipartField {QStringLiteral("off"), QStringLiteral("x"), false, {}, false};
        QTest::newRow("multipart") << r;
    }
    {
        Request r = make(QStringLiteral("PUT"), url);
        r.body.mode = BodyMode::BinaryFile;
        r.body.filePath = m_jsonFile;
        r.body.contentType = QStringLiteral("application/json");
        QTest::newRow("binary file") << r;
    }
    {
        Request r = make(QStringLiteral("POST"), url);
        r.body.mode = BodyMode::BinaryFile;
        r.body.filePath = m_textFile;
        QTest::newRow("binary file default type, quote in path") << r;
    }
    {
        Request r = make(QStringLiteral("GET"), url);
        r.auth.mode = AuthMode::Basic;
        r.auth.username = QStringLiteral("ann");
        r.auth.password = QStringLiteral("p@ss:w'rd");
        QTest::newRow("basic auth") << r;
    }
    {
        Request r = make(QStringLiteral("GET"), url);
        r.auth.mode = AuthMode::Bearer;
        r.auth.token = QStringLiteral("tok.en-1");
        QTest::newRow("bearer auth") << r;
    }
    {
        Request r = make(QStringLiteral("GET"), url);
        r.auth.mode = AuthMode::ApiKey;
        r.auth.keyName = QStringLiteral("X-Api-Key");
        r.auth.keyValue = QStringLiteral("k1");
        QTest::newRow("api key header") << r;
    }
    {
        Request r = make(QStringLiteral("GET"), url);
        r.auth.mode = AuthMode::ApiKey;
        r.auth.keyLocation = ApiKeyLocation::Query;
        r.auth.keyName = QStringLiteral("api_key");
        r.auth.keyValue = QStringLiteral("k 2");
        QTest::newRow("api key query") << r;
    }
    {
        Request r = make(QStringLiteral("GET"), url);
        r.headers << kv("User-Agent", "my-agent/1") << kv("Accept", "application/json");
        QTest::newRow("user agent and accept") << r;
    }
    {
        Request r = make(QStringLiteral("GET"), url);
        r.settings.followRedirects = true;
        r.settings.maxRedirects = 4;
        r.settings.verifyTls = false;
        r.settings.timeoutMs = 1500;
        QTest::newRow("settings") << r;
    }
    {
        Request r = make(QStringLiteral("GET"), url);
        r.body.mode = BodyMode::Text;
        r.body.text = QStringLiteral("body on a GET");
        QTest::newRow("get with body") << r;
    }
}

void TestCurlExport::roundTrip_data()
{
    addShapes(QStringLiteral("https://api.example.com/v1/items"));
    {
        Request r = make(QStringLiteral("HEAD"), QStringLiteral("https://api.example.com/"));
        QTest::newRow("head") << r;
    }
    {
        Request r = make(QStringLiteral("GET"), QStringLiteral("https://api.example.com/"));
        r.settings.timeoutMs = 0;
        QTest::newRow("no timeout") << r;
    }
    {
        Request r = make(QStringLiteral("GET"), QStringLiteral("https://mtls.example/"));
        r.settings.proxy = ProxyOverride::Manual;
        r.settings.proxyUrl = QStringLiteral("http://alice:p%40ss@proxy.corp:3128");
        r.settings.caCertificates = QStringLiteral("/etc/corp/ca.pem");
        r.settings.clientCertificate = QStringLiteral("/home/me/c:lient.pem");
        r.settings.clientKey = QStringLiteral("/home/me/client.key");
        r.settings.clientPassphrase = QStringLiteral("it's secret");
        r.settings.http1Only = true;
        QTest::newRow("proxy, CA, PEM client certificate, HTTP/1.1") << r;
    }
    {
        Request r = make(QStringLiteral("GET"), QStringLiteral("https://mtls.example/"));
        r.settings.proxy = ProxyOverride::None;
        r.settings.caCertificates = QStringLiteral("/etc/corp/cas/");
        r.settings.clientCertificate = QStringLiteral("me.p12");
        r.settings.clientPassphrase = QStringLiteral("p12pass");
        QTest::newRow("no proxy, CA folder, PKCS#12") << r;
    }
}

void TestCurlExport::roundTrip()
{
    QFETCH(Request, request);
    const QString command = exportCurlCommand(request);
    const Result<CurlImport> parsed = parseCurlCommand(command);
    QVERIFY2(parsed.ok(), qPrintable(command));
    QVERIFY2(parsed->warnings.isEmpty(),
             qPrintable(parsed->warnings.join(u'\n') + u'\n' + command));

    const Result<PreparedRequest> expected = prepareRequest(request);
    const Result<PreparedRequest> actual = prepareRequest(parsed->request);
    QVERIFY(expected.ok());
    QVERIFY2(actual.ok(), qPrintable(actual.ok() ? QString() : actual.error().message));
    QCOMPARE(actual->method, expected->method);
    QCOMPARE(actual->url, expected->url);
    QCOMPARE(actual->hasBody, expected->hasBody);
    QCOMPARE(actual->body, expected->body);
    QCOMPARE(wireHeaders(*actual), wireHeaders(*expected));

    const RequestSettings &want = request.settings;
    const RequestSettings &got = parsed->request.settings;
    QCOMPARE(got.followRedirects, want.followRedirects);
    if (want.followRedirects)
        QCOMPARE(got.maxRedirects, want.maxRedirects);
    QCOMPARE(got.verifyTls, want.verifyTls);
    QCOMPARE(got.timeoutMs, want.timeoutMs);
    QCOMPARE(got.proxy, want.proxy);
    QCOMPARE(got.proxyUrl, want.proxyUrl);
    QCOMPARE(got.caCertificates, want.caCertificates);
    QCOMPARE(got.clientCertificate, want.clientCertificate);
    QCOMPARE(got.clientKey, want.clientKey);
    QCOMPARE(got.clientPassphrase, want.clientPassphrase);
    QCOMPARE(got.http1Only, want.http1Only);
}

void TestCurlExport::unpreparable()
{
    Request r = make(QStringLiteral("POST"), QStringLiteral("https://h.example/"));
    r.body.mode = BodyMode::BinaryFile;
    r.body.filePath = m_dir.filePath(QStringLiteral("missing.bin"));
    const QString command = exportCurlCommand(r);
    QVERIFY2(command.startsWith(QLatin1String("# Cannot read the body file")), qPrintable(command));
    QVERIFY(command.contains(QLatin1String("curl -X POST")));
    QVERIFY(command.endsWith(QLatin1String("-- https://h.example/")));
}

void TestCurlExport::againstSandbox_data()
{
    addShapes(m_sandbox->baseUrl().toString() + QStringLiteral("/anything/path"));
}

void TestCurlExport::againstSandbox()
{
    QFETCH(Request, request);

    // What Patchbay sends.
    QNetworkAccessManager network;
    HttpClient client(&network);
    std::unique_ptr<HttpCall> call = client.send(request);
    QSignalSpy callSpy(call.get(), &HttpCall::finished);
    QVERIFY(callSpy.wait(10000));
    const Response &response = call->response();
    QVERIFY2(!response.isError(), qPrintable(response.errorMessage));
    QCOMPARE(response.statusCode, 200);
    const Result<JsonValue> ours = parseJson(response.body.readAll());
    QVERIFY(ours.ok());

    // What curl sends for the exported command, run by a real shell.
    QString command = exportCurlCommand(request);
    QVERIFY(command.startsWith(QLatin1String("curl")));
    command.insert(4, QStringLiteral(" --silent --noproxy '*'"));
    QProcess curl;
    curl.setProgram(QStringLiteral("/bin/sh"));
    curl.setArguments({QStringLiteral("-c"), command});
    QSignalSpy curlSpy(&curl, &QProcess::finished);
    curl.start();
    QVERIFY(curlSpy.wait(20000));
    QVERIFY2(curl.exitStatus() == QProcess::NormalExit && curl.exitCode() == 0,
             qPrintable(command + u'\n' + QString::fromUtf8(curl.readAllStandardError())));
    const Result<JsonValue> theirs = parseJson(curl.readAllStandardOutput());
    QVERIFY2(theirs.ok(), qPrintable(command));

    const bool multipart = request.body.mode == BodyMode::Multipart;
    for (const char *key : {"method", "url", "args", "data", "form", "files", "json"}) {
        const QString k = QString::fromLatin1(key);
        if (multipart && k == QLatin1String("data"))
            continue; // the raw body holds the boundary, which curl picks itself
        QVERIFY2(theirs->value(k) == ours->value(k),
                 qPrintable(k + QStringLiteral(" differs for\n") + command));
    }
    const JsonValue &ourHeaders = ours->value(u"headers");
    const JsonValue &theirHeaders = theirs->value(u"headers");
    QStringList compared;
    for (const JsonMember &m : ourHeaders.members()) {
        if (isTransportHeader(m.key))
            continue;
        if (multipart
            && (m.key == QLatin1String("Content-Type") || m.key == QLatin1String("Content-Length")))
            continue; // curl picks its own boundary
        compared << m.key;
        QVERIFY2(theirHeaders.contains(m.key),
                 qPrintable(m.key + QStringLiteral(" missing from curl's request:\n") + command));
        QCOMPARE(theirHeaders.value(m.key).toString(), m.value.toString());
    }
    for (const JsonMember &m : theirHeaders.members()) {
        if (isTransportHeader(m.key) || compared.contains(m.key))
            continue;
        if (multipart
            && (m.key == QLatin1String("Content-Type") || m.key == QLatin1String("Content-Length")))
            continue;
        QFAIL(qPrintable(QStringLiteral("curl sent the extra header ") + m.key + u'\n' + command));
    }
    if (multipart)
        QVERIFY(theirHeaders.value(u"Content-Type")
                    .toString()
                    .startsWith(QLatin1String("multipart/form-data; boundary=")));
}

// Copy as curl with secret variables: the command reads them from environment variables (set
// here for the shell), and curl sends what Patchbay sends with the values.
void TestCurlExport::secretsFromTheEnvironment()
{
    const QString token = QStringLiteral("t0k'en $x");
    const QString part = QStringLiteral("a b&c=d");
    const SecretReferences secrets = {{secretPlaceholder(0), QStringLiteral("API_TOKEN")},
                                      {secretPlaceholder(1), QStringLiteral("PART")}};
    Request request = make(QStringLiteral("POST"),
                           m_sandbox->baseUrl().toString() + QStringLiteral("/anything"));
    request.auth.mode = AuthMode::Bearer;
    request.auth.token = secretPlaceholder(0);
    request.params << kv("page", "2") << KeyValue {QStringLiteral("key"), secretPlaceholder(1)};
    request.body.mode = BodyMode::Json;
    request.body.text = QStringLiteral("{\"pw\": \"%1\"}").arg(secretPlaceholder(1));
    const QString command = exportCurlCommand(request, secrets);
    QVERIFY2(command.contains(QLatin1String("\"$API_TOKEN\"")), qPrintable(command));
    QVERIFY2(!command.contains(QLatin1String("__patchbay_secret")), qPrintable(command));

    Request sent = request;
    sent.auth.token = token;
    sent.params[1].value = part;
    sent.body.text = QStringLiteral("{\"pw\": \"a b&c=d\"}");
    QNetworkAccessManager network;
    HttpClient client(&network);
    std::unique_ptr<HttpCall> call = client.send(sent);
    QSignalSpy callSpy(call.get(), &HttpCall::finished);
    QVERIFY(callSpy.wait(10000));
    const Result<JsonValue> ours = parseJson(call->response().body.readAll());
    QVERIFY(ours.ok());

    QProcess curl;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("API_TOKEN"), token);
    environment.insert(QStringLiteral("PART"), part);
    curl.setProcessEnvironment(environment);
    curl.setProgram(QStringLiteral("/bin/sh"));
    // Options go before the "--" that ends the command (the URL comes last).
    QString withOptions = command;
    withOptions.insert(4, QStringLiteral(" --silent --noproxy '*'"));
    curl.setArguments({QStringLiteral("-c"), withOptions});
    QSignalSpy curlSpy(&curl, &QProcess::finished);
    curl.start();
    QVERIFY(curlSpy.wait(20000));
    QVERIFY2(curl.exitCode() == 0,
             qPrintable(command + QString::fromUtf8(curl.readAllStandardError())));
    const Result<JsonValue> theirs = parseJson(curl.readAllStandardOutput());
    QVERIFY2(theirs.ok(), qPrintable(command));
    for (const char *key : {"method", "args", "json"}) {
        const QString k = QString::fromLatin1(key);
        QVERIFY2(theirs->value(k) == ours->value(k), qPrintable(k + u'\n' + command));
    }
    QCOMPARE(theirs->value(u"headers").value(u"Authorization").toString(),
             QStringLiteral("Bearer ") + token);
}

QTEST_GUILESS_MAIN(TestCurlExport)
#include "tst_curlexport.moc"
