#include "core/query/jqprogram.h"
#include "core/query/jsonpath.h"
#include "core/query/jsonquery.h"

#include <QFile>
#include <QMap>
#include <QSet>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace Patchbay::Core;
using nlohmann::json;

namespace {

// What our subset does with a case of the compliance suite.
enum class Outcome { Passed, WrongResult, RejectedValid, AcceptedInvalid, Unsupported };

struct CaseReport
{
    Outcome outcome;
    QString detail;
};

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Passed:
        return QStringLiteral("passed");
    case Outcome::WrongResult:
        return QStringLiteral("wrong result");
    case Outcome::RejectedValid:
        return QStringLiteral("valid, rejected");
    case Outcome::AcceptedInvalid:
        return QStringLiteral("invalid, accepted");
    case Outcome::Unsupported:
        return QStringLiteral("unsupported");
    }
    return {};
}

bool usesFunctionExtension(const QString &selector)
{
    for (const char *name : {"length(", "count(", "match(", "search(", "value("}) {
        if (selector.contains(QLatin1String(name)))
            return true;
    }
    return false;
}

// Decides a case without running it where it can: refused function extensions, invalid
// selectors, translations. Valid translated cases are left to runBatch() (`*jq` set).
CaseReport classify(const json &c, QString *jq)
{
    const QString selector = QString::fromStdString(c.at("selector").get<std::string>());
    const bool invalid = c.value("invalid_selector", false);
    const Result<QString> translated = jsonPathToJq(selector);
    if (usesFunctionExtension(selector) && !invalid) {
        if (!translated.ok() && translated.error().message.contains(QLatin1String("not supported")))
            return {Outcome::Unsupported, translated.error().message};
        return {Outcome::WrongResult, QStringLiteral("a function was not refused as unsupported")};
    }
    if (invalid) {
        if (translated.ok())
            return {Outcome::AcceptedInvalid, QString()};
        return {Outcome::Passed, QString()};
    }
    if (!translated.ok())
        return {Outcome::RejectedValid, translated.error().message};
    *jq = translated.value();
    return {Outcome::Passed, QString()};
}

bool matches(const json &got, const json &c)
{
    if (c.contains("result"))
        return got == c.at("result");
    for (const json &candidate : c.at("results")) {
        if (got == candidate)
            return true;
    }
    return false;
}

// Runs many translated cases as one jq program over an array of their documents: libjq
// compiles its builtins for every program (tens of ms), so one program per case would take
// minutes. Each case's errors stay its own (try/catch).
QList<CaseReport> runBatch(const QList<json> &cases, const QStringList &programs)
{
    QStringList parts;
    json documents = json::array();
    for (qsizetype i = 0; i < cases.size(); ++i) {
        parts
            << QStringLiteral("(.[%1] | try [%2] catch {\"__error\": .})").arg(i).arg(programs[i]);
        documents.push_back(cases[i].at("document"));
    }
    QList<CaseReport> reports;
    Result<JqProgram> program = JqProgram::compile(u'[' + parts.join(u", ") + u']');
    if (!program.ok()) {
        for (qsizetype i = 0; i < cases.size(); ++i)
            reports.append(
                {Outcome::RejectedValid,
                 QStringLiteral("the batch did not compile: ") + program.error().message});
        return reports;
    }
    const Result<JqDocument> input = JqDocument::parse(QByteArray::fromStdString(documents.dump()));
    const auto out = program.value().run(input.value(), {0, 0, 120000});
    if (!out.ok()) {
        for (qsizetype i = 0; i < cases.size(); ++i)
            reports.append({Outcome::WrongResult, out.error().message});
        return reports;
    }
    const json all = json::parse(out.value().results.value(0).toStdString());
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const json &got = all.at(size_t(i));
        if (got.is_object() && got.contains("__error"))
            reports.append({Outcome::WrongResult, QString::fromStdString(got.dump())});
        else if (matches(got, cases[i]))
            reports.append({Outcome::Passed, QString()});
        else
            reports.append({Outcome::WrongResult, QString::fromStdString("got " + got.dump())});
    }
    return reports;
}

} // namespace

