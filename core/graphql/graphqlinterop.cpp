#include "core/graphql/graphqlinterop.h"

#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"

namespace Patchbay::Core {

QString graphQlVariablesText(const JsonValue &variables)
{
    if (variables.isString())
        return variables.toString();
    if (variables.isContainer())
        return QString::fromUtf8(toJson(variables, JsonStyle::Compact));
    return {};
}

std::optional<RequestBody> graphQlBodyFromJsonText(const QString &text)
{
    const Result<JsonValue> doc = parseJson(text.toUtf8());
    if (!doc || !doc->isObject() || !doc->value(u"query").isString())
        return std::nullopt;
    RequestBody body;
    body.mode = BodyMode::GraphQl;
    body.graphql.query = doc->value(u"query").toString();
    const JsonValue &variables = doc->value(u"variables");
    body.graphql.variables = variables.isContainer()
        ? QString::fromUtf8(toJson(variables, JsonStyle::Indented))
        : graphQlVariablesText(variables);
    if (doc->value(u"operationName").isString())
        body.graphql.operationName = doc->value(u"operationName").toString();
    return body;
}

RequestBody graphQlBodyFromHttpLines(const QStringList &lines)
{
    qsizetype split = lines.size();
    for (qsizetype i = lines.size() - 1; i > 0; --i) {
        if (lines.at(i).trimmed().isEmpty()) {
            const QString rest = lines.mid(i + 1).join(u'\n').trimmed();
            if (rest.startsWith(u'{') && rest.endsWith(u'}'))
                split = i;
            break;
        }
    }
    RequestBody body;
    body.mode = BodyMode::GraphQl;
    body.graphql.query = lines.mid(0, split).join(u'\n').trimmed();
    if (split < lines.size())
        body.graphql.variables = lines.mid(split + 1).join(u'\n').trimmed();
    return body;
}

} // namespace Patchbay::Core
