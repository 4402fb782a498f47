#include "ui/websocket/websocketpanel.h"

#include "core/http/response.h"
#include "ui/websocket/websocketcomposer.h"
#include "ui/websocket/websocketlogmodel.h"
#include "ui/websocket/websocketlogview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace Patchbay::Ui {

using Core::WebSocketSession;

WebSocketPanel::WebSocketPanel(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_reconnect(new QPushButton(tr("Reconnect"), this))
    , m_ping(new QPushButton(tr("Ping"), this))
    , m_log(new WebSocketLogView(this))
    , m_composer(new WebSocketComposer(this))
{
    m_status->setObjectName(QStringLiteral("webSocketStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_reconnect->setObjectName(QStringLiteral("webSocketReconnect"));
    m_reconnect->setToolTip(tr("Connect again with the same request, keeping the log"));
    m_ping->setObjectName(QStringLiteral("webSocketPing"));
    m_ping->setToolTip(tr("Send a ping; the pong's round trip is logged"));
    m_ping->setAccessibleDescription(m_ping->toolTip());
    m_reconnect->setAccessibleDescription(m_reconnect->toolTip());

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_ping);
    bar->addWidget(m_reconnect);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_log);
    split->addWidget(m_composer);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 6);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_reconnect, &QPushButton::clicked, this, &WebSocketPanel::reconnect);
    connect(m_ping, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->ping(QByteArray("patchbay ") + QByteArray::number(++m_pings));
    });
    connect(m_composer, &WebSocketComposer::sendRequested, this, &WebSocketPanel::sendComposed);
    connect(m_composer, &WebSocketComposer::saveRequested, this,
            &WebSocketPanel::saveMessageRequested);
    updateControls();
}

WebSocketPanel::~WebSocketPanel()
{
    if (m_session)
        disconnect(m_session.get(), nullptr, this, nullptr);
}

void WebSocketPanel::connectTo(const Core::Request &resolved, const Core::WebSocketNetwork &network,
                               TextResolver resolver)
{
    if (m_session) {
        disconnect(m_session.get(), nullptr, this, nullptr);
        m_session.release()->deleteLater(); // may be inside one of its signals
    }
    m_log->clear();
    m_endText.clear();
    m_resolve = std::move(resolver);
    m_session = std::make_unique<WebSocketSession>(resolved, network);
    m_session->setAuthContext(m_authContext);
    // The window keeps its own bounded copy of the log (the model); the session's own log is
    // only for the history summary.
    m_session->setMaxLogEntries(500);
    WebSocketSession *session = m_session.get();
    connect(session, &WebSocketSession::logged, m_log, &WebSocketLogView::append);
    connect(session, &WebSocketSession::stateChanged, this, &WebSocketPanel::onStateChanged);
    connect(session, &WebSocketSession::closed, this, &WebSocketPanel::onClosed);
    connect(session, &WebSocketSession::opened, this,
            [this] { emit opened(m_session->request().url, m_connecting.elapsed()); });
    m_connecting.start();
    session->open();
    updateControls();
}

void WebSocketPanel::reconnect()
{
    if (!m_session || isActive())
        return;
    m_endText.clear();
    m_connecting.start();
    m_session->open();
    updateControls();
}

void WebSocketPanel::disconnectSession()
{
    if (m_session)
        m_session->close(1000);
}

bool WebSocketPanel::isActive() const
{
    return m_session && m_session->state() != WebSocketSession::State::Idle;
}

WebSocketSession::State WebSocketPanel::state() const
{
    return m_session ? m_session->state() : WebSocketSession::State::Idle;
}

bool WebSocketPanel::isOpen() const
{
    return m_session && m_session->isOpen();
}

bool WebSocketPanel::sendMessage(const Core::WebSocketMessage &message)
{
    if (!m_session)
        return false;
    const QString text = m_resolve ? m_resolve(message.text) : message.text;
    if (message.payload == Core::WebSocketPayload::Binary) {
        QByteArray bytes;
        if (!Core::decodeHexPayload(text, &bytes)) {
            m_status->setText(tr("\"%1\" is not hex: write bytes as pairs of hex digits, e.g. "
                                 "00 ff 10.")
                                  .arg(message.name));
            return false;
        }
        return m_session->sendBinary(bytes);
    }
    return m_session->sendText(text);
}

void WebSocketPanel::setTemplates(const QList<Core::WebSocketMessage> &templates)
{
    m_composer->setTemplates(templates);
}

void WebSocketPanel::showProblem(const QString &text)
{
    m_endText = text;
    updateControls();
}

void WebSocketPanel::sendComposed(const QByteArray &data, bool binary)
{
    if (!m_session)
        return;
    if (binary) {
        m_session->sendBinary(data);
        return;
    }
    const QString text = QString::fromUtf8(data);
    m_session->sendText(m_resolve ? m_resolve(text) : text);
}

void WebSocketPanel::onStateChanged()
{
    updateControls();
    emit stateChanged();
}

void WebSocketPanel::onClosed(int code, const QString &reason, bool byServer)
{
    QString text = byServer ? tr("Closed by the server: %1 (%2)") : tr("Closed: %1 (%2)");
    text = text.arg(code).arg(Core::closeCodeMeaning(code));
    if (!reason.isEmpty())
        text += QStringLiteral(" · ") + reason;
    m_endText = text;
    updateControls();
    emit connectionEnded(m_session->summary());
    emit stateChanged();
}

void WebSocketPanel::updateControls()
{
    const WebSocketSession::State state
        = m_session ? m_session->state() : WebSocketSession::State::Idle;
    switch (state) {
    case WebSocketSession::State::Idle:
        m_status->setText(m_endText.isEmpty() ? tr("Not connected") : m_endText);
        break;
    case WebSocketSession::State::Connecting:
        m_status->setText(tr("Connecting…"));
        break;
    case WebSocketSession::State::Open: {
        const QString protocol = m_session->subprotocol();
        m_status->setText(protocol.isEmpty() ? tr("Connected")
                                             : tr("Connected · subprotocol %1").arg(protocol));
        break;
    }
    case WebSocketSession::State::Closing:
        m_status->setText(tr("Closing…"));
        break;
    }
    m_status->setToolTip(m_session ? m_session->request().url : QString());
    const bool active = state != WebSocketSession::State::Idle;
    m_reconnect->setEnabled(m_session && !active);
    m_ping->setEnabled(state == WebSocketSession::State::Open);
    m_composer->setConnected(state == WebSocketSession::State::Open);
}

} // namespace Patchbay::Ui
