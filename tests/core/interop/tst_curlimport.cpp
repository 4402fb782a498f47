#include "core/interop/curlimport.h"

#include <QTest>

#include <limits>

using namespace Patchbay::Core;

namespace {

// Every field of a Request on its own line, so a failing QCOMPARE shows what differs.
QString describe(const Request &r)
{
    QStringList lines;
    lines << QStringLiteral("method=") + r.method << QStringLiteral("url=") + r.url;
    for (const KeyValue &kv : r.params)
        lines << QStringLiteral("param %1=%2 %3").arg(kv.name, kv.value).arg(kv.enabled);
    for (const KeyValue &kv : r.headers)
        lines << QStringLiteral("header %1: %2 %3").arg(kv.name, kv.value).arg(kv.enabled);
    lines << QStringLiteral("body.mode=%1").arg(int(r.body.mode))
          << QStringLiteral("body.text=") + r.body.text
          << QStringLiteral("body.contentType=") + r.body.contentType
          << QStringLiteral("body.filePath=") + r.body.filePath;
    for (const KeyValue &kv : r.body.formFields)
        lines << QStringLiteral("form %1=%2").arg(kv.name, kv.value);
    for (const MultipartField &f : r.body.multipartFields)
        lines << QStringLiteral("part %1=%2 file=%3 type=%4")
                     .arg(f.name, f.value)
                     .arg(f.isFile)
                     .arg(f.contentType);
    lines << QStringLiteral("auth=%1 %2:%3 token=%4")
                 .arg(int(r.auth.mode))
                 .arg(r.auth.username, r.auth.password, r.auth.token);
    lines << QStringLiteral("timeout=%1 follow=%2 max=%3 tls=%4")
                 .arg(r.settings.timeoutMs)
                 .arg(r.settings.followRedirects)
                 .arg(r.settings.maxRedirects)
                 .arg(r.settings.verifyTls);
    return lines.join(u'\n');
}

// A curl command with no options: GET, no redirects followed.
Request base(const QString &url = QStringLiteral("https://api.example.com/items"))
{
    Request r;
    r.url = url;
    r.settings.followRedirects = false;
    return r;
}

KeyValue header(const char *name, const char *value)
{
    return {QString::fromUtf8(name), QString::fromUtf8(value), true};
}

} // namespace

class TestCurlImport final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void warnings_data();
    void warnings();
    void errors_data();
    void errors();
    void splitWords_data();
    void splitWords();
    void looksLikeCurl_data();
    void looksLikeCurl();
};

