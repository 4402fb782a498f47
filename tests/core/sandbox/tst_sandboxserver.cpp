#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"
#include "core/sandbox/httpbinroutes.h"
#include "core/sandbox/sandboxserver.h"

#include <QElapsedTimer>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <zlib.h>

#include <memory>

using namespace Patchbay::Core;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// JSON in test rows, written with single quotes to stay readable.
QByteArray j(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QDateTime lastModified; // parsed by Qt from Last-Modified
    QString error;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    JsonValue json() const
    {
        const Result<JsonValue> parsed = parseJson(body);
        return parsed.ok() ? *parsed : JsonValue();
    }
};

// A JSON pointer lookup that is enough for these tests ("/address/city", "/0/id").
const JsonValue *pointer(const JsonValue &root, const QByteArray &path)
{
    const JsonValue *current = &root;
    const QStringList tokens = QString::fromUtf8(path).split(u'/', Qt::SkipEmptyParts);
    for (const QString &token : tokens) {
        if (current->isArray()) {
            bool ok = false;
            const int index = token.toInt(&ok);
            if (!ok || index < 0 || index >= current->size())
                return nullptr;
            current = &current->array().at(index);
        } else {
            current = current->find(token);
            if (!current)
                return nullptr;
        }
    }
    return current;
}

QByteArray gunzip(const QByteArray &data)
{
    z_stream stream {};
    if (inflateInit2(&stream, 15 + 16) != Z_OK)
        return {};
    QByteArray out;
    char buffer[16384];
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = sizeof(buffer);
        rc = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, qsizetype(sizeof(buffer) - stream.avail_out));
    }
    inflateEnd(&stream);
    return rc == Z_STREAM_END ? out : QByteArray();
}

QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(u' ');
}

} // namespace

class TestSandboxServer final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void routes_data();
    void routes();
    void listAndFilter_data();
    void listAndFilter();
    void keyOrderIdFirst();
    void postCreates();
    void putReplaces();
    void patchMerges_data();
    void patchMerges();
    void jsonPatch_data();
    void jsonPatch();
    void deleteThenNotFound();
    void etagChangesAfterUpdate();
    void ifMatch_data();
    void ifMatch();
    void ifNoneMatch_data();
    void ifNoneMatch();
    void head();
    void anythingEchoes_data();
    void anythingEchoes();
    void anythingForm();
    void anythingMultipart();
    void delayDoesNotBlock();
    void delayIsCapped();
    void bytes();
    void large();
    void gzip_data();
    void gzip();
    void reset_data();
    void reset();
    void startFailsOnTakenPort();

private:
    HttpResult send(const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
                    const Headers &headers = {});
    HttpResult finish(QNetworkReply *reply);
    QUrl url(const QByteArray &path) const
    {
        return QUrl(m_server.baseUrl().toString() + QString::fromUtf8(path));
    }

    QNetworkAccessManager m_network;
    SandboxServer m_server;
};

HttpResult TestSandboxServer::send(const QByteArray &method, const QByteArray &path,
                                   const QByteArray &body, const Headers &headers)
{
    QNetworkRequest request(url(path));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setRawHeader("Content-Type", "application/json");
    // A custom "HEAD" would make Qt wait for the body that Content-Length announces.
    if (method == "HEAD")
        return finish(m_network.head(request));
    return finish(m_network.sendCustomRequest(request, method, body));
}

HttpResult TestSandboxServer::finish(QNetworkReply *rawReply)
{
    std::unique_ptr<QNetworkReply> reply(rawReply);
    HttpResult result;
    if (!reply->isFinished()) {
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!finished.wait(20000)) {
            result.error = QStringLiteral("timed out");
            return result;
        }
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    result.lastModified = reply->header(QNetworkRequest::LastModifiedHeader).toDateTime();
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.error = reply->errorString();
    return result;
}

void TestSandboxServer::initTestCase()
{
    const Result<quint16> port = m_server.start();
    QVERIFY2(port.ok(), port.ok() ? "" : qPrintable(port.error().message));
    QVERIFY(*port > 0);
    QVERIFY(m_server.isRunning());
    QCOMPARE(m_server.port(), *port);
    QCOMPARE(m_server.baseUrl().host(), QStringLiteral("127.0.0.1"));
}

void TestSandboxServer::init()
{
    m_server.reset();
}

void TestSandboxServer::cleanupTestCase()
{
    QSignalSpy stopped(&m_server, &SandboxServer::stopped);
    m_server.stop();
    QCOMPARE(stopped.size(), 1);
    QVERIFY(!m_server.isRunning());
}

