#pragma once

#include "core/http/request.h"

#include <QString>

// The URL's query and the Params table are one thing shown twice (RequestEditor): these pure
// functions turn one into the other. In the URL text, '+' reads as a space.
namespace Patchbay::Ui::UrlQuery {

struct UrlParts
{
    QString base; // scheme, host and path: everything before '?' (or '#')
    QString query; // without '?'
    QString fragment; // with '#', or empty
    bool hasQuery = false;
};

UrlParts splitUrl(const QString &text);
// `?a=1&flag` as rows, in order; `flag` keeps hasValue false.
Core::KeyValueList decodeQuery(const QString &query);
// The base, the enabled filled rows as a query, and the fragment. Only what would change how
// the query reads back is percent-encoded, so the URL stays readable.
QString composeUrl(const UrlParts &parts, const Core::KeyValueList &rows);
// The URL's query replaces the enabled rows in order; disabled rows keep their places.
Core::KeyValueList mergeQuery(const Core::KeyValueList &rows, const Core::KeyValueList &query);
Core::KeyValueList withoutBlankRows(const Core::KeyValueList &rows);
// Rows that are enabled and not blank (what a tab title counts).
int enabledFilledCount(const Core::KeyValueList &rows);

} // namespace Patchbay::Ui::UrlQuery
