#include "core/collections/collectionformat.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QRandomGenerator>
#include <QTest>

using namespace Patchbay::Core;
using Patchbay::Test::readFile;

namespace {

QString goldenDir()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/tests/core/collections/data/golden");
}

// Pieces that YAML reads in surprising ways: extra spaces, quotes, escapes, indicators, line
// breaks outside ASCII, comments, anchors...
const QList<QByteArray> &tricky()
{
    static const QList<QByteArray> pieces = {
        " ",
        "  ",
        "\t",
        "'",
        "''",
        "\"",
        "\\",
        "#",
        " #",
        ": ",
        ":",
        "-",
        "- ",
        "?",
        "|",
        ">",
        "&a",
        "*a",
        "!",
        "!!str ",
        "%",
        "@",
        "`",
        "{",
        "}",
        "[",
        "]",
        ",",
        "~",
        "null",
        "true",
        "0x10",
        "1e3",
        "\xc2\x85",
        "\xe2\x80\xa8",
        "\xe2\x80\xa9",
        "\xef\xbb\xbf",
        "\xc2\xa0",
        "\\x41",
        "\\u0041",
        "\\U00000041",
        "\\/",
        "\\e",
        "\\ ",
        "\\N",
        "\\_",
        "\\L",
        "\\P",
        "\\0",
        "\\t",
        "\\\t",
        "\r",
        "\n",
        "\n\n",
        "\n ",
        "\n  ",
        "|-",
        "|+",
        "|2",
        "\x7f",
        "GET",
        "'x'",
        "\"x\"",
        "a'b",
        "\xe2\x82\xac",
        "---",
        "...",
        "<<",
    };
    return pieces;
}

QByteArray mutate(QByteArray yaml, QRandomGenerator &rng)
{
    const int edits = 1 + int(rng.bounded(3));
    for (int e = 0; e < edits; ++e) {
        if (yaml.isEmpty())
            break;
        const qsizetype at = qsizetype(rng.bounded(quint32(yaml.size())));
        switch (rng.bounded(4)) {
        case 0: // insert a tricky piece
            yaml.insert(at, tricky().at(int(rng.bounded(quint32(tricky().size())))));
            break;
        case 1: // insert it right after a ": " (the start of a value)
        {
            const qsizetype colon = yaml.indexOf(": ", at);
            if (colon >= 0)
                yaml.insert(colon + 2, tricky().at(int(rng.bounded(quint32(tricky().size())))));
            break;
        }
        case 2: // insert before the end of a line (the end of a value)
        {
            const qsizetype eol = yaml.indexOf('\n', at);
            if (eol >= 0)
                yaml.insert(eol, tricky().at(int(rng.bounded(quint32(tricky().size())))));
            break;
        }
        default: // delete a few bytes
            yaml.remove(at, 1 + qsizetype(rng.bounded(3)));
            break;
        }
    }
    return yaml;
}

} // namespace

