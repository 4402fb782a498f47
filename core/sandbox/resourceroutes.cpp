#include "core/sandbox/resourceroutes.h"

#include "core/json/jsonparser.h"
#include "core/json/jsonpatch.h"
#include "core/json/jsonwriter.h"
#include "core/json/mergepatch.h"
#include "core/sandbox/sandboxstore.h"

#include <QCryptographicHash>

namespace Patchbay::Core::Sandbox {

namespace {

const QByteArrayList collectionMethods = {"GET", "HEAD", "POST", "OPTIONS"};
const QByteArrayList itemMethods = {"GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"};
const QByteArrayList nestedMethods = {"GET", "HEAD", "OPTIONS"};

constexpr char mergePatchType[] = "application/merge-patch+json";
constexpr char jsonPatchType[] = "application/json-patch+json";
constexpr char acceptPatch[] = "application/json, application/merge-patch+json, "
                               "application/json-patch+json";

QString singular(const QString &collection)
{
    return collection.endsWith(u's') ? collection.chopped(1) : collection;
}

std::optional<qint64> parseId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0 || text.startsWith(u'+') || text.startsWith(u'0'))
        return std::nullopt;
    return id;
}

SandboxReply notFound(const QString &collection, const QString &idText)
{
    return errorReply(404,
                      QStringLiteral("There is no %1 with id %2 in /%3.")
                          .arg(singular(collection), idText, collection));
}

void addValidators(SandboxReply &reply, const StoredResource &resource)
{
    reply.setHeader("ETag", resource.quotedEtag());
    reply.setHeader("Last-Modified", httpDate(resource.modified));
}

SandboxReply resourceReply(int status, const StoredResource &resource)
{
    SandboxReply reply = jsonReply(status, toJson(resource.value));
    addValidators(reply, resource);
    return reply;
}

bool etagMatches(const QByteArray &headerValue, const QByteArray &etag)
{
    if (headerValue.trimmed() == "*")
        return true;
    return entityTags(headerValue).contains(etag);
}

// 412 when If-Match names another version of the resource.
std::optional<SandboxReply> checkIfMatch(const SandboxRequest &request,
                                         const StoredResource &resource)
{
    const QByteArray ifMatch = request.header("if-match");
    if (ifMatch.isNull() || etagMatches(ifMatch, resource.etag))
        return std::nullopt;
    SandboxReply reply = errorReply(
        412,
        QStringLiteral("If-Match %1 does not match the current ETag %2: the resource changed "
                       "since you read it. GET it again and retry.")
            .arg(QString::fromLatin1(ifMatch), QString::fromLatin1(resource.quotedEtag())));
    addValidators(reply, resource);
    return reply;
}

// 304 for a GET or HEAD whose If-None-Match names the current version.
std::optional<SandboxReply> checkIfNoneMatch(const SandboxRequest &request, const QByteArray &etag,
                                             const QDateTime &modified)
{
    const QByteArray ifNoneMatch = request.header("if-none-match");
    if (ifNoneMatch.isNull() || !etagMatches(ifNoneMatch, etag))
        return std::nullopt;
    SandboxReply reply;
    reply.status = 304;
    reply.setHeader("ETag", '"' + etag + '"');
    if (modified.isValid())
        reply.setHeader("Last-Modified", httpDate(modified));
    return reply;
}

SandboxReply unsupportedType(const SandboxRequest &request, const QByteArrayList &accepted)
{
    SandboxReply reply
        = errorReply(415,
                     QStringLiteral("Content-Type '%1' is not accepted here. Send one of: %2.")
                         .arg(QString::fromLatin1(request.header("content-type")),
                              QString::fromLatin1(accepted.join(", "))));
    if (request.method == "PATCH")
        reply.setHeader("Accept-Patch", acceptPatch);
    return reply;
}

// The body as JSON, or the 400/415 reply that says why not. A missing Content-Type counts as
// JSON: curl -d and hand-written requests often leave it out.
Result<JsonValue> parseBody(const SandboxRequest &request, const QByteArrayList &accepted,
                            SandboxReply &failure)
{
    const QByteArray type = request.mediaType();
    if (!type.isEmpty() && !accepted.contains(type)) {
        failure = unsupportedType(request, accepted);
        return Error {QStringLiteral("unsupported-media-type"), {}};
    }
    if (request.body.trimmed().isEmpty()) {
        failure = errorReply(400, QStringLiteral("The request has no body: send a JSON document."));
        return Error {QStringLiteral("empty-body"), {}};
    }
    Result<JsonValue> parsed = parseJson(request.body);
    if (!parsed.ok()) {
        failure = errorReply(400, QStringLiteral("Malformed JSON: %1").arg(parsed.error().message));
    }
    return parsed;
}

std::optional<SandboxReply> requireObject(const JsonValue &value, const QString &what)
{
    if (value.isObject())
        return std::nullopt;
    return errorReply(
        422, QStringLiteral("%1 must be a JSON object, not %2.").arg(what, value.typeName()));
}

