#include "app/cli/streamoutput.h"

#include "core/common/terminaltext.h"
#include "core/json/jsonformatter.h"
#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"
#include "core/sse/eventstreamparser.h"
#include "core/websocket/websocketsession.h"

#include <unistd.h>

namespace Patchbay::Cli {

using namespace Patchbay::Core;

namespace {

// What the server chose is shown on a terminal, not obeyed (ESC[...); piped, as is.
void writeLine(const QByteArray &line, FILE *out)
{
    const QByteArray shown
        = isatty(fileno(out)) ? neutralizeTerminalControls(QString::fromUtf8(line)).toUtf8() : line;
    fwrite(shown.constData(), 1, size_t(shown.size()), out);
    fflush(out); // a pipe must see each item as it arrives
}

} // namespace

QString streamTime(const QDateTime &at)
{
    return at.toOffsetFromUtc(at.offsetFromUtc()).toString(Qt::ISODateWithMs);
}

QByteArray prettyIfJson(const QByteArray &data)
{
    const QByteArray trimmed = data.trimmed();
    if (trimmed.isEmpty() || (trimmed.front() != '{' && trimmed.front() != '['))
        return data;
    if (!parseJson(trimmed).ok())
        return data;
    JsonFormatter formatter;
    QByteArray pretty;
    formatter.feed(trimmed, pretty);
    return pretty;
}

void printEvent(const ServerSentEvent &event, bool jsonLines, FILE *out)
{
    QByteArray line;
    if (jsonLines) {
        line += "{\"time\":";
        appendJsonString(line, streamTime(event.receivedAt));
        line += ",\"id\":";
        appendJsonString(line, event.lastEventId);
        line += ",\"event\":";
        appendJsonString(line, event.type);
        line += ",\"data\":";
        appendJsonString(line, event.data);
        if (event.truncated)
            line += ",\"truncated\":true";
        line += "}\n";
    } else {
        line += "--- " + event.receivedAt.toString(QStringLiteral("HH:mm:ss.zzz")).toUtf8();
        line += "  event: " + event.type.toUtf8();
        if (!event.lastEventId.isEmpty())
            line += "  id: " + event.lastEventId.toUtf8();
        if (event.truncated)
            line += "  (truncated)";
        line += '\n';
        QByteArray data = prettyIfJson(event.data.toUtf8());
        if (!data.endsWith('\n'))
            data += '\n';
        line += data;
    }
    writeLine(line, out);
}

void printMessage(const WebSocketEntry &entry, FILE *out)
{
    const bool binary = entry.kind == WebSocketEntry::Kind::Binary;
    QByteArray line = "{\"direction\":";
    line += entry.direction == WebSocketEntry::Direction::Sent ? "\"sent\"" : "\"received\"";
    line += ",\"time\":";
    appendJsonString(line, streamTime(entry.at));
    line += binary ? ",\"type\":\"binary\"" : ",\"type\":\"text\"";
    line += ",\"size\":" + QByteArray::number(entry.size);
    if (binary) {
        line += ",\"base64\":\"" + entry.data.toBase64() + '"';
    } else {
        line += ",\"data\":";
        appendJsonString(line, QString::fromUtf8(entry.data));
    }
    if (entry.truncated)
        line += ",\"truncated\":true";
    if (!entry.detail.isEmpty()) {
        line += ",\"detail\":";
        appendJsonString(line, entry.detail);
    }
    line += "}\n";
    writeLine(line, out);
}

} // namespace Patchbay::Cli
