#include "core/cookies/publicsuffixlist.h"

#include <QFile>
#include <QUrl>

#include <mutex>

namespace Patchbay::Core {

namespace {

// Rules and domains are compared in their ASCII (punycode) form, lower-case.
QString aceOf(QStringView domain)
{
    return QString::fromLatin1(QUrl::toAce(domain.toString())).toLower();
}

} // namespace

QString PublicSuffixList::systemPath()
{
    return QStringLiteral("/usr/share/publicsuffix/public_suffix_list.dat");
}

std::shared_ptr<const PublicSuffixList> PublicSuffixList::system()
{
    // Immutable data shared by every jar of the process, read once (about 10,000 rules).
    static std::once_flag once;
    static std::shared_ptr<const PublicSuffixList> list;
    std::call_once(once, [] {
        Result<PublicSuffixList> loaded = fromFile(systemPath());
        if (loaded.ok())
            list = std::make_shared<const PublicSuffixList>(std::move(loaded).value());
    });
    return list;
}

Result<PublicSuffixList> PublicSuffixList::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error {QStringLiteral("public-suffix-list"),
                      QStringLiteral("The public suffix list %1 cannot be read (%2). Install "
                                     "Debian's publicsuffix package.")
                          .arg(path, file.errorString())};
    }
    return fromText(file.readAll());
}

PublicSuffixList PublicSuffixList::fromText(QByteArrayView text)
{
    PublicSuffixList list;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        QByteArrayView line = text.sliced(start, end - start);
        start = end + 1;
        // Only the first whitespace-separated word of a line counts.
        const qsizetype space = line.indexOf(' ');
        if (space >= 0)
            line = line.first(space);
        const qsizetype tab = line.indexOf('\t');
        if (tab >= 0)
            line = line.first(tab);
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith("//"))
            continue;
        const QString rule = QString::fromUtf8(line);
        if (rule.startsWith(u'!')) {
            const QString ace = aceOf(QStringView(rule).sliced(1));
            if (!ace.isEmpty())
                list.m_exceptions.insert(ace);
        } else if (rule.startsWith(QLatin1String("*."))) {
            const QString ace = aceOf(QStringView(rule).sliced(2));
            if (!ace.isEmpty())
                list.m_wildcards.insert(ace);
        } else {
            const QString ace = aceOf(rule);
            if (!ace.isEmpty())
                list.m_rules.insert(ace);
        }
    }
    return list;
}

bool PublicSuffixList::isPublicSuffix(const QString &domain) const
{
    QString ace = aceOf(domain);
    if (ace.endsWith(u'.'))
        ace.chop(1);
    if (ace.isEmpty())
        return false;
    // The domain is a public suffix when the prevailing rule covers all of its labels: a rule
    // equal to it, a wildcard over its parent, or the default rule "*" for a single label. An
    // exception rule equal to it makes its parent the suffix instead.
    if (m_exceptions.contains(ace))
        return false;
    if (m_rules.contains(ace))
        return true;
    const qsizetype dot = ace.indexOf(u'.');
    if (dot < 0)
        return true;
    return m_wildcards.contains(ace.mid(dot + 1));
}

} // namespace Patchbay::Core
