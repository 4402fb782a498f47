#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

// One line of a line diff. Line numbers are 0-based; -1 on the side a line is missing from.
struct LineDiffEntry
{
    enum class Kind { Same, Removed, Added };
    Kind kind = Kind::Same;
    QString text;
    int leftLine = -1;
    int rightLine = -1;

    friend bool operator==(const LineDiffEntry &, const LineDiffEntry &) = default;
};

struct LineDiff
{
    QList<LineDiffEntry> entries;
    // False when the texts were too different to align within the size bound: then the middle
    // part that differs is shown as all removed, then all added.
    bool exact = true;

    int addedCount() const;
    int removedCount() const;
    bool isSame() const { return addedCount() == 0 && removedCount() == 0; }
};

// Default bound on the alignment work (lines differing in the middle, left x right).
inline constexpr qint64 kLineDiffMaxCells = 4'000'000;

// A longest-common-subsequence line diff after trimming common leading and trailing lines.
LineDiff diffLines(const QStringList &left, const QStringList &right,
                   qint64 maxCells = kLineDiffMaxCells);
// Splits on \n (a trailing \r is dropped) and diffs.
LineDiff diffText(const QString &left, const QString &right, qint64 maxCells = kLineDiffMaxCells);

} // namespace Patchbay::Core
