#pragma once

#include "core/http/request.h"
#include "core/http/response.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace Patchbay::Core {

class ScriptRunnerPrivate;

// One script imported from Postman, and where it comes from for messages and reports:
// "collection pre-request script", "folder Users: test script", "test script".
struct ScriptSource
{
    QString where;
    QString text;

    friend bool operator==(const ScriptSource &, const ScriptSource &) = default;
};

// A pm.test(name, fn) (or a legacy `tests["name"] = bool`) and how it ended.
struct ScriptTestResult
{
    QString name;
    bool passed = false;
    QString message; // why it failed (the assertion's or exception's message); empty on success

    friend bool operator==(const ScriptTestResult &, const ScriptTestResult &) = default;
};

// A variable set or unset by pm.environment / pm.collectionVariables / pm.globals /
// pm.variables (or the legacy postman.setEnvironmentVariable & co.), in call order.
struct ScriptVariableChange
{
    enum class Scope { Environment, Collection, Globals, Local };
    Scope scope = Scope::Local;
    QString name;
    std::optional<QString> value; // std::nullopt: unset

    friend bool operator==(const ScriptVariableChange &, const ScriptVariableChange &) = default;
};

struct ScriptOutcome
{
    QList<ScriptTestResult> tests;
    QList<ScriptVariableChange> changes;
    QStringList logs; // console.log/info/warn/error lines, as text
    // Set when the script did not run to its end: a syntax error, an uncaught exception, the time
    // limit, or an API Patchbay does not offer (pm.sendRequest, require): what and where
    // ("test script, line 3: ReferenceError: foo is not defined").
    QString error;

    bool passed() const;
    friend bool operator==(const ScriptOutcome &, const ScriptOutcome &) = default;
};

// What a script sees.
struct ScriptContext
{
    // The value of {{name}} for pm.variables.get, pm.environment.get & co. and replaceIn(),
    // through every scope of the request (run variables, data row, folders, collection,
    // environment, globals); std::nullopt when undefined. Changes made earlier in the same
    // script are applied on top by the runner of the script, not by this function.
    std::function<std::optional<QString>(const QString &name)> variable;
    QString requestName; // pm.info.requestName
    int iteration = 0; // pm.info.iteration (0-based)
    Request request; // pm.request: method, url (as sent when known), headers, raw body
    // pm.response and the legacy response globals; null for pre-request scripts.
    const Response *response = nullptr;
};

// Runs Postman scripts with a subset of the `pm` API (see docs/RUNNER.md) in a QJSEngine
// sandbox: ECMAScript and the pm, console, postman, tests and legacy response globals only; no
// file, network, timer or module access (pm.sendRequest and require throw with a message that
// says so). A script that runs longer than `timeoutMs` is interrupted and reported as such.
// Each run() starts from a clean `pm`: nothing a script defines at its top level is seen by
// the next script. Not thread-safe; use one ScriptRunner per thread (the engine is reused
// across run() calls for speed).
class ScriptRunner
{
public:
    explicit ScriptRunner(int timeoutMs = 5000);
    ~ScriptRunner();
    ScriptRunner(const ScriptRunner &) = delete;
    ScriptRunner &operator=(const ScriptRunner &) = delete;

    ScriptOutcome run(const ScriptSource &script, const ScriptContext &context);

private:
    std::unique_ptr<ScriptRunnerPrivate> d;
};

} // namespace Patchbay::Core
