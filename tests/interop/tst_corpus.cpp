// Runs every file of tests/interop/corpus (real files from other tools' repositories, see
// corpus/SOURCES) through import, and Postman collections through export and back.
// Checks: no error, request counts equal to an independent count (corpuscounters.h), a report
// whose created + converted-with-loss + skipped add up to that count, and for Postman the
// (method, URL) pairs before and after the round trip. The manifest corpus/EXPECTED holds
// hand-checked counts, files their own tool rejects, and the known failures (each explained in
// docs/INTEROP.md). Prints the figures per format.

#include "core/collections/workspace.h"
#include "core/interop/importdetect.h"
#include "core/interop/importwriter.h"
#include "core/interop/postmanexport.h"
#include "tests/interop/corpuscounters.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

QString corpusDir()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR") + QStringLiteral("/tests/interop/corpus/");
}

struct Expectation
{
    std::optional<int> count; // counted by hand
    QString rejected; // why its own tool refuses the file
    QString knownFailure; // why Patchbay fails it (docs/INTEROP.md)
};

int requestsIn(const ImportedFolder &folder)
{
    int n = int(folder.requests.size());
    for (const ImportedFolder &f : folder.folders)
        n += requestsIn(f);
    return n;
}

struct Stats
{
    int files = 0;
    int rejected = 0; // refused by their own tool: not in the rate
    int passed = 0;
};

} // namespace

class TestCorpus final : public QObject
{
    Q_OBJECT

private:
    QStringList m_entries; // local paths from SOURCES, "bruno/x/" for collection folders
    int m_partsCompared = 0;
    int m_headersKept = 0;
    int m_bodyKept = 0;
    int m_authKept = 0;
    QMap<QString, int> m_authLost; // by the original's auth type
    QMap<QString, int> m_bodyLost; // by the original's body mode
    QMap<QString, Expectation> m_expected;

    QString formatOf(const QString &entry) const { return entry.section(u'/', 0, 0); }

    // The independent count of requests, or a reason it cannot be counted.
    std::optional<int> independentCount(const QString &entry, QString *why,
                                        PostmanCount *postman = nullptr) const
    {
        const QString path = corpusDir() + entry;
        const QString format = formatOf(entry);
        if (format == QLatin1String("bruno"))
            return countBruno(path);
        const QString text = corpusText(readFile(path));
        if (format == QLatin1String("postman")) {
            std::optional<PostmanCount> c = countPostman(text);
            if (!c) {
                *why = QStringLiteral("the counter cannot read it as a Postman collection");
                return std::nullopt;
            }
            if (postman)
                *postman = *c;
            return c->requests;
        }
        if (format == QLatin1String("postman-env"))
            return 0;
        if (format == QLatin1String("insomnia")) {
            std::optional<int> c = countInsomnia(text);
            if (!c)
                *why = QStringLiteral("the counter cannot read it as an Insomnia export");
            return c;
        }
        if (format == QLatin1String("http"))
            return countHttp(text);
        if (format == QLatin1String("curl"))
            return countCurl(text);
        *why = QStringLiteral("unknown corpus folder ") + format;
        return std::nullopt;
    }

    // What went wrong with one file, or an empty string.
    QString check(const QString &entry)
    {
        const QString path = corpusDir() + entry;
        QString why;
        PostmanCount postman;
        const std::optional<int> expected = independentCount(entry, &why, &postman);
        if (!expected)
            return why;
        const Result<ImportedCollection> imported = importFile(QDir::cleanPath(path));
        if (!imported.ok())
            return QStringLiteral("import failed: ") + imported.error().message;
        const ImportReport &report = imported->report;
        const int inTree = requestsIn(imported->root);
        if (report.requestCount() != *expected)
            return QStringLiteral("the report counts %1 requests (%2 created, %3 with loss, %4 "
                                  "skipped), the file has %5")
                .arg(report.requestCount())
                .arg(report.requestsCreated)
                .arg(report.requestsLossy)
                .arg(report.requestsSkipped)
                .arg(*expected);
        if (inTree != report.requestsCreated + report.requestsLossy)
            return QStringLiteral("%1 requests imported but the report says %2 created and %3 "
                                  "with loss")
                .arg(inTree)
                .arg(report.requestsCreated)
                .arg(report.requestsLossy);
        if (formatOf(entry) == QLatin1String("postman"))
            return roundTrip(imported.value(), postman);
        return {};
    }

