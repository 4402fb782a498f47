#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/tabs/requesttab.h"

#include <QApplication>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay;

namespace {

// The height in device pixels of the glyphs drawn in `colour` (within `tolerance`) inside
// `area`, or 0 when there are none.
int inkHeight(const QImage &image, const QRect &area, const QColor &colour, int tolerance)
{
    int top = -1;
    int bottom = -1;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            const int distance = std::abs(c.red() - colour.red())
                + std::abs(c.green() - colour.green()) + std::abs(c.blue() - colour.blue());
            if (distance <= tolerance) {
                if (top < 0)
                    top = y;
                bottom = y;
                break;
            }
        }
    }
    return top < 0 ? 0 : bottom - top + 1;
}

} // namespace

// At display scale 2 (QT_SCALE_FACTOR=2, set before the application starts), a tab's method is
// drawn at the size of its title, not twice it (item 5 of issue 12): both are measured in the
// pixels of the tab bar, upper-case method against an upper-case title.
class TestTabScale final : public QObject
{
    Q_OBJECT

private slots:
    void methodAndTitleKeepTheirProportions()
    {
        QCOMPARE(qApp->devicePixelRatio(), 2.0);
        QStandardPaths::setTestModeEnabled(true);
        QNetworkAccessManager network;
        QTemporaryDir dir;
        Core::HistoryStore history(dir.filePath(QStringLiteral("h.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Core::Request request;
        request.method = QStringLiteral("PATCH");
        request.url = QStringLiteral("http://127.0.0.1:9/HELLO");
        window.currentTab()->openUnsaved(request);
        QTabBar *bar = window.requestTabs()->tabBar();
        QApplication::processEvents();
        QCOMPARE(bar->tabText(0), QStringLiteral("/HELLO"));

        const QImage image = bar->grab().toImage();
        QCOMPARE(image.devicePixelRatio(), 2.0);
        const QRect tab(bar->tabRect(0).topLeft() * 2, bar->tabRect(0).size() * 2);
        const QColor methodColour
            = Ui::RequestEditor::methodColor(QStringLiteral("PATCH"), bar->palette());
        const QColor textColour = bar->palette().color(QPalette::WindowText);
        const int method = inkHeight(image, tab, methodColour, 90);
        const int title = inkHeight(image, tab, textColour, 90);
        QVERIFY2(method > 0 && title > 0,
                 qPrintable(QStringLiteral("method %1, title %2").arg(method).arg(title)));
        const double ratio = double(method) / title;
        QVERIFY2(
            ratio >= 0.6 && ratio <= 1.1,
            qPrintable(QStringLiteral("method %1 px high, title %2 px").arg(method).arg(title)));
    }
};

int main(int argc, char *argv[])
{
    qputenv("QT_SCALE_FACTOR", "2");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("PatchbayTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_tabscale"));
    TestTabScale test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_tabscale.moc"
