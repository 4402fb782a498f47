#pragma once

#include <QSet>
#include <QString>
#include <QStringView>

namespace Patchbay::Core {

// File and directory names derived from display names: lower-case letters, digits, '-' and '_'
// only (any script's letters are kept), never empty, never "." or "..", no separators, at most
// 64 characters, and not a name Windows reserves. The display name itself lives in the file.
QString slugify(QStringView name, QStringView fallback = u"request");

// `slugify(name) + suffix`, made unique inside `directory` (case-insensitively, so that a clone
// on macOS or Windows has no clashes) by appending -2, -3... `keep` is an existing entry name that
// counts as free (the item being renamed). Names Patchbay reserves (collection.yaml, folder.yaml,
// environments) are never returned.
QString uniqueEntryName(const QString &directory, QStringView name, const QString &suffix,
                        const QString &keep = {}, QStringView fallback = u"request");
// The same against `takenLower`, the lower-cased names already in the directory.
QString uniqueEntryNameAmong(const QSet<QString> &takenLower, QStringView name,
                             const QString &suffix, QStringView fallback = u"request");

} // namespace Patchbay::Core
