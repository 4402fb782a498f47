#include "ui/update/diffmarkers.h"

#include "core/update/jsonchanges.h"
#include "core/update/linediff.h"
#include "ui/common/theme.h"

#include <Qsci/qsciscintilla.h>

#include <QCoreApplication>
#include <QEvent>
#include <QGuiApplication>

namespace Patchbay::Ui {

namespace DiffMarkers {

QColor colour(Marker marker, const QPalette &palette)
{
    switch (marker) {
    case Added:
        return Theme::diffLineColor(Theme::DiffLine::Added, palette);
    case Changed:
        return Theme::diffLineColor(Theme::DiffLine::Changed, palette);
    case Removed:
        return Theme::diffLineColor(Theme::DiffLine::Removed, palette);
    }
    return {};
}

namespace {

void setColours(QsciScintilla *view)
{
    for (Marker m : {Added, Changed, Removed}) {
        view->setMarkerBackgroundColor(colour(m, view->palette()), m);
        view->setMarkerForegroundColor(colour(m, view->palette()), m);
    }
}

// Sets the markers' colours again when the view's palette (the theme) changes.
class ColourFollower final : public QObject
{
public:
    explicit ColourFollower(QsciScintilla *view)
        : QObject(view)
    {
        view->installEventFilter(this);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::PaletteChange && watched == parent())
            setColours(static_cast<QsciScintilla *>(watched));
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

void install(QsciScintilla *view)
{
    for (Marker m : {Added, Changed, Removed})
        view->markerDefine(QsciScintilla::Background, m);
    setColours(view);
    new ColourFollower(view); // owned by view
}

void clear(QsciScintilla *view)
{
    view->markerDeleteAll(-1);
}

void mark(QsciScintilla *view, int line, Marker marker)
{
    view->markerAdd(line, marker);
}

QList<int> linesWith(const QsciScintilla *view, Marker marker)
{
    QList<int> lines;
    const int count = view->lines();
    for (int line = 0; line < count; ++line) {
        if (view->markersAtLine(line) & (1U << marker))
            lines.append(line);
    }
    return lines;
}

void markLineDiff(QsciScintilla *left, const QString &leftText, QsciScintilla *right,
                  const QString &rightText, qint64 maxCells)
{
    clear(left);
    clear(right);
    const Core::LineDiff diff = Core::diffText(leftText, rightText, maxCells);
    // A run of removed and added lines is a hunk: as many lines as both sides have are
    // "changed", the rest added or removed.
    qsizetype i = 0;
    const qsizetype n = diff.entries.size();
    while (i < n) {
        if (diff.entries[i].kind == Core::LineDiffEntry::Kind::Same) {
            ++i;
            continue;
        }
        QList<int> removed;
        QList<int> added;
        while (i < n && diff.entries[i].kind != Core::LineDiffEntry::Kind::Same) {
            const Core::LineDiffEntry &e = diff.entries[i];
            if (e.kind == Core::LineDiffEntry::Kind::Removed)
                removed.append(e.leftLine);
            else
                added.append(e.rightLine);
            ++i;
        }
        const qsizetype paired = std::min(removed.size(), added.size());
        for (qsizetype k = 0; k < removed.size(); ++k)
            mark(left, removed[k], k < paired ? Changed : Removed);
        for (qsizetype k = 0; k < added.size(); ++k)
            mark(right, added[k], k < paired ? Changed : Added);
    }
}

} // namespace DiffMarkers

QColor verifyStatusColour(int status)
{
    switch (Core::VerifyItem::Status(status)) {
    case Core::VerifyItem::Status::Applied:
        return QColor(46, 160, 67);
    case Core::VerifyItem::Status::ServerOnly:
        return QColor(56, 132, 244);
    case Core::VerifyItem::Status::Ignored:
        return QColor(210, 153, 34);
    case Core::VerifyItem::Status::Different:
        return QColor(218, 54, 51);
    }
    return {};
}

QString verifyStatusText(int status)
{
    switch (Core::VerifyItem::Status(status)) {
    case Core::VerifyItem::Status::Applied:
        return QCoreApplication::translate("Patchbay::Ui::Verify", "Applied");
    case Core::VerifyItem::Status::ServerOnly:
        return QCoreApplication::translate("Patchbay::Ui::Verify", "Changed by the server");
    case Core::VerifyItem::Status::Ignored:
        return QCoreApplication::translate("Patchbay::Ui::Verify", "Ignored by the server");
    case Core::VerifyItem::Status::Different:
        return QCoreApplication::translate("Patchbay::Ui::Verify", "Different value");
    }
    return {};
}

QString verifyStatusExplanation(int status)
{
    switch (Core::VerifyItem::Status(status)) {
    case Core::VerifyItem::Status::Applied:
        return QCoreApplication::translate("Patchbay::Ui::Verify",
                                           "The server now has what you asked for.");
    case Core::VerifyItem::Status::ServerOnly:
        return QCoreApplication::translate(
            "Patchbay::Ui::Verify",
            "You did not touch this, but the server changed it (timestamps, defaults, a "
            "replaced nested object).");
    case Core::VerifyItem::Status::Ignored:
        return QCoreApplication::translate(
            "Patchbay::Ui::Verify",
            "You changed this, but the server still has the original value.");
    case Core::VerifyItem::Status::Different:
        return QCoreApplication::translate(
            "Patchbay::Ui::Verify",
            "You changed this, and the server stored another value (normalised or computed).");
    }
    return {};
}

} // namespace Patchbay::Ui
