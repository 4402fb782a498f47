#include "core/update/linediff.h"

#include <QTest>

using namespace Patchbay::Core;

namespace {

// " a", "-b", "+c" lines, like a unified diff without headers.
QStringList describe(const LineDiff &diff)
{
    QStringList out;
    for (const LineDiffEntry &e : diff.entries) {
        const QChar mark = e.kind == LineDiffEntry::Kind::Same ? QLatin1Char(' ')
            : e.kind == LineDiffEntry::Kind::Removed           ? QLatin1Char('-')
                                                               : QLatin1Char('+');
        out.append(mark + e.text);
    }
    return out;
}

} // namespace

class TestLineDiff final : public QObject
{
    Q_OBJECT

private slots:
    void diff_data();
    void diff();
    void lineNumbers();
    void boundFallsBack();
    void crlf();
};

void TestLineDiff::diff_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<QStringList>("expected");
    const auto l = [](const char *s) { return QString::fromLatin1(s); };
    QTest::newRow("same") << l("a\nb") << l("a\nb") << QStringList {l(" a"), l(" b")};
    QTest::newRow("both empty") << QString() << QString() << QStringList {};
    QTest::newRow("insert middle")
        << l("a\nc") << l("a\nb\nc") << QStringList {l(" a"), l("+b"), l(" c")};
    QTest::newRow("remove first") << l("a\nb\nc") << l("b\nc")
                                  << QStringList {l("-a"), l(" b"), l(" c")};
    QTest::newRow("change") << l("a\nb\nc") << l("a\nx\nc")
                            << QStringList {l(" a"), l("-b"), l("+x"), l(" c")};
    QTest::newRow("lcs in the middle")
        << l("h\n1\n2\n3\n4\nt") << l("h\n2\nx\n4\n5\nt")
        << QStringList {l(" h"), l("-1"), l(" 2"), l("-3"), l("+x"), l(" 4"), l("+5"), l(" t")};
    QTest::newRow("from empty") << QString() << l("a") << QStringList {l("+a")};
}

void TestLineDiff::diff()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(QStringList, expected);
    const LineDiff d = diffText(left, right);
    QCOMPARE(describe(d), expected);
    QVERIFY(d.exact);
    QCOMPARE(d.isSame(), left == right);
}

void TestLineDiff::lineNumbers()
{
    const LineDiff d = diffText(QStringLiteral("a\nb\nc"), QStringLiteral("a\nx\nc"));
    QCOMPARE(d.entries.size(), 4);
    QCOMPARE(d.entries[1].leftLine, 1);
    QCOMPARE(d.entries[1].rightLine, -1);
    QCOMPARE(d.entries[2].leftLine, -1);
    QCOMPARE(d.entries[2].rightLine, 1);
    QCOMPARE(d.entries[3].leftLine, 2);
    QCOMPARE(d.entries[3].rightLine, 2);
    QCOMPARE(d.addedCount(), 1);
    QCOMPARE(d.removedCount(), 1);
}

void TestLineDiff::boundFallsBack()
{
    QStringList left;
    QStringList right;
    for (int i = 0; i < 50; ++i) {
        left.append(QString::number(i));
        right.append(QString::number(i + 1000));
    }
    left.prepend(QStringLiteral("same"));
    right.prepend(QStringLiteral("same"));
    const LineDiff bounded = diffLines(left, right, 100);
    QVERIFY(!bounded.exact);
    QCOMPARE(bounded.removedCount(), 50);
    QCOMPARE(bounded.addedCount(), 50);
    QCOMPARE(bounded.entries.first().kind, LineDiffEntry::Kind::Same);
    QVERIFY(diffLines(left, right).exact);
}

void TestLineDiff::crlf()
{
    QVERIFY(diffText(QStringLiteral("a\r\nb"), QStringLiteral("a\nb")).isSame());
}

QTEST_GUILESS_MAIN(TestLineDiff)
#include "tst_linediff.moc"
