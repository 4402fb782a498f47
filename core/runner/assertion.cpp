#include "core/runner/assertion.h"

#include "core/environments/variablecontext.h"
#include "core/http/response.h"
#include "core/json/jsonparser.h"
#include "core/json/jsonpointer.h"
#include "core/json/jsonwriter.h"
#include "core/query/jqdocument.h"
#include "core/query/jsonquery.h"
#include "core/sse/eventstreamsession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <deque>
#include <optional>

namespace Patchbay::Core {

namespace {

struct KindName
{
    AssertionKind kind;
    const char *name;
};

constexpr KindName kindNames[] = {
    {AssertionKind::StatusEquals, "status-equals"},
    {AssertionKind::StatusInRange, "status-in-range"},
    {AssertionKind::HeaderExists, "header-exists"},
    {AssertionKind::HeaderEquals, "header-equals"},
    {AssertionKind::HeaderMatches, "header-matches"},
    {AssertionKind::JsonExists, "json-exists"},
    {AssertionKind::JsonEquals, "json-equals"},
    {AssertionKind::JsonType, "json-type"},
    {AssertionKind::JsonMatches, "json-matches"},
    {AssertionKind::BodyContains, "body-contains"},
    {AssertionKind::ResponseTimeBelow, "response-time-below"},
    {AssertionKind::MatchesSpec, "matches-spec"},
};

// How long one jq expression may run on one response before it is stopped.
constexpr int kQueryTimeoutMs = 5000;

// Compiled jq programs by text, per thread: a run evaluates the same few expressions on every
// response, and compiling costs libjq about 20 ms where running takes microseconds.
JsonQueryCache &queryCache()
{
    thread_local JsonQueryCache cache;
    return cache;
}

// What JSON targets look at: the body, or for an event stream (a run reads one as events,
// core/runner/eventstreamstep.h) its events as a JSON array of {id, event, data}, so that
// `length`, `.[0].data` or `/2/id` check and capture them.
QByteArray jsonBody(const Response &response)
{
    if (!isEventStream(response))
        return response.body.readAll();
    EventStreamParser parser;
    QJsonArray events;
    for (const ServerSentEvent &event : parser.feed(response.body.readAll())) {
        events.append(QJsonObject {{QStringLiteral("id"), event.lastEventId},
                                   {QStringLiteral("event"), event.type},
                                   {QStringLiteral("data"), event.data}});
    }
    return QJsonDocument(events).toJson(QJsonDocument::Compact);
}

// The response body parsed once, on first use: as a JsonValue for pointers, as a JqDocument
// for jq and JSONPath.
class LazyJson
{
public:
    explicit LazyJson(const Response &response)
        : m_response(response)
    { }

    // Null with `error` set when the body is not JSON.
    const JsonValue *root(QString *error)
    {
        if (!m_parsed) {
            m_parsed = true;
            Result<JsonValue> parsed = parseJson(jsonBody(m_response));
            if (parsed.ok())
                m_value = std::move(parsed).value();
            else
                m_error = parsed.error().message;
        }
        if (!m_value)
            *error = QStringLiteral("the body is not JSON (%1)").arg(m_error);
        return m_value ? &*m_value : nullptr;
    }

