#pragma once

#include "core/environments/variable.h"
#include "core/http/request.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <functional>
#include <optional>

namespace Patchbay::Core {

enum class ScopeKind { Request, Folder, Collection, Environment, Globals, Dynamic };

// One level of variables, e.g. a folder's or the active environment's.
struct VariableScope
{
    ScopeKind kind = ScopeKind::Globals;
    QString name; // for tooltips: "Staging", "Users folder"
    VariableList variables;

    friend bool operator==(const VariableScope &, const VariableScope &) = default;
};

// What `{{name}}` stands for, and where that came from.
struct ResolvedVariable
{
    QString name;
    QString value;
    ScopeKind scope = ScopeKind::Globals;
    QString scopeName;
    bool isSecret = false;

    friend bool operator==(const ResolvedVariable &, const ResolvedVariable &) = default;
};

// A `{{name}}` in a text: `start` and `length` cover the braces, `name` is trimmed.
struct VariableSpan
{
    qsizetype start = 0;
    qsizetype length = 0;
    QString name;

    friend bool operator==(const VariableSpan &, const VariableSpan &) = default;
};

// The scopes a request's variables are looked up in, first hit wins: request → folders
// (innermost first) → collection → active environment → globals. Names starting with `$` are
// dynamic: $uuid, $timestamp (Unix seconds), $isoTimestamp (UTC, ISO 8601), $randomInt (0..1000),
// a fresh value at each use. Other `$` names come from the scopes like any variable: the window
// provides $sandboxUrl, the address of its built-in sandbox API.
class VariableContext
{
public:
    VariableContext() = default;
    explicit VariableContext(QList<VariableScope> scopes);

    const QList<VariableScope> &scopes() const { return m_scopes; }
    void appendScope(VariableScope scope);

    std::optional<ResolvedVariable> lookup(QStringView name) const;

    // Replaces every known `{{name}}` in `text` (values may refer to other variables, up to a
    // small depth). Unknown names stay as written and are appended to `unresolved`. The values
    // of secret variables that were substituted are appended to `secretValues`, so that history
    // and exports can mask them.
    QString resolveText(QStringView text, QStringList *unresolved = nullptr,
                        QStringList *secretValues = nullptr) const;

    // For tests: fixed time and random numbers.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    void setRandomInt(std::function<int()> randomInt) { m_randomInt = std::move(randomInt); }

private:
    QString resolve(QStringView text, QStringList *unresolved, QStringList *secretValues,
                    int depth) const;

    QList<VariableScope> m_scopes;
    std::function<QDateTime()> m_clock;
    std::function<int()> m_randomInt;
};

QList<VariableSpan> findVariables(QStringView text);

// The request with its variables replaced in the URL, params, headers, body and auth. Only the
// parts that will be sent (enabled rows, the body and auth of the chosen mode) report unresolved
// names and the secret values they use; each is reported once.
Request resolveVariables(const Request &request, const VariableContext &context,
                         QStringList *unresolved = nullptr, QStringList *secretValues = nullptr);

} // namespace Patchbay::Core