void TestSandboxServer::routes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("headerName");
    QTest::addColumn<QByteArray>("headerContains");
    QTest::addColumn<QByteArray>("bodyContains");

    const QByteArray json = "application/json";
    QTest::newRow("list is json") << QByteArray("GET") << QByteArray("/users") << QByteArray()
                                  << QByteArray() << 200 << QByteArray("Content-Type")
                                  << QByteArray("application/json; charset=utf-8")
                                  << QByteArray("\"Leanne Graham\"");
    QTest::newRow("item") << QByteArray("GET") << QByteArray("/users/1") << QByteArray()
                          << QByteArray() << 200 << QByteArray("ETag") << QByteArray("\"")
                          << QByteArray("\"username\": \"Bret\"");
    QTest::newRow("item is indented")
        << QByteArray("GET") << QByteArray("/todos/1") << QByteArray() << QByteArray() << 200
        << QByteArray("Last-Modified") << QByteArray(" GMT") << QByteArray("{\n  \"id\": 1,\n");
    QTest::newRow("trailing slash")
        << QByteArray("GET") << QByteArray("/posts/2/") << QByteArray() << QByteArray() << 200
        << QByteArray() << QByteArray() << QByteArray("\"qui est esse\"");
    QTest::newRow("missing item") << QByteArray("GET") << QByteArray("/users/999") << QByteArray()
                                  << QByteArray() << 404 << QByteArray("Content-Type")
                                  << QByteArray("application/json")
                                  << QByteArray("There is no user with id 999");
    QTest::newRow("id not a number")
        << QByteArray("GET") << QByteArray("/users/abc") << QByteArray() << QByteArray() << 404
        << QByteArray() << QByteArray() << QByteArray("\"status\": 404");
    QTest::newRow("missing route")
        << QByteArray("GET") << QByteArray("/nothing/here") << QByteArray() << QByteArray() << 404
        << QByteArray() << QByteArray() << QByteArray("No route for /nothing/here");
    QTest::newRow("malformed json one line")
        << QByteArray("PUT") << QByteArray("/users/1") << json << QByteArray("{\"name\": }") << 400
        << QByteArray() << QByteArray() << QByteArray("line 1, column 10");
    QTest::newRow("malformed json trailing comma")
        << QByteArray("PATCH") << QByteArray("/users/1") << json
        << QByteArray("{\n  \"name\": \"x\",\n}") << 400 << QByteArray() << QByteArray()
        << QByteArray("line 2, column 14");
    QTest::newRow("malformed json on post")
        << QByteArray("POST") << QByteArray("/posts") << json << QByteArray("[1, 2") << 400
        << QByteArray() << QByteArray() << QByteArray("Malformed JSON: line 1");
    QTest::newRow("empty body") << QByteArray("PUT") << QByteArray("/users/1") << json
                                << QByteArray() << 400 << QByteArray() << QByteArray()
                                << QByteArray("no body");
    QTest::newRow("text/plain put")
        << QByteArray("PUT") << QByteArray("/users/1") << QByteArray("text/plain")
        << QByteArray("name=x") << 415 << QByteArray() << QByteArray()
        << QByteArray("Send one of: application/json");
    QTest::newRow("text/plain patch")
        << QByteArray("PATCH") << QByteArray("/users/1") << QByteArray("text/plain; charset=utf-8")
        << QByteArray("x") << 415 << QByteArray("Accept-Patch")
        << QByteArray("application/json-patch+json")
        << QByteArray("application/merge-patch+json, application/json-patch+json");
    QTest::newRow("form on post") << QByteArray("POST") << QByteArray("/posts")
                                  << QByteArray("application/x-www-form-urlencoded")
                                  << QByteArray("a=1") << 415 << QByteArray() << QByteArray()
                                  << QByteArray("'application/x-www-form-urlencoded'");
    QTest::newRow("array body on put")
        << QByteArray("PUT") << QByteArray("/users/1") << json << QByteArray("[1, 2]") << 422
        << QByteArray() << QByteArray() << QByteArray("must be a JSON object, not array");
    QTest::newRow("merge patch turning into a string")
        << QByteArray("PATCH") << QByteArray("/users/1")
        << QByteArray("application/merge-patch+json") << QByteArray("\"x\"") << 422 << QByteArray()
        << QByteArray() << QByteArray("must be a JSON object, not string");
    QTest::newRow("json patch that is not an array")
        << QByteArray("PATCH") << QByteArray("/users/1")
        << QByteArray("application/json-patch+json") << j("{'op': 'remove', 'path': '/name'}")
        << 422 << QByteArray() << QByteArray() << QByteArray("Invalid JSON Patch");
    QTest::newRow("delete on collection")
        << QByteArray("DELETE") << QByteArray("/users") << QByteArray() << QByteArray() << 405
        << QByteArray("Allow") << QByteArray("GET, HEAD, POST, OPTIONS")
        << QByteArray("DELETE is not supported here");
    QTest::newRow("post on item") << QByteArray("POST") << QByteArray("/users/1") << json
                                  << QByteArray("{}") << 405 << QByteArray("Allow")
                                  << QByteArray("GET, HEAD, PUT, PATCH, DELETE, OPTIONS")
                                  << QByteArray("\"status\": 405");
    QTest::newRow("put on nested list")
        << QByteArray("PUT") << QByteArray("/users/1/posts") << json << QByteArray("{}") << 405
        << QByteArray("Allow") << QByteArray("GET") << QByteArray("PUT is not supported");
    QTest::newRow("options on item")
        << QByteArray("OPTIONS") << QByteArray("/posts/1") << QByteArray() << QByteArray() << 204
        << QByteArray("Allow") << QByteArray("PATCH") << QByteArray();
    QTest::newRow("status 418") << QByteArray("GET") << QByteArray("/status/418") << QByteArray()
                                << QByteArray() << 418 << QByteArray() << QByteArray()
                                << QByteArray("I'm a teapot");
    QTest::newRow("status 503 on post")
        << QByteArray("POST") << QByteArray("/status/503") << json << QByteArray("{}") << 503
        << QByteArray() << QByteArray() << QByteArray("\"status\": 503");
    QTest::newRow("status 204") << QByteArray("DELETE") << QByteArray("/status/204") << QByteArray()
                                << QByteArray() << 204 << QByteArray() << QByteArray()
                                << QByteArray();
    QTest::newRow("status not a code")
        << QByteArray("GET") << QByteArray("/status/abc") << QByteArray() << QByteArray() << 400
        << QByteArray() << QByteArray() << QByteArray("200 to 599");
    QTest::newRow("redirect default 302")
        << QByteArray("GET") << QByteArray("/redirect-to?url=%2Fanything%3Fa%3D1") << QByteArray()
        << QByteArray() << 302 << QByteArray("Location") << QByteArray("/anything?a=1")
        << QByteArray();
    QTest::newRow("redirect 307") << QByteArray(
        "POST") << QByteArray("/redirect-to?url=http://example.com/x&status_code=307")
                                  << json << QByteArray("{}") << 307 << QByteArray("Location")
                                  << QByteArray("http://example.com/x") << QByteArray();
    QTest::newRow("redirect without url")
        << QByteArray("GET") << QByteArray("/redirect-to") << QByteArray() << QByteArray() << 400
        << QByteArray() << QByteArray() << QByteArray("?url=");
    QTest::newRow("redirect with a non-3xx code")
        << QByteArray("GET") << QByteArray("/redirect-to?url=/get&status_code=200") << QByteArray()
        << QByteArray() << 400 << QByteArray() << QByteArray() << QByteArray("not a redirect");
    QTest::newRow("method echo refuses other methods")
        << QByteArray("POST") << QByteArray("/get") << json << QByteArray("{}") << 405
        << QByteArray("Allow") << QByteArray("GET") << QByteArray();
    QTest::newRow("index") << QByteArray("GET") << QByteArray("/") << QByteArray() << QByteArray()
                           << 200 << QByteArray() << QByteArray() << QByteArray("/__reset");
    QTest::newRow("reset needs post")
        << QByteArray("GET") << QByteArray("/__reset") << QByteArray() << QByteArray() << 405
        << QByteArray("Allow") << QByteArray("POST") << QByteArray();
}

