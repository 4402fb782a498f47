#include "core/runner/junitreporter.h"

#include <QDateTime>
#include <QDir>
#include <QSaveFile>

namespace Patchbay::Core {

QByteArray xmlEscaped(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += QLatin1String("&amp;");
            break;
        case u'<':
            out += QLatin1String("&lt;");
            break;
        case u'>':
            out += QLatin1String("&gt;");
            break;
        case u'"':
            out += QLatin1String("&quot;");
            break;
        case u'\'':
            out += QLatin1String("&apos;");
            break;
        case u'\n':
            out += QLatin1String("&#10;");
            break;
        case u'\t':
        case u'\r':
            out += c;
            break;
        default:
            // XML 1.0 has no way to write other control characters or U+FFFE/U+FFFF.
            if (c.unicode() < 0x20 || c.unicode() == 0xfffe || c.unicode() == 0xffff)
                out += QChar(0xfffd);
            else
                out += c;
        }
    }
    return out.toUtf8();
}

JunitReporter::JunitReporter(QString path)
    : m_path(std::move(path))
{ }

Status JunitReporter::begin(const RunInfo &info)
{
    m_info = info;
    m_cases = std::make_unique<QTemporaryFile>(QDir::tempPath()
                                               + QStringLiteral("/patchbay-junit-XXXXXX"));
    if (!m_cases->open())
        return Error {QStringLiteral("report-write"),
                      QStringLiteral("Cannot create a temporary file for the JUnit report: %1.")
                          .arg(m_cases->errorString())};
    return Ok {};
}

void JunitReporter::report(const RequestResult &r)
{
    const QString name = m_info.iterations > 1
        ? QStringLiteral("[%1] %2").arg(r.iteration + 1).arg(r.name)
        : r.name;
    const QByteArray className = xmlEscaped(m_info.name);
    QByteArray out = "    <testcase classname=\"" + className + "\" name=\"" + xmlEscaped(name)
        + "\" time=\"" + QByteArray::number(r.timeMs / 1000.0, 'f', 4) + "\">\n";
    ++m_tests;
    m_seconds += r.timeMs / 1000.0;
    const QString line = r.method + u' ' + r.url + QStringLiteral(" -> ")
        + (r.statusCode ? QString::number(r.statusCode) : errorKindName(r.errorKind));
    if (r.requestFailed()) {
        ++m_errors;
        out += "      <error type=\"" + xmlEscaped(errorKindName(r.errorKind)) + "\" message=\""
            + xmlEscaped(r.errorMessage) + "\">" + xmlEscaped(line) + "</error>\n";
    } else if (!r.passed()) {
        ++m_failures;
        QStringList messages;
        for (const AssertionOutcome &a : r.assertions) {
            if (!a.result.passed)
                messages.append(a.result.message);
        }
        for (const CaptureResult &c : r.captures) {
            if (!c.captured)
                messages.append(QStringLiteral("capture %1: %2").arg(c.variable, c.message));
        }
        out += "      <failure type=\"AssertionFailure\" message=\""
            + xmlEscaped(messages.join(QStringLiteral("; "))) + "\">"
            + xmlEscaped(line + u'\n' + messages.join(u'\n')) + "</failure>\n";
    }
    if (!r.assertions.isEmpty() || !r.undefinedVariables.isEmpty() || r.events >= 0) {
        QString passed;
        if (r.events >= 0) {
            passed += QStringLiteral("event stream: %1 event%2 (%3)\n")
                          .arg(r.events)
                          .arg(r.events == 1 ? QString() : QStringLiteral("s"), r.streamEnd);
        }
        for (const AssertionOutcome &a : r.assertions)
            passed += (a.result.passed ? QStringLiteral("ok   ") : QStringLiteral("FAIL "))
                + a.result.message + u'\n';
        if (!r.undefinedVariables.isEmpty()) {
            passed += QStringLiteral("not defined, sent as written: ")
                + r.undefinedVariables.join(QLatin1String(", ")) + u'\n';
        }
        out += "      <system-out>" + xmlEscaped(passed) + "</system-out>\n";
    }
    out += "    </testcase>\n";
    for (const QString &script : r.scriptsNotRun) {
        ++m_tests;
        ++m_skipped;
        out += "    <testcase classname=\"" + className + "\" name=\""
            + xmlEscaped(name + QStringLiteral(" (") + script + u')')
            + "\" time=\"0\">\n      <skipped message=\""
            + xmlEscaped(
                   script
                   + QStringLiteral(
                       " not run: scripts run only when the run trusts them (--trust-scripts)"))
            + "\"/>\n    </testcase>\n";
    }
    m_cases->write(out);
}

Status JunitReporter::end(const RunSummary &summary)
{
    Q_UNUSED(summary);
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return Error {QStringLiteral("report-write"),
                      QStringLiteral("Cannot write the JUnit report %1: %2. Check that its folder "
                                     "exists and is writable.")
                          .arg(m_path, file.errorString())};
    const QByteArray counts = "tests=\"" + QByteArray::number(m_tests) + "\" failures=\""
        + QByteArray::number(m_failures) + "\" errors=\"" + QByteArray::number(m_errors)
        + "\" skipped=\"" + QByteArray::number(m_skipped) + "\" time=\""
        + QByteArray::number(m_seconds, 'f', 3) + '"';
    file.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\""
               + xmlEscaped(m_info.name) + "\" " + counts + ">\n  <testsuite name=\""
               + xmlEscaped(m_info.name) + "\" " + counts + " timestamp=\""
               + QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toUtf8() + "\">\n");
    m_cases->flush();
    m_cases->seek(0);
    while (!m_cases->atEnd())
        file.write(m_cases->read(1 << 20));
    file.write("  </testsuite>\n</testsuites>\n");
    if (!file.commit())
        return Error {QStringLiteral("report-write"),
                      QStringLiteral("Cannot write the JUnit report %1: %2.")
                          .arg(m_path, file.errorString())};
    return Ok {};
}

} // namespace Patchbay::Core
