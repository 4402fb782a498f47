#include "core/collections/collectionformat.h"
#include "core/http/httpclient.h"
#include "core/interop/codegen.h"
#include "core/sandbox/sandboxserver.h"
#include "tests/integration/sendhelper.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Patchbay::Core;

Q_DECLARE_METATYPE(Patchbay::Core::Request)

namespace {

// How generated code is run: a program and its arguments around the file holding the code.
struct Runner
{
    QString name;
    QString program;
    QString fileName;
    bool shell = false; // the code is a shell command: run with /bin/sh -c
    CodeLanguage language;
};

QList<Runner> runners()
{
    QList<Runner> out = {
        {QStringLiteral("python"), QStringLiteral("/usr/bin/python3"), QStringLiteral("request.py"),
         false, CodeLanguage::PythonRequests},
        {QStringLiteral("curl"), QStringLiteral("/bin/sh"), QStringLiteral("request.sh"), true,
         CodeLanguage::Curl},
        {QStringLiteral("httpie"), QStringLiteral("/bin/sh"), QStringLiteral("request.sh"), true,
         CodeLanguage::Httpie},
    };
    // Node.js runs the fetch code as an ES module (top-level await) when it is installed.
    if (QFileInfo::exists(QStringLiteral("/usr/bin/node"))) {
        out.append({QStringLiteral("fetch"), QStringLiteral("/usr/bin/node"),
                    QStringLiteral("request.mjs"), false, CodeLanguage::JavaScriptFetch});
    }
    return out;
}

// The echo in a program's output: from the first '{' to the end.
QJsonObject echoIn(const QByteArray &output)
{
    const qsizetype start = output.indexOf('{');
    if (start < 0)
        return {};
    return QJsonDocument::fromJson(output.mid(start)).object();
}

QString mediaType(const QJsonValue &value)
{
    return value.toString().section(u';', 0, 0).trimmed().toLower();
}

} // namespace

// Generated code must run: each request is sent by Patchbay and by the generated program to the
// sandbox's /anything, and the server must have received the same thing both times.
class TestCodegenRun final : public QObject
{
    Q_OBJECT

private:
    SandboxServer m_sandbox;
    QNetworkAccessManager m_network;
    std::unique_ptr<HttpClient> m_client;
    QTemporaryDir m_dir;
    QString m_uploadPath;

