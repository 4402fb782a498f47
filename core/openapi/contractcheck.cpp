#include "core/openapi/contractcheck.h"

#include "core/http/response.h"
#include "core/json/jsonpointer.h"
#include "core/openapi/schemaconvert.h"
#include "core/openapi/specset.h"

#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <QRegularExpression>
#include <QUrl>

#include <cmath>
#include <map>

namespace Patchbay::Core {

namespace {

struct Compiled
{
    nlohmann::json document;
    valijson::Schema schema;
};

struct OperationEntry
{
    QString method; // upper case
    QString path; // template as written
    QStringList segments;
    SpecNode operation;
};

QString pointerFromContext(const std::vector<std::string> &context)
{
    QStringList tokens;
    for (const std::string &part : context) {
        if (part == "<root>")
            continue;
        QString token = QString::fromStdString(part);
        if (token.startsWith(u'[') && token.endsWith(u']'))
            token = token.mid(1, token.size() - 2);
        tokens << token;
    }
    return JsonPointer(tokens).toString();
}

bool isWrapperMessage(const std::string &text)
{
    return text.rfind("Failed to validate against schema associated with", 0) == 0
        || text.rfind("Failed to validate item", 0) == 0
        || text.rfind("Failed to validate against child schema", 0) == 0
        || text.rfind("Failed to validate against schema at index", 0) == 0;
}

Result<std::shared_ptr<Compiled>> compile(nlohmann::json document, int draft)
{
    auto compiled = std::make_shared<Compiled>();
    compiled->document = std::move(document);
    try {
        valijson::SchemaParser parser(draft == 4 ? valijson::SchemaParser::kDraft4
                                                 : valijson::SchemaParser::kDraft7);
        valijson::adapters::NlohmannJsonAdapter adapter(compiled->document);
        parser.populateSchema(adapter, compiled->schema);
    } catch (const std::exception &e) {
        return Error {QStringLiteral("schema-invalid"),
                      QStringLiteral("The schema could not be compiled: %1.")
                          .arg(QString::fromStdString(e.what()))};
    }
    return compiled;
}

// Since draft 6 a number with a zero fraction (1.0) is an integer; valijson checks the JSON
// type as parsed, so such numbers are made integers first.
void integersFromWholeFloats(nlohmann::json &value)
{
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15)
            value = int64_t(d);
    } else if (value.is_structured()) {
        for (nlohmann::json &child : value)
            integersFromWholeFloats(child);
    }
}

QList<ContractViolation> validate(const Compiled &compiled, const nlohmann::json &instance)
{
    QList<ContractViolation> all;
    QList<ContractViolation> leaves;
    try {
        valijson::Validator validator;
        valijson::ValidationResults results;
        valijson::adapters::NlohmannJsonAdapter target(instance);
        if (validator.validate(compiled.schema, target, &results))
            return {};
        valijson::ValidationResults::Error error;
        while (results.popError(error)) {
            const ContractViolation v {pointerFromContext(error.context),
                                       QString::fromStdString(error.description)};
            if (!all.contains(v))
                all << v;
            if (!isWrapperMessage(error.description) && !leaves.contains(v))
                leaves << v;
        }
    } catch (const std::exception &e) {
        return {ContractViolation {
            QString(),
            QStringLiteral("validation stopped: %1").arg(QString::fromStdString(e.what()))}};
    }
    QList<ContractViolation> &out = leaves.isEmpty() ? all : leaves;
    if (out.isEmpty())
        out << ContractViolation {QString(), QStringLiteral("does not match the schema")};
    if (out.size() > 50)
        out.resize(50);
    return out;
}

QString baseType(const QByteArray &contentType)
{
    return QString::fromLatin1(contentType).section(u';', 0, 0).trimmed().toLower();
}

bool isJsonType(const QString &type)
{
    return type == QLatin1String("application/json") || type.endsWith(QLatin1String("+json"))
        || type == QLatin1String("text/json");
}

} // namespace

struct ContractChecker::Private
{
    std::unique_ptr<SpecSet> spec;
    bool swagger = false;
    bool openapi31 = false;
    QStringList basePaths; // longest first; always ends with ""
    QList<OperationEntry> operations;
    std::map<QString, std::shared_ptr<Compiled>> compiled;

    void index();
    const OperationEntry *find(const QString &method, const QString &path) const;
};

QString ContractResult::summary() const
{
    const QString where = operation.isEmpty()
        ? QString()
        : QStringLiteral(" (%1%2)").arg(operation,
                                        schemaWhere.isEmpty() ? QString() : u", " + schemaWhere);
    switch (outcome) {
    case Outcome::Matches:
        return QStringLiteral("matches the spec") + where;
    case Outcome::NotDescribed:
        return QStringLiteral("not checked: ") + note;
    case Outcome::Violates:
        break;
    }
    QStringList lines;
    for (const ContractViolation &v : violations)
        lines << (v.pointer.isEmpty() ? QStringLiteral("(body)") : v.pointer) + QStringLiteral(": ")
                + v.message;
    const QString count = violations.size() == 1
        ? QStringLiteral("1 violation of the spec")
        : QStringLiteral("%1 violations of the spec").arg(violations.size());
    return count + where + QStringLiteral(": ") + lines.join(QStringLiteral("; "));
}