void TestSandboxServer::routes()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, headerName);
    QFETCH(QByteArray, headerContains);
    QFETCH(QByteArray, bodyContains);

    Headers headers;
    if (!contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    const HttpResult result = send(method, path, body, headers);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.status, status);
    if (!headerName.isEmpty()) {
        QVERIFY2(result.header(headerName).contains(headerContains),
                 result.header(headerName).constData());
    }
    if (!bodyContains.isEmpty())
        QVERIFY2(result.body.contains(bodyContains), result.body.constData());
    if (status == 204)
        QVERIFY(result.body.isEmpty());
    if (status >= 400) {
        // Every error is a JSON object saying what happened.
        const JsonValue error = result.json();
        QCOMPARE(error.value(u"status").toInt(), status);
        QVERIFY(!error.value(u"message").toString().isEmpty());
    }
}

void TestSandboxServer::listAndFilter_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("count");
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QByteArray>("value");

    QTest::newRow("users") << QByteArray("/users") << 10 << QByteArray() << QByteArray();
    QTest::newRow("posts") << QByteArray("/posts") << 20 << QByteArray() << QByteArray();
    QTest::newRow("todos") << QByteArray("/todos") << 20 << QByteArray() << QByteArray();
    QTest::newRow("posts of user 1")
        << QByteArray("/posts?userId=1") << 10 << QByteArray("userId") << QByteArray("1");
    QTest::newRow("posts of user 2")
        << QByteArray("/posts?userId=2") << 10 << QByteArray("userId") << QByteArray("2");
    QTest::newRow("posts of user 3")
        << QByteArray("/posts?userId=3") << 0 << QByteArray("userId") << QByteArray("3");
    QTest::newRow("completed todos") << QByteArray("/todos?completed=true") << 11
                                     << QByteArray("completed") << QByteArray("true");
    QTest::newRow("user by username")
        << QByteArray("/users?username=Bret") << 1 << QByteArray("username") << QByteArray("Bret");
    QTest::newRow("nested posts of user 2")
        << QByteArray("/users/2/posts") << 10 << QByteArray("userId") << QByteArray("2");
    QTest::newRow("nested todos of user 1")
        << QByteArray("/users/1/todos") << 20 << QByteArray("userId") << QByteArray("1");
}

