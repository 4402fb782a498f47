#pragma once

#include "core/environments/environment.h"
#include "core/runner/assertion.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

class Workspace;

// Writes a collection, or one folder of it, as a Postman Collection v2.1 document. Scripts go
// back as events; a request's assertions and captures are appended to its test script as
// postmanTestsBlock(); collection default headers are added to each request that does not set the
// same header. Secret variables are never exported: they get an empty value and the
// description "secret: set in Postman". Empty when `collectionOrFolderPath` is not a collection
// or folder of `workspace`.
QByteArray exportPostmanCollection(const Workspace &workspace,
                                   const QString &collectionOrFolderPath);

// The lines that open and close the generated block in a Postman test script.
inline constexpr char kPostmanTestsBegin[] = "// patchbay:tests begin";
inline constexpr char kPostmanTestsEnd[] = "// patchbay:tests end";
// Each item of the block starts with one of these, followed by the item as compact JSON
// ({kind, target, expected, enabled} or {variable, source, path, enabled}).
inline constexpr char kPostmanTestLine[] = "// patchbay:test ";
inline constexpr char kPostmanCaptureLine[] = "// patchbay:capture ";

// The test-script lines that carry assertions and captures to Postman: pm.test() and
// pm.collectionVariables.set() code that runs in Postman and newman, each item after a comment
// holding it as JSON so that importPostmanCollection() reads it back exactly. Disabled items
// have only their comment. Empty when both lists are empty. The output depends only on the
// input, which lets the importer tell a block edited outside Patchbay from a generated one.
QStringList postmanTestsBlock(const QList<Assertion> &assertions, const QList<Capture> &captures);

// `text` as a double-quoted string literal that is valid both as JavaScript and as JSON: quotes,
// backslashes, control characters, lone surrogates and the line separators U+2028 and U+2029
// are escaped, everything else is kept as it is.
QString javaScriptString(QStringView text);

// A Postman environment document; secret variables are exported without their value.
QByteArray exportPostmanEnvironment(const Environment &environment);

} // namespace Patchbay::Core