// The fast reader for our canonical YAML (canonicalyaml.cpp) must mean exactly what yaml-cpp
// means on every file it accepts; for anything else it must decline, so that yaml-cpp reads it.
class TestCanonicalYaml final : public QObject
{
    Q_OBJECT

private:
    // Empty when the readers agree (or the fast reader declined).
    static QString disagreement(const QByteArray &yaml)
    {
        const Result<SavedRequest> fast = requestFromYaml(yaml, nullptr, YamlReader::Canonical);
        if (!fast.ok())
            return {};
        const Result<SavedRequest> full = requestFromYaml(yaml, nullptr, YamlReader::YamlCpp);
        if (!full.ok())
            return QStringLiteral("yaml-cpp refuses what the fast reader read: ")
                + full.error().message;
        if (fast.value() == full.value())
            return {};
        const auto show = [](const SavedRequest &r) {
            return QStringLiteral("method [%1] url [%2] headers [%3] body [%4] desc [%5]")
                .arg(r.request.method, r.request.url,
                     r.request.headers.isEmpty()
                         ? QString()
                         : r.request.headers.first().name + u'=' + r.request.headers.first().value,
                     r.request.body.text, r.description);
        };
        return QStringLiteral("fast: %1\nyaml-cpp: %2").arg(show(fast.value()), show(full.value()));
    }

private slots:
    // The cases found by comparing the readers; each was read differently before.
    void knownDisagreements_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::newRow("two spaces before a value")
            << QByteArray("patchbay: 1\nname: x\nmethod:  GET\nurl: http://h/\n");
        QTest::newRow("two spaces before a quoted url")
            << QByteArray("patchbay: 1\nname: x\nurl:  'http://h/'\n");
        QTest::newRow("two spaces before a double-quoted url")
            << QByteArray("patchbay: 1\nname: x\nurl:  \"http://h/\"\n");
        QTest::newRow("header value with two spaces and quotes")
            << QByteArray("patchbay: 1\nname: x\nurl: http://h/\nheaders:\n  - name: A\n"
                          "    value:  '\"v\"'\n");
        QTest::newRow("tab after the colon")
            << QByteArray("patchbay: 1\nname: x\nurl:\thttp://h/\n");
        QTest::newRow("next line") << QByteArray("patchbay: 1\nname: x\nurl: http://h/\x85more\n");
        // tests/fuzz/findings/fuzz_collectionyaml: control characters in a literal block.
        const QByteArray head = "patchbay: 1\nname: x\nurl: http://h/\nbody:\n  mode: text\n"
                                "  text: |\n    line\n";
        QTest::newRow("NUL in a literal block")
            << head + QByteArray("    tra\0ing\n", 12) + "    end\n";
        QTest::newRow("control characters in a literal block")
            << head + QByteArray("    \"name\x01\0\0\x01,\n", 15);
        QTest::newRow("DEL in a literal block") << head + "    a\x7f\n";
        QTest::newRow("C1 control in a literal block") << head
                + "    a\xc2\x9b"
                  "b\n";
        QTest::newRow("U+2028 in a literal block") << head
                + "    a\xe2\x80\xa8"
                  "b\n";
    }

    void knownDisagreements()
    {
        QFETCH(QByteArray, yaml);
        const QString problem = disagreement(yaml);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // Every golden file, mutated many times over with a fixed seed (bounded, repeatable).
    // PATCHBAY_CANONICAL_SEED and PATCHBAY_CANONICAL_ROUNDS explore further by hand.
    void mutatedGoldenFiles()
    {
        const QDir dir(goldenDir());
        const QStringList files = dir.entryList({QStringLiteral("*.yaml")}, QDir::Files);
        QVERIFY(files.size() > 10);
        bool seeded = false;
        const quint32 seed = qEnvironmentVariable("PATCHBAY_CANONICAL_SEED").toUInt(&seeded);
        QRandomGenerator rng(seeded ? seed : 20261217);
        bool hasRounds = false;
        const int rounds = qEnvironmentVariableIntValue("PATCHBAY_CANONICAL_ROUNDS", &hasRounds);
        int accepted = 0;
        QStringList failures;
        for (const QString &name : files) {
            const QByteArray original = readFile(dir.filePath(name));
            for (int i = 0; i < (hasRounds ? rounds : 2500) && failures.size() < 5; ++i) {
                const QByteArray yaml = mutate(original, rng);
                const QString problem = disagreement(yaml);
                if (!problem.isEmpty())
                    failures << name + QStringLiteral(":\n") + QString::fromUtf8(yaml)
                            + QStringLiteral("\n") + problem;
                else if (requestFromYaml(yaml, nullptr, YamlReader::Canonical).ok())
                    ++accepted;
            }
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QStringLiteral("\n----\n"))));
        // The mutations must leave enough files in the fast reader's subset to mean something.
        QVERIFY2(accepted > (hasRounds ? 0 : 5000), qPrintable(QString::number(accepted)));
    }
};

QTEST_GUILESS_MAIN(TestCanonicalYaml)
#include "tst_canonicalyaml.moc"