void TestSandboxServer::listAndFilter()
{
    QFETCH(QByteArray, path);
    QFETCH(int, count);
    QFETCH(QByteArray, field);
    QFETCH(QByteArray, value);

    const HttpResult result = send("GET", path);
    QCOMPARE(result.status, 200);
    const JsonValue list = result.json();
    QVERIFY(list.isArray());
    QCOMPARE(list.size(), count);
    QCOMPARE(result.header("X-Total-Count"), QByteArray::number(count));
    qint64 previousId = 0;
    for (const JsonValue &item : list.array()) {
        QVERIFY(item.value(u"id").toInt() > previousId); // in id order
        previousId = item.value(u"id").toInt();
        if (!field.isEmpty()) {
            const JsonValue &member = item.value(QString::fromUtf8(field));
            const QByteArray text = member.isString() ? member.toString().toUtf8()
                                                      : toJson(member, JsonStyle::Compact);
            QCOMPARE(text, value);
        }
    }
}

void TestSandboxServer::keyOrderIdFirst()
{
    const JsonValue user = send("GET", "/users/1").json();
    QCOMPARE(user.keys(), words("id name username email address phone website company"));
    QCOMPARE(user.value(u"address").keys(), words("street suite city zipcode geo"));
    QCOMPARE(user.value(u"address").value(u"geo").keys(), words("lat lng"));
    QCOMPARE(user.value(u"company").keys(), words("name catchPhrase bs"));
    QCOMPARE(send("GET", "/posts/1").json().keys(), words("id userId title body"));
    QCOMPARE(send("GET", "/todos/1").json().keys(), words("id userId title completed"));

    // Writes keep the body's order after "id", whatever "id" the body carries.
    const HttpResult put
        = send("PUT", "/todos/3", j("{'zeta': 1, 'id': 99, 'alpha': 2, 'middle': 3}"));
    QCOMPARE(put.status, 200);
    QCOMPARE(put.json().keys(), words("id zeta alpha middle"));
    QCOMPARE(put.json().value(u"id").toInt(), 3);
    const HttpResult post
        = send("POST", "/todos", j("{'title': 't', 'id': 5, 'completed': false}"));
    QCOMPARE(post.status, 201);
    QCOMPARE(post.json().keys(), words("id title completed"));
}

void TestSandboxServer::postCreates()
{
    const QByteArray body = j("{'userId': 1, 'title': 'Hello', 'body': 'World'}");
    const HttpResult created = send("POST", "/posts", body);
    QCOMPARE(created.status, 201);
    const JsonValue post = created.json();
    QCOMPARE(post.value(u"id").toInt(), 21); // after the 20 seed posts
    QCOMPARE(post.value(u"title").toString(), QStringLiteral("Hello"));
    QCOMPARE(created.header("Location"), url("/posts/21").toEncoded());
    QVERIFY(created.header("ETag").startsWith('"'));

    const HttpResult fetched
        = send("GET", QUrl(QString::fromLatin1(created.header("Location"))).path().toUtf8());
    QCOMPARE(fetched.status, 200);
    QCOMPARE(fetched.body, created.body);
    QCOMPARE(fetched.header("ETag"), created.header("ETag"));
    QCOMPARE(send("GET", "/posts").json().size(), 21);

    const HttpResult second = send("POST", "/posts", body);
    QCOMPARE(second.json().value(u"id").toInt(), 22);
}

void TestSandboxServer::putReplaces()
{
    const HttpResult put = send("PUT", "/users/1", j("{'name': 'New Name', 'email': 'n@e.org'}"));
    QCOMPARE(put.status, 200);
    const JsonValue expected
        = parseJson(j("{'id': 1, 'name': 'New Name', 'email': 'n@e.org'}")).value();
    QVERIFY(put.json().isIdenticalTo(expected));
    const JsonValue fetched = send("GET", "/users/1").json();
    QVERIFY(fetched.isIdenticalTo(expected));
    QVERIFY(!fetched.contains(u"username")); // fields not sent are gone
    QVERIFY(!fetched.contains(u"address"));

    QCOMPARE(send("PUT", "/users/77", j("{'name': 'x'}")).status, 404); // no upsert
}

