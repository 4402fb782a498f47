#pragma once

#include <QColor>
#include <QGuiApplication>
#include <QList>
#include <QPalette>
#include <QString>

class QsciScintilla;

namespace Patchbay::Core {
struct VerifyItem;
}

namespace Patchbay::Ui {

// Line markers for diffs in QScintilla views: a tinted line background and a bar in the
// symbol margin. The colours are shared by every update and diff view (see docs/UPDATES.md).
namespace DiffMarkers {

enum Marker { Added = 0, Changed = 1, Removed = 2 };

// Defines the three markers on `view` and makes room for them in margin 1.
void install(QsciScintilla *view);
void clear(QsciScintilla *view);
void mark(QsciScintilla *view, int line, Marker marker);
// Lines of `view` carrying `marker`, in order.
QList<int> linesWith(const QsciScintilla *view, Marker marker);

// Opaque line backgrounds for the theme of `palette`.
QColor colour(Marker marker, const QPalette &palette = QGuiApplication::palette());

// Marks the lines that differ between the two views: removed and changed lines on the left,
// added and changed lines on the right. `maxCells` bounds the alignment work.
void markLineDiff(QsciScintilla *left, const QString &leftText, QsciScintilla *right,
                  const QString &rightText, qint64 maxCells);

} // namespace DiffMarkers

// Colours and names of the verify statuses (applied, server-only, ignored, different).
QColor verifyStatusColour(int status);
QString verifyStatusText(int status);
QString verifyStatusExplanation(int status);

} // namespace Patchbay::Ui
