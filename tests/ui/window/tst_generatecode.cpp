#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "core/secrets/secretcache.h"
#include "tests/ui/window/windowtest.h"
#include "ui/mainwindow.h"
#include "ui/request/codedialog.h"
#include "ui/tabs/requesttab.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QNetworkAccessManager>
#include <QTest>

using namespace Patchbay;

// Generated code and "Copy as curl" never hold a secret variable's value (item 6 of issue 12):
// they read it from an environment variable, unless "Include secret values" is ticked.
class TestGenerateCode final : public Tests::WindowTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpApplication(QStringLiteral("tst_generatecode")); }
    void init() { startFirstRun(); }

    void secretValuesStayOutOfCode()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h1.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.startSandbox();
        const Core::Environment env = pickSandboxEnvironment(
            window, workspace, collection, {{QStringLiteral("apiToken"), QString(), true, true}});
        const QString secret = QStringLiteral("s3cr3t-9c2e");
        window.secretCache()->setValue(
            Core::secretKeyFor(workspace.item(collection)->collection->id,
                               Core::ScopeKind::Environment, env.name, QStringLiteral("apiToken")),
            secret);
        Core::Request request;
        request.method = QStringLiteral("GET");
        request.url = QStringLiteral("{{baseUrl}}/anything");
        request.auth.mode = Core::AuthMode::Bearer;
        request.auth.token = QStringLiteral("{{apiToken}}");
        window.currentTab()->openUnsaved(request);

        // Generate code (Ctrl+Alt+C), in every language: a lookup, not the value, until ticked.
        QStringList problems;
        QTimer::singleShot(0, qApp, [&] {
            auto *dialog = qobject_cast<Ui::CodeDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto *include = dialog->includeSecretsBox();
            QVERIFY(include->isVisible());
            QVERIFY(!include->isChecked());
            QVERIFY(include->text().contains(QLatin1String("secret values")));
            for (Core::CodeLanguage language : Core::codeLanguages()) {
                dialog->setLanguage(language);
                if (dialog->code().contains(secret)
                    || !dialog->code().contains(QLatin1String("API_TOKEN")))
                    problems << Core::languageKey(language) + QStringLiteral(": ") + dialog->code();
            }
            include->click();
            if (!dialog->code().contains(secret))
                problems << QStringLiteral("ticked, without the value: ") + dialog->code();
            dialog->close();
        });
        QTest::keyClick(&window, Qt::Key_C, Qt::ControlModifier | Qt::AltModifier);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

        // The tick is not remembered: the next dialog starts without the values.
        QTimer::singleShot(0, qApp, [&] {
            auto *dialog = qobject_cast<Ui::CodeDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            QVERIFY(!dialog->includeSecretsBox()->isChecked());
            QVERIFY(!dialog->code().contains(secret));
            dialog->close();
        });
        QTest::keyClick(&window, Qt::Key_C, Qt::ControlModifier | Qt::AltModifier);

        // Copy as curl: the command reads $API_TOKEN.
        QGuiApplication::clipboard()->clear();
        QAction *copy = nullptr;
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->text().remove(u'&') == QLatin1String("Copy as curl"))
                copy = action;
        }
        QVERIFY(copy);
        copy->trigger();
        const QString command = QGuiApplication::clipboard()->text();
        QVERIFY2(command.startsWith(QLatin1String("curl")), qPrintable(command));
        QVERIFY2(!command.contains(secret), qPrintable(command));
        QVERIFY2(command.contains(QLatin1String("\"$API_TOKEN\"")), qPrintable(command));
        QVERIFY(command.contains(window.sandboxUrl().toString() + QStringLiteral("/anything")));
    }
};

QTEST_MAIN(TestGenerateCode)
#include "tst_generatecode.moc"
