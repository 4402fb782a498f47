#include "ui/history/historydelegate.h"

#include <QApplication>
#include <QFontMetrics>
#include <QTest>

using Patchbay::Ui::HistoryItemDelegate;

// History URLs in a narrow sidebar (item 4 of issue 12): elided in the middle so that what tells
// requests apart stays readable, never cut to "http:/…ers/1".
class TestHistoryDelegate final : public QObject
{
    Q_OBJECT

private slots:
    void elidesUrlsReadably_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("chars"); // width, in average characters
        QTest::addColumn<QString>("expected");
        const QString users = QStringLiteral("http://127.0.0.1:3000/users/1");
        QTest::newRow("fits") << users << 60 << users;
        QTest::newRow("scheme goes first")
            << users << 24 << QStringLiteral("127.0.0.1:3000/users/1");
        QTest::newRow("host and last segments")
            << QStringLiteral("https://api.example.com/v2/shops/42/orders/7?expand=items") << 34
            << QStringLiteral("api.example.com/…/orders/7?expand=items");
        QTest::newRow("last segment alone") << users << 12 << QStringLiteral("…/users/1");
    }
    void elidesUrlsReadably()
    {
        QFETCH(QString, url);
        QFETCH(int, chars);
        QFETCH(QString, expected);
        const QFontMetrics metrics(QApplication::font());
        // Room for `expected` exactly, or plenty.
        const int width = chars >= 60 ? 10000 : metrics.horizontalAdvance(expected);
        const QString shown = HistoryItemDelegate::elideUrl(url, metrics, width);
        QCOMPARE(shown, expected);
        QVERIFY(metrics.horizontalAdvance(shown) <= width);
    }

    void tinyRoomStillShowsTheEnd()
    {
        const QFontMetrics metrics(QApplication::font());
        const QString url = QStringLiteral("http://127.0.0.1:3000/users/12345678901234567890");
        const int width = metrics.horizontalAdvance(QStringLiteral("12345678"));
        const QString shown = HistoryItemDelegate::elideUrl(url, metrics, width);
        QVERIFY(metrics.horizontalAdvance(shown) <= width);
        QVERIFY2(shown.contains(u'…'), qPrintable(shown));
    }
};

QTEST_MAIN(TestHistoryDelegate)
#include "tst_historydelegate.moc"
