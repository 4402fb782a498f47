#include "ui/request/variablehighlight.h"

#include "core/environments/variablecontext.h"

#include "ui/common/theme.h"

#include <QCoreApplication>
#include <QEvent>
#include <QGuiApplication>
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
    return Theme::variableHighlight(true, palette).text;
}

QColor unresolvedVariableColor()
{
    return Theme::variableHighlight(false, QGuiApplication::palette()).text;
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
{
    connect(edit, &QLineEdit::textChanged, this, &LineEditVariableHints::refresh);
    edit->installEventFilter(this); // the theme changed: the red follows
}

bool LineEditVariableHints::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::ApplicationPaletteChange && m_unresolved)
        refresh();
    return QObject::eventFilter(watched, event);
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
    // Only an undefined variable sets a colour, so that the theme's text colour applies otherwise.
    if (m_unresolved) {
        QPalette palette; // only Text is set: every other role follows the theme
        palette.setColor(QPalette::Text, unresolvedVariableColor());
        m_edit->setPalette(palette);
    } else {
        m_edit->setPalette(QPalette());
    }
}

} // namespace Patchbay::Ui
