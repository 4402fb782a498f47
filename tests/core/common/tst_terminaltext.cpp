#include "core/common/terminaltext.h"

#include <QTest>

using namespace Patchbay::Core;

class TestTerminalText final : public QObject
{
    Q_OBJECT

private slots:
    void neutralize_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::newRow("plain") << QStringLiteral("a b\tc\nd") << QStringLiteral("a b\tc\nd");
        QTest::newRow("colour") << QStringLiteral("\x1b[31mred\x1b[0m")
                                << QStringLiteral("^[[31mred^[[0m");
        QTest::newRow("window title")
            << QStringLiteral("\x1b]0;pwned\x07") << QStringLiteral("^[]0;pwned^G");
        QTest::newRow("carriage return alone")
            << QStringLiteral("ok\rFAIL") << QStringLiteral("ok^MFAIL");
        QTest::newRow("crlf kept") << QStringLiteral("a\r\nb") << QStringLiteral("a\r\nb");
        QTest::newRow("delete and nul")
            << QString(QStringLiteral("a\x7f") + QChar(0) + u'b') << QStringLiteral("a^?^@b");
        QTest::newRow("C1 CSI") << QString(QStringLiteral("x") + QChar(0x9b) + QStringLiteral("2J"))
                                << QStringLiteral("x<U+009B>2J");
        QTest::newRow("other non-ASCII kept")
            << QString::fromUtf8("caf\xc3\xa9 \xc2\xa0 \xe2\x82\xac")
            << QString::fromUtf8("caf\xc3\xa9 \xc2\xa0 \xe2\x82\xac");
    }

    void neutralize()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        QCOMPARE(neutralizeTerminalControls(text), shown);
    }

    // Sequences split between chunks are seen whole, at every split point.
    void chunked()
    {
        const QByteArray body = "x\r\ny\x1b[1m\xc2\x9b"
                                "end\r";
        TerminalTextFilter whole;
        QByteArray expected = whole.feed(body);
        expected += whole.finish();
        QCOMPARE(expected, QByteArray("x\r\ny^[[1m<U+009B>end^M"));
        for (qsizetype split = 0; split <= body.size(); ++split) {
            TerminalTextFilter filter;
            QByteArray out = filter.feed(QByteArrayView(body).first(split));
            out += filter.feed(QByteArrayView(body).sliced(split));
            out += filter.finish();
            QCOMPARE(out, expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestTerminalText)
#include "tst_terminaltext.moc"
