#pragma once

#include "core/common/result.h"
#include "core/openapi/speclimits.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace Patchbay::Core {

class SpecSet;
struct Response;

// One way a response breaks its description: where in the body (an RFC 6901 JSON pointer, ""
// for the whole body) and what is wrong.
struct ContractViolation
{
    QString pointer;
    QString message;

    friend bool operator==(const ContractViolation &, const ContractViolation &) = default;
};

// What checking one response against the description found.
struct ContractResult
{
    enum class Outcome {
        Matches, // the body matches the schema for its status and content type
        Violates, // see violations
        NotDescribed, // no operation, status or content type of the description fits: unchecked
    };
    Outcome outcome = Outcome::NotDescribed;
    QString operation; // "GET /pets/{petId}" when one was found
    QString schemaWhere; // "200 application/json"
    QString note; // why nothing was checked, or what was checked
    QList<ContractViolation> violations;

    bool matches() const { return outcome == Outcome::Matches; }
    // "matches the spec (GET /pets/{petId}, 200 application/json)", "2 violations: /id: ..."
    QString summary() const;

    friend bool operator==(const ContractResult &, const ContractResult &) = default;
};

// Checks responses against the schemas of an API description with valijson: draft 4 rules for
// OpenAPI 3.0 and Swagger 2.0 (with `nullable` turned into a null type), draft 7 for 3.1 (type
// arrays, const; prefixItems and dependentRequired rewritten into their draft 7 forms). The
// operation is found by method and URL path (path templates, after a server's base path).
// Schemas are compiled once per operation, status and content type. Not thread-safe.
class ContractChecker
{
public:
    ~ContractChecker();
    ContractChecker(const ContractChecker &) = delete;
    ContractChecker &operator=(const ContractChecker &) = delete;

    static Result<std::unique_ptr<ContractChecker>> loadFile(const QString &specPath,
                                                             const SpecLimits &limits = {});
    static std::unique_ptr<ContractChecker> fromSpec(std::unique_ptr<SpecSet> spec);

    ContractResult check(const QString &method, const QString &url, int status,
                         const QByteArray &contentType, const QByteArray &body);
    // Uses the response's final method and URL, status, Content-Type and body.
    ContractResult check(const Response &response);

    // Validates `instance` against a JSON Schema document, outside any description (for the
    // JSON-Schema-Test-Suite). `draft` is 4 or 7. Errors: "schema-invalid".
    static Result<QList<ContractViolation>>
    validateJsonSchema(const QByteArray &schema, const QByteArray &instance, int draft);

private:
    ContractChecker();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Patchbay::Core
