#pragma once

#include "core/history/historyentry.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

// What the user typed in the history filter, split into whitespace-separated tokens:
// - an HTTP method name (GET, post, ...) matches that method exactly;
// - a status code (404) or class (4xx) matches the status;
// - anything else is a case-insensitive substring of the URL.
// Tokens of one kind are alternatives (GET POST); different kinds must all match, and every
// URL term must be found.
struct HistoryFilter
{
    struct StatusRange
    {
        int from = 0;
        int to = 0;
        friend bool operator==(const StatusRange &, const StatusRange &) = default;
    };

    QStringList methods; // upper case
    QList<StatusRange> statusRanges;
    QStringList urlTerms;

    bool isEmpty() const
    {
        return methods.isEmpty() && statusRanges.isEmpty() && urlTerms.isEmpty();
    }
    friend bool operator==(const HistoryFilter &, const HistoryFilter &) = default;
};

HistoryFilter parseHistoryFilter(const QString &text);

// The same rules as the store's query, for entries that arrive while a filter is shown.
bool historyFilterMatches(const HistoryFilter &filter, const HistoryEntrySummary &summary);

} // namespace Patchbay::Core
