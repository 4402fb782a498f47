#pragma once

#include "ui/request/variablehighlight.h"

#include <QLineEdit>

namespace Patchbay::Ui {

// The URL field. A pasted curl command is handed over whole (newlines included) through
// curlPasted() instead of being flattened into the line. With a variable lookup, `{{name}}`
// is drawn in the accent colour when it resolves and in red when it does not, and hovering it
// shows its value and scope.
class UrlLineEdit final : public QLineEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UrlLineEdit)

public:
    explicit UrlLineEdit(QWidget *parent = nullptr);
    ~UrlLineEdit() override;

    void setVariableLookup(VariableLookup lookup);
    // What is highlighted now.
    QList<VariableHighlight> variableHighlights() const { return m_highlights; }
    // The tooltip for the character at `position`; empty outside a variable.
    QString variableToolTipAt(int position) const;
    // Recomputes the highlights (e.g. after the active environment changed).
    void refreshVariables();

signals:
    void curlPasted(const QString &command);

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    // True when the clipboard holds a curl command and it was handed over.
    bool pasteCurlFromClipboard();
    void applyHighlights();

    VariableLookup m_lookup;
    QList<VariableHighlight> m_highlights;
};

} // namespace Patchbay::Ui
