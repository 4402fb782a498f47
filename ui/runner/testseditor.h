#pragma once

#include "core/runner/assertion.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace Patchbay::Ui {

// What the Tests tab edits: a request's assertions and captures (SavedRequest fields).
struct RequestTests
{
    QList<Core::Assertion> assertions;
    QList<Core::Capture> captures;

    friend bool operator==(const RequestTests &, const RequestTests &) = default;
};

// The Tests tab of a request: a table of assertions (enabled, kind, target, expected, last
// result) and one of captures (enabled, variable, source, path, last value), each with add and
// remove buttons; below them, scripts imported from Postman, read-only, marked "not run".
class TestsEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestsEditor)

public:
    explicit TestsEditor(QWidget *parent = nullptr);

    // Replaces the rows and clears the results; emits nothing.
    void setTests(const RequestTests &tests);
    RequestTests tests() const;

    // Imported scripts to show (empty hides the section).
    void setImportedScripts(const QString &preRequestScript, const QString &testScript);

    // The outcome of the last send: `assertions` as evaluateAssertions() returns them (one per
    // row, in order) and `captures` as applyCaptures() does (one per enabled capture).
    void showResults(const QList<Core::AssertionResult> &assertions,
                     const QList<Core::CaptureResult> &captures);
    void clearResults();

    // For tests and the window: the tables.
    QTableWidget *assertionTable() const { return m_assertions; }
    QTableWidget *captureTable() const { return m_captures; }

signals:
    // The user changed, added or removed a row (not emitted by setTests()).
    void testsChanged();

public slots:
    void addAssertion();
    void addCapture();
    void removeSelectedAssertions();
    void removeSelectedCaptures();

private:
    void insertAssertionRow(const Core::Assertion &assertion);
    void insertCaptureRow(const Core::Capture &capture);
    void updatePlaceholders(int row);
    void onEdited();

    QTableWidget *m_assertions; // owned (child)
    QTableWidget *m_captures; // owned (child)
    QWidget *m_scriptBox; // owned (child)
    QLabel *m_scriptNote; // owned (child)
    QPlainTextEdit *m_scripts; // owned (child)
    bool m_loading = false;
};

} // namespace Patchbay::Ui