void TestSandboxServer::patchMerges_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QByteArrayList>("changed"); // "pointer=json", or "pointer" when removed
    QTest::addColumn<QByteArrayList>("unchanged"); // pointers that keep their seed value

    QTest::newRow("top-level field")
        << QByteArray("application/json") << j("{'email': 'new@example.com'}")
        << QByteArrayList {"/email=\"new@example.com\""}
        << QByteArrayList {"/name", "/username", "/address", "/company"};
    QTest::newRow("nested object merges")
        << QByteArray("application/json") << j("{'address': {'city': 'Paris'}}")
        << QByteArrayList {"/address/city=\"Paris\""}
        << QByteArrayList {"/address/street", "/address/geo", "/name"};
    QTest::newRow("null deletes") << QByteArray("application/json") << j("{'website': null}")
                                  << QByteArrayList {"/website"}
                                  << QByteArrayList {"/phone", "/company"};
    QTest::newRow("nested null deletes")
        << QByteArray("application/merge-patch+json") << j("{'address': {'geo': null}}")
        << QByteArrayList {"/address/geo"} << QByteArrayList {"/address/city", "/address/zipcode"};
    QTest::newRow("merge-patch+json with charset")
        << QByteArray("application/merge-patch+json; charset=utf-8")
        << j("{'company': {'bs': 'x'}, 'phone': '1'}")
        << QByteArrayList {"/company/bs=\"x\"", "/phone=\"1\""}
        << QByteArrayList {"/company/name", "/company/catchPhrase", "/email"};
    QTest::newRow("array replaced whole")
        << QByteArray("application/merge-patch+json") << j("{'tags': ['a', 'b']}")
        << QByteArrayList {"/tags=[\"a\",\"b\"]"} << QByteArrayList {"/name"};
    QTest::newRow("id in the patch is ignored")
        << QByteArray("application/merge-patch+json") << j("{'id': 42, 'name': 'N'}")
        << QByteArrayList {"/id=1", "/name=\"N\""} << QByteArrayList {"/email"};
}

void TestSandboxServer::patchMerges()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, patch);
    QFETCH(QByteArrayList, changed);
    QFETCH(QByteArrayList, unchanged);

    const JsonValue before = send("GET", "/users/1").json();
    const HttpResult patched = send("PATCH", "/users/1", patch, {{"Content-Type", contentType}});
    QCOMPARE(patched.status, 200);
    const JsonValue after = send("GET", "/users/1").json();
    QVERIFY(after.isIdenticalTo(patched.json()));
    QCOMPARE(after.keys().first(), QStringLiteral("id"));

    for (const QByteArray &change : changed) {
        const qsizetype eq = change.indexOf('=');
        const QByteArray path = eq < 0 ? change : change.left(eq);
        const JsonValue *value = pointer(after, path);
        if (eq < 0) {
            QVERIFY2(!value, QByteArray(path + " should be gone").constData());
        } else {
            QVERIFY2(value, path.constData());
            QCOMPARE(toJson(*value, JsonStyle::Compact), change.mid(eq + 1));
        }
    }
    for (const QByteArray &path : unchanged) {
        QVERIFY2(pointer(before, path), path.constData());
        QVERIFY2(pointer(after, path), path.constData());
        QVERIFY2(pointer(after, path)->isIdenticalTo(*pointer(before, path)), path.constData());
    }
}

void TestSandboxServer::jsonPatch_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("bodyContains");

    QTest::newRow("replace and add")
        << j("[{'op': 'replace', 'path': '/email', 'value': 'x@y.z'},"
             " {'op': 'add', 'path': '/address/city', 'value': 'Lyon'}]")
        << 200 << QByteArray("\"city\": \"Lyon\"");
    QTest::newRow("test then remove") << j("[{'op': 'test', 'path': '/username', 'value': 'Bret'},"
                                           " {'op': 'remove', 'path': '/phone'}]")
                                      << 200 << QByteArray("\"username\": \"Bret\"");
    QTest::newRow("second operation fails")
        << j("[{'op': 'replace', 'path': '/email', 'value': 'changed'},"
             " {'op': 'remove', 'path': '/nope'}]")
        << 409 << QByteArray("operation 1");
    QTest::newRow("failing test") << j("[{'op': 'test', 'path': '/name', 'value': 'Nobody'},"
                                       " {'op': 'replace', 'path': '/name', 'value': 'X'}]")
                                  << 409 << QByteArray("operation 0");
    QTest::newRow("unknown op") << j("[{'op': 'frobnicate', 'path': '/name'}]") << 422
                                << QByteArray("Invalid JSON Patch");
}

void TestSandboxServer::jsonPatch()
{
    QFETCH(QByteArray, patch);
    QFETCH(int, status);
    QFETCH(QByteArray, bodyContains);

    const HttpResult before = send("GET", "/users/1");
    const HttpResult result
        = send("PATCH", "/users/1", patch, {{"Content-Type", "application/json-patch+json"}});
    QCOMPARE(result.status, status);
    QVERIFY2(result.body.contains(bodyContains), result.body.constData());
    const HttpResult after = send("GET", "/users/1");
    if (status == 200) {
        QCOMPARE(after.body, result.body);
        QVERIFY(after.header("ETag") != before.header("ETag"));
    } else {
        // Atomic: nothing of a failed patch is applied.
        QCOMPARE(after.body, before.body);
        QCOMPARE(after.header("ETag"), before.header("ETag"));
    }
}

void TestSandboxServer::deleteThenNotFound()
{
    const HttpResult deleted = send("DELETE", "/todos/1");
    QCOMPARE(deleted.status, 204);
    QVERIFY(deleted.body.isEmpty());
    QCOMPARE(send("GET", "/todos/1").status, 404);
    QCOMPARE(send("DELETE", "/todos/1").status, 404);
    QCOMPARE(send("PATCH", "/todos/1", j("{'title': 'x'}")).status, 404);
    QCOMPARE(send("GET", "/todos").json().size(), 19);
}

