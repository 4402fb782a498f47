// The secret canary (docs/RELIABILITY.md, "Secret canary"): one scripted session with a secret
// variable (an API key), an OAuth-style bearer token held in a secret variable and a password
// typed as text into an unsaved tab, all in the
// real keyring (ctest runs this under tests/core/secrets/with-keyring.sh). The session sends
// (to the built-in sandbox on loopback), lands in history, saves, exports to every format,
// generates code in every language, copies as curl, runs with every reporter (window and
// patchbay-cli), and crashes with unsaved edits that the next start recovers. Then every file
// the app wrote (workspace, settings, drafts, history database and WAL, reports, exports, logs)
// is searched for both values, raw, base64 and UTF-16: zero hits.
#include "core/collections/collectionformat.h"
#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "core/interop/codegen.h"
#include "core/secrets/secretcache.h"
#include "core/secrets/secretstore.h"
#include "ui/collections/environmentpicker.h"
#include "ui/mainwindow.h"
#include "ui/request/codedialog.h"
#include "ui/request/requesteditor.h"
#include "ui/runner/runnerdialog.h"
#include "ui/tabs/requesttab.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDirIterator>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <cstdio>

using namespace Patchbay;
using namespace Patchbay::Core;

namespace {

const QString kEnvironment = QStringLiteral("local");

// Every message Qt or our code logs in this process is kept in a file that is searched too.
QFile *g_log = nullptr;
void logToFile(QtMsgType, const QMessageLogContext &, const QString &message)
{
    if (g_log) {
        g_log->write(message.toUtf8() + '\n');
        g_log->flush();
    }
    std::fprintf(stderr, "%s\n", qPrintable(message));
}

// The places the app writes to: its XDG folders (settings, history, drafts, caches) and HOME.
QStringList appDirectories()
{
    QStringList dirs;
    for (const char *name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "HOME"})
        dirs << qEnvironmentVariable(name);
    return dirs;
}

struct Hit
{
    QString file;
    QString form;
};

// Files holding any form of any needle. The gnome-keyring daemon's own store (`keyrings/`,
// encrypted with the session's password) is where the secrets belong, and is not the app's.
QList<Hit> scan(const QStringList &roots, const QStringList &needles, int *filesScanned)
{
    QList<Hit> hits;
    QStringList seen;
    for (const QString &root : roots) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = QFileInfo(it.next()).canonicalFilePath();
            if (path.contains(QLatin1String("/keyrings/")) || seen.contains(path))
                continue;
            seen << path;
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = file.readAll();
            for (const QString &needle : needles) {
                const QList<std::pair<QString, QByteArray>> forms
                    = {{QStringLiteral("raw"), needle.toUtf8()},
                       {QStringLiteral("base64"), needle.toUtf8().toBase64()},
                       {QStringLiteral("utf-16"),
                        QByteArray(reinterpret_cast<const char *>(needle.utf16()),
                                   needle.size() * 2)}};
                for (const auto &[form, data] : forms) {
                    if (bytes.contains(data))
                        hits << Hit {path, needle.left(6) + QStringLiteral("… as ") + form};
                }
            }
        }
    }
    *filesScanned = int(seen.size());
    return hits;
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList &args)
{
    QProcess p;
    p.start(qEnvironmentVariable("PATCHBAY_BINARY_DIR") + QStringLiteral("/app/cli/patchbay-cli"),
            args);
    // The window's sandbox answers on its own thread meanwhile.
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

void pickEnvironment(Ui::MainWindow &window, const QString &collection)
{
    window.environmentPicker()->setCollection(collection);
    window.environmentPicker()->setCurrentEnvironment(collection + QStringLiteral("/environments/")
                                                      + kEnvironment + QStringLiteral(".yaml"));
}

// Waits until the window's secret cache answers for `key` (it loads from the keyring in the
// background).
bool waitForSecret(Ui::MainWindow &window, const QString &key)
{
    return QTest::qWaitFor(
        [&] { return !window.secretCache()->value(key).value_or(QString()).isEmpty(); }, 15000);
}

// The child half of the crash: opens the window on the workspace, sends the request, edits it,
// waits until the draft is on disk, says "drafted" and waits to be killed.
int crashChild(const QString &root, const QString &requestPath, const QString &secretKey,
               const QString &secretValue, const QString &typedPassword)
{
    Result<Workspace> opened = Workspace::open(root);
    if (!opened.ok())
        return 3;
    Workspace workspace = std::move(opened).value();
    QNetworkAccessManager network;
    HistoryStore history;
    Ui::MainWindow window(&network, &history, &workspace);
    window.setAutosaveInterval(100);
    window.show();
    window.startSandbox(); // its own: the first window's went with it
    if (!QTest::qWaitFor([&] { return window.isSandboxRunning(); }, 10000))
        return 8;
    const QString collection = workspace.collections().first().path;
    const QString envPath = collection + QStringLiteral("/environments/local.yaml");
    Environment env = workspace.environment(envPath)->environment;
    env.variables.first().value = window.sandboxUrl().toString();
    if (!workspace.saveEnvironment(envPath, env).ok())
        return 9;
    pickEnvironment(window, collection);
    if (!waitForSecret(window, secretKey))
        return 4;
    window.openSavedRequest(requestPath, workspace.item(requestPath)->request);
    QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
    window.sendTab(window.currentTab());
    if (!finished.wait(20000))
        return 5;
    const auto response = finished.first().first().value<Response>();
    if (!response.body.peek(1 << 20).contains(secretValue.toUtf8()))
        return 10; // the tab must hold the server's echo of the secret when it crashes
    Request edited = window.requestEditor()->request();
    edited.headers << KeyValue {QStringLiteral("X-Edited"), QStringLiteral("before the crash")};
    window.requestEditor()->setRequest(edited);
    // A password typed as text into a request never saved: its draft keeps it in the keyring.
    Request typed;
    typed.url = QStringLiteral("http://127.0.0.1:9/typed");
    typed.auth.mode = AuthMode::Basic;
    typed.auth.username = QStringLiteral("ada");
    typed.auth.password = typedPassword;
    window.newTab()->editor()->setRequest(typed);
    const QDir drafts(window.draftStore().directory());
    if (!QTest::qWaitFor([&] { return drafts.entryList(QDir::Files).size() >= 2; }, 15000))
        return 6;
    QTest::qWait(500); // the keyring's answer to the draft's write
    std::fputs("drafted\n", stdout);
    std::fflush(stdout);
    QTest::qWait(60000); // killed long before
    return 7;
}

} // namespace

