#include "ui/request/urlquery.h"

#include <QUrl>

namespace Patchbay::Ui::UrlQuery {

namespace {

QString decodeComponent(QString text)
{
    text.replace(u'+', u' ');
    return QUrl::fromPercentEncoding(text.toUtf8());
}

QString encodeComponent(const QString &text, bool isName)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'%' || u == u'&' || u == u'#' || u == u'+' || u == u' ' || (isName && u == u'=')
            || u < 0x20 || u == 0x7f) {
            out += QStringLiteral("%%1").arg(uint(u), 2, 16, QLatin1Char('0')).toUpper();
        } else {
            out += c;
        }
    }
    return out;
}

bool isBlank(const Core::KeyValue &kv)
{
    return kv.name.isEmpty() && kv.value.isEmpty();
}

QString encodeQuery(const Core::KeyValueList &rows)
{
    QStringList pairs;
    for (const Core::KeyValue &kv : rows) {
        if (!kv.enabled || isBlank(kv))
            continue;
        pairs << (kv.hasValue
                      ? encodeComponent(kv.name, true) + u'=' + encodeComponent(kv.value, false)
                      : encodeComponent(kv.name, true));
    }
    return pairs.join(u'&');
}

} // namespace

UrlParts splitUrl(const QString &text)
{
    UrlParts parts;
    const qsizetype hash = text.indexOf(u'#');
    const qsizetype question = text.indexOf(u'?');
    const qsizetype baseEnd = question >= 0 && (hash < 0 || question < hash) ? question : hash;
    parts.base = baseEnd < 0 ? text : text.left(baseEnd);
    if (hash >= 0)
        parts.fragment = text.mid(hash);
    if (question >= 0 && (hash < 0 || question < hash)) {
        parts.hasQuery = true;
        parts.query = text.mid(question + 1, (hash < 0 ? text.size() : hash) - question - 1);
    }
    return parts;
}

Core::KeyValueList decodeQuery(const QString &query)
{
    Core::KeyValueList rows;
    const QStringList pairs = query.split(u'&', Qt::SkipEmptyParts);
    for (const QString &pair : pairs) {
        const qsizetype eq = pair.indexOf(u'=');
        Core::KeyValue kv;
        kv.name = decodeComponent(eq < 0 ? pair : pair.left(eq));
        kv.value = eq < 0 ? QString() : decodeComponent(pair.mid(eq + 1));
        kv.hasValue = eq >= 0; // ?flag is not ?flag=
        rows << kv;
    }
    return rows;
}

QString composeUrl(const UrlParts &parts, const Core::KeyValueList &rows)
{
    const QString query = encodeQuery(rows);
    return parts.base + (query.isEmpty() ? QString() : u'?' + query) + parts.fragment;
}

Core::KeyValueList mergeQuery(const Core::KeyValueList &rows, const Core::KeyValueList &query)
{
    Core::KeyValueList merged;
    qsizetype next = 0;
    for (const Core::KeyValue &kv : rows) {
        if (!kv.enabled) {
            merged << kv;
        } else if (isBlank(kv)) {
            continue;
        } else if (next < query.size()) {
            merged << query.at(next++);
        }
    }
    for (; next < query.size(); ++next)
        merged << query.at(next);
    return merged;
}

Core::KeyValueList withoutBlankRows(const Core::KeyValueList &rows)
{
    Core::KeyValueList out;
    for (const Core::KeyValue &kv : rows) {
        if (!isBlank(kv))
            out << kv;
    }
    return out;
}

int enabledFilledCount(const Core::KeyValueList &rows)
{
    int count = 0;
    for (const Core::KeyValue &kv : rows) {
        if (kv.enabled && !isBlank(kv))
            ++count;
    }
    return count;
}

} // namespace Patchbay::Ui::UrlQuery