ContractChecker::ContractChecker()
    : d(std::make_unique<Private>())
{ }

ContractChecker::~ContractChecker() = default;

Result<std::unique_ptr<ContractChecker>> ContractChecker::loadFile(const QString &specPath,
                                                                   const SpecLimits &limits)
{
    Result<std::unique_ptr<SpecSet>> spec = SpecSet::loadFile(specPath, limits);
    if (!spec.ok())
        return spec.error();
    return fromSpec(std::move(spec.value()));
}

std::unique_ptr<ContractChecker> ContractChecker::fromSpec(std::unique_ptr<SpecSet> spec)
{
    std::unique_ptr<ContractChecker> checker(new ContractChecker);
    checker->d->spec = std::move(spec);
    checker->d->index();
    return checker;
}

void ContractChecker::Private::index()
{
    const SpecNode root = spec->root();
    swagger = root["swagger"].view() == "2.0";
    openapi31 = root["openapi"].view().substr(0, 3) == "3.1";
    QStringList bases;
    if (swagger) {
        bases << root.text("basePath");
    } else {
        root["servers"].forEachItem([&](SpecNode server) {
            QString url = server.text("url");
            server["variables"].forEachMember([&](std::string_view name, SpecNode variable) {
                url.replace(u'{' + toQString(name) + u'}', variable.text("default"));
            });
            bases << QUrl(url).path();
        });
    }
    for (QString &b : bases)
        while (b.endsWith(u'/'))
            b.chop(1);
    bases << QString();
    bases.removeDuplicates();
    std::stable_sort(bases.begin(), bases.end(),
                     [](const QString &a, const QString &b) { return a.size() > b.size(); });
    basePaths = bases;
    static const char *const methods[]
        = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};
    root["paths"].forEachMember([&](std::string_view path, SpecNode item) {
        item = spec->resolve(item);
        for (const char *m : methods) {
            const SpecNode op = item[m];
            if (!op.isObject())
                continue;
            OperationEntry entry;
            entry.method = QString::fromLatin1(m).toUpper();
            entry.path = toQString(path);
            entry.segments = entry.path.split(u'/', Qt::SkipEmptyParts);
            entry.operation = op;
            operations << entry;
        }
    });
}

const OperationEntry *ContractChecker::Private::find(const QString &method,
                                                     const QString &path) const
{
    for (const QString &base : basePaths) {
        if (!base.isEmpty() && !(path == base || path.startsWith(base + u'/')))
            continue;
        const QStringList segments = path.mid(base.size()).split(u'/', Qt::SkipEmptyParts);
        const OperationEntry *best = nullptr;
        int bestLiterals = -1;
        for (const OperationEntry &entry : operations) {
            if (entry.method != method || entry.segments.size() != segments.size())
                continue;
            int literals = 0;
            bool ok = true;
            for (qsizetype i = 0; i < segments.size() && ok; ++i) {
                const QString &t = entry.segments[i];
                if (t.startsWith(u'{') && t.endsWith(u'}'))
                    continue;
                if (t == segments[i] || t == QUrl::fromPercentEncoding(segments[i].toUtf8()))
                    ++literals;
                else
                    ok = false;
            }
            if (ok && literals > bestLiterals) {
                best = &entry;
                bestLiterals = literals;
            }
        }
        if (best)
            return best;
    }
    return nullptr;
}

ContractResult ContractChecker::check(const Response &response)
{
    return check(response.finalMethod, response.finalUrl.toString(), response.statusCode,
                 response.header("Content-Type"), response.body.readAll());
}

