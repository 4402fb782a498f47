#pragma once

#include <QColor>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringView>

#include <functional>

class QLineEdit;
class QPalette;

namespace Patchbay::Core {
class VariableContext;
}

namespace Patchbay::Ui {

// What the editors show about one `{{name}}`.
struct VariableInfo
{
    bool resolved = false;
    QString value; // masked when secret
    QString scopeName; // where it comes from, for the tooltip: "Environment 'Staging'"
    bool secret = false;

    friend bool operator==(const VariableInfo &, const VariableInfo &) = default;
};

using VariableLookup = std::function<VariableInfo(const QString &name)>;

// A `{{name}}` in an editor's text; `start`/`length` (UTF-16, braces included) as in the text.
struct VariableHighlight
{
    qsizetype start = 0;
    qsizetype length = 0;
    QString name;
    bool resolved = false;

    friend bool operator==(const VariableHighlight &, const VariableHighlight &) = default;
};

QList<VariableHighlight> variableHighlights(QStringView text, const VariableLookup &lookup);

// "name = value (from Environment 'Staging')", or why it does not resolve.
QString variableToolTip(const QString &name, const VariableInfo &info);
// One line per distinct variable of `text`; empty when it has none.
QString variablesToolTip(QStringView text, const VariableLookup &lookup);

QColor resolvedVariableColor(const QPalette &palette);
QColor unresolvedVariableColor();

// The lookup the request editor wants, from a context of the request's scopes: secret values
// are masked, dynamic variables say that they change at each send.
VariableInfo variableInfo(const Core::VariableContext &context, const QString &name);

// For plain line edits (auth fields, password ones included): a tooltip listing the variables
// of the text and red text while one does not resolve. Parented to (and owned by) the edit.
class LineEditVariableHints final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LineEditVariableHints)

public:
    explicit LineEditVariableHints(QLineEdit *edit);
    ~LineEditVariableHints() override;

    void setLookup(VariableLookup lookup);
    bool hasUnresolved() const { return m_unresolved; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();

    QLineEdit *m_edit; // not owned (our parent)
    VariableLookup m_lookup;
    QString m_baseToolTip;
    bool m_unresolved = false;
};

} // namespace Patchbay::Ui
