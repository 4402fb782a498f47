#pragma once

#include "core/collections/sendcontext.h"
#include "core/common/result.h"
#include "core/environments/environment.h"
#include "core/environments/variablecontext.h"
#include "core/http/request.h"
#include "core/runner/assertion.h"
#include "core/scripting/scriptrunner.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

class Workspace;
struct ImportedCollection;

// One request of a run, ready to resolve: the collection's auth and default headers are already
// applied and `scopes` holds the folder, collection and environment variables (innermost
// first, then globals). The runner adds its own variables (--var, data rows, captures) in front of
// them.
struct RunItem
{
    QString path; // the request file; empty for a collection imported on the fly
    QString collectionId; // keys its OAuth 2.0 tokens in the keyring
    QString name; // "Folder / Request", for reports
    Request request; // variables not resolved yet
    QList<VariableScope> scopes;
    QList<Assertion> assertions;
    QList<Capture> captures;
    // Scripts imported from another tool that apply to this request, e.g. "test script",
    // "folder Users: pre-request script": listed as not run unless the run trusts scripts
    // (RunOptions::runScripts), then run in Postman's order: collection, folders, request.
    QStringList scriptsNotRun;
    QList<ScriptSource> preRequestScripts;
    QList<ScriptSource> testScripts;
    QString problem; // the file could not be read: the item fails without being sent

    friend bool operator==(const RunItem &, const RunItem &) = default;
};

// The requests at `path` (a collection, a folder or a request file of `workspace`), in tree
// order. `environment` may be null. Errors: "run-not-found" when the path is not in the
// workspace, "run-empty" when it holds no request.
// Secret variables take their values from `secrets` (the GUI's keyring cache); without one, or
// when a value is unknown, they are reported as unresolved.
Result<QList<RunItem>> runItemsFromWorkspace(const Workspace &workspace, const QString &path,
                                             const Environment *environment,
                                             const SecretLookup &secrets = {});

// True when a request of `items`, or a variable it uses, refers to `{{name}}` and the items' own
// scopes do not define it (e.g. $sandboxUrl, which the window or the CLI provide).
bool itemsUseUndefined(const QList<RunItem> &items, const QString &name);

// Every request of a collection imported from another tool's file (e.g. Postman), in order.
QList<RunItem> runItemsFromImported(const ImportedCollection &collection,
                                    const Environment *environment);

} // namespace Patchbay::Core