void TestSandboxServer::etagChangesAfterUpdate()
{
    const HttpResult first = send("GET", "/users/1");
    const QByteArray etag = first.header("ETag");
    QVERIFY(etag.size() > 2);
    QVERIFY(etag.startsWith('"') && etag.endsWith('"')); // strong, not W/
    QCOMPARE(send("GET", "/users/1").header("ETag"), etag); // stable while unchanged
    QVERIFY(send("GET", "/users/2").header("ETag") != etag);
    QVERIFY(first.lastModified.isValid());
    QVERIFY(qAbs(first.lastModified.secsTo(QDateTime::currentDateTimeUtc())) < 600);

    const HttpResult patched = send("PATCH", "/users/1", j("{'name': 'Changed'}"));
    QCOMPARE(patched.status, 200);
    QVERIFY(!patched.header("ETag").isEmpty());
    QVERIFY(patched.header("ETag") != etag);
    QCOMPARE(send("GET", "/users/1").header("ETag"), patched.header("ETag"));

    const HttpResult put = send("PUT", "/users/1", j("{'name': 'Changed'}"));
    QVERIFY(put.header("ETag") != patched.header("ETag"));
}

void TestSandboxServer::ifMatch_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("useCurrentEtag");
    QTest::addColumn<QByteArray>("ifMatch"); // used when not the current ETag
    QTest::addColumn<int>("status");

    const QByteArray patch = j("{'name': 'Changed'}");
    QTest::newRow("PUT stale") << QByteArray("PUT") << patch << false << QByteArray("\"stale\"")
                               << 412;
    QTest::newRow("PATCH stale") << QByteArray("PATCH") << patch << false << QByteArray("\"stale\"")
                                 << 412;
    QTest::newRow("DELETE stale") << QByteArray("DELETE") << QByteArray() << false
                                  << QByteArray("\"stale\"") << 412;
    QTest::newRow("PATCH stale list")
        << QByteArray("PATCH") << patch << false << QByteArray("\"a\", \"b\"") << 412;
    QTest::newRow("PUT current") << QByteArray("PUT") << patch << true << QByteArray() << 200;
    QTest::newRow("PATCH current") << QByteArray("PATCH") << patch << true << QByteArray() << 200;
    QTest::newRow("DELETE current")
        << QByteArray("DELETE") << QByteArray() << true << QByteArray() << 204;
    QTest::newRow("PATCH any") << QByteArray("PATCH") << patch << false << QByteArray("*") << 200;
}

void TestSandboxServer::ifMatch()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    QFETCH(bool, useCurrentEtag);
    QFETCH(QByteArray, ifMatch);
    QFETCH(int, status);

    const HttpResult before = send("GET", "/users/3");
    const QByteArray etag = before.header("ETag");
    const HttpResult result
        = send(method, "/users/3", body, {{"If-Match", useCurrentEtag ? etag : ifMatch}});
    QCOMPARE(result.status, status);
    const HttpResult after = send("GET", "/users/3");
    if (status == 412) {
        QCOMPARE(result.header("ETag"), etag); // tells the client what is current
        QVERIFY2(result.body.contains(etag.mid(1, etag.size() - 2)), result.body.constData());
        QCOMPARE(after.body, before.body);
        QCOMPARE(after.header("ETag"), etag);
    } else if (method == "DELETE") {
        QCOMPARE(after.status, 404);
    } else {
        QCOMPARE(after.json().value(u"name").toString(), QStringLiteral("Changed"));
    }
}

void TestSandboxServer::ifNoneMatch_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("useCurrentEtag");
    QTest::addColumn<QByteArray>("ifNoneMatch");
    QTest::addColumn<int>("status");

    QTest::newRow("item current") << QByteArray("/users/1") << true << QByteArray() << 304;
    QTest::newRow("item other") << QByteArray("/users/1") << false << QByteArray("\"other\"")
                                << 200;
    QTest::newRow("item star") << QByteArray("/users/1") << false << QByteArray("*") << 304;
    QTest::newRow("list current") << QByteArray("/posts?userId=1") << true << QByteArray() << 304;
    QTest::newRow("list other") << QByteArray("/posts") << false << QByteArray("\"x\"") << 200;
}

void TestSandboxServer::ifNoneMatch()
{
    QFETCH(QByteArray, path);
    QFETCH(bool, useCurrentEtag);
    QFETCH(QByteArray, ifNoneMatch);
    QFETCH(int, status);

    const HttpResult first = send("GET", path);
    const QByteArray etag = first.header("ETag");
    QVERIFY(!etag.isEmpty());
    const HttpResult result
        = send("GET", path, {}, {{"If-None-Match", useCurrentEtag ? etag : ifNoneMatch}});
    QCOMPARE(result.status, status);
    QCOMPARE(result.header("ETag"), etag);
    if (status == 304)
        QVERIFY(result.body.isEmpty());
    else
        QCOMPARE(result.body, first.body);
}

