#pragma once

#include <QList>
#include <QString>

#include <functional>

namespace Patchbay::Core {

struct Response;
class VariableContext;

// A check on a response, saved with the request (`tests:` in docs/FORMAT.md) and run after each
// send. `target` names what is checked (a header name, a JSON pointer) and `expected` what it
// must be; kinds that need only one of them ignore the other.
//
// A JSON target is an RFC 6901 pointer when empty or starting with '/' ("/data/0/id"); any other
// text is a query on the body: a jq expression (".data[0].id", ".items | length") or, starting
// with $, a JSONPath ("$.data[0].id"), whose first result is the value checked (core/query/).
enum class AssertionKind {
    StatusEquals, // expected "200"
    StatusInRange, // expected "200-299" or "2xx"
    HeaderExists, // target: header name
    HeaderEquals, // target: header name, expected: exact value
    HeaderMatches, // target: header name, expected: regular expression (search)
    JsonExists, // target: JSON pointer ("/data/0/id") or query; a query's null counts as missing
    JsonEquals, // target: JSON pointer, expected: JSON ("1.5", "true", "\"x\"") or plain text
    JsonType, // target: JSON pointer, expected: null, boolean, number, string, array, object
    JsonMatches, // target: JSON pointer, expected: regular expression on the value's text
    BodyContains, // expected: text
    ResponseTimeBelow, // expected: milliseconds
    MatchesSpec, // the body matches the collection's API description (docs/OPENAPI.md)
};

struct Assertion
{
    AssertionKind kind = AssertionKind::StatusEquals;
    QString target;
    QString expected;
    bool enabled = true;

    friend bool operator==(const Assertion &, const Assertion &) = default;
};

enum class CaptureSource { JsonPointer, Header };

// Sets a variable from a response, for the requests after it in a run (a login token feeding
// the next request's Authorization header).
struct Capture
{
    QString variable;
    CaptureSource source = CaptureSource::JsonPointer;
    QString path; // a JSON pointer, a jq expression or JSONPath (see above), or a header name
    bool enabled = true;

    friend bool operator==(const Capture &, const Capture &) = default;
};

struct AssertionResult
{
    bool passed = false;
    QString message; // "status is 200" or "expected status 200, got 404"

    friend bool operator==(const AssertionResult &, const AssertionResult &) = default;
};

struct CaptureResult
{
    QString variable;
    bool captured = false;
    QString value;
    QString message; // why nothing was captured

    friend bool operator==(const CaptureResult &, const CaptureResult &) = default;
};

// True when a JSON target or capture path is a jq expression or JSONPath, not a JSON pointer.
bool isJsonQuery(const QString &target);

// Stable names used in files and reports: "status-equals", "json-type", ...
QString assertionKindName(AssertionKind kind);
// False when `name` is not one of the names above.
bool assertionKindFromName(QStringView name, AssertionKind *kind);
QList<AssertionKind> allAssertionKinds();
bool assertionKindUsesTarget(AssertionKind kind);
bool assertionKindUsesExpected(AssertionKind kind);
// Reads a StatusInRange (or StatusEquals) expectation: "2xx", "200-299" or "404". False when
// it is none of these.
bool parseStatusRange(const QString &text, int *low, int *high);
// A short sentence for reports: "status equals 200", "header Content-Type exists".
QString describeAssertion(const Assertion &assertion);

// What checking a response against the API description of its request's collection gave:
// `described` false when no description covers it (no linked description, or no operation,
// status or content type of it fits), and then `result` says why.
struct SpecCheckResult
{
    bool described = false;
    AssertionResult result;
};
// Checks the response of the request saved at `requestPath` (empty when not saved).
using SpecCheck = std::function<SpecCheckResult(const QString &requestPath, const Response &)>;

// One result per assertion, disabled ones included (passed, message "disabled"), in order.
// `{{variables}}` in target and expected are resolved with `variables` when given. The body is
// parsed as JSON at most once, and only when a JSON assertion needs it.
// `matches-spec` assertions ask `specCheck` about the request at `requestPath`; without one they
// fail, saying that no description is linked.
QList<AssertionResult> evaluateAssertions(const Response &response,
                                          const QList<Assertion> &assertions,
                                          const VariableContext *variables = nullptr,
                                          const SpecCheck &specCheck = {},
                                          const QString &requestPath = {});

// The value of each enabled capture: strings without quotes, other JSON values as compact JSON,
// header values as sent. A missing pointer or header gives captured = false and a message.
QList<CaptureResult> applyCaptures(const Response &response, const QList<Capture> &captures);

} // namespace Patchbay::Core