class TestSecretCanary final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void noSecretReachesAnyFile();

private:
    void writeWorkspace();
    void storeSecrets();
    void windowSession();
    void crashAndRecover();
    void cliSession();

    QTemporaryDir m_dir;
    QString m_workspace; // the workspace folder
    QString m_collection;
    QString m_request;
    QString m_out; // exports, reports and the logs of every process
    QString m_collectionId;
    QString m_apiKey;
    QString m_token;
    QString m_typedPassword; // typed into an unsaved tab as text, never a variable
    QString m_apiKeyKey;
    QString m_tokenKey;
};

void TestSecretCanary::initTestCase()
{
    QVERIFY2(qEnvironmentVariable("PATCHBAY_SECRETS_MODE") == QLatin1String("keyring"),
             "run through ctest: with-keyring.sh gives a private, unlocked keyring");
    QVERIFY(m_dir.isValid());
    // The XDG folders are this test's own (cmake/PatchbayHelpers.cmake): start them empty so
    // that every file found was written by this run.
    for (const QString &dir : appDirectories()) {
        QVERIFY2(dir.contains(QLatin1String("tst_secretcanary")), qPrintable(dir));
        // Except the keyring the daemon has just made for this session (with-keyring.sh).
        QDir().mkpath(dir);
        for (const QFileInfo &entry :
             QDir(dir).entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)) {
            if (entry.fileName() == QLatin1String("keyrings"))
                continue;
            if (entry.isDir() && !entry.isSymLink())
                QDir(entry.filePath()).removeRecursively();
            else
                QFile::remove(entry.filePath());
        }
    }
    m_workspace = m_dir.filePath(QStringLiteral("workspace"));
    m_out = m_dir.filePath(QStringLiteral("out"));
    QVERIFY(QDir().mkpath(m_out));
    static QFile log(m_out + QStringLiteral("/window.log"));
    QVERIFY(log.open(QIODevice::WriteOnly));
    g_log = &log;
    qInstallMessageHandler(logToFile);

    const QString nonce = QUuid::createUuid().toString(QUuid::Id128);
    m_apiKey = QStringLiteral("canary") + nonce.left(20);
    m_token = QStringLiteral("ya29.a0Af") + nonce.right(24) + QStringLiteral("Zq");
    m_typedPassword = QStringLiteral("typed-pw-") + nonce.mid(4, 20);
    writeWorkspace();
    storeSecrets();
}