void TestCurlImport::parse_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<Request>("expected");

    const QString url = QStringLiteral("https://api.example.com/items");

    QTest::newRow("plain url") << QStringLiteral("curl https://api.example.com/items") << base();
    QTest::newRow("--url") << QStringLiteral("curl --url https://api.example.com/items") << base();
    QTest::newRow("curl.exe path")
        << QStringLiteral("/usr/bin/curl https://api.example.com/items") << base();
    {
        Request r = base();
        r.method = QStringLiteral("DELETE");
        QTest::newRow("-X DELETE") << QStringLiteral("curl -X DELETE ") + url << r;
        QTest::newRow("--request DELETE") << QStringLiteral("curl --request DELETE ") + url << r;
        QTest::newRow("-XDELETE attached") << QStringLiteral("curl -XDELETE ") + url << r;
        QTest::newRow("url before option")
            << QStringLiteral("curl ") + url + QStringLiteral(" -X DELETE") << r;
    }
    {
        Request r = base();
        r.headers << header("Accept", "application/json") << header("If-Match", "\"abc\"");
        QTest::newRow("-H twice")
            << QStringLiteral("curl -H 'Accept: application/json' --header 'If-Match: \"abc\"' ")
                + url
            << r;
    }
    {
        Request r = base();
        r.headers << header("X-Empty", "");
        QTest::newRow("-H name; empty value") << QStringLiteral("curl -H 'X-Empty;' ") + url << r;
    }
    {
        Request r = base();
        r.method = QStringLiteral("POST");
        r.body.mode = BodyMode::FormUrlEncoded;
        r.body.formFields << KeyValue {QStringLiteral("name"), QStringLiteral("a b"), true}
                          << KeyValue {QStringLiteral("x"), QStringLiteral("1&2"), true};
        QTest::newRow("-d form") << QStringLiteral("curl -d 'name=a+b' -d x=1%262 ") + url << r;
        QTest::newRow("--data form")
            << QStringLiteral("curl --data 'name=a+b&x=1%262' ") + url << r;
    }
    {
        Request r = base();
        r.method = QStringLiteral("PATCH");
        r.body.mode = BodyMode::Json;
        r.body.text = QStringLiteral("{\"price\": 1.50}");
        QTest::newRow("PATCH json single quotes")
            << QStringLiteral("curl -X PATCH -H 'Content-Type: application/json' -d '{\"price\": "
                              "1.50}' ")
                + url
            << r;
        QTest::newRow("PATCH json double quotes escaped")
            << QStringLiteral("curl -X PATCH -H \"Content-Type: application/json\" --data-raw "
                              "\"{\\\"price\\\": 1.50}\" ")
                + url
            << r;
        QTest::newRow("PATCH json content-type lower case")
            << QStringLiteral("curl -X PATCH -H 'content-type: application/json' --data-binary "
                              "'{\"price\": 1.50}' ")
                + url
            << r;
    }
    {
        Request r = base();
        r.method = QStringLiteral("PATCH");
        r.headers << header("Content-Type", "application/merge-patch+json");
        r.body.mode = BodyMode::Json;
        r.body.text = QStringLiteral("{\"a\":null}");
        QTest::newRow("merge-patch keeps its content type")
            << QStringLiteral("curl -X PATCH -H 'Content-Type: application/merge-patch+json' -d "
                              "'{\"a\":null}' ")
                + url
            << r;
    }
    {
        Request r = base();
        r.method = QStringLiteral("POST");
        // Json mode sends Content-Type: application/json by itself.
        r.headers << header("Accept", "application/json");
        r.body.mode = BodyMode::Json;
        r.body.text = QStringLiteral("{\"a\":1}");
        QTest::newRow("--json") << QStringLiteral("curl --json '{\"a\":1}' ") + url << r;
    }
    {
        Request r = base();
        r.method = QStringLiteral("POST");
        r.body.mode = BodyMode::Text;
        r.body.text = QStringLiteral("<a>1</a>");
        r.body.contentType = QStringLiteral("application/xml");
        QTest::newRow("xml text body")
            << QStringLiteral("curl -H 'Content-Type: application/xml' -d '<a>1</a>' ") + url << r;
    }
    {
        Request r = base();
        r.method = QStringLiteral("POST");
        r.body.mode = BodyMode::Text;
        r.body.text = QStringLiteral("{\"a\":1}");
        r.body.contentType = QStringLiteral("application/x-www-form-urlencoded");
        QTest::newRow("json without content type stays form encoded as curl sends it")
            << QStringLiteral("curl -d '{\"a\":1}' ") + url << r;
    }
    {
        Request r = base();
        r.method = QStringLiteral("POST");
        r.body.mode = BodyMode::FormUrlEncoded;
        r.body.formFields << KeyValue {QStringLiteral("q"), QStringLiteral("a b&c"), true};
        QTest::newRow("--data-urlencode")
            << QStringLiteral("curl --data-urlencode 'q=a b&c' ") + url << r;
    }
    {
        Request r = base();
        r.method = QStringLiteral("PUT");
        r.body.mode = BodyMode::BinaryFile;
        r.body.filePath = QStringLiteral("item.json");
        r.body.contentType = QStringLiteral("application/json");
        QTest::newRow("--data-binary @file")
            << QStringLiteral("curl -X PUT -H 'Content-Type: application/json' --data-binary "
                              "@item.json ")
                + url
            << r;
        QTest::newRow("-T upload file")
            << QStringLiteral("curl -T item.json -H 'Content-Type: application/json' ") + url << r;
    }
    {
        Request r = base();
        r.method = QStringLiteral("POST");
        r.body.mode = BodyMode::Multipart;
        r.body.multipartFields << MultipartField {QStringLiteral("title"), QStringLiteral("Hi"),
                                                  false, QString(), true}
                               << MultipartField {QStringLiteral("file"),
                                                  QStringLiteral("/tmp/a.png"), true,
                                                  QStringLiteral("image/png"), true}
                               << MultipartField {QStringLiteral("raw"), QStringLiteral("@x"),
                                                  false, QString(), true};
        QTest::newRow("-F multipart")
            << QStringLiteral("curl -F title=Hi --form 'file=@/tmp/a.png;type=image/png' "
                              "--form-string raw=@x ")
                + url
            << r;
    }
    {
        Request r = base();
        r.auth.mode = AuthMode::Basic;
        r.auth.username = QStringLiteral("ann");
        r.auth.password = QStringLiteral("s:cret");
        QTest::newRow("-u basic") << QStringLiteral("curl -u 'ann:s:cret' ") + url << r;
        QTest::newRow("--user basic") << QStringLiteral("curl --user ann:s:cret ") + url << r;
    }
    {
        Request r = base();
        r.headers << header("Cookie", "a=1; b=2");
        QTest::newRow("-b cookie") << QStringLiteral("curl -b 'a=1; b=2' ") + url << r;
        QTest::newRow("--cookie twice")
            << QStringLiteral("curl --cookie a=1 --cookie b=2 ") + url << r;
    }
    {
        Request r = base();
        r.headers << header("User-Agent", "agent/1") << header("Referer", "https://ref.example/");
        QTest::newRow("-A -e") << QStringLiteral("curl -A agent/1 -e https://ref.example/ ") + url
                               << r;
        QTest::newRow("--user-agent --referer")
            << QStringLiteral("curl --user-agent agent/1 --referer https://ref.example/ ") + url
            << r;
    }
    {
        Request r = base();
        r.settings.verifyTls = false;
        r.settings.followRedirects = true;
        QTest::newRow("-k -L") << QStringLiteral("curl -k -L ") + url << r;
        QTest::newRow("bundled -kL") << QStringLiteral("curl -kL ") + url << r;
        QTest::newRow("--insecure --location")
            << QStringLiteral("curl --insecure --location ") + url << r;
        QTest::newRow("--compressed and -sS accepted")
            << QStringLiteral("curl -sSkL --compressed ") + url << r;
    }
    {
        Request r = base();
        r.settings.followRedirects = true;
        r.settings.maxRedirects = 3;
        QTest::newRow("--max-redirs") << QStringLiteral("curl -L --max-redirs 3 ") + url << r;
    }
    {
        Request r = base(url + QStringLiteral("?q=1&page=2"));
        QTest::newRow("-G data into query")
            << QStringLiteral("curl -G -d q=1 -d page=2 ") + url << r;
        Request r2 = base(url + QStringLiteral("?a=0&q=1"));
        QTest::newRow("--get appends to query")
            << QStringLiteral("curl --get --data q=1 '") + url + QStringLiteral("?a=0'") << r2;
    }
    {
        Request r = base();
        r.method = QStringLiteral("HEAD");
        QTest::newRow("-I head") << QStringLiteral("curl -I ") + url << r;
        QTest::newRow("--head") << QStringLiteral("curl --head ") + url << r;
    }
    {
        Request r = base();
        r.method = QStringLiteral("PUT");
        r.headers << header("Accept", "*/*");
        r.body.mode = BodyMode::Json;
        r.body.text = QStringLiteral("{\"a\":\"x y\"}");
        QTest::newRow("backslash continuations")
            << QStringLiteral("curl -X PUT \\\n  -H 'Accept: */*' \\\n  -H 'Content-Type: "
                              "application/json' \\\r\n  -d '{\"a\":\"x y\"}' \\\n  ")
                + url
            << r;
        QTest::newRow("cmd caret continuations") << QStringLiteral("curl ^\"") + url
                + QStringLiteral("^\" ^\n  -X PUT ^\n  -H ^\"Accept: */*^\" ^\n  -H "
                                 "^\"Content-Type: application/json^\" ^\r\n  --data-raw "
                                 "^\"^{^\\^\"a^\\^\":^\\^\"x y^\\^\"^}^\"")
                                                 << r;
        QTest::newRow("cmd one line") << QStringLiteral("curl ^\"") + url
                + QStringLiteral("^\" -X PUT -H ^\"Accept: */*^\" -H ^\"Content-Type: "
                                 "application/json^\" --data-raw ^\"^{^\\^\"a^\\^\":^\\^\"x "
                                 "y^\\^\"^}^\"")
                                      << r;
        QTest::newRow("powershell backtick continuations")
            << QStringLiteral("curl -X PUT `\n -H 'Accept: */*' `\n -H 'Content-Type: "
                              "application/json' `\n -d '{\"a\":\"x y\"}' ")
                + url
            << r;
    }
    {
        Request r = base();
        r.method = QStringLiteral("POST");
        r.body.mode = BodyMode::Text;
        r.body.contentType = QStringLiteral("text/plain");
        r.body.text = QStringLiteral("line1\nline2\ttab 'q' \x41");
        QTest::newRow("ansi-c quoting")
            << QStringLiteral("curl -H $'Content-Type: text/plain' -d $'line1\\nline2\\ttab "
                              "\\'q\\' \\x41' ")
                + url
            << r;
    }
    {
        Request r = base();
        r.headers << header("X-Note", "it's \"here\" $HOME");
        QTest::newRow("mixed quotes in one word")
            << QStringLiteral("curl -H 'X-Note: it'\\''s \"here\" '\"\\$HOME\" ") + url << r;
    }
    {
        // bash keeps a caret and the newline after it inside quotes: not a cmd.exe command.
        Request r = base();
        r.method = QStringLiteral("POST");
        r.body.mode = BodyMode::Text;
        r.body.contentType = QStringLiteral("application/x-www-form-urlencoded");
        r.body.text = QStringLiteral("a^\nb");
        QTest::newRow("caret newline in single quotes")
            << QStringLiteral("curl -d 'a^\nb' ") + url << r;
        QTest::newRow("caret newline in double quotes")
            << QStringLiteral("curl -d \"a^\nb\" ") + url << r;
        Request q = base();
        q.headers << header("X-Caret", "^\"x^\"");
        QTest::newRow("caret quote in single quotes")
            << QStringLiteral("curl -H 'X-Caret: ^\"x^\"' ") + url << q;
    }
    {
        Request r = base();
        r.auth.mode = AuthMode::Bearer;
        r.auth.token = QStringLiteral("tok");
        QTest::newRow("--oauth2-bearer") << QStringLiteral("curl --oauth2-bearer tok ") + url << r;
    }
    {
        Request r = base();
        r.settings.timeoutMs = 2500;
        QTest::newRow("-m max time") << QStringLiteral("curl -m 2.5 ") + url << r;
    }
    {
        // Found by fuzz_curlimport: milliseconds past what an int holds were undefined
        // behaviour (on x86, a negative timeout); they now mean as long as an int holds.
        Request r = base();
        r.settings.timeoutMs = std::numeric_limits<int>::max();
        QTest::newRow("--max-time beyond int")
            << QStringLiteral("curl --max-time 3022222222222222222222222222222222222222222 ") + url
            << r;
    }
    {
        Request r = base();
        r.settings.proxy = ProxyOverride::Manual;
        r.settings.proxyUrl = QStringLiteral("http://bob:p%3Ass%40w@proxy.corp:3128");
        QTest::newRow("-x with --proxy-user")
            << QStringLiteral("curl -x http://proxy.corp:3128 --proxy-user 'bob:p:ss@w' ") + url
            << r;
        r.settings.proxyUrl = QStringLiteral("socks5h://10.0.0.1:1080");
        QTest::newRow("--proxy socks5h")
            << QStringLiteral("curl --proxy socks5h://10.0.0.1:1080 ") + url << r;
    }
    {
        Request r = base();
        r.settings.proxy = ProxyOverride::None;
        QTest::newRow("--noproxy '*'") << QStringLiteral("curl --noproxy '*' ") + url << r;
    }
    {
        Request r = base();
        r.settings.verifyTls = false;
        r.settings.caCertificates = QStringLiteral("corp-ca.pem");
        r.settings.clientCertificate = QStringLiteral("client.pem");
        r.settings.clientKey = QStringLiteral("client.key");
        r.settings.clientPassphrase = QStringLiteral("kp");
        r.settings.http1Only = true;
        QTest::newRow("--cacert --cert --key --pass -k --http1.1")
            << QStringLiteral("curl --cacert corp-ca.pem --cert client.pem --key client.key "
                              "--pass kp -k --http1.1 ")
                + url
            << r;
    }
    {
        Request r = base();
        r.settings.clientCertificate = QStringLiteral("C:\\certs\\me.p12");
        r.settings.clientPassphrase = QStringLiteral("p12pass");
        QTest::newRow("-E file:passphrase with an escaped colon, P12")
            << QStringLiteral("curl -E 'C\\:\\certs\\me.p12:p12pass' --cert-type P12 ") + url << r;
    }
}

