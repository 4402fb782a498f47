#include "app/gui/networkscreenshots.h"
#include "core/collections/copytree.h"
#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "ui/collections/environmentpicker.h"
#include "ui/common/preferences.h"
#include "ui/common/theme.h"
#include "ui/common/translations.h"
#include "ui/mainwindow.h"
#include "ui/response/bodyview.h"
#include "ui/response/responsefilter.h"
#include "ui/response/responseviewer.h"
#include "ui/runner/runnerdialog.h"
#include "ui/update/editresourcedialog.h"
#include "ui/window/firstrun.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <utility>

namespace {

// --screenshot FILE: send the first-run PATCH against the sandbox, wait until the response is
// shown, save the window as a PNG and quit (scripts/screenshot runs this under Xvfb).
// With --screenshot-update FILE2, then open Edit resource… on the response, change two fields
// and save that dialog too. With --screenshot-run FILE3, then run the sample collection and save
// the run dialog once the run has finished. With --screenshot-small FILE4, last, the window at
// 800x600.
void saveSmallScreenshot(Patchbay::Ui::MainWindow &window, const QString &path)
{
    window.showNormal();
    window.resize(800, 600);
    QTimer::singleShot(800, &window, [&window, path] {
        const bool ok = window.grab().save(path);
        std::fprintf(stderr, ok ? "saved %s\n" : "could not save %s\n", qPrintable(path));
        QApplication::exit(ok ? 0 : 1);
    });
}

void saveRunScreenshot(Patchbay::Ui::MainWindow &window, const QString &collectionPath,
                       const QString &path, const std::function<void()> &then)
{
    // As a user on a first run: Run, with the environment the dialog picks by itself.
    window.runPath(collectionPath);
    auto *dialog = window.findChild<Patchbay::Ui::RunnerDialog *>();
    if (!dialog) {
        std::fprintf(stderr, "could not open the run dialog\n");
        QApplication::exit(1);
        return;
    }
    dialog->resize(1100, 560);
    QObject::connect(
        dialog, &Patchbay::Ui::RunnerDialog::runFinished, dialog, [dialog, path, then] {
            QTimer::singleShot(300, dialog, [dialog, path, then] {
                const bool ok = dialog->grab().save(path);
                std::fprintf(stderr, ok ? "saved %s\n" : "could not save %s\n", qPrintable(path));
                dialog->close();
                if (ok && then)
                    then();
                else
                    QApplication::exit(ok ? 0 : 1);
            });
        });
    if (!dialog->isRunning())
        dialog->start();
}

void saveUpdateScreenshot(Patchbay::Ui::MainWindow &window, const QString &path,
                          const std::function<void()> &then)
{
    Patchbay::Core::Request get;
    get.method = QStringLiteral("GET");
    get.url = window.sandboxUrl().toString() + QStringLiteral("/users/1");
    window.editResource(get, window.responseViewer()->response());
    auto *dialog = window.findChild<Patchbay::Ui::EditResourceDialog *>();
    if (!dialog) {
        std::fprintf(stderr, "could not open Edit resource\n");
        QApplication::exit(1);
        return;
    }
    dialog->resize(1500, 900);
    dialog->setKind(Patchbay::Core::UpdateKind::MergePatch);
    QString text = dialog->editedText();
    text.replace(QStringLiteral("\"Bret\""), QStringLiteral("\"bret\""));
    text.replace(QStringLiteral("\"hildegard.org\""), QStringLiteral("\"bret.example.com\""));
    dialog->setEditedText(text);
    // Diff markers and the preview refresh after a short pause in typing.
    QTimer::singleShot(800, dialog, [dialog, path, then] {
        const bool ok = dialog->grab().save(path);
        std::fprintf(stderr, ok ? "saved %s\n" : "could not save %s\n", qPrintable(path));
        dialog->close();
        if (ok && then)
            then();
        else
            QApplication::exit(ok ? 0 : 1);
    });
}

// The same window in the Dark theme, with the response filtered by a jq expression (the
// theme is switched for the picture only; the user's preference is not changed).
void saveDarkScreenshot(Patchbay::Ui::MainWindow &window, const QString &path,
                        const std::function<void()> &then)
{
    using namespace Patchbay::Ui;
    Theme::apply(ThemeChoice::Dark);
    ResponseFilter *filter = window.responseViewer()->bodyView()->filter();
    filter->setExpression(QStringLiteral("{id, email, company: .company.name}"));
    QObject::connect(filter, &ResponseFilter::finished, &window, [&window, filter, path, then] {
        QObject::disconnect(filter, &ResponseFilter::finished, &window, nullptr);
        QTimer::singleShot(500, &window, [&window, filter, path, then] {
            const bool ok = window.grab().save(path);
            std::fprintf(stderr, ok ? "saved %s\n" : "could not save %s\n", qPrintable(path));
            filter->setExpression(QString());
            Theme::apply(Preferences::instance()->values().theme);
            if (ok && then)
                then();
            else
                QApplication::exit(ok ? 0 : 1);
        });
    });
}

void scheduleScreenshot(Patchbay::Ui::MainWindow &window, const QString &path,
                        const QString &darkPath, const QString &updatePath, const QString &runPath,
                        const QString &smallPath, const QString &collectionPath)
{
    // What follows the main window's picture, in order.
    std::function<void()> afterRun;
    if (!smallPath.isEmpty())
        afterRun = [&window, smallPath] { saveSmallScreenshot(window, smallPath); };
    std::function<void()> afterUpdate = afterRun;
    if (!runPath.isEmpty())
        afterUpdate = [&window, collectionPath, runPath, afterRun] {
            saveRunScreenshot(window, collectionPath, runPath, afterRun);
        };
    std::function<void()> afterDark = afterUpdate;
    if (!updatePath.isEmpty())
        afterDark = [&window, updatePath, afterUpdate] {
            saveUpdateScreenshot(window, updatePath, afterUpdate);
        };
    std::function<void()> afterMain = afterDark;
    if (!darkPath.isEmpty())
        afterMain
            = [&window, darkPath, afterDark] { saveDarkScreenshot(window, darkPath, afterDark); };
    QObject::connect(
        &window, &Patchbay::Ui::MainWindow::exchangeFinished, &window, [&window, path, afterMain] {
            // Let formatting and painting settle: poll until the viewer is idle.
            auto *timer = new QTimer(&window); // owned by the window
            timer->setInterval(100);
            auto *elapsed = new QElapsedTimer; // deleted below
            elapsed->start();
            QObject::connect(
                timer, &QTimer::timeout, &window, [&window, timer, elapsed, path, afterMain] {
                    if (window.responseViewer()->bodyView()->isBusy() && elapsed->elapsed() < 10000)
                        return;
                    timer->stop();
                    delete elapsed;
                    const bool ok = window.grab().save(path);
                    std::fprintf(stderr, ok ? "saved %s\n" : "could not save %s\n",
                                 qPrintable(path));
                    if (ok && afterMain)
                        afterMain();
                    else
                        QApplication::exit(ok ? 0 : 1);
                });
            timer->start();
        });
    QTimer::singleShot(300, &window, [&window] { window.sendSandboxExample(); });
}

// Reports the first paint of the main window: "shown" as a user sees it, not just show().
class FirstPaintWatcher final : public QObject
{
public:
    explicit FirstPaintWatcher(std::function<void()> onFirstPaint, QObject *parent)
        : QObject(parent)
        , m_onFirstPaint(std::move(onFirstPaint))
    { }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_onFirstPaint) {
            // Run after this paint has been flushed to the screen.
            QTimer::singleShot(0, this, std::exchange(m_onFirstPaint, nullptr));
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_onFirstPaint;
};

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer startup;
    startup.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Patchbay"));
    QApplication::setOrganizationName(QStringLiteral("Patchbay"));
    QApplication::setApplicationVersion(QStringLiteral(PATCHBAY_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.patchbay.Patchbay"));
    Patchbay::Ui::installEnglishPlurals(&app); // "1 change", not "1 change(s)"

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Patchbay, a native REST client"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Send the sandbox example, save the window to FILE (PNG) and quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption darkScreenshotOption(
        QStringLiteral("screenshot-dark"),
        QStringLiteral("With --screenshot: also save the window in the Dark theme, the response "
                       "filtered, to FILE (PNG)."),
        QStringLiteral("FILE"));
    const QCommandLineOption updateScreenshotOption(
        QStringLiteral("screenshot-update"),
        QStringLiteral("With --screenshot: also save the Edit resource dialog to FILE (PNG)."),
        QStringLiteral("FILE"));
    const QCommandLineOption runScreenshotOption(
        QStringLiteral("screenshot-run"),
        QStringLiteral("With --screenshot: also run the sample collection and save the run "
                       "dialog to FILE (PNG)."),
        QStringLiteral("FILE"));
    const QCommandLineOption smallScreenshotOption(
        QStringLiteral("screenshot-small"),
        QStringLiteral("With --screenshot: last, save the window at 800x600 to FILE (PNG)."),
        QStringLiteral("FILE"));
    const QCommandLineOption startupTimeOption(
        QStringLiteral("print-startup-time"),
        QStringLiteral("Print the time from main() to the first shown frame, then quit."));
    const QCommandLineOption tlsScreenshotOption(
        QStringLiteral("screenshot-tls"),
        QStringLiteral("Send GET to --screenshot-tls-url, save the window with the TLS tab to "
                       "FILE (PNG) and quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption tlsUrlOption(QStringLiteral("screenshot-tls-url"),
                                          QStringLiteral("The https:// URL for --screenshot-tls."),
                                          QStringLiteral("URL"));
    const QCommandLineOption cookiesScreenshotOption(
        QStringLiteral("screenshot-cookies"),
        QStringLiteral("Open Tools → Cookies, save it to FILE (PNG) and quit."),
        QStringLiteral("FILE"));
    parser.addOptions({screenshotOption, darkScreenshotOption, updateScreenshotOption,
                       runScreenshotOption, smallScreenshotOption, startupTimeOption,
                       tlsScreenshotOption, tlsUrlOption, cookiesScreenshotOption});
    parser.process(app);
    // Before the first widget, so that nothing paints in the wrong colours.
    Patchbay::Ui::Theme::apply(Patchbay::Ui::Preferences::instance()->values().theme);

    QNetworkAccessManager network;
    Patchbay::Core::HistoryStore history;
    QString workspaceProblem;
    Patchbay::Core::Workspace workspace = Patchbay::Ui::openDefaultWorkspace(&workspaceProblem);
    Patchbay::Ui::MainWindow window(&network, &history, &workspace);
    window.show();

    if (!workspaceProblem.isEmpty()) {
        QMessageBox::warning(&window, QApplication::translate("main", "Collections"),
                             QApplication::translate("main",
                                                     "Your collections could not be "
                                                     "opened: %1")
                                 .arg(workspaceProblem));
    }
    if (parser.isSet(screenshotOption))
        scheduleScreenshot(window, parser.value(screenshotOption),
                           parser.value(darkScreenshotOption), parser.value(updateScreenshotOption),
                           parser.value(runScreenshotOption), parser.value(smallScreenshotOption),
                           workspace.rootPath() + QStringLiteral("/sandbox-updates"));
    if (parser.isSet(tlsScreenshotOption) || parser.isSet(cookiesScreenshotOption))
        scheduleNetworkScreenshots(window, QUrl(parser.value(tlsUrlOption)),
                                   parser.value(tlsScreenshotOption),
                                   parser.value(cookiesScreenshotOption));
    if (parser.isSet(startupTimeOption)) {
        auto *watcher = new FirstPaintWatcher( // owned by the window
            [&startup] {
                std::printf("startup %.1f ms\n", double(startup.nsecsElapsed()) / 1e6);
                std::fflush(stdout);
                QApplication::exit(0);
            },
            &window);
        window.installEventFilter(watcher);
    }
    return app.exec();
}
