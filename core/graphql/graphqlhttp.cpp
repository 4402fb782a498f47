#include "core/graphql/graphqlhttp.h"

#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"

namespace Patchbay::Core {

namespace {

QByteArray jsonString(const QString &text)
{
    QByteArray out;
    appendJsonString(out, text);
    return out;
}

bool isBlank(const QString &text)
{
    return text.trimmed().isEmpty();
}

} // namespace

QByteArray graphQlPayload(const GraphQlBody &body)
{
    QByteArray out = "{\"query\":" + jsonString(body.query);
    if (!body.operationName.isEmpty())
        out += ",\"operationName\":" + jsonString(body.operationName);
    if (!isBlank(body.variables))
        out += ",\"variables\":" + body.variables.toUtf8();
    out += '}';
    return out;
}

QString graphQlVariablesProblem(const QString &variables)
{
    if (isBlank(variables))
        return {};
    const Result<JsonValue> parsed = parseJson(variables.toUtf8());
    if (!parsed)
        return QStringLiteral("The GraphQL variables are not valid JSON (%1). Fix them, or "
                              "clear them to send none.")
            .arg(parsed.error().message);
    if (!parsed->isObject() && !parsed->isNull())
        return QStringLiteral("The GraphQL variables must be a JSON object such as "
                              "{\"id\": 1}. Fix them, or clear them to send none.");
    return {};
}

Result<Request> graphQlAsHttp(const Request &request)
{
    if (request.body.mode != BodyMode::GraphQl)
        return request;
    const GraphQlBody &g = request.body.graphql;
    const QString problem = graphQlVariablesProblem(g.variables);
    if (!problem.isEmpty())
        return Error {QStringLiteral("invalid-request"), problem};

    Request out = request;
    out.body = RequestBody {};
    if (request.method.compare(QLatin1String("GET"), Qt::CaseInsensitive) == 0) {
        // GraphQL-over-HTTP: the same members as query parameters (the spec allows GET for
        // queries; servers refuse mutations over GET).
        out.params.append({QStringLiteral("query"), g.query, true});
        if (!g.operationName.isEmpty())
            out.params.append({QStringLiteral("operationName"), g.operationName, true});
        if (!isBlank(g.variables))
            out.params.append({QStringLiteral("variables"), g.variables.trimmed(), true});
        return out;
    }
    out.body.mode = BodyMode::Json;
    out.body.text = QString::fromUtf8(graphQlPayload(g));
    return out;
}

QString introspectionQuery()
{
    return QStringLiteral(R"(query IntrospectionQuery {
  __schema {
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types {
      ...FullType
    }
    directives {
      name
      description
      locations
      args {
        ...InputValue
      }
    }
  }
}

fragment FullType on __Type {
  kind
  name
  description
  fields(includeDeprecated: true) {
    name
    description
    args {
      ...InputValue
    }
    type {
      ...TypeRef
    }
    isDeprecated
    deprecationReason
  }
  inputFields {
    ...InputValue
  }
  interfaces {
    ...TypeRef
  }
  enumValues(includeDeprecated: true) {
    name
    description
    isDeprecated
    deprecationReason
  }
  possibleTypes {
    ...TypeRef
  }
}

fragment InputValue on __InputValue {
  name
  description
  type { ...TypeRef }
  defaultValue
}

fragment TypeRef on __Type {
  kind
  name
  ofType {
    kind
    name
    ofType {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
                ofType {
                  kind
                  name
                }
              }
            }
          }
        }
      }
    }
  }
})");
}

Request introspectionRequest(const Request &request)
{
    Request out = request;
    if (out.method.compare(QLatin1String("GET"), Qt::CaseInsensitive) != 0)
        out.method = QStringLiteral("POST");
    const QString schemaFile = request.body.graphql.schemaFile;
    out.body = RequestBody {};
    out.body.mode = BodyMode::GraphQl;
    out.body.graphql.query = introspectionQuery();
    out.body.graphql.operationName = QStringLiteral("IntrospectionQuery");
    out.body.graphql.schemaFile = schemaFile;
    return out;
}

} // namespace Patchbay::Core