void TestCurlImport::parse()
{
    QFETCH(QString, command);
    QFETCH(Request, expected);

    const Result<CurlImport> result = parseCurlCommand(command);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(describe(result->request), describe(expected));
    QVERIFY(result->request == expected);
}

void TestCurlImport::warnings_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("mentions"); // each must appear in some warning
    QTest::addColumn<QString>("url");

    const QString url = QStringLiteral("https://x.example/");
    QTest::newRow("unknown long option") << QStringLiteral("curl --frobnicate ") + url
                                         << QStringList {QStringLiteral("--frobnicate")} << url;
    QTest::newRow("unknown short option in bundle")
        << QStringLiteral("curl -sZ ") + url << QStringList {QStringLiteral("-Z")} << url;
    QTest::newRow("known unsupported option with argument")
        << QStringLiteral("curl -o out.json --connect-timeout 5 ") + url
        << QStringList {QStringLiteral("-o out.json"), QStringLiteral("--connect-timeout 5")}
        << url;
    QTest::newRow("bypass list") << QStringLiteral("curl -x p:1 --noproxy a.test,b.test ") + url
                                 << QStringList {QStringLiteral("Network Settings")} << url;
    QTest::newRow("proxy user without a proxy")
        << QStringLiteral("curl --proxy-user a:b ") + url
        << QStringList {QStringLiteral("--proxy-user")} << url;
    QTest::newRow("DER certificate") << QStringLiteral("curl --cert c.der --cert-type DER ") + url
                                     << QStringList {QStringLiteral("DER")} << url;
    QTest::newRow("user without password")
        << QStringLiteral("curl -u ann ") + url << QStringList {QStringLiteral("-u")} << url;
    QTest::newRow("cookie file") << QStringLiteral("curl -b jar.txt ") + url
                                 << QStringList {QStringLiteral("jar.txt")} << url;
    QTest::newRow("extra positional")
        << QStringLiteral("curl stray ") + url << QStringList {QStringLiteral("stray")} << url;
    QTest::newRow("json without content type") << QStringLiteral("curl -d '{\"a\":1}' ") + url
                                               << QStringList {QStringLiteral("JSON")} << url;
    QTest::newRow("header removal") << QStringLiteral("curl -H 'Accept:' ") + url
                                    << QStringList {QStringLiteral("Accept:")} << url;
}

