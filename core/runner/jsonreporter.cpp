#include "core/runner/jsonreporter.h"

#include "core/json/jsonwriter.h"

#include <cstdio>

namespace Patchbay::Core {

namespace {

QByteArray jsonString(QStringView text)
{
    QByteArray out;
    appendJsonString(out, text);
    return out;
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'f', 3);
}

} // namespace

JsonReporter::JsonReporter(QString path)
    : m_path(std::move(path))
{ }

void JsonReporter::write(const QByteArray &bytes)
{
    if (m_file)
        m_file->write(bytes);
    else if (m_stdout)
        m_stdout->write(bytes);
}

Status JsonReporter::begin(const RunInfo &info)
{
    if (m_path.isEmpty()) {
        m_stdout = std::make_unique<QFile>();
        if (!m_stdout->open(stdout, QIODevice::WriteOnly))
            return Error {QStringLiteral("report-write"),
                          QStringLiteral("Cannot write the JSON report to standard output.")};
    } else {
        m_file = std::make_unique<QSaveFile>(m_path);
        if (!m_file->open(QIODevice::WriteOnly))
            return Error {QStringLiteral("report-write"),
                          QStringLiteral("Cannot write the JSON report %1: %2. Check that its "
                                         "folder exists and is writable.")
                              .arg(m_path, m_file->errorString())};
    }
    write("{\n  \"patchbay\": 1,\n  \"run\": {\"name\": " + jsonString(info.name) + ", \"source\": "
          + jsonString(info.source) + ", \"items\": " + QByteArray::number(info.items)
          + ", \"iterations\": " + QByteArray::number(info.iterations) + "},\n  \"executions\": [");
    return Ok {};
}

void JsonReporter::report(const RequestResult &r)
{
    QByteArray out = m_count++ == 0 ? "\n    {" : ",\n    {";
    out += "\"iteration\": " + QByteArray::number(r.iteration + 1);
    out += ", \"name\": " + jsonString(r.name);
    out += ", \"path\": " + jsonString(r.path);
    out += ", \"method\": " + jsonString(r.method);
    out += ", \"url\": " + jsonString(r.url);
    out += ", \"status\": " + QByteArray::number(r.statusCode);
    out += ", \"reason\": " + jsonString(r.reason);
    out += ", \"timeMs\": " + number(r.timeMs);
    out += ", \"bodyBytes\": " + QByteArray::number(r.bodyBytes);
    if (r.events >= 0) // an event stream (EventStreamStep)
        out += ", \"stream\": {\"events\": " + QByteArray::number(r.events)
            + ", \"ended\": " + jsonString(r.streamEnd) + '}';
    out += ", \"passed\": ";
    out += r.passed() ? "true" : "false";
    out += ", \"error\": ";
    out += r.errorMessage.isEmpty() ? QByteArray("null")
                                    : "{\"kind\": " + jsonString(errorKindName(r.errorKind))
            + ", \"message\": " + jsonString(r.errorMessage) + '}';
    out += ", \"assertions\": [";
    for (qsizetype i = 0; i < r.assertions.size(); ++i) {
        const AssertionOutcome &a = r.assertions.at(i);
        out += i ? ", {" : "{";
        out += "\"assertion\": " + jsonString(a.description);
        out += ", \"passed\": ";
        out += a.result.passed ? "true" : "false";
        out += ", \"message\": " + jsonString(a.result.message) + '}';
    }
    out += "], \"captures\": [";
    for (qsizetype i = 0; i < r.captures.size(); ++i) {
        const CaptureResult &c = r.captures.at(i);
        out += i ? ", {" : "{";
        out += "\"variable\": " + jsonString(c.variable);
        out += ", \"captured\": ";
        out += c.captured ? "true" : "false";
        if (!c.message.isEmpty())
            out += ", \"message\": " + jsonString(c.message);
        out += '}';
    }
    out += "], \"scriptsNotRun\": [";
    for (qsizetype i = 0; i < r.scriptsNotRun.size(); ++i)
        out += (i ? ", " : "") + jsonString(r.scriptsNotRun.at(i));
    out += "], \"scriptLogs\": [";
    for (qsizetype i = 0; i < r.scriptLogs.size(); ++i)
        out += (i ? ", " : "") + jsonString(r.scriptLogs.at(i));
    out += "], \"undefinedVariables\": [";
    for (qsizetype i = 0; i < r.undefinedVariables.size(); ++i)
        out += (i ? ", " : "") + jsonString(r.undefinedVariables.at(i));
    out += "]}";
    write(out);
}

Status JsonReporter::end(const RunSummary &s)
{
    QByteArray out = m_count ? "\n  ],\n" : "],\n";
    out += "  \"summary\": {\"passed\": ";
    out += s.passed() ? "true" : "false";
    out += ", \"iterations\": " + QByteArray::number(s.iterations);
    out += ", \"requests\": " + QByteArray::number(s.requests);
    out += ", \"requestsFailed\": " + QByteArray::number(s.requestsFailed);
    out += ", \"assertions\": " + QByteArray::number(s.assertions);
    out += ", \"assertionsFailed\": " + QByteArray::number(s.assertionsFailed);
    out += ", \"capturesFailed\": " + QByteArray::number(s.capturesFailed);
    out += ", \"requestsWithScriptsNotRun\": " + QByteArray::number(s.requestsWithScriptsNotRun);
    out += ", \"totalMs\": " + number(s.totalMs);
    out += ", \"responseMs\": {\"average\": " + number(s.responseMsAverage())
        + ", \"min\": " + number(s.responseMsMin) + ", \"max\": " + number(s.responseMsMax) + '}';
    out += ", \"bailed\": ";
    out += s.bailed ? "true" : "false";
    out += ", \"stopped\": ";
    out += s.stopped ? "true" : "false";
    out += "}\n}\n";
    write(out);
    if (m_file) {
        if (!m_file->commit())
            return Error {QStringLiteral("report-write"),
                          QStringLiteral("Cannot write the JSON report %1: %2.")
                              .arg(m_path, m_file->errorString())};
    } else if (m_stdout) {
        m_stdout->flush();
    }
    return Ok {};
}

} // namespace Patchbay::Core
