#pragma once

#include "core/common/result.h"

#include <QByteArrayView>
#include <QSet>
#include <QString>

#include <memory>

namespace Patchbay::Core {

// The Public Suffix List (publicsuffix.org): the domains under which anyone can register a name
// ("com", "co.uk", "github.io"), so that a cookie for them would reach unrelated sites. Qt 6.4
// has no public API for it; Debian's `publicsuffix` package installs the list as text, which
// this reads (both its ICANN and private sections, as browsers do). Immutable once loaded.
class PublicSuffixList
{
public:
    // Where Debian (and most Linux distributions) put the list.
    static QString systemPath();
    // The list at systemPath(), loaded once per process on first use; null when it is missing
    // (then CookieJar falls back to refusing single-label domains only).
    static std::shared_ptr<const PublicSuffixList> system();

    static Result<PublicSuffixList> fromFile(const QString &path);
    // The list's text format: one rule a line, "//" comments, "*." wildcards, "!" exceptions.
    static PublicSuffixList fromText(QByteArrayView text);

    // Whether `domain` (a host name, any case, Unicode or ACE) is itself a public suffix, e.g.
    // "co.uk" and "uk" but not "example.co.uk". A single label is one by the list's default
    // rule ("*").
    bool isPublicSuffix(const QString &domain) const;
    qsizetype ruleCount() const
    {
        return m_rules.size() + m_wildcards.size() + m_exceptions.size();
    }

private:
    QSet<QString> m_rules; // "co.uk"
    QSet<QString> m_wildcards; // "ck" for "*.ck"
    QSet<QString> m_exceptions; // "www.ck" for "!www.ck"
};

} // namespace Patchbay::Core