void TestCurlImport::warnings()
{
    QFETCH(QString, command);
    QFETCH(QStringList, mentions);
    QFETCH(QString, url);

    const Result<CurlImport> result = parseCurlCommand(command);
    QVERIFY(result.ok());
    QCOMPARE(result->request.url, url);
    QVERIFY(!result->warnings.isEmpty());
    const QString all = result->warnings.join(u'\n');
    for (const QString &mention : mentions)
        QVERIFY2(all.contains(mention), qPrintable(all));
}

void TestCurlImport::errors_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("code");

    QTest::newRow("not curl") << QStringLiteral("wget https://x.example/")
                              << QStringLiteral("not-curl");
    QTest::newRow("empty") << QString() << QStringLiteral("not-curl");
    QTest::newRow("unterminated single quote")
        << QStringLiteral("curl -d '{ https://x.example/") << QStringLiteral("unterminated-quote");
    QTest::newRow("unterminated double quote")
        << QStringLiteral("curl -d \"{ https://x.example/") << QStringLiteral("unterminated-quote");
    QTest::newRow("missing argument")
        << QStringLiteral("curl https://x.example/ -H") << QStringLiteral("missing-argument");
    QTest::newRow("no url") << QStringLiteral("curl -X PUT") << QStringLiteral("no-url");
}

