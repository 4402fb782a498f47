// Send-equivalence of Postman collections: each corpus collection that can run offline is run by
// newman (the pinned real one) and by `patchbay-cli run` against the same real httpbin, whose
// requests are recorded as they arrived (recording_httpbin.py). What the server received must
// be the same: method, path and query (raw bytes), headers other than the ones each client adds
// on its own (User-Agent, Postman-Token, Accept-Encoding, Connection, Host, Content-Length), and
// body. To run offline each copy is rewritten the same way for both tools: every request's
// origin becomes http://127.0.0.1:PORT/anything, scripts are removed (what they would do is not
// the conversion under test), `{{$dynamic}}` variables become fixed text, and requests that upload
// files are left out. Collections whose difference is known are listed in corpus/EXPECTED
// (`send-differs`) with the reason; docs/INTEROP.md gives the figures.

#include "tests/integration/clisandbox.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <nlohmann/json.hpp>

using namespace Patchbay::Test;
using nlohmann::json;

namespace {

QString sourceDir()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR");
}

std::string s(const QString &q)
{
    return q.toStdString();
}

QString q(const json &v)
{
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_number() || v.is_boolean())
        return QString::fromStdString(v.dump());
    return {};
}

// Postman's URL of a request with `:name` path variables replaced, as newman would send it.
QString sentUrl(const json &url)
{
    if (!url.is_object())
        return q(url);
    QString raw = q(url.value("raw", json()));
    if (raw.isEmpty())
        return {};
    for (const json &v : url.value("variable", json::array())) {
        const QString key = q(v.value("key", json()));
        const QString value = q(v.value("value", json()));
        if (key.isEmpty() || value.isEmpty())
            continue;
        raw.replace(QRegularExpression(QStringLiteral("/:") + QRegularExpression::escape(key)
                                       + QStringLiteral("(?=[/?#.]|$)")),
                    u'/' + value);
    }
    return raw;
}

struct Rewrite
{
    QString base; // http://127.0.0.1:PORT/anything
    int kept = 0;
    int dropped = 0; // file uploads, empty URLs
};

// The URL with its origin (scheme and host, or a {{variable}} standing for them) replaced.
QString rebased(const QString &url, const QString &base)
{
    static const QRegularExpression origin(
        QStringLiteral("^\\s*(?:[A-Za-z{}]+://)?(?:\\{\\{[^}]+\\}\\}|[^/?#\\s]+)"));
    const QRegularExpressionMatch m = origin.match(url);
    if (!m.hasMatch())
        return {};
    QString rest = url.mid(m.capturedEnd());
    if (!rest.isEmpty() && !rest.startsWith(u'/') && !rest.startsWith(u'?'))
        rest.prepend(u'/');
    return base + rest;
}

bool uploadsFiles(const json &body)
{
    if (!body.is_object())
        return false;
    const std::string mode = body.value("mode", std::string());
    if (mode == "file")
        return true;
    if (mode == "formdata") {
        for (const json &part : body.value("formdata", json::array()))
            if (part.is_object() && part.value("type", std::string()) == "file")
                return true;
    }
    return false;
}

void rewriteItems(json &items, Rewrite &r)
{
    json kept = json::array();
    for (json item : items) {
        if (!item.is_object())
            continue;
        item.erase("event");
        item.erase("events"); // some older files spell it so
        if (item.contains("item")) {
            rewriteItems(item["item"], r);
            kept.push_back(item);
            continue;
        }
        if (!item.contains("request") || item["request"].is_null()) {
            ++r.dropped;
            continue;
        }
        json &request = item["request"];
        if (request.is_string()) {
            request = json {{"method", "GET"}, {"url", request}};
        }
        const QString url = rebased(sentUrl(request.value("url", json())), r.base);
        if (url.isEmpty() || uploadsFiles(request.value("body", json()))) {
            ++r.dropped;
            continue;
        }
        request["url"] = s(url);
        ++r.kept;
        kept.push_back(item);
    }
    items = kept;
}

// A Postman collection rewritten to run against `base`, or nullopt when it is not one.
std::optional<QByteArray> rewriteCollection(const QByteArray &bytes, Rewrite &r)
{
    QByteArray text = bytes;
    if (text.startsWith("\xEF\xBB\xBF"))
        text = text.mid(3);
    json root = json::parse(text.toStdString(), nullptr, false);
    if (root.is_discarded() || !root.is_object())
        return std::nullopt;
    if (root.contains("collection") && root["collection"].is_object())
        root = json(root["collection"]);
    if (!root.contains("item") || !root["item"].is_array())
        return std::nullopt; // v1 collections are covered by the import test only
    root.erase("event");
    rewriteItems(root["item"], r);
    QString out = QString::fromStdString(root.dump(2));
    static const QRegularExpression dynamic(QStringLiteral("\\{\\{\\s*\\$([A-Za-z]+)\\s*\\}\\}"));
    out.replace(dynamic, QStringLiteral("fixed-\\1"));
    return out.toUtf8();
}

