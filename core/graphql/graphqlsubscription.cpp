#include "core/graphql/graphqlsubscription.h"

#include "core/graphql/graphqldocument.h"
#include "core/graphql/graphqlhttp.h"
#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"

#include <QTimer>

namespace Patchbay::Core {

namespace {

// The one subscription a session carries.
const QByteArray kId = "1";

// graphql-transport-ws's own close codes, in words.
QString protocolCloseMeaning(int code)
{
    switch (code) {
    case 4400:
        return QStringLiteral("the server could not read a message");
    case 4401:
        return QStringLiteral("unauthorized: the connection was not authenticated");
    case 4403:
        return QStringLiteral("forbidden");
    case 4406:
        return QStringLiteral("the server does not speak graphql-transport-ws");
    case 4408:
        return QStringLiteral("the connection was not initialised in time");
    case 4409:
        return QStringLiteral("a subscription with this id already exists");
    case 4429:
        return QStringLiteral("too many initialisation requests");
    case 4500:
        return QStringLiteral("internal server error");
    default:
        return closeCodeMeaning(code);
    }
}

} // namespace

QString graphQlOperationType(const GraphQlBody &body)
{
    const GraphQl::Document document = GraphQl::parseDocument(body.query);
    const QString name = body.operationName.trimmed();
    if (!name.isEmpty()) {
        for (const GraphQl::OperationDefinition &operation : document.operations)
            if (operation.name == name)
                return operation.operation;
        return {};
    }
    if (document.operations.size() == 1 && !document.error)
        return document.operations.first().operation;
    return {};
}

bool isGraphQlSubscription(const Request &request)
{
    return request.kind == RequestKind::Http && request.body.mode == BodyMode::GraphQl
        && graphQlOperationType(request.body.graphql) == QLatin1String("subscription");
}

QString graphQlSubscriptionUrl(const QString &url)
{
    const QString trimmed = url.trimmed();
    if (trimmed.startsWith(QLatin1String("http://"), Qt::CaseInsensitive))
        return QStringLiteral("ws://") + trimmed.mid(7);
    if (trimmed.startsWith(QLatin1String("https://"), Qt::CaseInsensitive))
        return QStringLiteral("wss://") + trimmed.mid(8);
    return trimmed;
}

GraphQlSubscription::GraphQlSubscription(const Request &request, const WebSocketNetwork &network,
                                         const AuthCall::Context &context, qsizetype maxEvents,
                                         QObject *parent)
    : QObject(parent)
    , m_request(request)
    , m_ackTimer(new QTimer(this))
    , m_events(maxEvents)
{
    Request ws = request;
    ws.kind = RequestKind::WebSocket;
    ws.url = graphQlSubscriptionUrl(request.url);
    ws.body = RequestBody();
    ws.websocket = WebSocketOptions();
    ws.websocket.subprotocols = {QString::fromLatin1(kGraphQlTransportWs)};
    m_session = std::make_unique<WebSocketSession>(ws, network);
    m_session->setAuthContext(context);
    m_session->setMaxLogEntries(64); // the failures; the events are kept here
    connect(m_session.get(), &WebSocketSession::opened, this, &GraphQlSubscription::onOpened);
    connect(m_session.get(), &WebSocketSession::messageReceived, this,
            &GraphQlSubscription::onMessage);
    connect(m_session.get(), &WebSocketSession::closed, this, &GraphQlSubscription::onClosed);
    m_ackTimer->setSingleShot(true);
    connect(m_ackTimer, &QTimer::timeout, this, [this] {
        end(QStringLiteral("The server did not acknowledge the GraphQL connection "
                           "(connection_ack) within %1 s. Check that it speaks "
                           "graphql-transport-ws at this URL.")
                .arg(m_request.settings.timeoutMs / 1000.0),
            false);
    });
}

GraphQlSubscription::~GraphQlSubscription() = default;

QStringList GraphQlSubscription::authSecretValues() const
{
    return m_session->authSecretValues();
}

void GraphQlSubscription::start()
{
    if (m_active || m_done)
        return;
    m_active = true;
    m_startedAt = QDateTime::currentDateTime();
    m_clock.start();
    if (const QString problem = graphQlVariablesProblem(m_request.body.graphql.variables);
        !problem.isEmpty()) {
        QTimer::singleShot(0, this, [this, problem] { end(problem, false); });
        return;
    }
    m_session->open();
}

void GraphQlSubscription::stop()
{
    if (!m_active || m_done)
        return;
    m_stopping = true;
    if (m_subscribed && m_session->isOpen())
        sendMessage("{\"id\":\"" + kId + "\",\"type\":\"complete\"}");
    end(QString(), true);
}

void GraphQlSubscription::onOpened()
{
    m_everOpened = true;
    sendMessage("{\"type\":\"connection_init\",\"payload\":{}}");
    if (m_request.settings.timeoutMs > 0)
        m_ackTimer->start(m_request.settings.timeoutMs);
}

void GraphQlSubscription::sendMessage(const QByteArray &json)
{
    m_session->sendText(QString::fromUtf8(json));
}

void GraphQlSubscription::onMessage(const QByteArray &data, bool binary)
{
    if (m_done)
        return;
    const Result<JsonValue> parsed = binary ? Result<JsonValue>(Error {}) : parseJson(data);
    const QString type
        = parsed && parsed->isObject() ? parsed->value(u"type").toString() : QString();
    if (type.isEmpty()) {
        end(QStringLiteral("The server sent a message that is not graphql-transport-ws (%1). "
                           "Check that the URL is a GraphQL WebSocket endpoint.")
                .arg(QString::fromUtf8(data.left(120))),
            false);
        return;
    }
    const JsonValue &payload = parsed->value(u"payload");
    if (type == QLatin1String("connection_ack")) {
        m_ackTimer->stop();
        QByteArray subscribe = "{\"id\":\"" + kId + "\",\"type\":\"subscribe\",\"payload\":";
        subscribe += graphQlPayload(m_request.body.graphql);
        subscribe += '}';
        sendMessage(subscribe);
        m_subscribed = true;
        emit subscribed();
    } else if (type == QLatin1String("ping")) {
        sendMessage("{\"type\":\"pong\"}");
    } else if (type == QLatin1String("next")) {
        emitEvent(type, QString::fromUtf8(toJson(payload, JsonStyle::Compact)));
    } else if (type == QLatin1String("error")) {
        emitEvent(type, QString::fromUtf8(toJson(payload, JsonStyle::Compact)));
        const QString first = payload.at(0).value(u"message").toString();
        end(QStringLiteral("The server refused the subscription: %1")
                .arg(first.isEmpty() ? QStringLiteral("(no message)") : first),
            false);
    } else if (type == QLatin1String("complete")) {
        end(QString(), false);
    }
    // "pong" and messages of later protocol versions need nothing.
}

void GraphQlSubscription::emitEvent(const QString &type, const QString &data)
{
    ServerSentEvent event;
    event.type = type;
    event.data = data;
    event.lastEventId = QString::fromLatin1(kId);
    event.receivedAt = QDateTime::currentDateTime();
    event.sequence = m_sequence++;
    m_events.append(event);
    emit eventReceived(event);
}

void GraphQlSubscription::onClosed(int code, const QString &reason, bool byServer)
{
    if (m_done)
        return;
    if (m_error.isEmpty() && !m_stopping) {
        if (!m_everOpened) {
            for (const WebSocketEntry &e : m_session->log())
                if (e.kind == WebSocketEntry::Kind::Error)
                    m_error = e.detail;
            if (m_error.isEmpty())
                m_error = QStringLiteral("The WebSocket did not connect.");
        } else if (byServer) {
            const QString meaning = protocolCloseMeaning(code);
            // graphql-ws's reasons often repeat the meaning ("Forbidden").
            const bool saysMore
                = !reason.isEmpty() && meaning.compare(reason, Qt::CaseInsensitive) != 0;
            m_error = QStringLiteral("The server closed the connection: %1 (%2)%3")
                          .arg(code)
                          .arg(meaning, saysMore ? u": " + reason : QString());
        }
    }
    m_done = true;
    m_active = false;
    m_ackTimer->stop();

    Response response;
    response.timing.startedAt = m_startedAt;
    response.timing.finished = double(m_clock.nsecsElapsed()) / 1e6;
    response.finalUrl = QUrl(graphQlSubscriptionUrl(m_request.url));
    response.finalMethod = QStringLiteral("GET");
    if (m_everOpened) {
        response.statusCode = 101;
        response.reason = QStringLiteral("Switching Protocols");
        response.httpVersion = QStringLiteral("1.1");
        response.headers.append(HttpHeader {"Upgrade", "websocket"});
        response.headers.append(HttpHeader {"Sec-WebSocket-Protocol", kGraphQlTransportWs});
    }
    response.headers.append(HttpHeader {"Content-Type", "application/json"});
    if (!m_error.isEmpty()) {
        response.errorKind = m_everOpened ? ErrorKind::Other : ErrorKind::ConnectionRefused;
        response.errorMessage = m_error;
    }
    // The kept events as [{"type", "data"}], data as the server wrote it.
    QByteArray body = "[";
    for (const ServerSentEvent &event : m_events) {
        if (body.size() > 1)
            body += ",\n";
        body += "{\"type\":";
        appendJsonString(body, event.type);
        body += ",\"data\":";
        body += event.data.toUtf8();
        body += '}';
    }
    body += ']';
    response.body = ResponseBody(body);
    emit finished(response, m_stopping);
}

void GraphQlSubscription::end(const QString &error, bool stoppedByUser)
{
    if (m_done)
        return;
    if (m_error.isEmpty())
        m_error = error;
    m_stopping = m_stopping || stoppedByUser;
    if (m_session->state() == WebSocketSession::State::Idle) {
        QMetaObject::invokeMethod(
            this, [this] { onClosed(1000, QString(), false); }, Qt::QueuedConnection);
        return;
    }
    m_session->close(1000); // onClosed() follows
}

} // namespace Patchbay::Core
