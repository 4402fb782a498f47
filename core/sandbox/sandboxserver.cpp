#include "core/sandbox/sandboxserver.h"

#include "core/json/jsonwriter.h"
#include "core/sandbox/httpbinroutes.h"
#include "core/sandbox/resourceroutes.h"
#include "core/sandbox/sandboxhttp.h"
#include "core/sandbox/sandboxstore.h"

#include <QAbstractHttpServer>
#include <QFuture>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QPointer>
#include <QPromise>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThreadPool>
#include <QTimer>

Q_LOGGING_CATEGORY(lcSandbox, "patchbay.sandbox", QtWarningMsg)

namespace Patchbay::Core {

using namespace Sandbox;

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        // Qt HttpServer 6.4 does not expose the text of other verbs (PURGE, PROPFIND, ...).
        return "UNKNOWN";
    }
}

SandboxRequest toSandboxRequest(const QHttpServerRequest &request)
{
    SandboxRequest out;
    out.method = methodName(request.method());
    out.url = request.url();
    out.path = out.url.path(QUrl::FullyDecoded);
    while (out.path.size() > 1 && out.path.endsWith(u'/'))
        out.path.chop(1);
    if (out.path.isEmpty())
        out.path = QStringLiteral("/");
    out.query = QUrlQuery(out.url);
    out.headers = request.headers();
    out.body = request.body();
    QHostAddress remote = request.remoteAddress();
    bool isV4 = false;
    const quint32 v4 = remote.toIPv4Address(&isV4);
    out.remoteAddress = isV4 ? QHostAddress(v4).toString() : remote.toString();
    return out;
}

bool hasNoBody(int status)
{
    return status < 200 || status == 204 || status == 304;
}

void writeReply(QHttpServerResponder &responder, const SandboxReply &reply, bool isHead)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    responder.writeHeader("Date", httpDate(QDateTime::currentDateTimeUtc()));
    responder.writeHeader("Server", "Patchbay-Sandbox/" PATCHBAY_VERSION);
    for (const auto &[name, value] : reply.headers)
        responder.writeHeader(name, value);
    const bool noBody = hasNoBody(reply.status);
    if (!noBody)
        responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    // writeBody() ends the header block, also for an empty body.
    responder.writeBody(isHead || noBody ? QByteArray() : reply.body);
}

// Writes `reply` unless the client went away while it was being prepared.
void writeIfConnected(QHttpServerResponder &responder, const QPointer<QTcpSocket> &socket,
                      const SandboxReply &reply, bool isHead)
{
    if (socket && socket->state() == QAbstractSocket::ConnectedState)
        writeReply(responder, reply, isHead);
}

// Routes that may take long to compute (up to 100 MiB of random bytes, a million-item array):
// stateless, so they run on the thread pool instead of the thread that serves everything else.
bool isExpensive(const SandboxRequest &request)
{
    const QStringList segments = request.segments();
    return !segments.isEmpty()
        && (segments.first() == QLatin1String("bytes")
            || segments.first() == QLatin1String("large"))
        && (request.method == "GET" || request.method == "HEAD");
}

JsonValue endpoint(const char *method, const char *path, const char *what)
{
    return JsonValue::fromMembers({
        {QStringLiteral("method"), JsonValue::fromString(QString::fromLatin1(method))},
        {QStringLiteral("path"), JsonValue::fromString(QString::fromLatin1(path))},
        {QStringLiteral("description"), JsonValue::fromString(QString::fromLatin1(what))},
    });
}

SandboxReply indexReply()
{
    const JsonValue::Array endpoints = {
        endpoint("GET, POST", "/users, /posts, /todos", "list (filter with ?field=value), create"),
        endpoint("GET, PUT, PATCH, DELETE", "/users/1",
                 "read, replace, merge patch or JSON Patch, delete; ETag and If-Match"),
        endpoint("GET", "/users/1/posts, /users/1/todos", "a user's posts and todos"),
        endpoint("ANY", "/anything/...", "echoes the request"),
        endpoint("ANY", "/status/418", "answers with that status"),
        endpoint("ANY", "/delay/2", "answers after N seconds (at most 10)"),
        endpoint("ANY", "/redirect-to?url=/get&status_code=307", "redirects"),
        endpoint("GET", "/bytes/1024?seed=1", "N random bytes (at most 100 MiB)"),
        endpoint("GET", "/gzip", "gzip-encoded JSON"),
        endpoint("GET", "/large?items=10000", "a large JSON array"),
        endpoint("POST", "/__reset", "restores the seed data"),
    };
    const JsonValue index = JsonValue::fromMembers({
        {QStringLiteral("name"), JsonValue::fromString(QStringLiteral("Patchbay Sandbox API"))},
        {QStringLiteral("endpoints"), JsonValue::fromArray(endpoints)},
    });
    return jsonReply(200, toJson(index));
}

} // namespace

class SandboxServerPrivate
{
public:
    SandboxReply dispatch(const SandboxRequest &request);

    SandboxStore store;
    std::unique_ptr<QAbstractHttpServer> listener; // owned; null while stopped
    quint16 port = 0;
    QHostAddress address;
};