    // The first result of a jq expression or JSONPath, kept for the lifetime of this object;
    // null with `error` set when it has none or fails.
    const JsonValue *query(const QString &expression, QString *error)
    {
        const Result<JqProgram *> program = queryCache().program(expression);
        if (!program.ok()) {
            *error = QStringLiteral("\"%1\" is not a valid %2 (%3)")
                         .arg(expression,
                              queryLanguageOf(expression) == QueryLanguage::JsonPath
                                  ? QStringLiteral("JSONPath")
                                  : QStringLiteral("jq expression"),
                              program.error().message);
            return nullptr;
        }
        if (m_document.isNull()) {
            if (!m_documentError.isEmpty()) {
                *error = m_documentError;
                return nullptr;
            }
            Result<JqDocument> document = JqDocument::parse(jsonBody(m_response));
            if (!document.ok()) {
                m_documentError
                    = QStringLiteral("the body is not JSON (%1)").arg(document.error().message);
                *error = m_documentError;
                return nullptr;
            }
            m_document = std::move(document).value();
        }
        const Result<JqOutput> out
            = program.value()->run(m_document, {1, 0, kQueryTimeoutMs}, JqFormat::Compact);
        if (!out.ok()) {
            *error = QStringLiteral("%1 failed: %2").arg(expression, out.error().message);
            return nullptr;
        }
        if (out.value().results.isEmpty()) {
            *error = QStringLiteral("%1 gave no value").arg(expression);
            return nullptr;
        }
        Result<JsonValue> value = parseJson(out.value().results.constFirst());
        if (!value.ok()) { // jq prints only JSON; kept for safety
            *error = QStringLiteral("%1 gave a value that is not JSON").arg(expression);
            return nullptr;
        }
        m_results.push_back(std::move(value).value());
        return &m_results.back();
    }

private:
    const Response &m_response;
    bool m_parsed = false;
    std::optional<JsonValue> m_value;
    QString m_error;
    JqDocument m_document;
    QString m_documentError;
    std::deque<JsonValue> m_results; // stable addresses for the values handed out
};

// The value `target` names in the body, or null with a message saying why not.
const JsonValue *jsonAt(LazyJson &json, const QString &pointerText, QString *error)
{
    if (isJsonQuery(pointerText))
        return json.query(pointerText, error);
    const Result<JsonPointer> pointer = JsonPointer::parse(pointerText);
    if (!pointer.ok()) {
        *error = QStringLiteral("\"%1\" is not a JSON pointer (it starts with / and each ~ is "
                                "followed by 0 or 1); write it like /data/0/id")
                     .arg(pointerText);
        return nullptr;
    }
    const JsonValue *root = json.root(error);
    if (!root)
        return nullptr;
    const JsonValue *value = resolveJsonPointer(*root, pointer.value());
    if (!value)
        *error = QStringLiteral("%1 is not in the body").arg(pointerText);
    return value;
}

QString shortText(QString text)
{
    constexpr qsizetype max = 120;
    if (text.size() > max)
        text = text.left(max) + QStringLiteral("...");
    return text;
}

QString jsonText(const JsonValue &value)
{
    return shortText(QString::fromUtf8(toJson(value, JsonStyle::Compact)));
}

AssertionResult pass(QString message)
{
    return {true, std::move(message)};
}

AssertionResult fail(QString message)
{
    return {false, std::move(message)};
}

std::optional<QRegularExpression> compile(const QString &pattern, QString *error)
{
    QRegularExpression re(pattern);
    if (!re.isValid()) {
        *error = QStringLiteral("\"%1\" is not a valid regular expression (%2)")
                     .arg(pattern, re.errorString());
        return std::nullopt;
    }
    return re;
}

AssertionResult evaluate(const Response &response, LazyJson &json, const Assertion &a)
{
    const QString &target = a.target;
    const QString &expected = a.expected;
    QString error;
    switch (a.kind) {
    case AssertionKind::StatusEquals: {
        bool ok = false;
        const int want = expected.trimmed().toInt(&ok);
        if (!ok)
            return fail(
                QStringLiteral("\"%1\" is not a status code; write e.g. 200").arg(expected));
        if (response.statusCode == want)
            return pass(QStringLiteral("status is %1").arg(want));
        return fail(
            QStringLiteral("expected status %1, got %2").arg(want).arg(response.statusCode));
    }
    case AssertionKind::StatusInRange: {
        int low = 0;
        int high = 0;
        if (!parseStatusRange(expected, &low, &high))
            return fail(QStringLiteral("\"%1\" is not a status range; write e.g. 200-299 or 2xx")
                            .arg(expected));
        const QString range = QStringLiteral("%1-%2").arg(low).arg(high);
        if (response.statusCode >= low && response.statusCode <= high)
            return pass(QStringLiteral("status %1 is in %2").arg(response.statusCode).arg(range));
        return fail(
            QStringLiteral("expected status in %1, got %2").arg(range).arg(response.statusCode));
    }
    case AssertionKind::HeaderExists: {
        if (!response.header(target.toUtf8()).isNull())
            return pass(QStringLiteral("header %1 is present").arg(target));
        return fail(QStringLiteral("expected header %1, but the response has none").arg(target));
    }
    case AssertionKind::HeaderEquals:
    case AssertionKind::HeaderMatches: {
        const QByteArray raw = response.header(target.toUtf8());
        if (raw.isNull())
            return fail(
                QStringLiteral("expected header %1, but the response has none").arg(target));
        const QString value = QString::fromUtf8(raw);
        if (a.kind == AssertionKind::HeaderEquals) {
            if (value == expected)
                return pass(QStringLiteral("header %1 is \"%2\"").arg(target, value));
            return fail(QStringLiteral("expected header %1 to be \"%2\", got \"%3\"")
                            .arg(target, expected, shortText(value)));
        }
        const std::optional<QRegularExpression> re = compile(expected, &error);
        if (!re)
            return fail(error);
        if (re->match(value).hasMatch())
            return pass(QStringLiteral("header %1 matches %2").arg(target, expected));
        return fail(QStringLiteral("expected header %1 to match %2, got \"%3\"")
                        .arg(target, expected, shortText(value)));
    }
    case AssertionKind::JsonExists: {
        // jq gives null for a missing member: null from an expression counts as missing.
        if (const JsonValue *value = jsonAt(json, target, &error);
            value && (!isJsonQuery(target) || !value->isNull()))
            return pass(QStringLiteral("%1 exists").arg(target));
        if (error.isEmpty())
            error = QStringLiteral("it is null or missing");
        return fail(QStringLiteral("expected %1 to exist, but %2").arg(target, error));
    }
    case AssertionKind::JsonEquals: {
        const JsonValue *value = jsonAt(json, target, &error);
        if (!value)
            return fail(
                QStringLiteral("expected %1 to equal %2, but %3").arg(target, expected, error));
        // A string compares with the text as written, so `expected: abc` needs no quotes; any
        // other value compares as JSON (1.0 equals 1, member order does not matter).
        bool equal = false;
        const Result<JsonValue> want = parseJson(expected.toUtf8());
        if (want.ok())
            equal = *value == want.value();
        if (!equal && value->isString())
            equal = value->toString() == expected;
        if (equal)
            return pass(QStringLiteral("%1 equals %2").arg(target, shortText(expected)));
        return fail(QStringLiteral("expected %1 to equal %2, got %3")
                        .arg(target, shortText(expected), jsonText(*value)));
    }
    case AssertionKind::JsonType: {
        const QString want = expected.trimmed().toLower();
        static const QStringList types = {
            QStringLiteral("null"),   QStringLiteral("boolean"), QStringLiteral("number"),
            QStringLiteral("string"), QStringLiteral("array"),   QStringLiteral("object"),
        };
        if (!types.contains(want))
            return fail(QStringLiteral("\"%1\" is not a JSON type; write one of %2")
                            .arg(expected, types.join(QStringLiteral(", "))));
        const JsonValue *value = jsonAt(json, target, &error);
        if (!value)
            return fail(QStringLiteral("expected %1 to be a %2, but %3").arg(target, want, error));
        if (value->typeName() == want)
            return pass(QStringLiteral("%1 is a %2").arg(target, want));
        return fail(QStringLiteral("expected %1 to be a %2, got a %3 (%4)")
                        .arg(target, want, value->typeName(), jsonText(*value)));
    }
    case AssertionKind::JsonMatches: {
        const std::optional<QRegularExpression> re = compile(expected, &error);
        if (!re)
            return fail(error);
        const JsonValue *value = jsonAt(json, target, &error);
        if (!value)
            return fail(
                QStringLiteral("expected %1 to match %2, but %3").arg(target, expected, error));
        const QString text = jsonScalarText(*value);
        if (re->match(text).hasMatch())
            return pass(QStringLiteral("%1 matches %2").arg(target, expected));
        return fail(QStringLiteral("expected %1 to match %2, got %3")
                        .arg(target, expected, jsonText(*value)));
    }
    case AssertionKind::BodyContains: {
        if (expected.isEmpty())
            return pass(QStringLiteral("the body contains the empty text"));
        if (response.body.readAll().contains(expected.toUtf8()))
            return pass(QStringLiteral("the body contains \"%1\"").arg(shortText(expected)));
        return fail(QStringLiteral("expected the body to contain \"%1\"").arg(shortText(expected)));
    }
    case AssertionKind::ResponseTimeBelow: {
        bool ok = false;
        const double limit = expected.trimmed().toDouble(&ok);
        if (!ok)
            return fail(QStringLiteral("\"%1\" is not a number of milliseconds; write e.g. 500")
                            .arg(expected));
        const double took = response.timing.totalMs();
        if (took >= 0 && took < limit)
            return pass(QStringLiteral("response time %1 ms is below %2 ms")
                            .arg(took, 0, 'f', 1)
                            .arg(limit));
        return fail(QStringLiteral("expected a response time below %1 ms, took %2 ms")
                        .arg(limit)
                        .arg(took, 0, 'f', 1));
    }
    case AssertionKind::MatchesSpec:
        break; // evaluateAssertions() asks the SpecCheck
    }
    return fail(QStringLiteral("unknown assertion"));
}

} // namespace

bool isJsonQuery(const QString &target)
{
    return !target.isEmpty() && !target.startsWith(u'/');
}

QString assertionKindName(AssertionKind kind)
{
    for (const KindName &k : kindNames) {
        if (k.kind == kind)
            return QLatin1String(k.name);
    }
    return {};
}

bool assertionKindFromName(QStringView name, AssertionKind *kind)
{
    for (const KindName &k : kindNames) {
        if (name == QLatin1String(k.name)) {
            *kind = k.kind;
            return true;
        }
    }
    return false;
}

QList<AssertionKind> allAssertionKinds()
{
    QList<AssertionKind> kinds;
    for (const KindName &k : kindNames)
        kinds.append(k.kind);
    return kinds;
}

bool assertionKindUsesTarget(AssertionKind kind)
{
    switch (kind) {
    case AssertionKind::StatusEquals:
    case AssertionKind::StatusInRange:
    case AssertionKind::BodyContains:
    case AssertionKind::ResponseTimeBelow:
    case AssertionKind::MatchesSpec:
        return false;
    default:
        return true;
    }
}

bool assertionKindUsesExpected(AssertionKind kind)
{
    return kind != AssertionKind::HeaderExists && kind != AssertionKind::JsonExists
        && kind != AssertionKind::MatchesSpec;
}

bool parseStatusRange(const QString &text, int *low, int *high)
{
    const QString t = text.trimmed();
    static const QRegularExpression classPattern(QStringLiteral("^([1-5])[xX][xX]$"));
    if (const QRegularExpressionMatch m = classPattern.match(t); m.hasMatch()) {
        *low = m.captured(1).toInt() * 100;
        *high = *low + 99;
        return true;
    }
    const qsizetype dash = t.indexOf(u'-');
    bool okLow = false;
    bool okHigh = false;
    if (dash < 0) {
        *low = *high = t.toInt(&okLow);
        return okLow;
    }
    *low = t.left(dash).trimmed().toInt(&okLow);
    *high = t.mid(dash + 1).trimmed().toInt(&okHigh);
    return okLow && okHigh && *low <= *high;
}

QString describeAssertion(const Assertion &a)
{
    switch (a.kind) {
    case AssertionKind::StatusEquals:
        return QStringLiteral("status equals %1").arg(a.expected);
    case AssertionKind::StatusInRange:
        return QStringLiteral("status in %1").arg(a.expected);
    case AssertionKind::HeaderExists:
        return QStringLiteral("header %1 exists").arg(a.target);
    case AssertionKind::HeaderEquals:
        return QStringLiteral("header %1 equals \"%2\"").arg(a.target, a.expected);
    case AssertionKind::HeaderMatches:
        return QStringLiteral("header %1 matches %2").arg(a.target, a.expected);
    case AssertionKind::JsonExists:
        return QStringLiteral("%1 exists").arg(a.target);
    case AssertionKind::JsonEquals:
        return QStringLiteral("%1 equals %2").arg(a.target, a.expected);
    case AssertionKind::JsonType:
        return QStringLiteral("%1 is a %2").arg(a.target, a.expected);
    case AssertionKind::JsonMatches:
        return QStringLiteral("%1 matches %2").arg(a.target, a.expected);
    case AssertionKind::BodyContains:
        return QStringLiteral("body contains \"%1\"").arg(a.expected);
    case AssertionKind::ResponseTimeBelow:
        return QStringLiteral("response time below %1 ms").arg(a.expected);
    case AssertionKind::MatchesSpec:
        return QStringLiteral("response matches the API description");
    }
    return {};
}

QList<AssertionResult> evaluateAssertions(const Response &response,
                                          const QList<Assertion> &assertions,
                                          const VariableContext *variables,
                                          const SpecCheck &specCheck, const QString &requestPath)
{
    QList<AssertionResult> results;
    results.reserve(assertions.size());
    LazyJson json(response);
    for (const Assertion &assertion : assertions) {
        if (!assertion.enabled) {
            results.append(pass(QStringLiteral("disabled")));
            continue;
        }
        if (response.isError()) {
            // The request's own failure says why; repeating it per assertion is noise.
            results.append(fail(QStringLiteral("%1: not checked, the request got no response")
                                    .arg(describeAssertion(assertion))));
            continue;
        }
        if (assertion.kind == AssertionKind::MatchesSpec) {
            if (!specCheck) {
                results.append(fail(QStringLiteral("no API description is linked to this "
                                                   "request's collection (import one with "
                                                   "File → Import)")));
                continue;
            }
            const SpecCheckResult checked = specCheck(requestPath, response);
            results.append(checked.result);
            continue;
        }
        Assertion resolved = assertion;
        if (variables) {
            resolved.target = variables->resolveText(assertion.target);
            resolved.expected = variables->resolveText(assertion.expected);
        }
        results.append(evaluate(response, json, resolved));
    }
    return results;
}

QList<CaptureResult> applyCaptures(const Response &response, const QList<Capture> &captures)
{
    QList<CaptureResult> results;
    LazyJson json(response);
    for (const Capture &capture : captures) {
        if (!capture.enabled)
            continue;
        CaptureResult r;
        r.variable = capture.variable;
        if (response.isError()) {
            r.message = QStringLiteral("not captured, the request got no response");
        } else if (capture.source == CaptureSource::Header) {
            const QByteArray value = response.header(capture.path.toUtf8());
            if (value.isNull()) {
                r.message = QStringLiteral("the response has no header %1").arg(capture.path);
            } else {
                r.captured = true;
                r.value = QString::fromUtf8(value);
            }
        } else {
            QString error;
            if (const JsonValue *value = jsonAt(json, capture.path, &error)) {
                r.captured = true;
                r.value = value->isString() ? value->toString()
                                            : QString::fromUtf8(toJson(*value, JsonStyle::Compact));
            } else {
                r.message = error;
            }
        }
        results.append(r);
    }
    return results;
}

} // namespace Patchbay::Core
