#include "core/history/historyfilter.h"

#include <array>

namespace Patchbay::Core {

namespace {

bool isMethodName(const QString &upper)
{
    static const std::array methods = {
        QStringLiteral("GET"),     QStringLiteral("POST"),   QStringLiteral("PUT"),
        QStringLiteral("PATCH"),   QStringLiteral("DELETE"), QStringLiteral("HEAD"),
        QStringLiteral("OPTIONS"), QStringLiteral("TRACE"),  QStringLiteral("CONNECT"),
    };
    for (const QString &m : methods) {
        if (m == upper)
            return true;
    }
    return false;
}

bool parseStatus(const QString &token, HistoryFilter::StatusRange *range)
{
    if (token.size() != 3 || token.at(0) < u'1' || token.at(0) > u'5')
        return false;
    const int hundreds = token.at(0).digitValue() * 100;
    if (token.at(1).toLower() == u'x' && token.at(2).toLower() == u'x') {
        *range = {hundreds, hundreds + 99};
        return true;
    }
    if (token.at(1).isDigit() && token.at(2).isDigit()) {
        const int code = token.toInt();
        *range = {code, code};
        return true;
    }
    return false;
}

} // namespace

HistoryFilter parseHistoryFilter(const QString &text)
{
    HistoryFilter filter;
    const QStringList tokens = text.simplified().split(u' ', Qt::SkipEmptyParts);
    for (const QString &raw : tokens) {
        const QString token = raw.trimmed();
        if (token.isEmpty())
            continue;
        const QString upper = token.toUpper();
        HistoryFilter::StatusRange range;
        if (token.compare(RunsToken, Qt::CaseInsensitive) == 0) {
            filter.origin = HistoryFilter::Origin::Runs;
        } else if (token.compare(ByHandToken, Qt::CaseInsensitive) == 0) {
            filter.origin = HistoryFilter::Origin::ByHand;
        } else if (isMethodName(upper)) {
            if (!filter.methods.contains(upper))
                filter.methods << upper;
        } else if (parseStatus(token, &range)) {
            if (!filter.statusRanges.contains(range))
                filter.statusRanges << range;
        } else if (!filter.urlTerms.contains(token, Qt::CaseInsensitive)) {
            filter.urlTerms << token;
        }
    }
    return filter;
}

bool historyFilterMatches(const HistoryFilter &filter, const HistoryEntrySummary &summary)
{
    if (!filter.methods.isEmpty() && !filter.methods.contains(summary.method))
        return false;
    if (!filter.statusRanges.isEmpty()) {
        bool any = false;
        for (const HistoryFilter::StatusRange &r : filter.statusRanges)
            any = any || (summary.statusCode >= r.from && summary.statusCode <= r.to);
        if (!any)
            return false;
    }
    if (filter.origin == HistoryFilter::Origin::Runs && summary.run.isEmpty())
        return false;
    if (filter.origin == HistoryFilter::Origin::ByHand && !summary.run.isEmpty())
        return false;
    for (const QString &term : filter.urlTerms) {
        if (!summary.url.contains(term, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace Patchbay::Core
