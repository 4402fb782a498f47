#include "core/collections/filenames.h"

#include <QDir>
#include <QDirIterator>
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

QString uniqueEntryNameAmong(const QSet<QString> &takenLower, QStringView name,
                             const QString &suffix, QStringView fallback)
{
    static const QSet<QString> reserved {QStringLiteral("collection.yaml"),
                                         QStringLiteral("folder.yaml"),
                                         QStringLiteral("environments")};
    const QString base = slugify(name, fallback);
    QString candidate = base + suffix;
    for (int n = 2;
         takenLower.contains(candidate.toLower()) || reserved.contains(candidate.toLower()); ++n)
        candidate = base + u'-' + QString::number(n) + suffix;
    return candidate;
}

QString uniqueEntryName(const QString &directory, QStringView name, const QString &suffix,
                        const QString &keep, QStringView fallback)
{
    const QString base = slugify(name, fallback);
    // Only names that could collide (those starting with `base`, in any case) are kept, and the
    // folder is read unsorted.
    QSet<QString> taken;
    QDirIterator it(directory,
                    QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        it.next();
        const QString entry = it.fileName();
        if (entry != keep && entry.startsWith(base, Qt::CaseInsensitive))
            taken.insert(entry.toLower());
    }
    return uniqueEntryNameAmong(taken, name, suffix, fallback);
}

} // namespace Patchbay::Core
