// Server-Sent Events: the event-stream parser (core/sse). A DIFFERENTIAL target: the parser fed
// the input in chunks of any sizes (taken from the input itself, so CRLF pairs, UTF-8 sequences
// and fields get split everywhere) must dispatch exactly what a literal, whole-input reading of
// the WHATWG rules below dispatches, with the same last event ID and retry. Also: no last event
// ID holds a NUL.
#include "core/sse/eventstreamparser.h"
#include "tests/fuzz/fuzzsupport.h"

#include <optional>

using namespace Patchbay::Core;
using namespace Patchbay::Fuzz;

namespace {

struct Reference
{
    QList<ServerSentEvent> events;
    QString lastEventId;
    std::optional<qint64> retry;
};

// The standard's steps, on the whole decoded stream at once.
Reference referenceParse(QByteArrayView input)
{
    Reference r;
    QString text = QString::fromUtf8(input); // skips one leading BOM, U+FFFD for bad bytes
    QString data, type, idBuffer;
    qsizetype i = 0;
    while (i < text.size()) {
        qsizetype end = i;
        while (end < text.size() && text.at(end) != u'\r' && text.at(end) != u'\n')
            ++end;
        if (end == text.size())
            break; // an unfinished last line: the stream ended, it is discarded
        const QString line = text.mid(i, end - i);
        i = end
            + (text.at(end) == u'\r' && end + 1 < text.size() && text.at(end + 1) == u'\n' ? 2 : 1);
        if (line.isEmpty()) {
            r.lastEventId = idBuffer;
            if (data.isEmpty()) {
                type.clear();
                continue;
            }
            if (data.endsWith(u'\n'))
                data.chop(1);
            ServerSentEvent e;
            e.type = type.isEmpty() ? QStringLiteral("message") : type;
            e.data = data;
            e.lastEventId = r.lastEventId;
            r.events.append(e);
            data.clear();
            type.clear();
            continue;
        }
        if (line.startsWith(u':'))
            continue;
        const qsizetype colon = line.indexOf(u':');
        const QString field = colon < 0 ? line : line.left(colon);
        QString value = colon < 0 ? QString() : line.mid(colon + 1);
        if (value.startsWith(u' '))
            value.remove(0, 1);
        if (field == QLatin1String("event")) {
            type = value;
        } else if (field == QLatin1String("data")) {
            data += value + u'\n';
        } else if (field == QLatin1String("id")) {
            if (!value.contains(QChar(0)))
                idBuffer = value;
        } else if (field == QLatin1String("retry")) {
            bool digits = !value.isEmpty();
            for (const QChar c : value)
                digits = digits && c >= u'0' && c <= u'9';
            // Past 18 digits the parser saturates; only that a value was taken is compared.
            if (digits)
                r.retry = value.size() <= 18 ? value.toLongLong() : -1;
        }
    }
    return r;
}

QString describe(const QList<ServerSentEvent> &events)
{
    QStringList lines;
    for (const ServerSentEvent &e : events)
        lines << QStringLiteral("[%1|%2|%3]").arg(e.type, excerpt(e.data, 60), e.lastEventId);
    return lines.join(u' ');
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (tooLarge(size, 8192))
        return -1;
    const QByteArrayView input = bytes(data, size);
    const Reference expected = referenceParse(input);

    // Whole, then in chunks whose sizes cycle through the input's first bytes (1..8).
    for (int pass = 0; pass < 2; ++pass) {
        EventStreamParser parser;
        QList<ServerSentEvent> events;
        if (pass == 0) {
            events = parser.feed(input);
        } else {
            qsizetype at = 0;
            qsizetype k = 0;
            while (at < input.size()) {
                const qsizetype step = 1 + (uchar(input.at(k++ % input.size())) % 8);
                events += parser.feed(input.sliced(at, qMin(step, input.size() - at)));
                at += step;
            }
        }
        parser.finish();
        FUZZ_CHECK(events == expected.events,
                   QStringLiteral("pass %1 dispatched %2\nthe standard says %3")
                       .arg(pass)
                       .arg(describe(events), describe(expected.events)));
        FUZZ_CHECK(parser.lastEventId() == expected.lastEventId,
                   QStringLiteral("last event ID %1, expected %2")
                       .arg(parser.lastEventId(), expected.lastEventId));
        FUZZ_CHECK(!parser.lastEventId().contains(QChar(0)), QStringLiteral("NUL in an ID"));
        const bool bothRetry = parser.retryMs().has_value() == expected.retry.has_value();
        FUZZ_CHECK(bothRetry, QStringLiteral("retry seen by one side only"));
        if (expected.retry && *expected.retry >= 0)
            FUZZ_CHECK(parser.retryMs() == expected.retry, QStringLiteral("retry differs"));
    }
    return 0;
}