void TestSecretCanary::writeWorkspace()
{
    m_collection = m_workspace + QStringLiteral("/canary");
    QVERIFY(QDir().mkpath(m_collection + QStringLiteral("/environments")));
    CollectionInfo info;
    info.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    info.name = QStringLiteral("Canary");
    m_collectionId = info.id;
    auto write = [](const QString &path, const QByteArray &bytes) {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    };
    QVERIFY(write(m_collection + QStringLiteral("/collection.yaml"), collectionToYaml(info)));

    // baseUrl is set once the window's sandbox has a port.
    Environment env;
    env.name = kEnvironment;
    env.variables = {{QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:1")},
                     {QStringLiteral("apiKey"), QString(), true, true},
                     {QStringLiteral("accessToken"), QString(), true, true}};
    QVERIFY(
        write(m_collection + QStringLiteral("/environments/local.yaml"), environmentToYaml(env)));

    SavedRequest saved;
    saved.name = QStringLiteral("Echo");
    saved.request.method = QStringLiteral("POST");
    saved.request.url = QStringLiteral("{{baseUrl}}/anything?api_key={{apiKey}}&q=1");
    saved.request.headers = {{QStringLiteral("X-Api-Key"), QStringLiteral("{{apiKey}}")},
                             {QStringLiteral("X-Trace"), QStringLiteral("t-{{apiKey}}")}};
    saved.request.auth.mode = AuthMode::Bearer;
    saved.request.auth.token = QStringLiteral("{{accessToken}}");
    saved.request.body.mode = BodyMode::Json;
    saved.request.body.text
        = QStringLiteral(R"({"key": "{{apiKey}}", "token": "{{accessToken}}"})");
    saved.assertions
        = {{AssertionKind::StatusEquals, QString(), QStringLiteral("200"), true},
           {AssertionKind::BodyContains, QString(), QStringLiteral("{{apiKey}}"), true}};
    // A capture holds the server's echo of the key: it must stay in memory only.
    saved.captures = {{QStringLiteral("echoedKey"), CaptureSource::JsonPointer,
                       QStringLiteral("/headers/X-Api-Key"), true}};
    m_request = m_collection + QStringLiteral("/echo.yaml");
    QVERIFY(write(m_request, requestToYaml(saved)));
}

void TestSecretCanary::storeSecrets()
{
    m_apiKeyKey = secretKeyFor(m_collectionId, ScopeKind::Environment, kEnvironment,
                               QStringLiteral("apiKey"));
    m_tokenKey = secretKeyFor(m_collectionId, ScopeKind::Environment, kEnvironment,
                              QStringLiteral("accessToken"));
    SecretStore store;
    QSignalSpy written(&store, &SecretStore::writeFinished);
    store.write(m_apiKeyKey, m_apiKey);
    store.write(m_tokenKey, m_token);
    QVERIFY(QTest::qWaitFor([&] { return written.count() == 2; }, 15000));
    QVERIFY2(store.isPersistent(), qPrintable(store.persistenceMessage()));
}

void TestSecretCanary::windowSession()
{
    Result<Workspace> opened = Workspace::open(m_workspace);
    QVERIFY(opened.ok());
    Workspace workspace = std::move(opened).value();
    QNetworkAccessManager network;
    HistoryStore history;
    Ui::MainWindow window(&network, &history, &workspace);
    window.show();
    window.startSandbox();
    QVERIFY(QTest::qWaitFor([&] { return window.isSandboxRunning(); }, 10000));

    // Point the environment at the sandbox, as a user would in the environment editor.
    const QString envPath = m_collection + QStringLiteral("/environments/local.yaml");
    Environment env = workspace.environment(envPath)->environment;
    env.variables.first().value = window.sandboxUrl().toString();
    QVERIFY(workspace.saveEnvironment(envPath, env).ok());
    pickEnvironment(window, m_collection);
    QVERIFY(waitForSecret(window, m_apiKeyKey));
    QVERIFY(waitForSecret(window, m_tokenKey));

    // Send: the server must see both secrets (else this test proves nothing).
    window.openSavedRequest(m_request, workspace.item(m_request)->request);
    QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
    QSignalSpy added(&history, &HistoryStore::entryAdded);
    window.sendTab(window.currentTab());
    QVERIFY(finished.wait(20000));
    const auto response = finished.first().first().value<Response>();
    QCOMPARE(response.statusCode, 200);
    const QByteArray echoed = response.body.peek(1 << 20);
    QVERIFY2(echoed.contains(m_apiKey.toUtf8()) && echoed.contains(m_token.toUtf8()),
             "the sandbox must have received both secrets");
    QVERIFY(added.count() > 0 || added.wait(10000));

    // Save (an edit first, so that the save writes).
    Request edited = window.requestEditor()->request();
    edited.headers << KeyValue {QStringLiteral("Accept"), QStringLiteral("application/json")};
    window.requestEditor()->setRequest(edited);
    QVERIFY(window.save());

    // Copy as curl: the command reads the secrets from environment variables (issue 12).
    QAction *copyCurl = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text().remove(u'&') == QLatin1String("Copy as curl"))
            copyCurl = action;
    }
    QVERIFY(copyCurl);
    copyCurl->trigger();
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY2(!copied.contains(m_apiKey) && copied.contains(QLatin1String("\"$")),
             qPrintable(copied));

    // Generate code in every language through the dialog (it remembers the last language):
    // lookups by default, the values only once "Include secret values" is ticked.
    for (QAction *action : window.findChildren<QAction *>()) {
        if (!action->text().remove(u'&').startsWith(QLatin1String("Generate code")))
            continue;
        QTimer::singleShot(0, &window, [this] {
            auto *dialog = qobject_cast<Ui::CodeDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            for (CodeLanguage language : codeLanguages()) {
                dialog->setLanguage(language);
                QVERIFY2(!dialog->code().contains(m_apiKey), qPrintable(languageKey(language)));
            }
            dialog->includeSecretsBox()->setChecked(true);
            for (CodeLanguage language : codeLanguages()) {
                dialog->setLanguage(language);
                QVERIFY2(dialog->code().contains(m_apiKey), qPrintable(languageKey(language)));
            }
            dialog->reject();
        });
        action->trigger();
    }

    // Export to every format.
    QVERIFY(window.exportCollection(m_collection, m_out + QStringLiteral("/window.postman.json")));
    QVERIFY(window.exportCollection(m_collection, m_out + QStringLiteral("/window.http")));

    // A run in the window's run dialog.
    window.runPath(m_collection);
    auto *runner = window.findChild<Ui::RunnerDialog *>();
    QVERIFY(runner);
    QSignalSpy ran(runner, &Ui::RunnerDialog::runFinished);
    if (!runner->isRunning())
        runner->start();
    QVERIFY(ran.wait(30000));
    QVERIFY2(runner->summaryLabel()->text().startsWith(QLatin1String("Passed")),
             qPrintable(runner->summaryLabel()->text()));
    runner->close();

    // Let the history thread write before the store closes.
    QSettings().sync();
}

