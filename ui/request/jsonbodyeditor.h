#pragma once

#include "core/json/jsonparser.h"
#include "ui/request/variablehighlight.h"

#include <QWidget>

#include <optional>

class QLabel;
class QToolButton;
class QTimer;
class QsciScintilla;

namespace Patchbay::Ui {

class CodeView;

// The body text editor: JSON (highlighting, folding, live validation with the error underlined
// and "line:col message" below, Format) or plain text (no lexer, no validation). With a variable
// lookup, `{{name}}` gets an indicator (accent box when it resolves, red when not) and hovering
// it shows its value and scope.
class JsonBodyEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonBodyEditor)

public:
    explicit JsonBodyEditor(QWidget *parent = nullptr);
    ~JsonBodyEditor() override;

    QString text() const;
    // Replaces the text without emitting textEdited().
    void setText(const QString &text);

    // JSON mode highlights, validates and can format; text mode is a plain editor.
    void setJsonMode(bool json);
    bool isJsonMode() const { return m_jsonMode; }

    // Pretty-prints the text keeping key order and number literals, as one undo step.
    // Does nothing and returns false when the text is not valid JSON.
    bool format();

    // Validates now (not debounced). std::nullopt when valid, empty or not in JSON mode.
    std::optional<Core::JsonSyntaxError> syntaxError() const;

    // What the status line under the editor says ("3:7 trailing comma before ']'").
    QString statusText() const;

    QsciScintilla *textEditor() const;

    void setVariableLookup(VariableLookup lookup);
    // Recomputes the variable indicators now (otherwise shortly after each change).
    void refreshVariables();
    // Highlighted variables, in the text's UTF-16 positions.
    QList<VariableHighlight> variableHighlights() const { return m_variables; }
    // The tooltip for the Scintilla (UTF-8 byte) position; empty outside a variable.
    QString variableToolTipAt(int bytePosition) const;
    // Scintilla indicator numbers, for tests that read the editor's state.
    static constexpr int kResolvedVariableIndicator = 9;
    static constexpr int kUnresolvedVariableIndicator = 10;
    // Bodies larger than this are not scanned for variables while typing.
    static constexpr qsizetype kMaxVariableScanChars = 4 * 1024 * 1024;

    // Validation waits this long after the last keystroke.
    static constexpr int kValidationDelayMs = 150;
    // Larger bodies are validated on a worker thread.
    static constexpr qsizetype kSyncValidationBytes = 256 * 1024;

signals:
    // The user changed the text.
    void textEdited();

protected:
    void changeEvent(QEvent *event) override;

private:
    void validate();
    void showValidation(const std::optional<Core::JsonSyntaxError> &error, qsizetype length);
    void applyPalette();

    CodeView *m_editor = nullptr; // owned (child)
    QLabel *m_status = nullptr; // owned (child)
    QToolButton *m_formatButton = nullptr; // owned (child)
    QTimer *m_validationTimer = nullptr; // owned (child)
    QTimer *m_variableTimer = nullptr; // owned (child)
    VariableLookup m_variableLookup;
    QList<VariableHighlight> m_variables;
    QList<std::pair<int, int>> m_variableBytes; // Scintilla start, length of m_variables
    quint64 m_validationGeneration = 0; // the latest check; older results are dropped
    bool m_jsonMode = true;
    bool m_settingText = false;
};

} // namespace Patchbay::Ui
