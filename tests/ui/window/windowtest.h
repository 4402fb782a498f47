#pragma once

#include "core/collections/collectionformat.h"
#include "core/collections/copytree.h"
#include "core/collections/workspace.h"
#include "ui/collections/environmentpicker.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <Qsci/qsciscintilla.h>

namespace Patchbay::Tests {

// What the tests that drive the whole window share: a user's gestures (typing, Send, answering
// a question), the sample collection in a temporary workspace, and a first run for each test.
// Each test executable names its own application, so that settings and drafts never mix.
class WindowTest : public QObject
{
protected:
    // QStandardPaths' test mode with settings and drafts of their own for `application`.
    static void setUpApplication(const QString &application)
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("PatchbayTest"));
        QCoreApplication::setApplicationName(application);
    }

    // Every test starts as a first run: no settings, no session, no drafts.
    static void startFirstRun()
    {
        QSettings().clear();
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
             + QStringLiteral("/drafts"))
            .removeRecursively();
    }

    template<typename T> static T *child(QWidget *root, const char *name)
    {
        T *w = root->findChild<T *>(QLatin1String(name));
        if (!w)
            qWarning("no child %s", name);
        return w;
    }

    // Types into the widgets as a user would and clicks Send; waits for the exchange.
    static Core::Response sendByHand(Ui::MainWindow &window, const QString &method,
                                     const QString &url, const QString &jsonBody)
    {
        Ui::RequestEditor *editor = window.requestEditor();
        auto *methodCombo = child<QComboBox>(editor, "methodCombo");
        methodCombo->lineEdit()->selectAll();
        QTest::keyClicks(methodCombo->lineEdit(), method);
        auto *urlEdit = child<QLineEdit>(editor, "urlEdit");
        urlEdit->selectAll();
        QTest::keyClicks(urlEdit, url);
        if (!jsonBody.isNull()) {
            auto *mode = child<QComboBox>(editor, "bodyModeCombo");
            mode->setCurrentIndex(mode->findText(QStringLiteral("JSON")));
            auto *text = child<QsciScintilla>(editor, "bodyTextEditor");
            text->selectAll();
            QTest::keyClicks(text, jsonBody);
        }
        QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
        QTest::mouseClick(child<QPushButton>(editor, "sendButton"), Qt::LeftButton);
        if (!finished.wait(20000))
            return {};
        return finished.first().first().value<Core::Response>();
    }

    // Clicks `button` in the next modal QMessageBox named `name`; the text it showed goes to
    // `text` when given.
    static void answerNext(const QString &name, QMessageBox::StandardButton button,
                           QString *text = nullptr)
    {
        QTimer::singleShot(0, qApp, [name, button, text] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            QCOMPARE(box->objectName(), name);
            if (text)
                *text = box->text();
            box->button(button)->click();
        });
    }

    // The sample collection in a temporary workspace folder.
    static bool openSample(const QTemporaryDir &root, Core::Workspace &workspace)
    {
        if (!Core::copyTree(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                + QStringLiteral("/resources/sample/sandbox-updates"),
                            root.filePath(QStringLiteral("sandbox-updates")))
                 .ok())
            return false;
        Core::Result<Core::Workspace> opened = Core::Workspace::open(root.path());
        if (!opened.ok())
            return false;
        workspace = std::move(opened).value();
        return true;
    }

    // Points the sample's "sandbox" environment at wherever the sandbox really listens (plus
    // `extra` variables), saves it and picks it. Returns the environment as saved.
    static Core::Environment pickSandboxEnvironment(Ui::MainWindow &window,
                                                    Core::Workspace &workspace,
                                                    const QString &collection,
                                                    const Core::VariableList &extra = {})
    {
        const QString path = collection + QStringLiteral("/environments/sandbox.yaml");
        Core::Environment env = workspace.environment(path)->environment;
        env.variables.first().value = window.sandboxUrl().toString();
        env.variables.append(extra);
        if (!workspace.saveEnvironment(path, env).ok())
            qFatal("could not save the sandbox environment");
        window.environmentPicker()->setCollection(collection);
        window.environmentPicker()->setCurrentEnvironment(path);
        return env;
    }

    static void open(Ui::MainWindow &window, const Core::Workspace &workspace, const QString &path)
    {
        const Core::CollectionItem *item = workspace.item(path);
        QVERIFY2(item, qPrintable(path));
        window.openSavedRequest(path, item->request);
    }

    static void typeUrl(Ui::RequestEditor *editor, const QString &url)
    {
        auto *edit = child<QLineEdit>(editor, "urlEdit");
        edit->selectAll();
        QTest::keyClicks(edit, url);
    }

    // Writes a request file as another program would (git checkout, an editor): replaced whole.
    static bool writeExternally(const QString &path, const Core::SavedRequest &request)
    {
        QSaveFile file(path);
        const QByteArray bytes = Core::requestToYaml(request);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size()
            && file.commit();
    }

    static QString draftDir()
    {
        return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/drafts");
    }

    QTemporaryDir m_dir;
};

} // namespace Patchbay::Tests
