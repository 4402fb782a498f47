#include "core/interop/httpfilesyntax.h"

#include <QRegularExpression>

namespace Patchbay::Core::HttpFileSyntax {

namespace {

bool isPreambleLine(const QString &trimmed)
{
    return trimmed.isEmpty() || trimmed.startsWith(u'#') || trimmed.startsWith(QLatin1String("//"))
        || trimmed.startsWith(u'@');
}

} // namespace

std::optional<RequestLine> parseRequestLine(QStringView trimmed, bool bareUrl)
{
    static const QRegularExpression methodLine(QStringLiteral(
        "^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|TRACE|CONNECT|PROPFIND|PROPPATCH|MKCOL|COPY|"
        "MOVE|LOCK|UNLOCK|SEARCH|QUERY|PURGE|LINK|UNLINK|REPORT|CHECKOUT|CHECKIN|UNCHECKOUT|"
        "MERGE|MKACTIVITY|MKWORKSPACE|VERSION-CONTROL|BASELINE-CONTROL|LABEL|UPDATE|ACL|BIND|"
        "UNBIND|REBIND|MKCALENDAR|ORDERPATCH|GRAPHQL|GRPC|WS|WSS|WEBSOCKET|SSE|EVENTSOURCE|MQTT|"
        "AMQP|RABBITMQ|KAFKA)\\s+(\\S.*)$"));
    static const QRegularExpression url(
        QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*://|\\{\\{[^}]+\\}\\}|/)\\S*"));
    static const QRegularExpression version(QStringLiteral("\\s+HTTP/[0-9.]+$"));
    const QString text = trimmed.toString();
    if (const QRegularExpressionMatch m = methodLine.match(text); m.hasMatch()) {
        QString target = m.captured(2).trimmed();
        target.remove(version);
        return RequestLine {m.captured(1), target.trimmed()};
    }
    if (bareUrl && url.match(text).hasMatch()) {
        QString target = text;
        target.remove(version);
        return RequestLine {QString(), target.trimmed()};
    }
    return std::nullopt;
}

bool isOtherProtocol(const QString &method)
{
    static const QStringList others
        = {QStringLiteral("GRPC"),      QStringLiteral("WS"),   QStringLiteral("WSS"),
           QStringLiteral("WEBSOCKET"), QStringLiteral("SSE"),  QStringLiteral("EVENTSOURCE"),
           QStringLiteral("MQTT"),      QStringLiteral("AMQP"), QStringLiteral("RABBITMQ"),
           QStringLiteral("KAFKA")};
    return others.contains(method);
}

bool isOtherScheme(const QString &url)
{
    static const QRegularExpression scheme(QStringLiteral("^(wss?|grpcs?|mqtts?|amqps?|kafka)://"),
                                           QRegularExpression::CaseInsensitiveOption);
    return scheme.match(url.trimmed()).hasMatch();
}

QList<LineKind> classifyLines(const QList<Line> &lines)
{
    QList<LineKind> kinds;
    kinds.reserve(lines.size());
    LineKind open = LineKind::Plain; // the script block a line is in
    static const QRegularExpression statusLine(QStringLiteral("^HTTP/[0-9.]+\\s+[0-9]{3}\\b"));
    for (const Line &line : lines) {
        const QString t = line.text.trimmed();
        if (open == LineKind::Response) {
            kinds << open;
            continue;
        }
        if (open == LineKind::Comment) {
            kinds << open;
            if (t.contains(QLatin1String("*/")))
                open = LineKind::Plain;
            continue;
        }
        if (open == LineKind::Plain && line.text.startsWith(QLatin1String("/*"))) {
            kinds << LineKind::Comment;
            if (!t.mid(2).contains(QLatin1String("*/")))
                open = LineKind::Comment;
            continue;
        }
        if (open == LineKind::Plain && statusLine.match(line.text).hasMatch()) {
            kinds << LineKind::Response;
            open = LineKind::Response;
            continue;
        }
        if (open == LineKind::PreScript || open == LineKind::PostScript) {
            kinds << open;
            if (t.contains(QLatin1String("%}")))
                open = LineKind::Plain;
            continue;
        }
        if (open == LineKind::BraceScript) {
            kinds << open;
            if (t == QLatin1String("}}"))
                open = LineKind::Plain;
            continue;
        }
        const bool pre = t.startsWith(QLatin1String("< {%")) || t.startsWith(QLatin1String("<{%"));
        const bool post = t.startsWith(QLatin1String("> {%")) || t.startsWith(QLatin1String(">{%"));
        if (pre || post) {
            const LineKind kind = pre ? LineKind::PreScript : LineKind::PostScript;
            kinds << kind;
            if (!t.mid(t.indexOf(QLatin1String("{%")) + 2).contains(QLatin1String("%}")))
                open = kind;
            continue;
        }
        // httpyac: `{{` alone (or `{{@event`, `{{+`) opens lines of script up to `}}`.
        if (t == QLatin1String("{{")
            || ((t.startsWith(QLatin1String("{{@")) || t.startsWith(QLatin1String("{{+")))
                && !t.contains(QLatin1String("}}")))) {
            kinds << LineKind::BraceScript;
            open = LineKind::BraceScript;
            continue;
        }
        kinds << LineKind::Plain;
    }
    return kinds;
}

QList<Block> splitRequests(const Block &block)
{
    const QList<LineKind> kinds = classifyLines(block.lines);
    QList<qsizetype> starts; // first line of each request's part
    bool seenRequest = false;
    for (qsizetype i = 0; i < block.lines.size(); ++i) {
        if (kinds.at(i) == LineKind::Response)
            break; // a stored response runs to the end of the block
        if (kinds.at(i) != LineKind::Plain)
            continue;
        const QString t = block.lines.at(i).text.trimmed();
        if (!seenRequest && isPreambleLine(t))
            continue;
        if (!seenRequest) {
            // The first request line may be a bare URL. Text before it (a GraphQL fragment that
            // httpyac shares between requests) belongs to the block, not to a request.
            seenRequest = parseRequestLine(t, true).has_value();
            continue;
        }
        const bool startsAtColumnZero
            = !block.lines.at(i).text.isEmpty() && !block.lines.at(i).text.at(0).isSpace();
        if (!startsAtColumnZero || !parseRequestLine(t, false))
            continue;
        // Take along the preamble right above it: comments, directives, variables, pre scripts.
        qsizetype start = i;
        while (start > 0) {
            const qsizetype prev = start - 1;
            const LineKind kind = kinds.at(prev);
            if (kind == LineKind::PreScript || kind == LineKind::BraceScript
                || kind == LineKind::Comment
                || (kind == LineKind::Plain && isPreambleLine(block.lines.at(prev).text.trimmed())))
                start = prev;
            else
                break;
        }
        // Blank lines at the top of the new part stay with the old one (they end its body).
        while (start < i && block.lines.at(start).text.trimmed().isEmpty())
            ++start;
        starts << start;
    }
    QList<Block> parts;
    qsizetype from = 0;
    for (qsizetype k = 0; k <= starts.size(); ++k) {
        const qsizetype to = k < starts.size() ? starts.at(k) : block.lines.size();
        Block part;
        part.title = k == 0 ? block.title : QString();
        part.line = k == 0 ? block.line : block.lines.value(from).number;
        part.lines = block.lines.mid(from, to - from);
        parts << part;
        from = to;
    }
    return parts;
}

} // namespace Patchbay::Core::HttpFileSyntax