void TestCurlImport::errors()
{
    QFETCH(QString, command);
    QFETCH(QString, code);

    const Result<CurlImport> result = parseCurlCommand(command);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, code);
    QVERIFY(!result.error().message.isEmpty());
}

void TestCurlImport::splitWords_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("words");

    QTest::newRow("spaces and tabs")
        << QStringLiteral("a  b\tc")
        << QStringList {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    QTest::newRow("single quotes keep backslashes")
        << QStringLiteral("'a\\nb' c")
        << QStringList {QStringLiteral("a\\nb"), QStringLiteral("c")};
    QTest::newRow("double quotes escapes") << QStringLiteral("\"a \\\"b\\\" \\\\ \\x\"")
                                           << QStringList {QStringLiteral("a \"b\" \\ \\x")};
    QTest::newRow("empty quoted word")
        << QStringLiteral("a '' b")
        << QStringList {QStringLiteral("a"), QString(), QStringLiteral("b")};
    QTest::newRow("backslash escapes space")
        << QStringLiteral("a\\ b") << QStringList {QStringLiteral("a b")};
    QTest::newRow("ansi-c unicode")
        << QStringLiteral("$'caf\\u00e9'") << QStringList {QStringLiteral("caf\u00e9")};
    QTest::newRow("ansi-c octal") << QStringLiteral("$'\\101'")
                                  << QStringList {QStringLiteral("A")};
    QTest::newRow("continuation inside double quotes")
        << QStringLiteral("\"ab\\\ncd\"") << QStringList {QStringLiteral("abcd")};
}

void TestCurlImport::splitWords()
{
    QFETCH(QString, line);
    QFETCH(QStringList, words);

    const Result<QStringList> result = splitShellWords(line);
    QVERIFY(result.ok());
    QCOMPARE(result.value(), words);
}

void TestCurlImport::looksLikeCurl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expected");

    QTest::newRow("curl") << QStringLiteral("  curl https://x") << true;
    QTest::newRow("curl.exe") << QStringLiteral("curl.exe -X PUT x") << true;
    QTest::newRow("url") << QStringLiteral("https://curl.se/") << false;
    QTest::newRow("curly") << QStringLiteral("curly x") << false;
}

void TestCurlImport::looksLikeCurl()
{
    QFETCH(QString, text);
    QFETCH(bool, expected);
    QCOMPARE(looksLikeCurlCommand(text), expected);
}

QTEST_GUILESS_MAIN(TestCurlImport)
#include "tst_curlimport.moc"