void TestSecretCanary::crashAndRecover()
{
    QProcess child;
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.setStandardErrorFile(m_out + QStringLiteral("/crashed-window.log"));
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--crash-child"), m_workspace, m_request, m_apiKeyKey, m_apiKey,
                 m_typedPassword});
    QVERIFY(child.waitForStarted());
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     return child.readAllStandardOutput().contains("drafted")
                         || child.state() == QProcess::NotRunning;
                 },
                 60000),
             "the crashing window did not write its draft");
    QVERIFY2(child.state() == QProcess::Running,
             qPrintable(QStringLiteral("the crashing window ended early with code %1 (see %2)")
                            .arg(child.exitCode())
                            .arg(m_out + QStringLiteral("/crashed-window.log"))));
    child.kill(); // SIGKILL: no clean shutdown, the draft stays for recovery
    child.waitForFinished();

    Result<Workspace> opened = Workspace::open(m_workspace);
    QVERIFY(opened.ok());
    Workspace workspace = std::move(opened).value();
    QNetworkAccessManager network;
    HistoryStore history;
    Ui::MainWindow window(&network, &history, &workspace);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.recoverableDraftCount() > 0, 10000);
    window.restoreRecoverableDrafts();
    bool restored = false;
    for (Ui::RequestTab *tab : window.tabs()) {
        for (const KeyValue &h : tab->editor()->request().headers)
            restored = restored || h.name == QLatin1String("X-Edited");
    }
    QVERIFY2(restored, "the unsaved edit must come back after the crash");
    const auto typedBack = [&] {
        for (Ui::RequestTab *tab : window.tabs()) {
            if (tab->editor()->request().auth.password == m_typedPassword)
                return true;
        }
        return false;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(typedBack(), "the typed password must come back from the keyring",
                              10000);
}

