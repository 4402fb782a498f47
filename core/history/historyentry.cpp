#include "core/history/historyentry.h"

#include "core/history/redaction.h"

#include <QUrl>

#include <algorithm>

namespace Patchbay::Core {

HistoryEntry historyEntryFrom(const Request &sent, const Response &response, qint64 bodyCap)
{
    HistoryEntry e;
    const QDateTime started = response.timing.startedAt;
    e.sentAt = (started.isValid() ? started : QDateTime::currentDateTimeUtc()).toUTC();
    e.request = redactSecrets(sent);
    e.statusCode = response.statusCode;
    e.reason = response.reason;
    e.httpVersion = response.httpVersion;
    e.responseHeaders = redactSecrets(response.headers);
    e.totalTimeMs = response.timing.totalMs();
    e.bodySize = response.body.size();
    const qint64 cap = std::max<qint64>(0, bodyCap);
    e.body = response.body.peek(cap);
    e.bodyTruncated = e.bodySize > e.body.size();
    e.contentType = QString::fromLatin1(response.header("Content-Type"));
    e.errorKind = response.errorKind;
    e.errorMessage = response.errorMessage;
    return e;
}

HistoryEntry historyEntryFrom(const Request &sent, const Response &response,
                              const QStringList &secretValues, qint64 bodyCap)
{
    HistoryEntry e = historyEntryFrom(redactValues(sent, secretValues), response, bodyCap);
    if (secretValues.isEmpty())
        return e;
    for (HttpHeader &header : e.responseHeaders) {
        header.value = redactValues(QString::fromUtf8(header.value), secretValues).toUtf8();
    }
    // Longest first, as redactValues() does, so a value holding another goes whole.
    QStringList values = secretValues;
    std::sort(values.begin(), values.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    const QByteArray marker = redactionMarker().toUtf8();
    for (const QString &value : std::as_const(values)) {
        if (value.isEmpty())
            continue;
        e.body.replace(value.toUtf8(), marker);
        e.body.replace(QUrl::toPercentEncoding(value), marker);
    }
    return e;
}

Response responseFrom(const HistoryEntry &entry)
{
    Response r;
    r.statusCode = entry.statusCode;
    r.reason = entry.reason;
    r.httpVersion = entry.httpVersion;
    r.headers = entry.responseHeaders;
    r.body = ResponseBody(entry.body);
    r.timing.startedAt = entry.sentAt;
    r.timing.finished = entry.totalTimeMs;
    r.finalUrl = QUrl(displayUrl(entry.request));
    r.finalMethod = entry.request.method;
    r.errorKind = entry.errorKind;
    r.errorMessage = entry.errorMessage;
    return r;
}

HistoryEntrySummary summaryOf(const HistoryEntry &entry)
{
    HistoryEntrySummary s;
    s.id = entry.id;
    s.sentAt = entry.sentAt;
    s.method = entry.request.method;
    s.url = displayUrl(entry.request);
    s.statusCode = entry.statusCode;
    s.errorKind = entry.errorKind;
    s.durationMs = entry.totalTimeMs;
    s.bodySize = entry.bodySize;
    s.run = entry.run;
    return s;
}

QString displayUrl(const Request &request)
{
    QString url = request.url;
    bool hasQuery = url.contains(u'?');
    for (const KeyValue &p : request.params) {
        if (!p.enabled || p.name.isEmpty())
            continue;
        url += hasQuery ? u'&' : u'?';
        hasQuery = true;
        url += p.name;
        if (p.hasValue) {
            url += u'=';
            url += p.value;
        }
    }
    return url;
}

} // namespace Patchbay::Core