// The JSONPath subset (JSONPath translated to jq) against the RFC 9535 compliance test suite
// (data/jsonpath-cts.json, see data/SOURCES), plus the translations our users will type most.
class TestJsonPath final : public QObject
{
    Q_OBJECT

private slots:
    void everyday_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        const char *store = R"({"store":{"book":[
            {"category":"reference","author":"Nigel Rees","title":"Sayings","price":8.95},
            {"category":"fiction","author":"Evelyn Waugh","title":"Sword","price":12.99},
            {"category":"fiction","author":"Herman Melville","title":"Moby Dick",
             "isbn":"0-553-21311-3","price":8.99}],
            "bicycle":{"color":"red","price":399}}, "expensive": 10})";
        m_store = QByteArray(store);
        QTest::newRow("root") << "$"
                              << "";
        QTest::newRow("member chain") << "$.store.bicycle.color"
                                      << R"(["red"])";
        QTest::newRow("bracket name") << "$['store']['bicycle']['price']"
                                      << "[399]";
        QTest::newRow("wildcard authors") << "$.store.book[*].author"
                                          << R"(["Nigel Rees","Evelyn Waugh","Herman Melville"])";
        QTest::newRow("all authors below") << "$..author"
                                           << R"(["Nigel Rees","Evelyn Waugh","Herman Melville"])";
        QTest::newRow("last book") << "$.store.book[-1].title"
                                   << R"(["Moby Dick"])";
        QTest::newRow("first two") << "$.store.book[:2].price"
                                   << "[8.95,12.99]";
        QTest::newRow("every other") << "$.store.book[::2].price"
                                     << "[8.95,8.99]";
        QTest::newRow("union") << "$.store.book[0,2].price"
                               << "[8.95,8.99]";
        QTest::newRow("with isbn") << "$..book[?(@.isbn)].title"
                                   << R"(["Moby Dick"])";
        QTest::newRow("cheap") << "$..book[?@.price < 10].title"
                               << R"(["Sayings","Moby Dick"])";
        QTest::newRow("compare to root") << "$.store.book[?(@.price > $.expensive)].title"
                                         << R"(["Sword"])";
        QTest::newRow("and, not") << "$.store.book[?(@.category == 'fiction' && !@.isbn)].author"
                                  << R"(["Evelyn Waugh"])";
        QTest::newRow("missing member") << "$.store.nothing"
                                        << "[]";
        QTest::newRow("index past end") << "$.store.book[7]"
                                        << "[]";
    }
    void everyday()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        Result<JqProgram> program = compileJsonQuery(path, JsonPathResults::Array);
        QVERIFY2(program.ok(), qPrintable(program.ok() ? QString() : program.error().message));
        const Result<JqDocument> input = JqDocument::parse(m_store);
        const auto out = program.value().run(input.value());
        QVERIFY(out.ok());
        const json got = json::parse(out.value().results.value(0).toStdString());
        const json want = expected.isEmpty() // the whole document, as the only match
            ? json::array({json::parse(m_store.toStdString())})
            : json::parse(expected.toStdString());
        QVERIFY2(got == want, got.dump().c_str());
    }

    void errorsNameColumnAndWhat_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("contains");
        QTest::newRow("no root") << "store.book"
                                 << "expected a JSONPath starts with $";
        QTest::newRow("unclosed bracket") << "$.a[0"
                                          << "expected ',' or ']' at column 6";
        QTest::newRow("unclosed quote") << "$['a"
                                        << "the closing quote";
        QTest::newRow("function") << "$[?length(@) > 1]"
                                  << "the function length() at column 4 is not supported";
        QTest::newRow("script") << "$[(@.length-1)]"
                                << "a script expression";
        QTest::newRow("regex") << "$[?(@.a =~ /x/)]"
                               << "=~";
        QTest::newRow("trailing") << "$.a b"
                                  << "column 4";
    }
    void errorsNameColumnAndWhat()
    {
        QFETCH(QString, path);
        QFETCH(QString, contains);
        const Result<QString> jq = jsonPathToJq(path);
        QVERIFY(!jq.ok());
        QCOMPARE(jq.error().code, QStringLiteral("jsonpath-syntax"));
        QVERIFY2(jq.error().message.contains(contains), qPrintable(jq.error().message));
    }

    // Every case of the suite that the subset claims is right; the cases it gets wrong are
    // listed with the reason, and the list must stay exact (a fixed case fails the test too).
    void complianceSuite()
    {
        QFile file(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                   + QStringLiteral("/tests/core/query/data/jsonpath-cts.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const json suite = json::parse(file.readAll().toStdString());
        QMap<Outcome, int> counts;
        QStringList unexpected;
        QSet<QString> deviations = knownDeviations();
        QList<json> cases;
        QList<CaseReport> reports;
        QList<json> toRun;
        QStringList programs;
        QList<qsizetype> runIndex;
        for (const json &c : suite.at("tests")) {
            QString jq;
            reports.append(classify(c, &jq));
            cases.append(c);
            if (!jq.isEmpty()) {
                runIndex.append(cases.size() - 1);
                toRun.append(c);
                programs.append(jq);
            }
        }
        const QList<CaseReport> ran = runBatch(toRun, programs);
        for (qsizetype k = 0; k < ran.size(); ++k)
            reports[runIndex[k]] = ran[k];
        for (qsizetype i = 0; i < cases.size(); ++i) {
            const json &c = cases[i];
            const CaseReport &report = reports[i];
            const QString name = QString::fromStdString(c.at("name").get<std::string>());
            ++counts[report.outcome];
            const bool bad = report.outcome == Outcome::WrongResult
                || report.outcome == Outcome::RejectedValid
                || report.outcome == Outcome::AcceptedInvalid;
            if (bad && !deviations.remove(name))
                unexpected << QStringLiteral("%1: %2 [%3] %4")
                                  .arg(name)
                                  .arg(outcomeName(report.outcome))
                                  .arg(QString::fromStdString(json(c.at("selector")).dump()),
                                       report.detail);
        }
        qInfo("passed %d, function extensions refused %d, wrong %d, valid rejected %d, invalid "
              "accepted %d",
              counts[Outcome::Passed], counts[Outcome::Unsupported], counts[Outcome::WrongResult],
              counts[Outcome::RejectedValid], counts[Outcome::AcceptedInvalid]);
        for (const QString &line : std::as_const(unexpected))
            qWarning("%s", qPrintable(line));
        QVERIFY2(unexpected.isEmpty(), "cases above differ from the suite");
        QVERIFY2(deviations.isEmpty(),
                 qPrintable(QStringLiteral("listed as deviations but now right: ")
                            + QStringList(deviations.cbegin(), deviations.cend()).join(u", ")));
    }

private:
    // Cases of the suite the subset gets wrong, by name, and why (docs/RUNNER.md says so too).
    static QSet<QString> knownDeviations() { return {}; }

    QByteArray m_store;
};

QTEST_GUILESS_MAIN(TestJsonPath)
#include "tst_jsonpath.moc"