struct Received
{
    QString method;
    QString target;
    QStringList headers; // "name: value", lower-case names, sorted
    QByteArray body;
};

QList<Received> readLog(const QString &path, qsizetype from)
{
    QList<Received> out;
    const QList<QByteArray> lines = readFile(path).split('\n');
    static const QStringList ignored = {QStringLiteral("user-agent"),
                                        QStringLiteral("postman-token"),
                                        QStringLiteral("accept-encoding"),
                                        QStringLiteral("connection"),
                                        QStringLiteral("host"),
                                        QStringLiteral("content-length"),
                                        QStringLiteral("cache-control")};
    for (qsizetype i = from; i < lines.size(); ++i) {
        if (lines.at(i).trimmed().isEmpty())
            continue;
        const json e = json::parse(lines.at(i).toStdString(), nullptr, false);
        if (e.is_discarded())
            continue;
        Received r;
        r.method = q(e["method"]);
        r.target = q(e["target"]);
        r.body = QByteArray::fromBase64(QByteArray::fromStdString(e["body"].get<std::string>()));
        QString boundary;
        for (const json &h : e["headers"]) {
            const QString name = q(h[0]);
            QString value = q(h[1]);
            if (ignored.contains(name))
                continue;
            const qsizetype b = value.indexOf(QLatin1String("boundary="));
            if (name == QLatin1String("content-type") && b >= 0) {
                boundary = value.mid(b + 9).section(u';', 0, 0).remove(u'"');
                value = value.left(b + 9) + QStringLiteral("BOUNDARY");
            }
            r.headers << name + QStringLiteral(": ") + value;
        }
        if (!boundary.isEmpty())
            r.body.replace(boundary.toUtf8(), "BOUNDARY");
        r.headers.sort();
        out << r;
    }
    return out;
}

qsizetype lineCount(const QString &path)
{
    return readFile(path).split('\n').size() - 1;
}

QString describe(const Received &a, const Received &b)
{
    if (a.method != b.method)
        return QStringLiteral("method %1 vs %2").arg(a.method, b.method);
    if (a.target != b.target)
        return QStringLiteral("target %1 vs %2").arg(a.target, b.target);
    if (a.headers != b.headers) {
        QStringList onlyA;
        QStringList onlyB;
        for (const QString &h : a.headers)
            if (!b.headers.contains(h))
                onlyA << h;
        for (const QString &h : b.headers)
            if (!a.headers.contains(h))
                onlyB << h;
        return QStringLiteral("headers: newman [%1] vs patchbay [%2]")
            .arg(onlyA.join(QLatin1String(" | ")), onlyB.join(QLatin1String(" | ")));
    }
    if (a.body != b.body)
        return QStringLiteral("body %1 vs %2")
            .arg(QString::fromUtf8(a.body.left(80)), QString::fromUtf8(b.body.left(80)));
    return {};
}

} // namespace

class TestSendEquivalence final : public QObject
{
    Q_OBJECT

private:
    QProcess m_server;
    QString m_log;
    QString m_base;
    QTemporaryDir m_dir;