SandboxReply listCollection(const SandboxStore &store, const SandboxRequest &request,
                            const QString &collection, QList<QPair<QString, QString>> filters)
{
    for (const auto &item : request.query.queryItems(QUrl::FullyDecoded))
        filters.append(item);
    const QList<StoredResource> items = store.list(collection, filters);
    JsonValue::Array array;
    array.reserve(items.size());
    for (const StoredResource &item : items)
        array.append(item.value);
    QByteArray body = toJson(JsonValue::fromArray(array));
    const QByteArray etag
        = QCryptographicHash::hash(body, QCryptographicHash::Sha1).toHex().left(20);
    if (auto notModified = checkIfNoneMatch(request, etag, {}))
        return *notModified;
    SandboxReply reply = jsonReply(200, std::move(body));
    reply.setHeader("ETag", '"' + etag + '"');
    reply.setHeader("X-Total-Count", QByteArray::number(items.size()));
    return reply;
}

SandboxReply createResource(SandboxStore &store, const SandboxRequest &request,
                            const QString &collection)
{
    SandboxReply failure;
    const Result<JsonValue> body = parseBody(request, {"application/json"}, failure);
    if (!body.ok())
        return failure;
    if (auto invalid = requireObject(*body, QStringLiteral("The body")))
        return *invalid;
    const StoredResource created = store.create(collection, *body);
    SandboxReply reply = resourceReply(201, created);
    const QString path = u'/' + collection + u'/' + QString::number(created.id);
    QUrl location = request.url;
    location.setPath(path);
    location.setQuery(QString());
    location.setFragment(QString());
    reply.setHeader("Location", location.host().isEmpty() ? path.toUtf8() : location.toEncoded());
    return reply;
}

SandboxReply patchResource(SandboxStore &store, const SandboxRequest &request,
                           const QString &collection, const StoredResource &current)
{
    SandboxReply failure;
    const Result<JsonValue> patch
        = parseBody(request, {"application/json", mergePatchType, jsonPatchType}, failure);
    if (!patch.ok())
        return failure;

    JsonValue patched;
    if (request.mediaType() == jsonPatchType) {
        if (const auto invalid = validateJsonPatch(*patch))
            return errorReply(422,
                              QStringLiteral("Invalid JSON Patch: %1").arg(invalid->message()));
        const Result<JsonValue> applied = applyJsonPatch(current.value, *patch);
        if (!applied.ok()) {
            return errorReply(409,
                              QStringLiteral("The JSON Patch was not applied, nothing "
                                             "changed: %1")
                                  .arg(applied.error().message));
        }
        patched = *applied;
    } else {
        // RFC 7396 for application/json too, as most APIs treat a PATCH body.
        patched = applyMergePatch(current.value, *patch);
    }
    if (auto invalid = requireObject(patched, QStringLiteral("The patched resource")))
        return *invalid;
    const StoredResource *updated = store.replace(collection, current.id, patched);
    return resourceReply(200, *updated);
}

SandboxReply handleItem(SandboxStore &store, const SandboxRequest &request,
                        const QString &collection, const QString &idText)
{
    const QByteArray &method = request.method;
    if (!itemMethods.contains(method))
        return methodNotAllowed(method, itemMethods);
    if (method == "OPTIONS") {
        SandboxReply reply = optionsReply(itemMethods);
        reply.setHeader("Accept-Patch", acceptPatch);
        return reply;
    }
    const std::optional<qint64> id = parseId(idText);
    const StoredResource *current = id ? store.find(collection, *id) : nullptr;
    if (!current)
        return notFound(collection, idText);

    if (method == "GET" || method == "HEAD") {
        if (auto notModified = checkIfNoneMatch(request, current->etag, current->modified))
            return *notModified;
        return resourceReply(200, *current);
    }
    if (auto failed = checkIfMatch(request, *current))
        return *failed;
    if (method == "DELETE") {
        store.remove(collection, *id);
        SandboxReply reply;
        reply.status = 204;
        return reply;
    }
    if (method == "PUT") {
        SandboxReply failure;
        const Result<JsonValue> body = parseBody(request, {"application/json"}, failure);
        if (!body.ok())
            return failure;
        if (auto invalid = requireObject(*body, QStringLiteral("The body")))
            return *invalid;
        return resourceReply(200, *store.replace(collection, *id, *body));
    }
    return patchResource(store, request, collection, *current);
}

} // namespace

std::optional<SandboxReply> handleResourceRoute(SandboxStore &store, const SandboxRequest &request)
{
    const QStringList segments = request.segments();
    if (segments.isEmpty() || !store.hasCollection(segments.first()))
        return std::nullopt;
    const QString &collection = segments.first();
    const QByteArray &method = request.method;

    if (segments.size() == 1) {
        if (method == "GET" || method == "HEAD")
            return listCollection(store, request, collection, {});
        if (method == "POST")
            return createResource(store, request, collection);
        if (method == "OPTIONS")
            return optionsReply(collectionMethods);
        return methodNotAllowed(method, collectionMethods);
    }
    if (segments.size() == 2)
        return handleItem(store, request, collection, segments.at(1));

    // /users/1/posts: the user's items in another collection, as in JSONPlaceholder.
    if (segments.size() == 3 && collection == QLatin1String("users")
        && store.hasCollection(segments.at(2)) && segments.at(2) != collection) {
        if (!nestedMethods.contains(method))
            return methodNotAllowed(method, nestedMethods);
        if (method == "OPTIONS")
            return optionsReply(nestedMethods);
        const std::optional<qint64> id = parseId(segments.at(1));
        if (!id || !store.find(collection, *id))
            return notFound(collection, segments.at(1));
        return listCollection(store, request, segments.at(2),
                              {{QStringLiteral("userId"), QString::number(*id)}});
    }
    return errorReply(404, QStringLiteral("No route for %1.").arg(request.path));
}

} // namespace Patchbay::Core::Sandbox
