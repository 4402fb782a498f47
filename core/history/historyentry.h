#pragma once

#include "core/http/request.h"
#include "core/http/response.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

// Responses larger than this keep only their first bytes in history.
inline constexpr qint64 DefaultHistoryBodyCap = 1024 * 1024;

// One exchange as recorded in history: the request as sent (secrets redacted, see redaction.h)
// and the response as received, with the body capped. A value type; `id` is 0 until stored.
struct HistoryEntry
{
    qint64 id = 0;
    QDateTime sentAt; // UTC, millisecond precision
    Request request;

    int statusCode = 0; // 0 when there was no HTTP response (see errorKind)
    QString reason;
    QString httpVersion;
    HttpHeaderList responseHeaders;
    double totalTimeMs = -1; // -1 when unknown
    qint64 bodySize = 0; // decoded body size as received, even when `body` is truncated
    QByteArray body; // at most the cap's first bytes of the decoded body
    bool bodyTruncated = false;
    QString contentType;
    ErrorKind errorKind = ErrorKind::None;
    QString errorMessage;
    // The run that sent it ("Sandbox updates, run at 14:03:12"); empty when sent by hand.
    QString run;

    friend bool operator==(const HistoryEntry &, const HistoryEntry &) = default;
};

// What the history list shows for an entry; cheap to load by the thousand.
struct HistoryEntrySummary
{
    qint64 id = 0;
    QDateTime sentAt; // UTC
    QString method;
    QString url; // as displayed: the request URL with its enabled params, secrets redacted
    int statusCode = 0;
    ErrorKind errorKind = ErrorKind::None;
    double durationMs = -1;
    qint64 bodySize = 0;
    QString run; // see HistoryEntry::run

    friend bool operator==(const HistoryEntrySummary &, const HistoryEntrySummary &) = default;
};

// Records `sent` and `response`, with secrets redacted and at most `bodyCap` body bytes (read
// with ResponseBody::peek, so a large body in a temporary file is never read whole).
HistoryEntry historyEntryFrom(const Request &sent, const Response &response,
                              qint64 bodyCap = DefaultHistoryBodyCap);

// The same, also replacing `secretValues` (the values of secret variables the request used,
// ResolvedSend::secretValues) wherever they appear: in the request, the response headers and
// the stored body, which servers such as httpbin's /anything echo back.
HistoryEntry historyEntryFrom(const Request &sent, const Response &response,
                              const QStringList &secretValues,
                              qint64 bodyCap = DefaultHistoryBodyCap);

// A Response that the normal response viewer can show for a stored entry.
Response responseFrom(const HistoryEntry &entry);

HistoryEntrySummary summaryOf(const HistoryEntry &entry);

// The URL as the user saw it sent: `url` plus the enabled params rows (not percent-encoded).
QString displayUrl(const Request &request);

} // namespace Patchbay::Core

Q_DECLARE_METATYPE(Patchbay::Core::HistoryEntry)
Q_DECLARE_METATYPE(Patchbay::Core::HistoryEntrySummary)
