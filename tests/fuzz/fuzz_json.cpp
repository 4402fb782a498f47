// JSON: the strict parser, the writer, the streaming pretty-printer and the compactor.
// Checks: parseJson and findJsonSyntaxError agree on validity (and on the error); a parsed value
// written compact or indented parses back identical (order, literals, duplicates resolved); the
// pretty-printer and the compactor keep a valid document's value; the streaming formatter gives
// the same bytes whatever the chunking; the pretty-printer's output is linear in its input.
#include "core/json/jsonformatter.h"
#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"
#include "tests/fuzz/fuzzsupport.h"

using namespace Patchbay::Core;
using namespace Patchbay::Fuzz;

namespace {

void checkReparses(const JsonValue &value, const QByteArray &text, const char *what)
{
    const Result<JsonValue> again = parseJson(text);
    FUZZ_CHECK(again.ok(),
               QStringLiteral("%1 output does not parse: %2 in %3")
                   .arg(QLatin1String(what), again.error().message, excerpt(QByteArrayView(text))));
    FUZZ_CHECK(again.value().isIdenticalTo(value),
               QStringLiteral("%1 output reads back as another value: %2")
                   .arg(QLatin1String(what), excerpt(QByteArrayView(text))));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (tooLarge(size, 8192))
        return -1;
    const QByteArrayView input = bytes(data, size);

    const Result<JsonValue> parsed = parseJson(input);
    const std::optional<JsonSyntaxError> syntaxError = findJsonSyntaxError(input);
    FUZZ_CHECK(parsed.ok() == !syntaxError.has_value(),
               QStringLiteral("parseJson says %1, findJsonSyntaxError says %2")
                   .arg(parsed.ok() ? QStringLiteral("valid") : parsed.error().message,
                        syntaxError ? syntaxError->toString() : QStringLiteral("valid")));
    if (!parsed.ok()) {
        FUZZ_CHECK(parsed.error().message.endsWith(syntaxError->message),
                   QStringLiteral("parseJson: %1; findJsonSyntaxError: %2")
                       .arg(parsed.error().message, syntaxError->toString()));
    }

    // The formatter never validates: it must take any bytes, in any chunking.
    const QByteArray pretty = prettyPrintJson(input);
    const QByteArray compact = compactJson(input);
    // Output linear in the input: at most one line per input byte, indented at most as deep as
    // a document may nest (issue 17: N '[' used to print about N^2 bytes).
    const qsizetype bound = qsizetype(size) * (2 * MaxJsonDepth + 8) + 64;
    FUZZ_CHECK(pretty.size() <= bound,
               QStringLiteral("%1 bytes pretty-printed to %2 (bound %3)")
                   .arg(size)
                   .arg(pretty.size())
                   .arg(bound));
    if (size > 2) {
        JsonFormatter formatter;
        QByteArray chunked;
        const qsizetype cut = qsizetype(data[0]) % qsizetype(size);
        formatter.feed(input.first(cut), chunked);
        formatter.feed(input.sliced(cut), chunked);
        FUZZ_CHECK(chunked == pretty, QStringLiteral("chunked at %1, output differs").arg(cut));
    }

    if (!parsed.ok())
        return 0;
    const JsonValue &value = parsed.value();
    checkReparses(value, toJson(value, JsonStyle::Compact), "toJson(Compact)");
    checkReparses(value, toJson(value, JsonStyle::Indented), "toJson(Indented)");
    checkReparses(value, pretty, "prettyPrintJson");
    checkReparses(value, compact, "compactJson");
    return 0;
}
