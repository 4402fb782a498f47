#include "core/collections/filenames.h"

#include <QDir>
#include <QSet>

namespace Patchbay::Core {

namespace {

constexpr qsizetype kMaxSlugLength = 64;

bool isWindowsReserved(const QString &slug)
{
    static const QStringList reserved = {QStringLiteral("con"), QStringLiteral("prn"),
                                         QStringLiteral("aux"), QStringLiteral("nul")};
    if (reserved.contains(slug))
        return true;
    return slug.size() == 4
        && (slug.startsWith(QLatin1String("com")) || slug.startsWith(QLatin1String("lpt")))
        && slug.at(3).isDigit();
}

} // namespace

QString slugify(QStringView name, QStringView fallback)
{
    QString slug;
    slug.reserve(name.size());
    bool pendingDash = false;
    for (const QChar ch : name.toString().normalized(QString::NormalizationForm_C)) {
        if (ch.isLetterOrNumber() || ch == u'_') {
            if (pendingDash && !slug.isEmpty())
                slug += u'-';
            pendingDash = false;
            slug += ch.toLower();
        } else {
            // Separators, punctuation, and emoji (surrogate halves) become one dash.
            pendingDash = true;
        }
        if (slug.size() >= kMaxSlugLength)
            break;
    }
    while (slug.endsWith(u'-'))
        slug.chop(1);
    if (slug.isEmpty())
        slug = fallback.toString();
    if (isWindowsReserved(slug))
        slug += QLatin1String("-1");
    return slug;
}

QString uniqueEntryName(const QString &directory, QStringView name, const QString &suffix,
                        const QString &keep, QStringView fallback)
{
    QSet<QString> taken;
    const QStringList entries = QDir(directory).entryList(QDir::AllEntries | QDir::Hidden
                                                          | QDir::System | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        if (entry != keep)
            taken.insert(entry.toLower());
    }
    taken.insert(QStringLiteral("collection.yaml"));
    taken.insert(QStringLiteral("folder.yaml"));
    taken.insert(QStringLiteral("environments"));
    const QString base = slugify(name, fallback);
    QString candidate = base + suffix;
    for (int n = 2; taken.contains(candidate.toLower()); ++n)
        candidate = base + u'-' + QString::number(n) + suffix;
    return candidate;
}

} // namespace Patchbay::Core