void TestSandboxServer::head()
{
    const HttpResult get = send("GET", "/users/1");
    const HttpResult head = send("HEAD", "/users/1");
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(head.header("Content-Length"), QByteArray::number(get.body.size()));
    QCOMPARE(head.header("ETag"), get.header("ETag"));

    // The 100 MiB cap shows in Content-Length without moving the bytes.
    const HttpResult capped = send("HEAD", "/bytes/200000000");
    QCOMPARE(capped.status, 200);
    QCOMPARE(capped.header("Content-Length"), QByteArray::number(100 * 1024 * 1024));
}

void TestSandboxServer::anythingEchoes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("GET") << QByteArray("GET") << QByteArray();
    QTest::newRow("POST") << QByteArray("POST") << j("{'k': [1, 2], 'n': null, 'a': 1.50}");
    QTest::newRow("PUT") << QByteArray("PUT") << j("{'k': [1, 2], 'n': null, 'a': 1.50}");
    QTest::newRow("PATCH") << QByteArray("PATCH") << j("{'k': [1, 2], 'n': null, 'a': 1.50}");
    QTest::newRow("DELETE") << QByteArray("DELETE") << QByteArray();
}

void TestSandboxServer::anythingEchoes()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);

    const HttpResult result
        = send(method, "/anything/a/b?x=1&x=2&y=two%20words&z=a+b", body, {{"X-Custom", "hello"}});
    QCOMPARE(result.status, 200);
    const JsonValue echo = result.json();
    QCOMPARE(echo.value(u"method").toString(), QString::fromLatin1(method));
    QVERIFY(echo.value(u"url").toString().startsWith(url("/anything/a/b?x=1").toString()));
    QCOMPARE(toJson(echo.value(u"args"), JsonStyle::Compact),
             j("{'x':['1','2'],'y':'two words','z':'a b'}"));
    QCOMPARE(echo.value(u"headers").value(u"X-Custom").toString(), QStringLiteral("hello"));
    QCOMPARE(echo.value(u"headers").value(u"Host").toString(),
             QStringLiteral("127.0.0.1:%1").arg(m_server.port()));
    QCOMPARE(echo.value(u"data").toString(), QString::fromUtf8(body));
    QCOMPARE(echo.value(u"origin").toString(), QStringLiteral("127.0.0.1"));
    if (body.isEmpty()) {
        QVERIFY(echo.value(u"json").isNull());
    } else {
        QVERIFY(echo.contains(u"json"));
        // Members in the order sent, number literals as written.
        QCOMPARE(toJson(echo.value(u"json"), JsonStyle::Compact),
                 toJson(parseJson(body).value(), JsonStyle::Compact));
    }
    QCOMPARE(echo.value(u"form").size(), 0);
}

void TestSandboxServer::anythingForm()
{
    const HttpResult result = send("POST", "/anything", "a=1&b=two+words&a=3&c=%C3%A9",
                                   {{"Content-Type", "application/x-www-form-urlencoded"}});
    QCOMPARE(result.status, 200);
    const JsonValue echo = result.json();
    QCOMPARE(toJson(echo.value(u"form"), JsonStyle::Compact),
             QString::fromUtf8(j("{'a':['1','3'],'b':'two words','c':'\xc3\xa9'}")).toUtf8());
    QVERIFY(echo.value(u"json").isNull());
}

void TestSandboxServer::anythingMultipart()
{
    auto multipart = std::make_unique<QHttpMultiPart>(QHttpMultiPart::FormDataType);
    QHttpPart text;
    text.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QStringLiteral("form-data; name=\"field\""));
    text.setBody("value");
    QHttpPart file;
    file.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QStringLiteral("form-data; name=\"upload\"; filename=\"a.txt\""));
    file.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
    file.setBody("file content\n");
    multipart->append(text);
    multipart->append(file);
    QNetworkRequest request(url("/anything"));
    const HttpResult result = finish(m_network.post(request, multipart.get()));
    QCOMPARE(result.status, 200);
    const JsonValue echo = result.json();
    QCOMPARE(echo.value(u"form").value(u"field").toString(), QStringLiteral("value"));
    QCOMPARE(echo.value(u"files").value(u"upload").toString(), QStringLiteral("file content\n"));
}

