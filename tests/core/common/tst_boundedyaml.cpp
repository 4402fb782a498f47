#include "core/common/boundedyaml.h"

#include <QElapsedTimer>
#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace Patchbay::Core;

namespace {

// LEVELS levels of nine aliases each over nine strings: 9^LEVELS strings when walked.
QByteArray billionLaughs(int levels)
{
    QByteArray yaml = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int i = 1; i < levels; ++i) {
        const QByteArray p = "*l" + QByteArray::number(i - 1);
        yaml += "l" + QByteArray::number(i) + ": &l" + QByteArray::number(i) + " [" + p + ", " + p
            + ", " + p + ", " + p + ", " + p + ", " + p + ", " + p + ", " + p + ", " + p + "]\n";
    }
    return yaml + "root: *l" + QByteArray::number(levels - 1) + "\n";
}

YamlLimits limits(qint64 maxBytes, int maxDepth, qint64 maxNodes, qint64 maxExpanded)
{
    YamlLimits l;
    l.maxBytes = maxBytes;
    l.maxDepth = maxDepth;
    l.maxNodes = maxNodes;
    l.maxExpandedNodes = maxExpanded;
    return l;
}

} // namespace

class TestBoundedYaml final : public QObject
{
    Q_OBJECT

private slots:
    void readsOrdinaryYaml()
    {
        const Result<YAML::Node> node = loadBoundedYaml(
            "a: 1\nb: [x, {c: d}]\nanchor: &r {k: v}\nuse: *r\n", {}, QStringLiteral("The file"));
        QVERIFY2(node.ok(), node.ok() ? "" : qPrintable(node.error().message));
        QCOMPARE(QString::fromStdString(node.value()["use"]["k"].as<std::string>()),
                 QStringLiteral("v"));
    }

    void billionLaughsIsRefusedQuickly()
    {
        const QByteArray bomb = billionLaughs(9);
        QVERIFY(bomb.size() < 700);
        QElapsedTimer timer;
        timer.start();
        YamlError error;
        const Result<YAML::Node> node
            = loadBoundedYaml(bomb, {}, QStringLiteral("The export"), &error);
        QVERIFY(!node.ok());
        QCOMPARE(node.error().code, QStringLiteral("yaml-alias-expansion"));
        QVERIFY2(node.error().message.contains(QLatin1String("billion laughs")),
                 qPrintable(node.error().message));
        QVERIFY(node.error().message.startsWith(QLatin1String("line ")));
        QVERIFY(error.line > 0);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    }

    // {x: &a [a, b], y: *a} is 9 values when every alias is followed: the map, two keys, the
    // list and its two items, and the list again through the alias.
    void expansionAtAndPastTheLimit()
    {
        const QByteArray yaml = "{x: &a [a, b], y: *a}";
        QVERIFY(loadBoundedYaml(yaml, limits(1000, 10, 100, 9), QStringLiteral("It")).ok());
        const Result<YAML::Node> past
            = loadBoundedYaml(yaml, limits(1000, 10, 100, 8), QStringLiteral("It"));
        QVERIFY(!past.ok());
        QCOMPARE(past.error().code, QStringLiteral("yaml-alias-expansion"));
    }

    void nodesAtAndPastTheLimit()
    {
        const QByteArray yaml = "[a, b, c, d]"; // five values
        QVERIFY(loadBoundedYaml(yaml, limits(1000, 10, 5, 100), QStringLiteral("It")).ok());
        const Result<YAML::Node> past
            = loadBoundedYaml(yaml, limits(1000, 10, 4, 100), QStringLiteral("It"));
        QVERIFY(!past.ok());
        QCOMPARE(past.error().code, QStringLiteral("yaml-too-many-nodes"));
    }

    void depthAtAndPastTheLimit()
    {
        QVERIFY(loadBoundedYaml("[[[x]]]", limits(1000, 3, 100, 100), QStringLiteral("It")).ok());
        const Result<YAML::Node> past
            = loadBoundedYaml("[[[[x]]]]", limits(1000, 3, 100, 100), QStringLiteral("It"));
        QVERIFY(!past.ok());
        QCOMPARE(past.error().code, QStringLiteral("yaml-too-deep"));
        QVERIFY(past.error().message.contains(QLatin1String("deeper than 3 levels")));
    }

    void millionLevelsDoNotExhaustTheStack()
    {
        for (const char open : {'[', '{'}) {
            const Result<YAML::Node> node
                = loadBoundedYaml(QByteArray(1000000, open), limits(2000000, 64, 2000000, 2000000),
                                  QStringLiteral("It"));
            QVERIFY(!node.ok());
            QCOMPARE(node.error().code, QStringLiteral("yaml-too-deep"));
        }
    }

    void sizeAtAndPastTheLimit()
    {
        const QByteArray yaml = "key: value\n"; // 11 bytes
        QVERIFY(loadBoundedYaml(yaml, limits(11, 10, 100, 100), QStringLiteral("It")).ok());
        const Result<YAML::Node> past
            = loadBoundedYaml(yaml, limits(10, 10, 100, 100), QStringLiteral("The file"));
        QVERIFY(!past.ok());
        QCOMPARE(past.error().code, QStringLiteral("yaml-too-large"));
        QVERIFY(past.error().message.startsWith(QLatin1String("The file is larger than")));
    }

    void aliasesRefusedWhereTheFormatHasNone()
    {
        YamlLimits noAliases;
        noAliases.allowAliases = false;
        QVERIFY(loadBoundedYaml("a: &x 1\nb: 2\n", noAliases, QStringLiteral("It")).ok());
        const Result<YAML::Node> node
            = loadBoundedYaml("a: &x 1\nb: *x\n", noAliases, QStringLiteral("It"));
        QVERIFY(!node.ok());
        QCOMPARE(node.error().code, QStringLiteral("yaml-alias"));
    }

    void aliasInsideItsOwnValueIsRefused()
    {
        const Result<YAML::Node> node
            = loadBoundedYaml("a: &x [1, *x]\n", {}, QStringLiteral("It"));
        QVERIFY(!node.ok());
        QCOMPARE(node.error().code, QStringLiteral("yaml-alias"));
    }

    void syntaxErrorsNameTheLine()
    {
        const Result<YAML::Node> node = loadBoundedYaml("a: 1\nb: [x\n", {}, QStringLiteral("It"));
        QVERIFY(!node.ok());
        QCOMPARE(node.error().code, QStringLiteral("yaml-syntax"));
        QVERIFY2(node.error().message.startsWith(QLatin1String("line ")),
                 qPrintable(node.error().message));
    }
};

QTEST_GUILESS_MAIN(TestBoundedYaml)
#include "tst_boundedyaml.moc"
