#pragma once

#include "core/history/historyentry.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

// What the user typed in the history filter, split into whitespace-separated tokens:
// - an HTTP method name (GET, post, ...) matches that method exactly;
// - a status code (404) or class (4xx) matches the status;
// - `is:run` keeps the requests sent by collection runs, `-is:run` those sent by hand;
// - anything else is a case-insensitive substring of the URL.
// Tokens of one kind are alternatives (GET POST); different kinds must all match, and every
// URL term must be found.
struct HistoryFilter
{
    enum class Origin { Any, ByHand, Runs };

    struct StatusRange
    {
        int from = 0;
        int to = 0;
        friend bool operator==(const StatusRange &, const StatusRange &) = default;
    };

    QStringList methods; // upper case
    QList<StatusRange> statusRanges;
    QStringList urlTerms;
    Origin origin = Origin::Any;

    bool isEmpty() const
    {
        return methods.isEmpty() && statusRanges.isEmpty() && urlTerms.isEmpty()
            && origin == Origin::Any;
    }
    friend bool operator==(const HistoryFilter &, const HistoryFilter &) = default;
};

HistoryFilter parseHistoryFilter(const QString &text);

// The tokens that select requests by origin, for filter boxes that offer the choice.
inline constexpr QLatin1String RunsToken("is:run");
inline constexpr QLatin1String ByHandToken("-is:run");

// The same rules as the store's query, for entries that arrive while a filter is shown.
bool historyFilterMatches(const HistoryFilter &filter, const HistoryEntrySummary &summary);

} // namespace Patchbay::Core