namespace {

// Qt HttpServer's plumbing: turns each parsed request into a SandboxRequest, lets the routes
// answer it and writes the reply, later for /delay/N without blocking the thread.
class SandboxListener final : public QAbstractHttpServer
{
    Q_DISABLE_COPY_MOVE(SandboxListener)

public:
    explicit SandboxListener(SandboxServerPrivate *d)
        : m_d(d)
    { }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        const SandboxRequest sandboxRequest = toSandboxRequest(request);
        const bool isHead = sandboxRequest.method == "HEAD";
        const QPointer<QTcpSocket> guardedSocket(socket);
        if (isExpensive(sandboxRequest)) {
            answerFromThreadPool(sandboxRequest, makeResponder(request, socket), guardedSocket);
            return true;
        }
        const SandboxReply reply = m_d->dispatch(sandboxRequest);
        qCDebug(lcSandbox) << sandboxRequest.method << sandboxRequest.url << reply.status;
        if (reply.delayMs <= 0) {
            QHttpServerResponder responder = makeResponder(request, socket);
            writeReply(responder, reply, isHead);
            return true;
        }
        // The responder outlives this call: the timer answers later on this thread, and the
        // server keeps serving other connections meanwhile. (Qt 6.4's responder keeps a
        // reference to the request, but only ever touches the socket.)
        auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
        QTimer::singleShot(reply.delayMs, this, [responder, guardedSocket, reply, isHead] {
            writeIfConnected(*responder, guardedSocket, reply, isHead);
        });
        return true;
    }

    void answerFromThreadPool(const SandboxRequest &request, QHttpServerResponder responder,
                              const QPointer<QTcpSocket> &socket)
    {
        auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
        auto promise = std::make_shared<QPromise<SandboxReply>>();
        promise->start();
        const bool isHead = request.method == "HEAD";
        // Continuations with a context run on its thread, and not at all once it is destroyed.
        promise->future().then(this, [shared, socket, isHead](const SandboxReply &reply) {
            writeIfConnected(*shared, socket, reply, isHead);
        });
        QThreadPool::globalInstance()->start([promise, request] {
            promise->addResult(handleHttpbinRoute(request).value_or(
                errorReply(404, QStringLiteral("No route for %1.").arg(request.path))));
            promise->finish();
        });
    }

    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        QHttpServerResponder responder = makeResponder(request, socket);
        writeReply(responder, errorReply(404, QStringLiteral("No route.")), false);
    }

private:
    SandboxServerPrivate *m_d; // not owned
};

} // namespace

SandboxReply SandboxServerPrivate::dispatch(const SandboxRequest &request)
{
    if (request.path == QLatin1String("/")) {
        if (request.method == "GET" || request.method == "HEAD")
            return indexReply();
        return methodNotAllowed(request.method, {"GET", "HEAD"});
    }
    if (request.path == QLatin1String("/__reset")) {
        if (request.method != "POST")
            return methodNotAllowed(request.method, {"POST"});
        store.reset();
        return errorReply(200, QStringLiteral("The sandbox data was reset to the seed data."));
    }
    if (std::optional<SandboxReply> reply = handleResourceRoute(store, request))
        return *reply;
    if (std::optional<SandboxReply> reply = handleHttpbinRoute(request))
        return *reply;
    return errorReply(
        404, QStringLiteral("No route for %1. GET / lists the endpoints.").arg(request.path));
}

SandboxServer::SandboxServer(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<SandboxServerPrivate>())
{ }

SandboxServer::~SandboxServer()
{
    d->listener.reset();
}

Result<quint16> SandboxServer::start(quint16 port, const QHostAddress &address)
{
    if (d->listener) {
        return Error {
            QStringLiteral("already-running"),
            QStringLiteral("The sandbox already listens on port %1: stop it first.").arg(d->port)};
    }
    auto listener = std::make_unique<SandboxListener>(d.get());
    auto *tcp = new QTcpServer(listener.get()); // owned by listener
    if (!tcp->listen(address, port)) {
        return Error {QStringLiteral("listen-failed"),
                      QStringLiteral("Cannot listen on %1:%2: %3. Choose another port (0 picks a "
                                     "free one).")
                          .arg(address.toString())
                          .arg(port)
                          .arg(tcp->errorString())};
    }
    listener->bind(tcp);
    d->port = tcp->serverPort();
    d->address = address;
    d->listener = std::move(listener);
    emit started(d->port);
    return d->port;
}

void SandboxServer::stop()
{
    if (!d->listener)
        return;
    d->listener.reset();
    d->port = 0;
    emit stopped();
}

bool SandboxServer::isRunning() const
{
    return d->listener != nullptr;
}

quint16 SandboxServer::port() const
{
    return d->port;
}

QUrl SandboxServer::baseUrl() const
{
    if (!d->listener)
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(d->address.toString());
    url.setPort(d->port);
    return url;
}

void SandboxServer::reset()
{
    d->store.reset();
}

} // namespace Patchbay::Core
