#pragma once

#include "core/common/result.h"
#include "core/http/request.h"
#include "core/interop/codesecrets.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace Patchbay::Core {

// The languages a Request can be turned into. Each generator writes code a user of that
// language would write, which sends what prepareRequest() sends (same method, URL and query,
// body content, non-automatic headers, credentials, timeout, redirect and TLS settings).
enum class CodeLanguage { PythonRequests, Curl, Httpie, JavaScriptFetch, CppQt };

// Every language, in the order a user sees them.
QList<CodeLanguage> codeLanguages();
// For people: "Python (requests)", "curl", "HTTPie", "JavaScript (fetch)", "C++ (Qt)".
QString languageName(CodeLanguage language);
// For the command line and settings: "python", "curl", "httpie", "fetch", "qt".
QString languageKey(CodeLanguage language);
// Accepts the keys above (case-insensitive); std::nullopt for anything else.
std::optional<CodeLanguage> languageFromName(const QString &name);

// Code that sends `request`. Variables such as {{host}} are left as written: callers that want
// values resolve the request first. Files (binary body, multipart file parts) are referenced by
// path, never read. The placeholders of `secrets` become lookups of environment variables
// ($NAME in shell, os.environ in Python, process.env in JavaScript, qEnvironmentVariable in C++)
// and a first comment names them. Error "invalid-request" when the method is not an HTTP token.
Result<QString> generateCode(const Request &request, CodeLanguage language);
Result<QString> generateCode(const Request &request, CodeLanguage language,
                             const SecretReferences &secrets);

// What a request-signing scheme (core/auth) adds to the code of one language, ready to paste;
// core/interop/authcodegen.h makes it from a scheme's config.
struct CodeAuthExtras
{
    QStringList shellOptions; // curl or HTTPie options, quoted for a POSIX shell
    QString pythonImport; // e.g. "from requests.auth import HTTPDigestAuth"
    QString pythonAuth; // the value of requests' auth= argument
    QStringList comments; // what the user must add, one line each, without comment markers
    bool sortQuery = false; // send the query items sorted by name, then value (curl --aws-sigv4)

    friend bool operator==(const CodeAuthExtras &, const CodeAuthExtras &) = default;
};
// The same for a request signed by a scheme of core/auth (and with secret placeholders).
Result<QString> generateCode(const Request &request, CodeLanguage language,
                             const CodeAuthExtras &extras, const SecretReferences &secrets = {});

// The quoting the generators use, for authcodegen: a single-quoted POSIX shell word, and a
// Python string literal.
QString shellQuoted(const QString &word);
QString pythonString(const QString &text);

} // namespace Patchbay::Core
