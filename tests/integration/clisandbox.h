#pragma once

#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace Patchbay::Test {

// Helpers for tests that drive the real patchbay-cli binary.
inline QString cliPath()
{
    return qEnvironmentVariable("PATCHBAY_BINARY_DIR") + QStringLiteral("/app/cli/patchbay-cli");
}

struct ProcessRun
{
    int exitCode = -1; // -1 when it crashed or did not finish in time
    QString out;
    QString err;
};

// Runs a program to completion (bounded), collecting its output.
inline ProcessRun runProcess(const QString &program, const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    p.start(program, args);
    ProcessRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// Starts `patchbay-cli sandbox --port 0` in `process` and returns its base URL
// (http://127.0.0.1:PORT), or an empty string when it did not start within the timeout.
inline QString startCliSandbox(QProcess &process, int timeoutMs = 15000)
{
    process.start(cliPath(),
                  {QStringLiteral("sandbox"), QStringLiteral("--port"), QStringLiteral("0")});
    if (!process.waitForStarted(timeoutMs))
        return {};
    static const QRegularExpression listening(QStringLiteral("(http://127\\.0\\.0\\.1:\\d+)"));
    QString printed;
    while (process.waitForReadyRead(timeoutMs)) {
        printed += QString::fromUtf8(process.readAllStandardOutput());
        const QRegularExpressionMatch match = listening.match(printed);
        if (match.hasMatch())
            return match.captured(1);
    }
    return {};
}

} // namespace Patchbay::Test
