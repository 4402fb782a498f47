#include "ui/request/variablehighlight.h"

#include "core/environments/variablecontext.h"

#include <QCoreApplication>
#include <QLineEdit>
#include <QPalette>

#include <algorithm>

namespace Patchbay::Ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Patchbay::Ui::VariableHighlight", text);
}

QString scopeDescription(Core::ScopeKind kind, const QString &name)
{
    switch (kind) {
    case Core::ScopeKind::Request:
        return tr("this request");
    case Core::ScopeKind::Folder:
        return tr("Folder '%1'").arg(name);
    case Core::ScopeKind::Collection:
        return tr("Collection '%1'").arg(name);
    case Core::ScopeKind::Environment:
        return tr("Environment '%1'").arg(name);
    case Core::ScopeKind::Globals:
        return tr("Globals");
    case Core::ScopeKind::Dynamic:
        return name.isEmpty() ? tr("dynamic: a new value at each send") : name;
    }
    return name;
}

} // namespace

QList<VariableHighlight> variableHighlights(QStringView text, const VariableLookup &lookup)
{
    QList<VariableHighlight> out;
    if (!lookup)
        return out;
    const QList<Core::VariableSpan> spans = Core::findVariables(text);
    out.reserve(spans.size());
    for (const Core::VariableSpan &span : spans)
        out.append({span.start, span.length, span.name, lookup(span.name).resolved});
    return out;
}

QString variableToolTip(const QString &name, const VariableInfo &info)
{
    if (!info.resolved)
        return tr("%1 is not defined: add it to the collection, an environment or the globals, "
                  "or choose another environment")
            .arg(name);
    const QString value = info.secret ? tr("%1 (secret)").arg(info.value) : info.value;
    return tr("%1 = %2 (from %3)").arg(name, value, info.scopeName);
}

QString variablesToolTip(QStringView text, const VariableLookup &lookup)
{
    if (!lookup)
        return {};
    QStringList lines;
    QStringList seen;
    const QList<Core::VariableSpan> spans = Core::findVariables(text);
    for (const Core::VariableSpan &span : spans) {
        if (seen.contains(span.name))
            continue;
        seen << span.name;
        lines << variableToolTip(span.name, lookup(span.name));
    }
    return lines.join(u'\n');
}

QColor resolvedVariableColor(const QPalette &palette)
{
    return palette.color(QPalette::Active, QPalette::Highlight);
}

QColor unresolvedVariableColor()
{
    return QColor(0xd3, 0x2f, 0x2f);
}

VariableInfo variableInfo(const Core::VariableContext &context, const QString &name)
{
    const std::optional<Core::ResolvedVariable> hit = context.lookup(name);
    if (!hit)
        return {};
    VariableInfo info;
    info.resolved = true;
    info.secret = hit->isSecret;
    info.value = hit->isSecret ? QStringLiteral("\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022")
                               : hit->value;
    info.scopeName = scopeDescription(hit->scope, hit->scopeName);
    return info;
}

LineEditVariableHints::LineEditVariableHints(QLineEdit *edit)
    : QObject(edit)
    , m_edit(edit)
    , m_baseToolTip(edit->toolTip())
    , m_baseText(edit->palette().color(QPalette::Text))
{
    connect(edit, &QLineEdit::textChanged, this, &LineEditVariableHints::refresh);
}

LineEditVariableHints::~LineEditVariableHints() = default;

void LineEditVariableHints::setLookup(VariableLookup lookup)
{
    m_lookup = std::move(lookup);
    refresh();
}

void LineEditVariableHints::refresh()
{
    const QString text = m_edit->text();
    const QList<VariableHighlight> spans = variableHighlights(text, m_lookup);
    m_unresolved = std::any_of(spans.cbegin(), spans.cend(),
                               [](const VariableHighlight &h) { return !h.resolved; });
    const QString tip = variablesToolTip(text, m_lookup);
    m_edit->setToolTip(tip.isEmpty()
                           ? m_baseToolTip
                           : (m_baseToolTip.isEmpty() ? tip : m_baseToolTip + u'\n' + tip));
    QPalette palette = m_edit->palette();
    palette.setColor(QPalette::Text, m_unresolved ? unresolvedVariableColor() : m_baseText);
    m_edit->setPalette(palette);
}

} // namespace Patchbay::Ui