ContractResult ContractChecker::check(const QString &method, const QString &url, int status,
                                      const QByteArray &contentType, const QByteArray &body)
{
    ContractResult result;
    const QString path = QUrl(url).path();
    const OperationEntry *entry
        = d->find(method.toUpper(), path.isEmpty() ? QStringLiteral("/") : path);
    if (!entry) {
        result.note = QStringLiteral("no operation of the description matches %1 %2")
                          .arg(method.toUpper(), path);
        return result;
    }
    result.operation = entry->method + u' ' + entry->path;
    const SpecNode responses = entry->operation["responses"];
    const QByteArray code = QByteArray::number(status);
    const QByteArray range = QByteArray::number(status / 100) + "XX";
    SpecNode described = responses[std::string_view(code.constData(), size_t(code.size()))];
    if (!described.isValid())
        described = responses[std::string_view(range.constData(), size_t(range.size()))];
    if (!described.isValid())
        described = responses[std::string_view(range.toLower().constData(), size_t(range.size()))];
    if (!described.isValid())
        described = responses["default"];
    if (!described.isValid()) {
        result.outcome = ContractResult::Outcome::Violates;
        result.violations << ContractViolation {
            QString(),
            QStringLiteral("status %1 is not one of the responses the description "
                           "gives for %2")
                .arg(status)
                .arg(result.operation)};
        return result;
    }
    described = d->spec->resolve(described);
    const QString type = baseType(contentType);
    SpecNode schema;
    QString mediaKey;
    if (d->swagger) {
        schema = described["schema"];
        mediaKey = type;
    } else {
        const SpecNode content = described["content"];
        QString wildcard;
        QString any;
        content.forEachMember([&](std::string_view key, SpecNode) {
            const QString k = toQString(key).section(u';', 0, 0).trimmed().toLower();
            if (k == type && mediaKey.isEmpty())
                mediaKey = toQString(key);
            else if (k.endsWith(QLatin1String("/*")) && type.startsWith(k.chopped(1)))
                wildcard = toQString(key);
            else if (k == QLatin1String("*/*"))
                any = toQString(key);
        });
        if (mediaKey.isEmpty())
            mediaKey = !wildcard.isEmpty() ? wildcard : any;
        if (content.size() == 0) {
            result.outcome = ContractResult::Outcome::Matches;
            result.schemaWhere = QString::number(status);
            result.note = QStringLiteral("the description gives no body for this status");
            return result;
        }
        if (mediaKey.isEmpty()) {
            result.outcome = ContractResult::Outcome::Violates;
            result.violations << ContractViolation {
                QString(),
                QStringLiteral("Content-Type %1 is not one the description gives for "
                               "status %2")
                    .arg(type.isEmpty() ? QStringLiteral("(none)") : type)
                    .arg(status)};
            return result;
        }
        const QByteArray key = mediaKey.toUtf8();
        schema = content[std::string_view(key.constData(), size_t(key.size()))]["schema"];
    }
    result.schemaWhere = QString::number(status) + u' ' + (type.isEmpty() ? mediaKey : type);
    if (!schema.isValid()) {
        result.outcome = ContractResult::Outcome::Matches;
        result.note = QStringLiteral("the description gives no schema for this body");
        return result;
    }
    if (!isJsonType(type)) {
        result.note = QStringLiteral("only JSON bodies are checked (this one is %1)")
                          .arg(type.isEmpty() ? QStringLiteral("untyped") : type);
        return result;
    }
    const QString cacheKey = result.operation + u'\n' + result.schemaWhere;
    auto it = d->compiled.find(cacheKey);
    if (it == d->compiled.end()) {
        const SchemaDialect dialect = d->swagger ? SchemaDialect::Swagger2
            : d->openapi31                       ? SchemaDialect::OpenApi31
                                                 : SchemaDialect::OpenApi30;
        Result<std::shared_ptr<Compiled>> compiled = compile(
            schemaDocument(*d->spec, schema, dialect), dialect == SchemaDialect::OpenApi31 ? 7 : 4);
        if (!compiled.ok()) {
            result.note = compiled.error().message;
            return result;
        }
        it = d->compiled.emplace(cacheKey, compiled.value()).first;
    }
    nlohmann::json instance
        = nlohmann::json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (instance.is_discarded()) {
        result.outcome = ContractResult::Outcome::Violates;
        result.violations << ContractViolation {QString(),
                                                QStringLiteral("the body is not valid JSON")};
        return result;
    }
    if (d->openapi31)
        integersFromWholeFloats(instance);
    result.violations = validate(*it->second, instance);
    result.outcome = result.violations.isEmpty() ? ContractResult::Outcome::Matches
                                                 : ContractResult::Outcome::Violates;
    return result;
}

Result<QList<ContractViolation>>
ContractChecker::validateJsonSchema(const QByteArray &schema, const QByteArray &instance, int draft)
{
    Result<std::unique_ptr<SpecSet>> set
        = SpecSet::loadBytes(schema, QStringLiteral("schema.json"), {});
    if (!set.ok())
        return set.error();
    const SchemaDialect dialect = draft == 4 ? SchemaDialect::JsonSchema4
        : draft == 7                         ? SchemaDialect::JsonSchema7
                                             : SchemaDialect::OpenApi31;
    Result<std::shared_ptr<Compiled>> compiled
        = compile(schemaDocument(*set.value(), set.value()->root(), dialect), draft == 4 ? 4 : 7);
    if (!compiled.ok())
        return compiled.error();
    nlohmann::json value = nlohmann::json::parse(
        instance.constData(), instance.constData() + instance.size(), nullptr, false);
    if (value.is_discarded())
        return Error {QStringLiteral("json-syntax"), QStringLiteral("The instance is not JSON.")};
    if (draft != 4)
        integersFromWholeFloats(value);
    return validate(*compiled.value(), value);
}

} // namespace Patchbay::Core
