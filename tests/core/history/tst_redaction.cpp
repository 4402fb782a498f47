#include "core/history/redaction.h"

#include <QTest>

using namespace Patchbay::Core;

namespace {

QString marker()
{
    return redactionMarker();
}

QString withMarker(QString pattern)
{
    return pattern.replace(QLatin1String("<R>"), redactionMarker());
}

} // namespace

class TestRedaction final : public QObject
{
    Q_OBJECT

private slots:
    void markerIsBullets()
    {
        QCOMPARE(marker(), QString::fromUtf8("\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2"));
    }

    void secretNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("secret");
        QTest::newRow("authorization") << QStringLiteral("Authorization") << true;
        QTest::newRow("x-api-key") << QStringLiteral("X-Api-Key") << true;
        QTest::newRow("api_key") << QStringLiteral("api_key") << true;
        QTest::newRow("apikey") << QStringLiteral("apiKey") << true;
        QTest::newRow("access_token") << QStringLiteral("access_token") << true;
        QTest::newRow("x-auth-token") << QStringLiteral("X-Auth-Token") << true;
        QTest::newRow("client_secret") << QStringLiteral("client_secret") << true;
        QTest::newRow("password") << QStringLiteral("password") << true;
        QTest::newRow("key") << QStringLiteral("key") << true;
        QTest::newRow("content-type") << QStringLiteral("Content-Type") << false;
        QTest::newRow("accept") << QStringLiteral("Accept") << false;
        QTest::newRow("page") << QStringLiteral("page") << false;
        QTest::newRow("keyboard") << QStringLiteral("keyboard") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void secretNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, secret);
        QCOMPARE(isSecretName(name), secret);
    }

    void requestHeaders_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bearer keeps scheme")
            << QStringLiteral("Authorization") << QStringLiteral("Bearer abc.def.ghi")
            << withMarker(QStringLiteral("Bearer <R>"));
        QTest::newRow("basic keeps scheme")
            << QStringLiteral("authorization") << QStringLiteral("Basic dXNlcjpwYXNz")
            << withMarker(QStringLiteral("Basic <R>"));
        QTest::newRow("bare token")
            << QStringLiteral("Authorization") << QStringLiteral("s3cr3t") << marker();
        QTest::newRow("proxy authorization")
            << QStringLiteral("Proxy-Authorization") << QStringLiteral("Basic Zm9vOmJhcg==")
            << withMarker(QStringLiteral("Basic <R>"));
        QTest::newRow("cookie keeps names")
            << QStringLiteral("Cookie") << QStringLiteral("sid=abc123; theme=dark")
            << withMarker(QStringLiteral("sid=<R>; theme=<R>"));
        QTest::newRow("x-api-key")
            << QStringLiteral("X-Api-Key") << QStringLiteral("k-123") << marker();
        QTest::newRow("x-auth-token")
            << QStringLiteral("X-Auth-Token") << QStringLiteral("t-1") << marker();
        QTest::newRow("content-type kept")
            << QStringLiteral("Content-Type") << QStringLiteral("application/json")
            << QStringLiteral("application/json");
        QTest::newRow("empty secret stays empty")
            << QStringLiteral("Authorization") << QString() << QString();
    }
    void requestHeaders()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        Request r;
        r.headers = {{name, value, true}, {QStringLiteral("Accept"), QStringLiteral("*/*"), true}};
        const Request out = redactSecrets(r);
        QCOMPARE(out.headers.at(0).value, expected);
        QCOMPARE(out.headers.at(0).name, name);
        QCOMPARE(out.headers.at(1).value, QStringLiteral("*/*"));
        QCOMPARE(redactSecrets(out), out); // idempotent
    }

    void authFields()
    {
        Request r;
        r.auth.mode = AuthMode::Basic;
        r.auth.username = QStringLiteral("alice");
        r.auth.password = QStringLiteral("hunter2");
        r.auth.token = QStringLiteral("left-over-bearer");
        const Request out = redactSecrets(r);
        QCOMPARE(out.auth.username, QStringLiteral("alice"));
        QCOMPARE(out.auth.password, marker());
        QCOMPARE(out.auth.token, marker());
        QCOMPARE(out.auth.mode, AuthMode::Basic);

        r.auth = {};
        r.auth.mode = AuthMode::Bearer;
        r.auth.token = QStringLiteral("eyJhbGciOi");
        QCOMPARE(redactSecrets(r).auth.token, marker());
        QVERIFY(redactSecrets(r).auth.password.isEmpty());
    }

    // The proxy's password in a request's own proxy address, and a client key's passphrase.
    void networkSettings()
    {
        Request r;
        r.settings.proxy = ProxyOverride::Manual;
        r.settings.proxyUrl = QStringLiteral("http://alice:s3cret@proxy.corp:3128");
        r.settings.clientCertificate = QStringLiteral("client.p12");
        r.settings.clientPassphrase = QStringLiteral("p12pass");
        const Request out = redactSecrets(r);
        QCOMPARE(out.settings.proxyUrl,
                 QStringLiteral("http://alice:") + marker() + QStringLiteral("@proxy.corp:3128"));
        QCOMPARE(out.settings.clientPassphrase, marker());
        QCOMPARE(out.settings.clientCertificate, r.settings.clientCertificate);
        const Request values = Patchbay::Core::redactValues(
            r, QStringList {QStringLiteral("s3cret"), QStringLiteral("p12pass")});
        QVERIFY(!values.settings.proxyUrl.contains(QLatin1String("s3cret")));
        QCOMPARE(values.settings.clientPassphrase, marker());
    }

    void apiKeyInHeader()
    {
        Request r;
        r.auth.mode = AuthMode::ApiKey;
        r.auth.keyName = QStringLiteral("X-Custom"); // not a secret-looking name
        r.auth.keyValue = QStringLiteral("value-1");
        r.auth.keyLocation = ApiKeyLocation::Header;
        r.headers = {{QStringLiteral("x-custom"), QStringLiteral("value-1"), true}};
        const Request out = redactSecrets(r);
        QCOMPARE(out.auth.keyValue, marker());
        QCOMPARE(out.auth.keyName, QStringLiteral("X-Custom"));
        QCOMPARE(out.headers.at(0).value, marker());
    }

    void apiKeyInQuery()
    {
        Request r;
        r.url = QStringLiteral("https://api.example.com/v1/items?q=shoes&k=value-2#top");
        r.auth.mode = AuthMode::ApiKey;
        r.auth.keyName = QStringLiteral("k");
        r.auth.keyValue = QStringLiteral("value-2");
        r.auth.keyLocation = ApiKeyLocation::Query;
        r.params = {{QStringLiteral("k"), QStringLiteral("value-2"), true},
                    {QStringLiteral("page"), QStringLiteral("2"), true},
                    {QStringLiteral("api_key"), QStringLiteral("other"), false}};
        const Request out = redactSecrets(r);
        QCOMPARE(out.url,
                 withMarker(QStringLiteral("https://api.example.com/v1/items?q=shoes&k=<R>#top")));
        QCOMPARE(out.params.at(0).value, marker());
        QCOMPARE(out.params.at(1).value, QStringLiteral("2"));
        QCOMPARE(out.params.at(2).value, marker());
        QCOMPARE(out.params.at(2).enabled, false);
        QCOMPARE(out.auth.keyValue, marker());
        QCOMPARE(redactSecrets(out), out);
    }

    void urls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no query") << QStringLiteral("https://example.com/a/b")
                                  << QStringLiteral("https://example.com/a/b");
        QTest::newRow("harmless query") << QStringLiteral("https://example.com/?page=2&sort=asc")
                                        << QStringLiteral("https://example.com/?page=2&sort=asc");
        QTest::newRow("api_key in query")
            << QStringLiteral("https://example.com/x?api_key=abc&page=2")
            << withMarker(QStringLiteral("https://example.com/x?api_key=<R>&page=2"));
        QTest::newRow("percent-encoded name")
            << QStringLiteral("https://example.com/x?access%5Ftoken=abc")
            << withMarker(QStringLiteral("https://example.com/x?access%5Ftoken=<R>"));
        QTest::newRow("user info password")
            << QStringLiteral("https://bob:pa55@example.com:8443/p?token=t")
            << withMarker(QStringLiteral("https://bob:<R>@example.com:8443/p?token=<R>"));
        QTest::newRow("at sign in path is not user info")
            << QStringLiteral("https://example.com/users/@me:x")
            << QStringLiteral("https://example.com/users/@me:x");
        QTest::newRow("template variables kept")
            << QStringLiteral("{{base}}/login?password={{pw}}&u=1")
            << withMarker(QStringLiteral("{{base}}/login?password=<R>&u=1"));
        QTest::newRow("password without a scheme")
            << QStringLiteral("bob:pa55@example.com/p")
            << withMarker(QStringLiteral("bob:<R>@example.com/p"));
        QTest::newRow("password after //") << QStringLiteral("//bob:pa55@example.com")
                                           << withMarker(QStringLiteral("//bob:<R>@example.com"));
        QTest::newRow("host and port without a scheme")
            << QStringLiteral("localhost:8080/a@b") << QStringLiteral("localhost:8080/a@b");
        QTest::newRow("fragment token (OAuth implicit flow)")
            << QStringLiteral("https://app.test/cb#access_token=abc&state=1")
            << withMarker(QStringLiteral("https://app.test/cb#access_token=<R>&state=1"));
        QTest::newRow("semicolon in the query")
            << QStringLiteral("https://h/x?a=1;token=abc")
            << withMarker(QStringLiteral("https://h/x?a=1;token=<R>"));
        QTest::newRow("path parameter")
            << QStringLiteral("https://h/x;jsessionid=abc/y?q=1")
            << withMarker(QStringLiteral("https://h/x;jsessionid=<R>/y?q=1"));
        QTest::newRow("second question mark")
            << QStringLiteral("https://h/x?a=b?token=c")
            << withMarker(QStringLiteral("https://h/x?a=b?token=<R>"));
        QTest::newRow("everything at once")
            << QStringLiteral("u:p@h/x;sid=1?a=b?key=2;c=3#id_token=4")
            << withMarker(QStringLiteral("u:<R>@h/x;sid=<R>?a=b?key=<R>;c=3#id_token=<R>"));
        QTest::newRow("base64 value with =")
            << QStringLiteral("https://h/?token=ab==&x=1")
            << withMarker(QStringLiteral("https://h/?token=<R>&x=1"));
    }
    void urls()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        QCOMPARE(redactUrl(url), expected);
        QCOMPARE(redactUrl(redactUrl(url)), expected);
    }

    void formFields()
    {
        Request r;
        r.body.mode = BodyMode::FormUrlEncoded;
        r.body.formFields = {{QStringLiteral("username"), QStringLiteral("bob"), true},
                             {QStringLiteral("password"), QStringLiteral("pw"), true}};
        r.body.multipartFields
            = {{QStringLiteral("client_secret"), QStringLiteral("cs"), false, QString(), true},
               {QStringLiteral("token"), QStringLiteral("/tmp/token.txt"), true, QString(), true}};
        const Request out = redactSecrets(r);
        QCOMPARE(out.body.formFields.at(0).value, QStringLiteral("bob"));
        QCOMPARE(out.body.formFields.at(1).value, marker());
        QCOMPARE(out.body.multipartFields.at(0).value, marker());
        // A file part's value is a path, not a secret.
        QCOMPARE(out.body.multipartFields.at(1).value, QStringLiteral("/tmp/token.txt"));
    }

    void responseHeaders()
    {
        const HttpHeaderList in = {
            {"Content-Type", "application/json"},
            {"Set-Cookie", "sid=abc123; Path=/; HttpOnly"},
            {"set-cookie", "theme=dark"},
            {"X-Api-Key", "k"},
            {"ETag", "\"33a64df5\""},
        };
        const HttpHeaderList out = redactSecrets(in);
        const QByteArray m = marker().toUtf8();
        QCOMPARE(out.size(), in.size());
        QCOMPARE(out.at(0).value, QByteArray("application/json"));
        QCOMPARE(out.at(1).value, "sid=" + m + "; Path=/; HttpOnly");
        QCOMPARE(out.at(2).value, "theme=" + m);
        QCOMPARE(out.at(3).value, m);
        QCOMPARE(out.at(4).value, QByteArray("\"33a64df5\""));
        QCOMPARE(out.at(1).name, QByteArray("Set-Cookie"));
        QCOMPARE(redactSecrets(out), out);
    }

    // Found by fuzz_redaction: bytes above 0x7F that a redacted header keeps (UTF-8 in a
    // cookie attribute, Latin-1 from an old server) came back double-encoded, and each
    // redaction pass changed them again.
    void responseHeadersKeepNonAsciiBytes()
    {
        const HttpHeaderList in = {
            {"Set-Cookie", "sid=abc; Path=/caf\xc3\xa9; Note=\xe9t\xe9"},
            {"Authorization",
             "B\xe9"
             "arer xyz"},
        };
        const HttpHeaderList out = redactSecrets(in);
        const QByteArray m = marker().toUtf8();
        QCOMPARE(out.at(0).value, "sid=" + m + "; Path=/caf\xc3\xa9; Note=\xe9t\xe9");
        QCOMPARE(out.at(1).value,
                 "B\xe9"
                 "arer "
                     + m);
        QCOMPARE(redactSecrets(out), out);
    }

    // Secret values resolved from variables are replaced wherever they ended up.
    // Edit resource and the idempotency check refuse a history entry whose credentials were
    // removed: sending it would send the marker as a password.
    void containsRedactions()
    {
        Request r;
        r.url = QStringLiteral("https://api.test/items?page=2");
        r.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json")}};
        r.auth.mode = AuthMode::Basic;
        r.auth.username = QStringLiteral("ann");
        QVERIFY(!Patchbay::Core::containsRedactions(r));
        QVERIFY(!Patchbay::Core::containsRedactions(redactSecrets(r))); // nothing to redact

        Request basic = r;
        basic.auth.password = QStringLiteral("pw");
        QVERIFY(Patchbay::Core::containsRedactions(redactSecrets(basic)));
        Request oauth2 = r;
        oauth2.auth.mode = AuthMode::OAuth2;
        oauth2.auth.oauth2.clientSecret = QStringLiteral("cs");
        QVERIFY(Patchbay::Core::containsRedactions(redactSecrets(oauth2)));
        Request query = r;
        query.url = QStringLiteral("https://api.test/items?access_token=abc");
        QVERIFY(Patchbay::Core::containsRedactions(redactSecrets(query)));
        Request header = r;
        header.headers.append({QStringLiteral("X-Api-Key"), QStringLiteral("k")});
        QVERIFY(Patchbay::Core::containsRedactions(redactSecrets(header)));
        Request body = r;
        body.body.text = QStringLiteral("{\"token\":\"t\"}");
        QVERIFY(Patchbay::Core::containsRedactions(
            Patchbay::Core::redactValues(body, {QStringLiteral("t\"")})));
    }

    void redactValues_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const QString s = QStringLiteral("s3cr3t");
        QTest::newRow("url path") << "url" << QStringLiteral("https://h/s3cr3t/x")
                                  << withMarker(QStringLiteral("https://h/<R>/x"));
        QTest::newRow("url twice") << "url" << QStringLiteral("https://h/?a=s3cr3t&b=s3cr3t")
                                   << withMarker(QStringLiteral("https://h/?a=<R>&b=<R>"));
        QTest::newRow("url percent-encoded") << "url" << QStringLiteral("https://h/?q=p%40ss%20w")
                                             << withMarker(QStringLiteral("https://h/?q=<R>"));
        QTest::newRow("param value") << "param" << s << marker();
        QTest::newRow("header value")
            << "header" << QStringLiteral("X-s3cr3t-y") << withMarker(QStringLiteral("X-<R>-y"));
        QTest::newRow("json body") << "body" << QStringLiteral("{\"pw\": \"s3cr3t\"}")
                                   << withMarker(QStringLiteral("{\"pw\": \"<R>\"}"));
        QTest::newRow("form field") << "form" << s << marker();
        QTest::newRow("multipart") << "multipart" << s << marker();
        QTest::newRow("basic user") << "username" << s << marker();
        QTest::newRow("api key name") << "keyName" << s << marker();
        QTest::newRow("longer value first")
            << "body" << QStringLiteral("s3cr3t-and-more")
            << marker(); // "s3cr3t-and-more" is a value too: never "•••-and-more"
        QTest::newRow("untouched")
            << "body" << QStringLiteral("nothing here") << QStringLiteral("nothing here");
    }

    void redactValues()
    {
        QFETCH(QString, field);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QStringList values {QStringLiteral("s3cr3t"), QStringLiteral("p@ss w"),
                                  QStringLiteral("s3cr3t-and-more"), QString()};
        Request r;
        r.body.mode = BodyMode::Json;
        r.auth.mode = AuthMode::Basic;
        if (field == QLatin1String("url"))
            r.url = text;
        else if (field == QLatin1String("param"))
            r.params = {{QStringLiteral("q"), text}};
        else if (field == QLatin1String("header"))
            r.headers = {{QStringLiteral("X-Plain"), text}};
        else if (field == QLatin1String("body"))
            r.body.text = text;
        else if (field == QLatin1String("form"))
            r.body.formFields = {{QStringLiteral("f"), text}};
        else if (field == QLatin1String("multipart"))
            r.body.multipartFields = {{QStringLiteral("m"), text, false, {}, true}};
        else if (field == QLatin1String("username"))
            r.auth.username = text;
        else if (field == QLatin1String("keyName"))
            r.auth.keyName = text;
        const Request out = Patchbay::Core::redactValues(r, values);
        const QString got = field == QLatin1String("url") ? out.url
            : field == QLatin1String("param")             ? out.params.value(0).value
            : field == QLatin1String("header")            ? out.headers.value(0).value
            : field == QLatin1String("body")              ? out.body.text
            : field == QLatin1String("form")              ? out.body.formFields.value(0).value
            : field == QLatin1String("multipart")         ? out.body.multipartFields.value(0).value
            : field == QLatin1String("username")          ? out.auth.username
                                                          : out.auth.keyName;
        QCOMPARE(got, expected);
        // Idempotent, and nothing else changes.
        QCOMPARE(Patchbay::Core::redactValues(out, values), out);
        QCOMPARE(Patchbay::Core::redactValues(r, {}), r);
        QCOMPARE(Patchbay::Core::redactValues(text, values), expected);
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