    // Postman → Patchbay workspace → Postman: same requests, same (method, URL) pairs.
    QString roundTrip(const ImportedCollection &imported, const PostmanCount &original)
    {
        QTemporaryDir dir;
        Result<Workspace> workspace = Workspace::open(dir.path());
        if (!workspace.ok())
            return workspace.error().message;
        const Result<QStringList> written
            = writeImportedCollection(workspace.value(), imported, dir.path());
        if (!written.ok())
            return QStringLiteral("writing into a workspace failed: ") + written.error().message;
        // The workspace adopted the staged collection's tree instead of reading its files
        // (Workspace::adoptCollection): it must be what reading the files gives.
        const Result<Workspace> reread = Workspace::open(dir.path());
        if (!reread.ok() || !reread->item(written->constFirst())
            || !(*reread->item(written->constFirst()) == *workspace->item(written->constFirst())))
            return QStringLiteral("the adopted collection differs from its files read again");
        const QByteArray exported
            = exportPostmanCollection(workspace.value(), written->constFirst());
        const std::optional<PostmanCount> back = countPostman(QString::fromUtf8(exported));
        if (!back)
            return QStringLiteral("the export is not a Postman collection");
        // Headers, body and auth: measured, not required (docs/INTEROP.md lists the losses).
        if (original.parts.size() == back->parts.size() && original.sent == back->sent) {
            for (qsizetype i = 0; i < original.parts.size(); ++i) {
                ++m_partsCompared;
                const RequestParts &a = original.parts.at(i);
                const RequestParts &b = back->parts.at(i);
                m_headersKept += a.headers == b.headers;
                m_bodyKept += a.body == b.body;
                m_authKept += a.auth == b.auth;
                if (a.auth != b.auth)
                    m_authLost[a.auth.section(u' ', 0, 0)]++;
                if (a.body != b.body)
                    m_bodyLost[a.body.section(u':', 0, 0)]++;
            }
        }
        QList<MethodUrl> before = original.sent;
        QList<MethodUrl> after = back->sent;
        if (before.size() != after.size())
            return QStringLiteral("%1 requests went in, %2 came back")
                .arg(before.size())
                .arg(after.size());
        // v1 collections have no single order of requests: compare them as sets.
        std::sort(before.begin(), before.end());
        std::sort(after.begin(), after.end());
        for (qsizetype i = 0; i < before.size(); ++i) {
            if (before.at(i) != after.at(i))
                return QStringLiteral("round trip changed \"%1 %2\" into \"%3 %4\"")
                    .arg(before.at(i).first, before.at(i).second, after.at(i).first,
                         after.at(i).second);
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        const QStringList lines
            = QString::fromUtf8(readFile(corpusDir() + QStringLiteral("SOURCES"))).split(u'\n');
        for (const QString &line : lines) {
            if (line.isEmpty() || line.startsWith(u'#')
                || line.startsWith(QLatin1String("local\t")))
                continue;
            m_entries << line.section(u'\t', 0, 0);
        }
        QVERIFY2(m_entries.size() > 300, "the corpus SOURCES list is missing or short");
        const QStringList manifest
            = QString::fromUtf8(readFile(corpusDir() + QStringLiteral("EXPECTED"))).split(u'\n');
        for (const QString &line : manifest) {
            if (line.isEmpty() || line.startsWith(u'#'))
                continue;
            const QStringList f = line.split(u'\t');
            QVERIFY2(f.size() >= 3, qPrintable(QStringLiteral("bad EXPECTED line: ") + line));
            QVERIFY2(
                m_entries.contains(f.at(0)),
                qPrintable(QStringLiteral("EXPECTED names a file not in SOURCES: ") + f.at(0)));
            Expectation &e = m_expected[f.at(0)];
            if (f.at(1) == QLatin1String("count"))
                e.count = f.at(2).toInt();
            else if (f.at(1) == QLatin1String("rejected"))
                e.rejected = f.at(2);
            else if (f.at(1) == QLatin1String("known-failure"))
                e.knownFailure = f.at(2);
            else if (f.at(1) == QLatin1String("send-differs"))
                continue; // tst_sendequivalence's
            else
                QFAIL(qPrintable(QStringLiteral("unknown EXPECTED kind: ") + f.at(1)));
        }
    }

    // The counters are only as good as their agreement with counts made by reading the files.
    void countersAgreeWithHandCounts()
    {
        int checked = 0;
        for (auto it = m_expected.cbegin(); it != m_expected.cend(); ++it) {
            if (!it->count)
                continue;
            QString why;
            const std::optional<int> counted = independentCount(it.key(), &why);
            QVERIFY2(counted, qPrintable(it.key() + QStringLiteral(": ") + why));
            QVERIFY2(*counted == *it->count,
                     qPrintable(QStringLiteral("%1: counted %2, by hand %3")
                                    .arg(it.key())
                                    .arg(*counted)
                                    .arg(*it->count)));
            ++checked;
        }
        QVERIFY2(checked >= 30, "too few hand-checked counts in EXPECTED");
    }

    void everyFileImports()
    {
        QMap<QString, Stats> stats;
        QStringList unexpected;
        QStringList fixed;
        const QString docs = QString::fromUtf8(readFile(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                                        + QStringLiteral("/docs/INTEROP.md")));
        for (const QString &entry : std::as_const(m_entries)) {
            Stats &s = stats[formatOf(entry)];
            ++s.files;
            const Expectation e = m_expected.value(entry);
            if (!e.rejected.isEmpty()) {
                // Its own tool refuses it: only "no crash" applies, which getting here proves.
                (void)importFile(QDir::cleanPath(corpusDir() + entry));
                ++s.rejected;
                continue;
            }
            const QString problem = check(entry);
            if (problem.isEmpty()) {
                ++s.passed;
                if (!e.knownFailure.isEmpty())
                    fixed << entry;
            } else if (e.knownFailure.isEmpty()) {
                unexpected << entry + QStringLiteral(": ") + problem;
                QTextStream(stdout) << "FAILED " << unexpected.constLast() << '\n';
            } else if (!docs.contains(entry)) {
                unexpected << entry
                        + QStringLiteral(": a known failure that docs/INTEROP.md does "
                                         "not list");
            }
        }
        QTextStream out(stdout);
        int files = 0;
        int accepted = 0;
        int passed = 0;
        out << "format        files  rejected-by-own-tool  passed  rate\n";
        for (auto it = stats.cbegin(); it != stats.cend(); ++it) {
            const int acc = it->files - it->rejected;
            out << qSetFieldWidth(14) << Qt::left << it.key() << qSetFieldWidth(0)
                << qSetFieldWidth(7) << it->files << qSetFieldWidth(22) << it->rejected
                << qSetFieldWidth(8) << it->passed << qSetFieldWidth(0)
                << QString::number(acc ? 100.0 * it->passed / acc : 100.0, 'f', 1) << "%\n";
            files += it->files;
            accepted += acc;
            passed += it->passed;
        }
        out << "all: " << files << " files, " << accepted << " accepted by their own tool, "
            << passed << " pass (" << QString::number(100.0 * passed / accepted, 'f', 1) << "%)\n";
        out << "postman round trip (requests in file order): " << m_partsCompared
            << " compared, headers kept " << m_headersKept << ", body kept " << m_bodyKept
            << ", auth kept " << m_authKept << "\n";
        for (auto it = m_authLost.cbegin(); it != m_authLost.cend(); ++it)
            out << "  auth lost: " << it.key() << " x" << it.value() << '\n';
        for (auto it = m_bodyLost.cbegin(); it != m_bodyLost.cend(); ++it)
            out << "  body changed: " << it.key() << " x" << it.value() << '\n';
        out.flush();
        QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(u'\n')));
        QVERIFY2(fixed.isEmpty(),
                 qPrintable(QStringLiteral("known failures that pass now; remove "
                                           "them from EXPECTED and "
                                           "docs/INTEROP.md:\n")
                            + fixed.join(u'\n')));
        QVERIFY(passed * 100 >= accepted * 99);
    }
};

QTEST_GUILESS_MAIN(TestCorpus)
#include "tst_corpus.moc"
