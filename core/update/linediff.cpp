#include "core/update/linediff.h"

#include <vector>

namespace Patchbay::Core {

int LineDiff::addedCount() const
{
    return int(std::count_if(entries.cbegin(), entries.cend(), [](const LineDiffEntry &e) {
        return e.kind == LineDiffEntry::Kind::Added;
    }));
}

int LineDiff::removedCount() const
{
    return int(std::count_if(entries.cbegin(), entries.cend(), [](const LineDiffEntry &e) {
        return e.kind == LineDiffEntry::Kind::Removed;
    }));
}

LineDiff diffLines(const QStringList &left, const QStringList &right, qint64 maxCells)
{
    LineDiff diff;
    const int n = int(left.size());
    const int m = int(right.size());
    int prefix = 0;
    while (prefix < n && prefix < m && left[prefix] == right[prefix])
        ++prefix;
    int suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix
           && left[n - 1 - suffix] == right[m - 1 - suffix])
        ++suffix;

    for (int i = 0; i < prefix; ++i)
        diff.entries.append({LineDiffEntry::Kind::Same, left[i], i, i});

    const int a0 = prefix;
    const int b0 = prefix;
    const int rows = n - prefix - suffix;
    const int cols = m - prefix - suffix;
    const auto removed = [&](int i) {
        diff.entries.append({LineDiffEntry::Kind::Removed, left[i], i, -1});
    };
    const auto added = [&](int j) {
        diff.entries.append({LineDiffEntry::Kind::Added, right[j], -1, j});
    };

    if (qint64(rows) * qint64(cols) > maxCells) {
        diff.exact = false;
        for (int i = 0; i < rows; ++i)
            removed(a0 + i);
        for (int j = 0; j < cols; ++j)
            added(b0 + j);
    } else if (rows > 0 || cols > 0) {
        // lcs[i][j]: length of the LCS of left[a0+i..] and right[b0+j..].
        const int width = cols + 1;
        std::vector<quint32> lcs(size_t(rows + 1) * size_t(width), 0);
        for (int i = rows - 1; i >= 0; --i) {
            for (int j = cols - 1; j >= 0; --j) {
                const size_t at = size_t(i) * width + j;
                if (left[a0 + i] == right[b0 + j])
                    lcs[at] = lcs[at + width + 1] + 1;
                else
                    lcs[at] = std::max(lcs[at + width], lcs[at + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < rows && j < cols) {
            if (left[a0 + i] == right[b0 + j]) {
                diff.entries.append({LineDiffEntry::Kind::Same, left[a0 + i], a0 + i, b0 + j});
                ++i;
                ++j;
            } else if (lcs[size_t(i + 1) * width + j] >= lcs[size_t(i) * width + j + 1]) {
                removed(a0 + i++);
            } else {
                added(b0 + j++);
            }
        }
        while (i < rows)
            removed(a0 + i++);
        while (j < cols)
            added(b0 + j++);
    }

    for (int k = 0; k < suffix; ++k) {
        const int i = n - suffix + k;
        diff.entries.append({LineDiffEntry::Kind::Same, left[i], i, m - suffix + k});
    }
    return diff;
}

namespace {

QStringList splitLines(const QString &text)
{
    if (text.isEmpty())
        return {};
    QStringList lines = text.split(QLatin1Char('\n'));
    if (text.endsWith(QLatin1Char('\n')))
        lines.removeLast(); // a final line break ends the last line; it does not start one
    for (QString &line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    return lines;
}

} // namespace

LineDiff diffText(const QString &left, const QString &right, qint64 maxCells)
{
    return diffLines(splitLines(left), splitLines(right), maxCells);
}

} // namespace Patchbay::Core
