#pragma once

#include "core/common/result.h"
#include "core/interop/importedcollection.h"

#include <QByteArrayView>
#include <QString>

namespace Patchbay::Core {

// Reads a `.http` / `.rest` file (JetBrains HTTP Client and VS Code REST Client syntax):
// `###` separators (the rest of the line names the request), `#` and `//` comments,
// `# @name X`, file variables `@var = value` (collection variables), `METHOD URL [HTTP/1.1]`
// (GET when the method is left out) with `?`/`&` continuation lines, headers up to a blank
// line, then the body up to the next `###`. A body of `< ./file` becomes a BinaryFile body with
// the path resolved against `baseDir`, kept only while it stays inside `baseDir` (symbolic links
// resolved) unless limits.allowOutsideFiles is set (otherwise a lossy note names it); JSON, form
// and multipart bodies are recognised by their Content-Type. `# Name: value` among the headers is a
// disabled header (as exportHttpFile writes them). Response handlers and other directives are
// reported in report.lossy. The collection is named "HTTP requests"; callers usually rename it
// after the file. Errors: "file-too-large", "too-many-items", "http-syntax" (with the line number).
Result<ImportedCollection> importHttpFile(QByteArrayView text, const QString &baseDir,
                                          const ImportLimits &limits = {});

} // namespace Patchbay::Core