    struct Run
    {
        bool finished = false;
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    // Runs without blocking the thread: the sandbox answers from this thread's event loop.
    Run runAsync(const QString &program, const QStringList &args,
                 const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setWorkingDirectory(m_dir.path());
        process.setProcessEnvironment(environment);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(program, args);
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

private slots:
    void initTestCase()
    {
        const Result<quint16> port = m_sandbox.start();
        QVERIFY2(port.ok(), qPrintable(port.ok() ? QString() : port.error().message));
        m_client = std::make_unique<HttpClient>(&m_network);
        QVERIFY(m_dir.isValid());
        m_uploadPath = m_dir.filePath(QStringLiteral("people; list.csv"));
        QFile upload(m_uploadPath);
        QVERIFY(upload.open(QIODevice::WriteOnly));
        upload.write("id,name\n1,Ada Lovelace\n2,Zoë\n");
    }

    void generatedCodeSendsWhatPatchbaySends_data()
    {
        QTest::addColumn<Request>("request");
        QTest::addColumn<QStringList>("headers"); // header names whose values must match
        QTest::addColumn<bool>("compareData"); // the raw body is byte-identical in every tool
        const QString url = m_sandbox.baseUrl().toString() + QStringLiteral("/anything");

        Request patch;
        patch.method = QStringLiteral("PATCH");
        patch.url = url + QStringLiteral("/users/1");
        patch.headers = {{QStringLiteral("If-Match"), QStringLiteral("\"v42\"")}};
        patch.body.mode = BodyMode::Json;
        patch.body.text = QStringLiteral(
            "{\"email\": \"zoë@example.com\", \"active\": true, \"manager\": null, "
            "\"score\": 1.50, \"tags\": [\"a\", \"it's\"], \"address\": {\"city\": \"Zürich\"}}");

        Request form;
        form.method = QStringLiteral("POST");
        form.url = url;
        form.body.mode = BodyMode::FormUrlEncoded;
        form.body.formFields = {{QStringLiteral("user"), QStringLiteral("Ada Lovelace")},
                                {QStringLiteral("lang"), QStringLiteral("C++ & more = fun")},
                                {QStringLiteral("city"), QStringLiteral("Zürich")},
                                {QStringLiteral("lang"), QStringLiteral("Python")},
                                {QStringLiteral("off"), QStringLiteral("x"), false}};

        Request multipart;
        multipart.method = QStringLiteral("POST");
        multipart.url = url;
        multipart.body.mode = BodyMode::Multipart;
        multipart.body.multipartFields
            = {{QStringLiteral("title"), QStringLiteral("Q3 report ✓"), false, {}, true},
               {QStringLiteral("people"), m_uploadPath, true, QStringLiteral("text/csv"), true}};

        Request get;
        get.method = QStringLiteral("GET");
        get.url = url + QStringLiteral("?fixed=1");
        get.params = {{QStringLiteral("q"), QStringLiteral("a b&c=d+e")},
                      {QStringLiteral("city"), QStringLiteral("Zürich ✓")},
                      {QStringLiteral("tag"), QStringLiteral("one")},
                      {QStringLiteral("tag"), QStringLiteral("two")},
                      {QStringLiteral("empty"), QString()}};

        Request basic;
        basic.method = QStringLiteral("GET");
        basic.url = url;
        basic.auth.mode = AuthMode::Basic;
        basic.auth.username = QStringLiteral("ada");
        basic.auth.password = QStringLiteral("s3cr:et pw");

        Request headers;
        headers.method = QStringLiteral("PUT");
        headers.url = url;
        headers.headers = {{QStringLiteral("X-Trace"), QStringLiteral("abc 123")},
                           {QStringLiteral("X-Quote"), QStringLiteral("it's \"q\" $HOME `id`")},
                           {QStringLiteral("X-Off"), QStringLiteral("no"), false}};
        headers.body.mode = BodyMode::Text;
        headers.body.text = QStringLiteral("héllo 'world' $x `y`\nline 2\n");

        // ?flag&x=1: the key without a value goes out as written (not flag=).
        Request valueless;
        valueless.method = QStringLiteral("GET");
        valueless.url = url;
        valueless.params = {{QStringLiteral("flag"), QString(), true, false},
                            {QStringLiteral("x"), QStringLiteral("1")}};

        Request purge;
        purge.method = QStringLiteral("PURGE");
        purge.url = url;
        purge.auth.mode = AuthMode::Bearer;
        purge.auth.token = QStringLiteral("tok.en-123");
        purge.params = {{QStringLiteral("key"), QStringLiteral("app.js")}};

        const QList<std::tuple<const char *, Request, QStringList, bool>> rows = {
            {"PATCH JSON",
             patch,
             {QStringLiteral("Content-Type"), QStringLiteral("If-Match")},
             false},
            {"POST form", form, {QStringLiteral("Content-Type")}, false},
            {"multipart with a file", multipart, {}, false},
            {"GET with params", get, {}, true},
            {"query key without a value", valueless, {}, true},
            {"basic auth", basic, {QStringLiteral("Authorization")}, true},
            {"custom headers and text",
             headers,
             {QStringLiteral("Content-Type"), QStringLiteral("X-Trace"), QStringLiteral("X-Quote")},
             true},
            {"custom verb with bearer", purge, {QStringLiteral("Authorization")}, true},
        };
        for (const Runner &runner : runners()) {
            for (const auto &[name, request, names, data] : rows) {
                QTest::addRow("%s: %s", qPrintable(runner.name), name) << request << names << data;
            }
        }
    }
    void generatedCodeSendsWhatPatchbaySends()
    {
        QFETCH(Request, request);
        QFETCH(QStringList, headers);
        QFETCH(bool, compareData);
        const QString runnerName = QString::fromUtf8(QTest::currentDataTag()).section(u':', 0, 0);
        std::optional<Runner> runner;
        for (const Runner &r : runners()) {
            if (r.name == runnerName)
                runner = r;
        }
        QVERIFY(runner);

        const Response response = Patchbay::Test::sendAndWait(*m_client, request);
        QCOMPARE(response.statusCode, 200);
        const QJsonObject expected = echoIn(response.body.readAll());
        QVERIFY(!expected.isEmpty());

        const Result<QString> code = generateCode(request, runner->language);
        QVERIFY(code.ok());
        QStringList args;
        if (runner->shell) {
            args = {QStringLiteral("-c"), *code};
        } else {
            QFile file(m_dir.filePath(runner->fileName));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(code->toUtf8());
            file.close();
            args = {file.fileName()};
        }
        const Run run = runAsync(runner->program, args);
        const QString context = *code + QStringLiteral("\n--- stderr:\n")
            + QString::fromUtf8(run.err) + QStringLiteral("\n--- stdout:\n")
            + QString::fromUtf8(run.out);
        QVERIFY2(run.finished, qPrintable(context));
        QVERIFY2(run.exitCode == 0, qPrintable(context));
        const QJsonObject actual = echoIn(run.out);
        QVERIFY2(!actual.isEmpty(), qPrintable(context));

        for (const char *field : {"method", "args", "json", "form", "files"}) {
            const QString key = QString::fromLatin1(field);
            QVERIFY2(actual.value(key) == expected.value(key),
                     qPrintable(key + QStringLiteral(": ")
                                + QString::fromUtf8(QJsonDocument(actual).toJson()) + u'\n'
                                + QString::fromUtf8(QJsonDocument(expected).toJson()) + context));
        }
        if (compareData)
            QCOMPARE(actual.value(QStringLiteral("data")), expected.value(QStringLiteral("data")));
        if (QByteArray(QTest::currentDataTag()).contains("without a value")) {
            QVERIFY(expected.value(QStringLiteral("url"))
                        .toString()
                        .endsWith(QLatin1String("/anything?flag&x=1")));
            QCOMPARE(actual.value(QStringLiteral("url")), expected.value(QStringLiteral("url")));
        }
        const QJsonObject sent = actual.value(QStringLiteral("headers")).toObject();
        const QJsonObject wanted = expected.value(QStringLiteral("headers")).toObject();
        for (const QString &name : std::as_const(headers)) {
            QVERIFY2(wanted.contains(name), qPrintable(name));
            // Tools add their own parameters to Content-Type (HTTPie: "; charset=utf-8").
            if (name == QLatin1String("Content-Type"))
                QCOMPARE(mediaType(sent.value(name)), mediaType(wanted.value(name)));
            else
                QCOMPARE(sent.value(name).toString(), wanted.value(name).toString());
        }
        // A disabled row is never sent.
        QVERIFY(!sent.contains(QStringLiteral("X-Off")));
    }

    // Secret variables: the code reads them from environment variables (the values are not in
    // it), and sends what Patchbay sends with the values.
    void secretsComeFromTheEnvironment_data()
    {
        QTest::addColumn<QString>("runner");
        for (const Runner &runner : runners())
            QTest::newRow(qPrintable(runner.name)) << runner.name;
    }
    void secretsComeFromTheEnvironment()
    {
        QFETCH(QString, runner);
        const Runner run = [&runner] {
            for (const Runner &r : runners()) {
                if (r.name == runner)
                    return r;
            }
            return Runner {};
        }();
        const QString token = QStringLiteral("t0k'en $x \"q\"");
        const QString part = QStringLiteral("42 &=");
        const SecretReferences secrets = {{secretPlaceholder(0), QStringLiteral("API_TOKEN")},
                                          {secretPlaceholder(1), QStringLiteral("KEY_PART")}};
        Request request;
        request.method = QStringLiteral("POST");
        request.url = m_sandbox.baseUrl().toString() + QStringLiteral("/anything");
        request.auth.mode = AuthMode::Bearer;
        request.auth.token = secretPlaceholder(0);
        request.headers = {{QStringLiteral("X-Key"), QStringLiteral("k-") + secretPlaceholder(1)}};
        request.params = {{QStringLiteral("part"), secretPlaceholder(1) + QStringLiteral("!")}};
        request.body.mode = BodyMode::Json;
        request.body.text = QStringLiteral("{\"pw\": \"%1\", \"n\": 1}").arg(secretPlaceholder(1));
        // What Patchbay sends, with the values.
        const auto withValues = [&](QString text) {
            return text.replace(secretPlaceholder(0), token).replace(secretPlaceholder(1), part);
        };
        Request sent = request;
        sent.auth.token = withValues(sent.auth.token);
        sent.headers[0].value = withValues(sent.headers[0].value);
        sent.params[0].value = withValues(sent.params[0].value);
        sent.body.text = QStringLiteral("{\"pw\": \"42 &=\", \"n\": 1}");
        const Response response = Patchbay::Test::sendAndWait(*m_client, sent);
        QCOMPARE(response.statusCode, 200);
        const QJsonObject expected = echoIn(response.body.readAll());

        const Result<QString> code = generateCode(request, run.language, secrets);
        QVERIFY(code.ok());
        QVERIFY2(!code->contains(QLatin1String("t0k")) && !code->contains(QLatin1String("42 &=")),
                 qPrintable(*code));
        QVERIFY2(code->contains(QLatin1String("API_TOKEN"))
                     && code->contains(QLatin1String("KEY_PART")),
                 qPrintable(*code));
        QStringList args;
        if (run.shell) {
            args = {QStringLiteral("-c"), *code};
        } else {
            QFile file(m_dir.filePath(run.fileName));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(code->toUtf8());
            file.close();
            args = {file.fileName()};
        }
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("API_TOKEN"), token);
        environment.insert(QStringLiteral("KEY_PART"), part);
        const Run result = runAsync(run.program, args, environment);
        const QString context = *code + QStringLiteral("\n--- stderr:\n")
            + QString::fromUtf8(result.err) + QStringLiteral("\n--- stdout:\n")
            + QString::fromUtf8(result.out);
        QVERIFY2(result.finished && result.exitCode == 0, qPrintable(context));
        const QJsonObject actual = echoIn(result.out);
        for (const char *field : {"method", "args", "json"}) {
            const QString key = QString::fromLatin1(field);
            QVERIFY2(actual.value(key) == expected.value(key), qPrintable(key + u'\n' + context));
        }
        const QJsonObject headers = actual.value(QStringLiteral("headers")).toObject();
        QCOMPARE(headers.value(QStringLiteral("Authorization")).toString(),
                 QStringLiteral("Bearer ") + token);
        QCOMPARE(headers.value(QStringLiteral("X-Key")).toString(), QStringLiteral("k-") + part);
    }