void TestSandboxServer::delayDoesNotBlock()
{
    QElapsedTimer timer;
    timer.start();
    QNetworkRequest delayed(url("/delay/1"));
    std::unique_ptr<QNetworkReply> slow(m_network.get(delayed));

    // Answered while the delayed request is still waiting: the server never blocks.
    const HttpResult quick = send("GET", "/users/1");
    QCOMPARE(quick.status, 200);
    QVERIFY(!slow->isFinished());
    QVERIFY(timer.elapsed() < 1000);

    QSignalSpy finished(slow.get(), &QNetworkReply::finished);
    QVERIFY(slow->isFinished() || finished.wait(5000));
    QVERIFY(timer.elapsed() >= 950);
    QCOMPARE(slow->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const JsonValue echo = parseJson(slow->readAll()).value();
    QCOMPARE(echo.value(u"method").toString(), QStringLiteral("GET"));

    QCOMPARE(send("GET", "/delay/soon").status, 400);
}

void TestSandboxServer::delayIsCapped()
{
    // Checked on the route itself: waiting out the cap over HTTP would take 10 s.
    Sandbox::SandboxRequest request;
    request.method = "GET";
    request.path = QStringLiteral("/delay/3600");
    const std::optional<Sandbox::SandboxReply> reply = Sandbox::handleHttpbinRoute(request);
    QVERIFY(reply);
    QCOMPARE(reply->status, 200);
    QCOMPARE(reply->delayMs, Sandbox::maxDelaySeconds * 1000);
    request.path = QStringLiteral("/delay/0.5");
    QCOMPARE(Sandbox::handleHttpbinRoute(request)->delayMs, 500);
}

void TestSandboxServer::large()
{
    const HttpResult result = send("GET", "/large?items=3");
    QCOMPARE(result.status, 200);
    const JsonValue items = result.json();
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.at(2).value(u"id").toInt(), 3);
    QCOMPARE(items.at(0).keys().first(), QStringLiteral("id"));
    QCOMPARE(send("GET", "/large?items=0").json().size(), 0);
    QCOMPARE(send("GET", "/large?items=many").status, 400);
}

void TestSandboxServer::bytes()
{
    const HttpResult a = send("GET", "/bytes/1000?seed=42");
    QCOMPARE(a.status, 200);
    QCOMPARE(a.body.size(), 1000);
    QCOMPARE(a.header("Content-Type"), QByteArray("application/octet-stream"));
    QCOMPARE(send("GET", "/bytes/1000?seed=42").body, a.body); // deterministic with a seed
    QVERIFY(send("GET", "/bytes/1000?seed=43").body != a.body);
    QCOMPARE(send("GET", "/bytes/8?seed=42").body, a.body.left(8)); // same stream
    QVERIFY(send("GET", "/bytes/64").body != send("GET", "/bytes/64").body); // random without
    QCOMPARE(send("GET", "/bytes/0").body.size(), 0);
    QCOMPARE(send("GET", "/bytes/-1").status, 400);
    QCOMPARE(send("GET", "/bytes/3?seed=x").status, 400);

    // Not all zeros or a repeated pattern: a rough check that the bytes look random.
    QSet<char> distinct;
    for (const char c : a.body)
        distinct.insert(c);
    QVERIFY(distinct.size() > 200);
}

void TestSandboxServer::gzip_data()
{
    QTest::addColumn<bool>("decodeOurselves");
    QTest::newRow("decoded by Qt") << false;
    QTest::newRow("raw gzip inflated with zlib") << true;
}

void TestSandboxServer::gzip()
{
    QFETCH(bool, decodeOurselves);

    // When the caller sets Accept-Encoding itself, Qt leaves the body encoded.
    const HttpResult result = decodeOurselves
        ? send("GET", "/gzip", {}, {{"Accept-Encoding", "gzip"}})
        : send("GET", "/gzip");
    QCOMPARE(result.status, 200);
    QCOMPARE(result.header("Content-Encoding"), QByteArray("gzip"));
    QByteArray json = result.body;
    if (decodeOurselves) {
        QVERIFY(json.startsWith("\x1f\x8b")); // gzip magic
        json = gunzip(json);
    }
    const Result<JsonValue> parsed = parseJson(json);
    QVERIFY2(parsed.ok(), json.constData());
    QCOMPARE(parsed->value(u"gzipped").toBool(), true);
    QCOMPARE(parsed->value(u"method").toString(), QStringLiteral("GET"));
}

void TestSandboxServer::reset_data()
{
    QTest::addColumn<bool>("overHttp");
    QTest::newRow("reset()") << false;
    QTest::newRow("POST /__reset") << true;
}

void TestSandboxServer::reset()
{
    QFETCH(bool, overHttp);

    const HttpResult user = send("GET", "/users/1");
    const HttpResult posts = send("GET", "/posts");
    QCOMPARE(send("PUT", "/users/1", j("{'name': 'x'}")).status, 200);
    QCOMPARE(send("DELETE", "/users/2").status, 204);
    QCOMPARE(send("POST", "/posts", j("{'title': 't'}")).status, 201);

    if (overHttp)
        QCOMPARE(send("POST", "/__reset").status, 200);
    else
        m_server.reset();

    QCOMPARE(send("GET", "/users/1").body, user.body);
    QCOMPARE(send("GET", "/users/2").status, 200);
    QCOMPARE(send("GET", "/posts").body, posts.body);
    QCOMPARE(send("POST", "/posts", j("{'title': 't'}")).json().value(u"id").toInt(), 21);
}

void TestSandboxServer::startFailsOnTakenPort()
{
    SandboxServer second;
    const Result<quint16> result = second.start(m_server.port());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("listen-failed"));
    QVERIFY(result.error().message.contains(QString::number(m_server.port())));
    QVERIFY(!second.isRunning());
    QVERIFY(m_server.start().error().code == QStringLiteral("already-running"));
}

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "tst_sandboxserver.moc"