    static QString newman()
    {
        return sourceDir() + QStringLiteral("/tests/integration/servers/node_modules/.bin/newman");
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(newman()),
                 "newman is missing: run `npm ci` in "
                 "tests/integration/servers (scripts/test does)");
        QVERIFY(m_dir.isValid());
        m_log = m_dir.filePath(QStringLiteral("received.jsonl"));
        // Nobody reads its standard error during the run: a full pipe would stall the server.
        m_server.setStandardErrorFile(QProcess::nullDevice());
        m_server.start(
            QStringLiteral("/usr/bin/python3"),
            {sourceDir() + QStringLiteral("/tests/interop/recording_httpbin.py"), m_log});
        QVERIFY(m_server.waitForStarted(10000));
        QString printed;
        static const QRegularExpression port(QStringLiteral("PORT (\\d+)"));
        while (!port.match(printed).hasMatch() && m_server.waitForReadyRead(20000))
            printed += QString::fromUtf8(m_server.readAllStandardOutput());
        const QRegularExpressionMatch m = port.match(printed);
        QVERIFY2(m.hasMatch(), "recording_httpbin.py did not start: is python3-httpbin installed?");
        m_base = QStringLiteral("http://127.0.0.1:%1/anything").arg(m.captured(1));
    }

    void cleanupTestCase()
    {
        m_server.kill();
        m_server.waitForFinished(5000);
    }

    void corpusCollectionsSendTheSame()
    {
        const QString corpus = sourceDir() + QStringLiteral("/tests/interop/corpus/");
        QMap<QString, QString> known; // send-differs entries of EXPECTED
        for (const QString &line :
             QString::fromUtf8(readFile(corpus + QStringLiteral("EXPECTED"))).split(u'\n')) {
            const QStringList f = line.split(u'\t');
            if (f.size() >= 3 && f.at(1) == QLatin1String("send-differs"))
                known.insert(f.at(0), f.at(2));
        }
        QStringList entries;
        for (const QString &line :
             QString::fromUtf8(readFile(corpus + QStringLiteral("SOURCES"))).split(u'\n')) {
            if (line.startsWith(QLatin1String("postman/")))
                entries << line.section(u'\t', 0, 0);
        }
        QVERIFY(entries.size() > 50);

        // Rewrite every collection, then run them all in one newman process (node starts
        // once), then each with patchbay-cli; the server's log is cut at the markers.
        QStringList files;
        QStringList runEntries;
        for (const QString &entry : std::as_const(entries)) {
            Rewrite rewrite {m_base};
            const std::optional<QByteArray> rewritten
                = rewriteCollection(readFile(corpus + entry), rewrite);
            if (!rewritten || rewrite.kept == 0)
                continue;
            const QString file
                = m_dir.filePath(QStringLiteral("c%1.postman_collection.json").arg(files.size()));
            QVERIFY(writeFile(file, *rewritten));
            files << file;
            runEntries << entry;
        }
        const QString marker = m_base + QStringLiteral("/__marker__");
        qsizetype from = lineCount(m_log);
        const ProcessRun newmanRun = runProcess(
            QStringLiteral("node"),
            QStringList {sourceDir() + QStringLiteral("/tests/interop/newman_each.js"),
                         sourceDir()
                             + QStringLiteral("/tests/integration/servers/node_modules/newman"),
                         m_dir.path(), marker}
                + files,
            1200000);
        QVERIFY2(newmanRun.exitCode == 0, qPrintable(newmanRun.err));
        // Cut newman's requests at the markers.
        QList<QList<Received>> byNewman(files.size());
        {
            const QList<Received> all = readLog(m_log, from);
            qsizetype current = -1;
            for (const Received &r : all) {
                if (r.target.startsWith(QLatin1String("/anything/__marker__/"))) {
                    bool ok = false;
                    const int index = r.target.section(u'/', -1).toInt(&ok);
                    current = ok && index < files.size() ? index : -1;
                    continue;
                }
                if (current >= 0)
                    byNewman[current] << r;
            }
        }

        int collections = 0;
        int same = 0;
        int requests = 0;
        int sameRequests = 0;
        QStringList unexpected;
        QStringList nowPassing;
        QTextStream out(stdout);
        for (qsizetype c = 0; c < files.size(); ++c) {
            const QString &entry = runEntries.at(c);
            if (byNewman.at(c).isEmpty())
                continue; // newman itself sent nothing: not a comparison
            from = lineCount(m_log);
            // Nobody signs in during this offline comparison: an OAuth 2.0 grant that needs a
            // browser gives up at once instead of waiting for one.
            const ProcessRun patchbayRun
                = runProcess(cliPath(),
                             {QStringLiteral("run"), files.at(c), QStringLiteral("--timeout"),
                              QStringLiteral("10s"), QStringLiteral("--no-browser"),
                              QStringLiteral("--auth-timeout"), QStringLiteral("2")},
                             180000);
            const QList<Received> byPatchbay = readLog(m_log, from);
            const QList<Received> &fromNewman = byNewman.at(c);
            ++collections;
            QString problem;
            if (patchbayRun.exitCode < 0)
                problem = QStringLiteral("patchbay-cli crashed or hung");
            const qsizetype n = std::max(fromNewman.size(), byPatchbay.size());
            requests += int(fromNewman.size());
            for (qsizetype i = 0; i < n; ++i) {
                if (i >= fromNewman.size() || i >= byPatchbay.size()) {
                    if (problem.isEmpty())
                        problem = QStringLiteral("newman sent %1 requests, patchbay-cli %2")
                                      .arg(fromNewman.size())
                                      .arg(byPatchbay.size());
                    continue;
                }
                const QString d = describe(fromNewman.at(i), byPatchbay.at(i));
                if (d.isEmpty())
                    ++sameRequests;
                else if (problem.isEmpty())
                    problem = QStringLiteral("request %1: %2").arg(i + 1).arg(d);
            }
            if (problem.isEmpty()) {
                ++same;
                if (known.contains(entry))
                    nowPassing << entry;
            } else if (!known.contains(entry)) {
                unexpected << entry + QStringLiteral(": ") + problem;
            }
            out << (problem.isEmpty() ? "same    " : "differs ") << entry
                << (problem.isEmpty() ? QString() : QStringLiteral(" (") + problem + u')') << '\n';
        }
        out << "send-equivalence: " << same << " of " << collections << " collections ("
            << QString::number(collections ? 100.0 * same / collections : 0, 'f', 1) << "%), "
            << sameRequests << " of " << requests << " requests the same\n";
        out.flush();
        QVERIFY(collections > 30);
        QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(u'\n')));
        QVERIFY2(nowPassing.isEmpty(),
                 qPrintable(QStringLiteral("send the same now; remove send-differs from "
                                           "EXPECTED:\n")
                            + nowPassing.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestSendEquivalence)
#include "tst_sendequivalence.moc"