    // patchbay-cli codegen: a saved request file in, code out; clear errors otherwise.
    void cliPrintsCode_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("stdinData");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("outputPart");
        QTest::addColumn<QString>("errorPart");

        SavedRequest saved;
        saved.name = QStringLiteral("Update email");
        saved.request.method = QStringLiteral("PATCH");
        saved.request.url = QStringLiteral("{{baseUrl}}/users/1");
        saved.request.body.mode = BodyMode::Json;
        saved.request.body.text = QStringLiteral("{\"email\": \"a@b.c\"}");
        const QByteArray yaml = requestToYaml(saved);
        const QString path = m_dir.filePath(QStringLiteral("update.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(yaml);
        file.close();
        const QString broken = m_dir.filePath(QStringLiteral("broken.yaml"));
        QFile brokenFile(broken);
        QVERIFY(brokenFile.open(QIODevice::WriteOnly));
        brokenFile.write("patchbay: 1\nname: x\nmethod: [GET\nurl: y\n");
        brokenFile.close();
        const QString codegen = QStringLiteral("codegen");
        const QString lang = QStringLiteral("--lang");

        QTest::newRow("python") << QStringList {codegen, path, lang, QStringLiteral("python")}
                                << QByteArray() << 0 << QStringLiteral("requests.patch(")
                                << QString();
        QTest::newRow("curl from stdin")
            << QStringList {codegen, QStringLiteral("-"), lang, QStringLiteral("curl")} << yaml << 0
            << QStringLiteral("-- '{{baseUrl}}/users/1'") << QString();
        QTest::newRow("qt") << QStringList {codegen, path, lang, QStringLiteral("qt")}
                            << QByteArray() << 0
                            << QStringLiteral("sendCustomRequest(request, \"PATCH\", body)")
                            << QString();
        QTest::newRow("unknown language lists them")
            << QStringList {codegen, path, lang, QStringLiteral("cobol")} << QByteArray() << 2
            << QString() << QStringLiteral("python, curl, httpie, fetch, qt");
        QTest::newRow("missing language") << QStringList {codegen, path} << QByteArray() << 2
                                          << QString() << QStringLiteral("--lang");
        QTest::newRow("unreadable file")
            << QStringList {codegen, m_dir.filePath(QStringLiteral("nope.yaml")), lang,
                            QStringLiteral("curl")}
            << QByteArray() << 1 << QString() << QStringLiteral("cannot read");
        QTest::newRow("parse error names the line")
            << QStringList {codegen, broken, lang, QStringLiteral("curl")} << QByteArray() << 1
            << QString() << QStringLiteral("line 4");
    }
    void cliPrintsCode()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, stdinData);
        QFETCH(int, exitCode);
        QFETCH(QString, outputPart);
        QFETCH(QString, errorPart);
        QProcess process;
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(qEnvironmentVariable("PATCHBAY_BINARY_DIR")
                          + QStringLiteral("/app/cli/patchbay-cli"),
                      args);
        process.write(stdinData);
        process.closeWriteChannel();
        QVERIFY(finished.wait(30000));
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitCode(), exitCode);
        QVERIFY2(out.contains(outputPart), qPrintable(out));
        QVERIFY2(err.contains(errorPart), qPrintable(err));
        if (exitCode != 0)
            QVERIFY(out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCodegenRun)
#include "tst_codegenrun.moc"
