#include "core/http/preparedrequest.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;

namespace {

Request get(const QString &url)
{
    Request request;
    request.url = url;
    return request;
}

KeyValueList rows(std::initializer_list<KeyValue> list)
{
    return KeyValueList(list);
}

MultipartField part(const QString &name, const QString &value, bool isFile = false,
                    const QString &contentType = {}, bool enabled = true)
{
    return MultipartField {name, value, isFile, contentType, enabled};
}

PreparedRequest prepared(const Request &request)
{
    Result<PreparedRequest> result = prepareRequest(request);
    if (!result)
        qWarning("unexpected error: %s", qPrintable(result.error().message));
    return result ? result.value() : PreparedRequest {};
}

const PreparedHeader *findHeader(const PreparedRequest &p, QByteArrayView name)
{
    for (const PreparedHeader &h : p.headers) {
        if (name.compare(h.name, Qt::CaseInsensitive) == 0)
            return &h;
    }
    return nullptr;
}

} // namespace

class TestPreparedRequest final : public QObject
{
    Q_OBJECT

private slots:
    void queryEncoding_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<KeyValueList>("params");
        QTest::addColumn<QByteArray>("expected");

        const QString base = QStringLiteral("http://example.com/items");
        QTest::newRow("no params")
            << base << KeyValueList {} << QByteArray("http://example.com/items");
        QTest::newRow("space is %20")
            << base << rows({{QStringLiteral("q"), QStringLiteral("a b")}})
            << QByteArray("http://example.com/items?q=a%20b");
        QTest::newRow("reserved characters")
            << base << rows({{QStringLiteral("x"), QStringLiteral("a&b=c+d#e/f?g")}})
            << QByteArray("http://example.com/items?x=a%26b%3Dc%2Bd%23e%2Ff%3Fg");
        QTest::newRow("reserved in the name")
            << base << rows({{QStringLiteral("a&b"), QStringLiteral("1")}})
            << QByteArray("http://example.com/items?a%26b=1");
        QTest::newRow("unicode is UTF-8")
            << base << rows({{QStringLiteral("city"), QStringLiteral("Zürich 東京")}})
            << QByteArray("http://example.com/items?city=Z%C3%BCrich%20%E6%9D%B1%E4%BA%AC");
        QTest::newRow("unreserved kept")
            << base << rows({{QStringLiteral("k"), QStringLiteral("a-b.c_d~e")}})
            << QByteArray("http://example.com/items?k=a-b.c_d~e");
        QTest::newRow("repeated keys in order")
            << base
            << rows({{QStringLiteral("tag"), QStringLiteral("a")},
                     {QStringLiteral("tag"), QStringLiteral("b")},
                     {QStringLiteral("tag"), QStringLiteral("c")}})
            << QByteArray("http://example.com/items?tag=a&tag=b&tag=c");
        QTest::newRow("appended to the URL's own query")
            << QStringLiteral("http://example.com/items?page=2")
            << rows({{QStringLiteral("q"), QStringLiteral("x y")}})
            << QByteArray("http://example.com/items?page=2&q=x%20y");
        QTest::newRow("URL ending in ?") << QStringLiteral("http://example.com/items?")
                                         << rows({{QStringLiteral("q"), QStringLiteral("1")}})
                                         << QByteArray("http://example.com/items?q=1");
        QTest::newRow("empty value keeps =") << base << rows({{QStringLiteral("flag"), QString()}})
                                             << QByteArray("http://example.com/items?flag=");
        QTest::newRow("no value: the key alone")
            << base
            << rows({{QStringLiteral("flag"), QString(), true, false},
                     {QStringLiteral("x"), QStringLiteral("1")},
                     {QStringLiteral("a b"), QString(), true, false}})
            << QByteArray("http://example.com/items?flag&x=1&a%20b");
        QTest::newRow("no value in the URL's own query")
            << QStringLiteral("http://example.com/items?flag&x=1") << KeyValueList {}
            << QByteArray("http://example.com/items?flag&x=1");
        QTest::newRow("disabled and nameless rows skipped")
            << base
            << rows({{QStringLiteral("on"), QStringLiteral("1")},
                     {QStringLiteral("off"), QStringLiteral("2"), false},
                     {QString(), QString()}})
            << QByteArray("http://example.com/items?on=1");
        QTest::newRow("params go before the fragment")
            << QStringLiteral("http://example.com/items#top")
            << rows({{QStringLiteral("q"), QStringLiteral("1")}})
            << QByteArray("http://example.com/items?q=1#top");
        QTest::newRow("typed spaces in the URL are encoded")
            << QStringLiteral("http://example.com/my items?q=a b") << KeyValueList {}
            << QByteArray("http://example.com/my%20items?q=a%20b");
        QTest::newRow("already encoded URL is left alone")
            << QStringLiteral("http://example.com/a%2Fb?q=%26%3D") << KeyValueList {}
            << QByteArray("http://example.com/a%2Fb?q=%26%3D");
        QTest::newRow("surrounding whitespace trimmed")
            << QStringLiteral("  http://example.com/x \n") << KeyValueList {}
            << QByteArray("http://example.com/x");
    }

    void queryEncoding()
    {
        QFETCH(QString, url);
        QFETCH(KeyValueList, params);
        QFETCH(QByteArray, expected);
        Request request = get(url);
        request.params = params;
        const Result<PreparedRequest> result = prepareRequest(request);
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        QCOMPARE(result->url.toEncoded(), expected);
    }

    void invalidUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("messagePart");

        QTest::newRow("empty") << QString() << QStringLiteral("The URL is empty");
        QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("The URL is empty");
        QTest::newRow("no scheme") << QStringLiteral("example.com/items")
                                   << QStringLiteral("does not start with http:// or https://");
        QTest::newRow("host:port without scheme")
            << QStringLiteral("localhost:8080/items")
            << QStringLiteral("for example http://localhost:8080/items");
        // A variable nobody defined is named, not "fixed" with a scheme in front of it.
        QTest::newRow("undefined base URL")
            << QStringLiteral("{{baseUrl}}/users/1")
            << QStringLiteral("\"{{baseUrl}}/users/1\" cannot be sent: baseUrl is not defined");
        QTest::newRow("undefined host") << QStringLiteral("http://{{ host }}:{{port}}/x")
                                        << QStringLiteral("host, port are not defined");
        QTest::newRow("ftp") << QStringLiteral("ftp://example.com/file")
                             << QStringLiteral("The scheme \"ftp\" is not supported");
        QTest::newRow("file") << QStringLiteral("file:///etc/passwd")
                              << QStringLiteral("The scheme \"file\" is not supported");
        QTest::newRow("no host") << QStringLiteral("http:///items")
                                 << QStringLiteral("has no host name");
        QTest::newRow("port out of range")
            << QStringLiteral("http://example.com:99999/") << QStringLiteral("is not valid");
        QTest::newRow("space in host")
            << QStringLiteral("http://exa mple.com/") << QStringLiteral("is not valid");
    }

    void invalidUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, messagePart);
        const Result<PreparedRequest> result = prepareRequest(get(url));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("invalid-url"));
        QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
    }

    void methods_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("hasBody");

        QTest::newRow("GET") << QStringLiteral("GET") << true << false;
        QTest::newRow("HEAD") << QStringLiteral("HEAD") << true << false;
        QTest::newRow("OPTIONS") << QStringLiteral("OPTIONS") << true << false;
        QTest::newRow("POST") << QStringLiteral("POST") << true << true;
        QTest::newRow("PUT") << QStringLiteral("PUT") << true << true;
        QTest::newRow("PATCH") << QStringLiteral("PATCH") << true << true;
        QTest::newRow("DELETE") << QStringLiteral("DELETE") << true << true;
        QTest::newRow("custom PURGE") << QStringLiteral("PURGE") << true << false;
        QTest::newRow("custom with symbols") << QStringLiteral("X-MY_VERB.1") << true << false;
        QTest::newRow("empty") << QString() << false << false;
        QTest::newRow("space") << QStringLiteral("GE T") << false << false;
        QTest::newRow("trailing newline") << QStringLiteral("GET\n") << false << false;
        QTest::newRow("colon") << QStringLiteral("GET:") << false << false;
        QTest::newRow("non-ASCII") << QStringLiteral("GÉT") << false << false;
    }

    void methods()
    {
        QFETCH(QString, method);
        QFETCH(bool, valid);
        QFETCH(bool, hasBody);
        Request request = get(QStringLiteral("http://example.com/"));
        request.method = method;
        const Result<PreparedRequest> result = prepareRequest(request);
        QCOMPARE(result.ok(), valid);
        if (!valid) {
            QCOMPARE(result.error().code, QStringLiteral("invalid-request"));
            QVERIFY2(result.error().message.contains(QStringLiteral("not a valid HTTP method")),
                     qPrintable(result.error().message));
            return;
        }
        QCOMPARE(result->method, method);
        QCOMPARE(result->hasBody, hasBody);
        // An empty body still announces itself, or servers wait for one (or answer 411).
        QCOMPARE(result->header("Content-Length"), hasBody ? QByteArray("0") : QByteArray());
    }

    void defaultHeadersAreAutomatic()
    {
        const PreparedRequest p = prepared(get(QStringLiteral("https://example.com/")));
        const PreparedHeaderList expected {
            {"User-Agent", "Patchbay/" PATCHBAY_VERSION, true, false},
            {"Accept", "*/*", true, false},
        };
        QCOMPARE(p.headers, expected);
        QCOMPARE(p.automaticHeaders(), expected);
        QCOMPARE(defaultUserAgent(), QByteArray("Patchbay/" PATCHBAY_VERSION));
    }

    void contentType_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("bodyContentType");
        QTest::addColumn<QString>("userContentType"); // empty: no user row
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<bool>("automatic");

        const int json = int(BodyMode::Json);
        const int text = int(BodyMode::Text);
        const int form = int(BodyMode::FormUrlEncoded);
        QTest::newRow("json") << json << QString() << QString() << QByteArray("application/json")
                              << true;
        QTest::newRow("text default")
            << text << QString() << QString() << QByteArray("text/plain; charset=utf-8") << true;
        QTest::newRow("text with type") << text << QStringLiteral("application/xml") << QString()
                                        << QByteArray("application/xml") << true;
        QTest::newRow("form") << form << QString() << QString()
                              << QByteArray("application/x-www-form-urlencoded") << true;
        QTest::newRow("user wins over json")
            << json << QString() << QStringLiteral("application/vnd.api+json")
            << QByteArray("application/vnd.api+json") << false;
        QTest::newRow("user wins over text type")
            << text << QStringLiteral("text/csv") << QStringLiteral("text/x-custom")
            << QByteArray("text/x-custom") << false;
        QTest::newRow("none: no content type")
            << int(BodyMode::None) << QString() << QString() << QByteArray() << false;
    }

    void contentType()
    {
        QFETCH(int, mode);
        QFETCH(QString, bodyContentType);
        QFETCH(QString, userContentType);
        QFETCH(QByteArray, expected);
        QFETCH(bool, automatic);
        Request request = get(QStringLiteral("http://example.com/"));
        request.method = QStringLiteral("POST");
        request.body.mode = BodyMode(mode);
        request.body.text = QStringLiteral("{\"a\":1}");
        request.body.contentType = bodyContentType;
        if (!userContentType.isEmpty())
            request.headers.append({QStringLiteral("content-type"), userContentType});
        const PreparedRequest p = prepared(request);
        QCOMPARE(p.header("Content-Type"), expected);
        const qsizetype count = std::count_if(p.headers.cbegin(), p.headers.cend(), [](auto &h) {
            return h.name.compare("Content-Type", Qt::CaseInsensitive) == 0;
        });
        QCOMPARE(count, expected.isEmpty() ? 0 : 1);
        if (!expected.isEmpty())
            QCOMPARE(findHeader(p, "Content-Type")->automatic, automatic);
    }

    void jsonAndTextBodiesAreUtf8()
    {
        Request request = get(QStringLiteral("http://example.com/"));
        request.method = QStringLiteral("PUT");
        request.body.mode = BodyMode::Json;
        request.body.text = QStringLiteral("{\"name\":\"Zoë\"}");
        const PreparedRequest p = prepared(request);
        QCOMPARE(p.body, QStringLiteral("{\"name\":\"Zoë\"}").toUtf8());
        QCOMPARE(p.header("Content-Length"), QByteArray::number(p.body.size()));
        QVERIFY(findHeader(p, "Content-Length")->automatic);
    }

    void bodyOnGetWhenModeIsSet()
    {
        Request request = get(QStringLiteral("http://example.com/"));
        request.body.mode = BodyMode::Text;
        request.body.text = QStringLiteral("hello");
        PreparedRequest p = prepared(request);
        QVERIFY(p.hasBody);
        QCOMPARE(p.body, QByteArray("hello"));

        request.method = QStringLiteral("HEAD"); // HEAD never carries a body
        p = prepared(request);
        QVERIFY(!p.hasBody);
        QVERIFY(p.body.isEmpty());
        QVERIFY(!p.hasHeader("Content-Length"));
        QVERIFY(!p.hasHeader("Content-Type"));
    }

    void formEncoding_data()
    {
        QTest::addColumn<KeyValueList>("fields");
        QTest::addColumn<QByteArray>("expected");

        // Expected values are what python-requests sends for data={...}.
        QTest::newRow("simple") << rows({{QStringLiteral("a"), QStringLiteral("1")},
                                         {QStringLiteral("b"), QStringLiteral("2")}})
                                << QByteArray("a=1&b=2");
        QTest::newRow("space is +")
            << rows({{QStringLiteral("q"), QStringLiteral("a b")}}) << QByteArray("q=a+b");
        QTest::newRow("plus and reserved")
            << rows({{QStringLiteral("x"), QStringLiteral("1+1=2&3/4?#")}})
            << QByteArray("x=1%2B1%3D2%263%2F4%3F%23");
        QTest::newRow("unicode") << rows({{QStringLiteral("név"), QStringLiteral("日本")}})
                                 << QByteArray("n%C3%A9v=%E6%97%A5%E6%9C%AC");
        QTest::newRow("repeated and empty")
            << rows({{QStringLiteral("k"), QStringLiteral("1")},
                     {QStringLiteral("k"), QString()},
                     {QStringLiteral("off"), QStringLiteral("x"), false}})
            << QByteArray("k=1&k=");
        QTest::newRow("newline and percent")
            << rows({{QStringLiteral("t"), QStringLiteral("a\n%")}}) << QByteArray("t=a%0A%25");
    }

    void formEncoding()
    {
        QFETCH(KeyValueList, fields);
        QFETCH(QByteArray, expected);
        Request request = get(QStringLiteral("http://example.com/"));
        request.method = QStringLiteral("POST");
        request.body.mode = BodyMode::FormUrlEncoded;
        request.body.formFields = fields;
        QCOMPARE(prepared(request).body, expected);
    }

    void multipart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString pngPath = dir.filePath(QStringLiteral("pixel.png"));
        const QString jsonPath = dir.filePath(QStringLiteral("data.json"));
        const QByteArray pngBytes("\x89PNG\r\n\x1a\n\0\x01\x02", 11);
        for (const auto &[path, bytes] :
             {std::pair {pngPath, pngBytes}, std::pair {jsonPath, QByteArray("{\"a\":1}")}}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        }

        Request request = get(QStringLiteral("http://example.com/upload"));
        request.method = QStringLiteral("POST");
        request.body.mode = BodyMode::Multipart;
        request.body.multipartFields = {
            part(QStringLiteral("title"), QStringLiteral("Hello wörld")),
            part(QStringLiteral("image"), pngPath, true),
            part(QStringLiteral("meta"), jsonPath, true, QStringLiteral("application/x-custom")),
            part(QStringLiteral("off"), QStringLiteral("x"), false, {}, false),
            part(QStringLiteral("quo\"te"), QStringLiteral("v")),
        };
        const PreparedRequest p = prepared(request);
        const QByteArray contentType = p.header("Content-Type");
        QVERIFY2(contentType.startsWith("multipart/form-data; boundary="), contentType.constData());
        const QByteArray boundary = contentType.mid(contentType.indexOf('=') + 1);
        QVERIFY(boundary.size() >= 20);

        const QByteArray expected = "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
            + QStringLiteral("Hello wörld").toUtf8() + "\r\n--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"image\"; filename=\"pixel.png\"\r\n"
            + "Content-Type: image/png\r\n\r\n" + pngBytes + "\r\n--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"meta\"; filename=\"data.json\"\r\n"
            + "Content-Type: application/x-custom\r\n\r\n{\"a\":1}\r\n--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"quo%22te\"\r\n\r\nv\r\n--" + boundary
            + "--\r\n";
        QCOMPARE(p.body, expected);
        QCOMPARE(p.header("Content-Length"), QByteArray::number(expected.size()));
        // Pure: preparing again gives an equal value, boundary included.
        QCOMPARE(prepared(request), p);
        // A different body gets a different boundary.
        request.body.multipartFields[0].value = QStringLiteral("other");
        QVERIFY(prepared(request).header("Content-Type") != contentType);
    }

    void multipartGuessesContentTypeFromExtension_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("json") << QStringLiteral("a.json") << QByteArray("application/json");
        QTest::newRow("txt") << QStringLiteral("notes.txt") << QByteArray("text/plain");
        QTest::newRow("jpeg") << QStringLiteral("photo.JPG") << QByteArray("image/jpeg");
        QTest::newRow("unknown") << QStringLiteral("blob.zzqq")
                                 << QByteArray("application/octet-stream");
        QTest::newRow("no extension")
            << QStringLiteral("payload") << QByteArray("application/octet-stream");
    }

    void multipartGuessesContentTypeFromExtension()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(fileName);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
        f.close();
        Request request = get(QStringLiteral("http://example.com/"));
        request.method = QStringLiteral("POST");
        request.body.mode = BodyMode::Multipart;
        request.body.multipartFields = {part(QStringLiteral("f"), path, true)};
        const QByteArray expectedPart = "\r\nContent-Type: " + expected + "\r\n\r\nx";
        QVERIFY2(prepared(request).body.contains(expectedPart), prepared(request).body.constData());
    }

    void binaryFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("blob.bin"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray bytes("\0\1\2\3binary", 10);
        f.write(bytes);
        f.close();

        Request request = get(QStringLiteral("http://example.com/"));
        request.method = QStringLiteral("PUT");
        request.body.mode = BodyMode::BinaryFile;
        request.body.filePath = path;
        PreparedRequest p = prepared(request);
        QCOMPARE(p.body, bytes);
        QCOMPARE(p.header("Content-Type"), QByteArray("application/octet-stream"));
        QCOMPARE(p.header("Content-Length"), QByteArray("10"));

        request.body.contentType = QStringLiteral("image/webp");
        QCOMPARE(prepared(request).header("Content-Type"), QByteArray("image/webp"));
    }

    void unreadableBodyFiles_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("path"); // relative to a temporary directory, or empty
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("binary: missing") << int(BodyMode::BinaryFile) << QStringLiteral("nope.bin")
                                         << QStringLiteral("the file does not exist");
        QTest::newRow("binary: folder")
            << int(BodyMode::BinaryFile) << QStringLiteral(".") << QStringLiteral("it is a folder");
        QTest::newRow("binary: none chosen")
            << int(BodyMode::BinaryFile) << QString() << QStringLiteral("No file is chosen");
        QTest::newRow("multipart: missing")
            << int(BodyMode::Multipart) << QStringLiteral("nope.png")
            << QStringLiteral("for the form field \"upload\"");
    }

    void unreadableBodyFiles()
    {
        QFETCH(int, mode);
        QFETCH(QString, path);
        QFETCH(QString, messagePart);
        QTemporaryDir dir;
        const QString fullPath = path.isEmpty() ? QString() : dir.filePath(path);
        Request request = get(QStringLiteral("http://example.com/"));
        request.method = QStringLiteral("POST");
        request.body.mode = BodyMode(mode);
        request.body.filePath = fullPath;
        request.body.multipartFields = {part(QStringLiteral("upload"), fullPath, true)};
        const Result<PreparedRequest> result = prepareRequest(request);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("invalid-request"));
        QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));

        // A disabled multipart file row is not read at all.
        if (BodyMode(mode) == BodyMode::Multipart) {
            request.body.multipartFields[0].enabled = false;
            QVERIFY(prepareRequest(request).ok());
        }
    }

    void auth_data()
    {
        QTest::addColumn<Auth>("auth");
        QTest::addColumn<QByteArray>("headerName");
        QTest::addColumn<QByteArray>("headerValue");
        QTest::addColumn<QByteArray>("query");

        Auth basic;
        basic.mode = AuthMode::Basic;
        basic.username = QStringLiteral("alice");
        basic.password = QStringLiteral("s3cr:t");
        // printf 'alice:s3cr:t' | base64
        QTest::newRow("basic") << basic << QByteArray("Authorization")
                               << QByteArray("Basic YWxpY2U6czNjcjp0") << QByteArray();
        Auth basicUnicode = basic;
        basicUnicode.username = QStringLiteral("zoë");
        basicUnicode.password = QStringLiteral("pä");
        // printf 'zoë:pä' | base64 (UTF-8, RFC 7617)
        QTest::newRow("basic utf-8") << basicUnicode << QByteArray("Authorization")
                                     << QByteArray("Basic em/Dqzpww6Q=") << QByteArray();
        Auth bearer;
        bearer.mode = AuthMode::Bearer;
        bearer.token = QStringLiteral(" abc.def.ghi ");
        QTest::newRow("bearer") << bearer << QByteArray("Authorization")
                                << QByteArray("Bearer abc.def.ghi") << QByteArray();
        Auth bearerEmpty;
        bearerEmpty.mode = AuthMode::Bearer;
        QTest::newRow("bearer without token")
            << bearerEmpty << QByteArray() << QByteArray() << QByteArray();
        Auth keyHeader;
        keyHeader.mode = AuthMode::ApiKey;
        keyHeader.keyName = QStringLiteral("X-Api-Key");
        keyHeader.keyValue = QStringLiteral("k123");
        QTest::newRow("api key header")
            << keyHeader << QByteArray("X-Api-Key") << QByteArray("k123") << QByteArray();
        Auth keyQuery = keyHeader;
        keyQuery.keyName = QStringLiteral("api key");
        keyQuery.keyValue = QStringLiteral("a&b");
        keyQuery.keyLocation = ApiKeyLocation::Query;
        QTest::newRow("api key query")
            << keyQuery << QByteArray() << QByteArray() << QByteArray("page=1&api%20key=a%26b");
    }

    void auth()
    {
        QFETCH(Auth, auth);
        QFETCH(QByteArray, headerName);
        QFETCH(QByteArray, headerValue);
        QFETCH(QByteArray, query);
        Request request = get(QStringLiteral("http://example.com/x?page=1"));
        request.auth = auth;
        const PreparedRequest p = prepared(request);
        QCOMPARE(p.url.query(QUrl::FullyEncoded).toUtf8(), query.isEmpty() ? "page=1" : query);
        if (headerName.isEmpty()) {
            QVERIFY(!p.hasHeader("Authorization"));
            QCOMPARE(p.headers.size(), 2); // User-Agent and Accept only
            return;
        }
        const PreparedHeader *header = findHeader(p, headerName);
        QVERIFY(header);
        QCOMPARE(header->value, headerValue);
        QVERIFY(header->automatic);
        QVERIFY(header->credential);
    }

    void authWinsOverUserRow()
    {
        Request request = get(QStringLiteral("http://example.com/"));
        request.auth.mode = AuthMode::Bearer;
        request.auth.token = QStringLiteral("from-auth");
        request.headers = {{QStringLiteral("Authorization"), QStringLiteral("Bearer from-row")}};
        const PreparedRequest p = prepared(request);
        QCOMPARE(p.header("Authorization"), QByteArray("Bearer from-auth"));
        QCOMPARE(std::count_if(p.headers.cbegin(), p.headers.cend(),
                               [](auto &h) { return h.name == "Authorization"; }),
                 1);
    }

    void userHeaders()
    {
        Request request = get(QStringLiteral("http://example.com/"));
        request.method = QStringLiteral("POST");
        request.body.mode = BodyMode::Json;
        request.body.text = QStringLiteral("{}");
        request.headers = {
            {QStringLiteral("X-Trace"), QStringLiteral("  1  ")},
            {QStringLiteral("X-Off"), QStringLiteral("no"), false},
            {QString(), QStringLiteral("nameless")},
            {QStringLiteral("user-agent"), QStringLiteral("curl/8")},
            {QStringLiteral("Content-Length"), QStringLiteral("999")},
            {QStringLiteral("Cookie"), QStringLiteral("a=1")},
            {QStringLiteral("X-Trace"), QStringLiteral("2")},
        };
        const PreparedRequest p = prepared(request);
        const PreparedHeaderList expected {
            {"Accept", "*/*", true, false},
            {"Content-Type", "application/json", true, false},
            {"Content-Length", "2", true, false},
            {"X-Trace", "1", false, false},
            {"user-agent", "curl/8", false, false},
            {"Cookie", "a=1", false, true},
            {"X-Trace", "2", false, false},
        };
        QCOMPARE(p.headers, expected);
    }

    void invalidHeaders_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("space in name") << QStringLiteral("X Trace") << QStringLiteral("1")
                                       << QStringLiteral("is not a valid header name");
        QTest::newRow("colon in name") << QStringLiteral("X-A:") << QStringLiteral("1")
                                       << QStringLiteral("is not a valid header name");
        QTest::newRow("CRLF injection")
            << QStringLiteral("X-A") << QStringLiteral("1\r\nX-Evil: yes")
            << QStringLiteral("contains a line break");
    }

    void invalidHeaders()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, messagePart);
        Request request = get(QStringLiteral("http://example.com/"));
        request.headers = {{name, value}};
        const Result<PreparedRequest> result = prepareRequest(request);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("invalid-request"));
        QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(name), qPrintable(result.error().message));

        request.headers[0].enabled = false; // a disabled bad row is harmless
        QVERIFY(prepareRequest(request).ok());
    }

    void valueSemantics()
    {
        Request request = get(QStringLiteral("http://example.com/"));
        const PreparedRequest a = prepared(request);
        PreparedRequest b = a;
        QCOMPARE(a, b);
        b.headers[0].automatic = false;
        QVERIFY(a != b);
        b = a;
        QCOMPARE(b.removeHeaders("accept"), 1);
        QVERIFY(!b.hasHeader("Accept"));
        QVERIFY(a != b);
    }
};

QTEST_GUILESS_MAIN(TestPreparedRequest)
#include "tst_preparedrequest.moc"
