#include "tests/fuzz/fuzzsupport.h"

#include <QtGlobal>

#include <cstdio>
#include <cstdlib>

namespace Patchbay::Fuzz {

void fail(const char *condition, const char *file, int line, const QString &detail)
{
    std::fprintf(stderr, "\n==FUZZ CHECK FAILED== %s:%d: %s\n%s\n", file, line, condition,
                 qPrintable(detail));
    std::fflush(stderr);
    std::abort();
}

QString excerpt(const QString &text, qsizetype max)
{
    QString shown = text.size() > max ? text.left(max) + QStringLiteral("…") : text;
    return u'"' + shown.toHtmlEscaped() + u'"';
}

QString excerpt(QByteArrayView bytes, qsizetype max)
{
    return QString::fromLatin1(
        bytes.first(qMin(max, bytes.size())).toByteArray().toPercentEncoding(" {}[]:,\"'/=&?"));
}

} // namespace Patchbay::Fuzz

namespace {

// Qt's warnings would flood the fuzzer's output (and slow it down) on every malformed input;
// PATCHBAY_FUZZ_VERBOSE=1 shows them when a reproducer is run by hand.
void quietMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    if (qEnvironmentVariableIntValue("PATCHBAY_FUZZ_VERBOSE") == 0)
        qInstallMessageHandler(quietMessages);
    return 0;
}