void TestSecretCanary::cliSession()
{
    // The window's sandbox is gone with its window: the cli runs against its own.
    QProcess sandbox;
    sandbox.start(qEnvironmentVariable("PATCHBAY_BINARY_DIR")
                      + QStringLiteral("/app/cli/patchbay-cli"),
                  {QStringLiteral("sandbox"), QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY(sandbox.waitForStarted());
    QString url;
    QVERIFY(QTest::qWaitFor(
        [&] {
            sandbox.waitForReadyRead(100);
            const QString out = QString::fromUtf8(sandbox.peek(4096));
            const qsizetype at = out.indexOf(QLatin1String("http://127.0.0.1:"));
            if (at >= 0)
                url = out.mid(at).section(u'\n', 0, 0).section(u' ', 0, 0).trimmed();
            return !url.isEmpty();
        },
        15000));
    const QStringList var = {QStringLiteral("--var"), QStringLiteral("baseUrl=") + url};

    const Run run = runCli(
        QStringList {QStringLiteral("run"), m_collection, QStringLiteral("-e"), kEnvironment,
                     QStringLiteral("-r"), QStringLiteral("cli"), QStringLiteral("-r"),
                     QStringLiteral("json:") + m_out + QStringLiteral("/run.json"),
                     QStringLiteral("-r"),
                     QStringLiteral("junit:") + m_out + QStringLiteral("/run.xml")}
        + var);
    {
        QFile f(m_out + QStringLiteral("/run-cli.txt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(run.out + run.err);
    }
    QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
    // json to standard output too (the cli report then goes to standard error).
    const Run jsonOut = runCli(
        QStringList {QStringLiteral("run"), m_collection, QStringLiteral("-e"), kEnvironment,
                     QStringLiteral("-r"), QStringLiteral("json"), QStringLiteral("-r"),
                     QStringLiteral("cli"), QStringLiteral("--transport"), QStringLiteral("qt")}
        + var);
    {
        QFile f(m_out + QStringLiteral("/run-json-stdout.txt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(jsonOut.out + jsonOut.err);
    }
    QVERIFY2(jsonOut.exitCode == 0, QByteArray(jsonOut.out + jsonOut.err).constData());

    for (const QString &format : {QStringLiteral("postman"), QStringLiteral("http")}) {
        const Run exported
            = runCli({QStringLiteral("export"), m_collection, QStringLiteral("--format"), format,
                      QStringLiteral("-o"), m_out + QStringLiteral("/cli-export.") + format});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
    }
    for (CodeLanguage language : codeLanguages()) {
        const Run code = runCli({QStringLiteral("codegen"), QStringLiteral("--lang"),
                                 languageKey(language), m_request});
        QVERIFY2(code.exitCode == 0, code.err.constData());
        QFile f(m_out + QStringLiteral("/codegen-") + languageKey(language)
                + QStringLiteral(".txt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(code.out + code.err);
    }
    sandbox.kill();
    sandbox.waitForFinished();
}

void TestSecretCanary::noSecretReachesAnyFile()
{
    windowSession();
    if (QTest::currentTestFailed())
        return;
    crashAndRecover();
    if (QTest::currentTestFailed())
        return;
    cliSession();
    if (QTest::currentTestFailed())
        return;

    // The scanner finds what it looks for (a control file, removed before the real scan).
    const QStringList needles = {m_apiKey, m_token, m_typedPassword};
    int scanned = 0;
    {
        QTemporaryDir control;
        QFile f(control.filePath(QStringLiteral("control")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x" + m_token.toUtf8().toBase64() + "y");
        f.close();
        QCOMPARE(scan({control.path()}, needles, &scanned).size(), 1);
    }

    const QStringList roots = appDirectories() + QStringList {m_workspace, m_out};
    const QList<Hit> hits = scan(roots, needles, &scanned);
    QStringList lines;
    for (const Hit &h : hits)
        lines << h.file + QStringLiteral(": ") + h.form;
    qInfo("searched %d files", scanned);
    // What must have been searched: the places the session wrote to.
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QVERIFY2(QFile::exists(data + QStringLiteral("/history.sqlite")), qPrintable(data));
    QVERIFY(QFile::exists(m_out + QStringLiteral("/run.json")));
    QVERIFY(QFile::exists(m_out + QStringLiteral("/run.xml")));
    QVERIFY(QFile::exists(m_out + QStringLiteral("/window.postman.json")));
    QVERIFY(!QDir(data + QStringLiteral("/drafts")).entryList(QDir::Files).isEmpty());
    QVERIFY2(hits.isEmpty(), qPrintable(QStringLiteral("secret found in:\n") + lines.join(u'\n')));
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTEST_SET_MAIN_SOURCE_PATH
    if (argc == 7 && qstrcmp(argv[1], "--crash-child") == 0)
        return crashChild(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]),
                          QString::fromLocal8Bit(argv[4]), QString::fromLocal8Bit(argv[5]),
                          QString::fromLocal8Bit(argv[6]));
    TestSecretCanary test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretcanary.moc"
