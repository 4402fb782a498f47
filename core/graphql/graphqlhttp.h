#pragma once

#include "core/common/result.h"
#include "core/http/request.h"

#include <QByteArray>
#include <QString>

namespace Patchbay::Core {

// How a GraphQL body goes over HTTP (GraphQL-over-HTTP): a POST of application/json
// {"query", "operationName", "variables"}, or with GET the same three as query parameters.
// Everything that sends, exports or generates code for a GraphQL request lowers it here first,
// so the window, patchbay-cli, code generation and exports send the same bytes.

// {"query":...,"operationName":...,"variables":...}: operationName only when set, variables only
// when not blank and then exactly as written (key order, number literals), as Postman does.
QByteArray graphQlPayload(const GraphQlBody &body);

// `request` with a GraphQl body turned into the plain HTTP request that is sent: a Json body for
// any method but GET, query parameters and no body for GET. Other requests come back unchanged.
// Error "invalid-request" when the variables are not a JSON object.
Result<Request> graphQlAsHttp(const Request &request);

// The variables text is empty, blank, or a JSON object; else what is wrong, for the user.
QString graphQlVariablesProblem(const QString &variables);

// The introspection query (graphql-js 16's getIntrospectionQuery with descriptions): what
// every spec-compliant server answers, used to fetch a schema.
QString introspectionQuery();

// The request that fetches the schema of the endpoint `request` talks to: the same URL, query
// parameters, headers, auth and settings, with the introspection query as its GraphQL body
// (GET stays GET, any other method becomes POST).
Request introspectionRequest(const Request &request);

} // namespace Patchbay::Core
