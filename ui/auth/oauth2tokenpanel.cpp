#include "ui/auth/oauth2tokenpanel.h"

#include "core/auth/tokenstore.h"
#include "core/json/jsonformatter.h"
#include "ui/auth/authservices.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {

QString relative(qint64 seconds)
{
    const qint64 s = std::abs(seconds);
    // Spelled out: without a translator loaded, "%n minute(s)" would show as it is.
    const auto count = [](qint64 n, const QString &one, const QString &many) {
        return n == 1 ? one : many.arg(n);
    };
    if (s < 90)
        return count(s, OAuth2TokenPanel::tr("1 second"), OAuth2TokenPanel::tr("%1 seconds"));
    if (s < 90 * 60)
        return count(s / 60, OAuth2TokenPanel::tr("1 minute"), OAuth2TokenPanel::tr("%1 minutes"));
    if (s < 36 * 3600)
        return count(s / 3600, OAuth2TokenPanel::tr("1 hour"), OAuth2TokenPanel::tr("%1 hours"));
    return count(s / 86400, OAuth2TokenPanel::tr("1 day"), OAuth2TokenPanel::tr("%1 days"));
}

} // namespace

OAuth2TokenPanel::OAuth2TokenPanel(QWidget *parent)
    : QGroupBox(tr("Token"), parent)
    , m_settle(new QTimer(this))
{
    setObjectName(QStringLiteral("oauth2TokenPanel"));
    // As tall as its content: the editor's spare room stays below it, not between its lines.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("tokenStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto *tokenRow = new QHBoxLayout;
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("tokenValue"));
    m_token->setReadOnly(true);
    m_token->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_token->setToolTip(tr("The access token, masked. Copy puts the whole token on the "
                           "clipboard."));
    m_copy = new QPushButton(tr("Copy"), this);
    m_copy->setObjectName(QStringLiteral("copyTokenButton"));
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_fullToken); });
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_copy);
    layout->addLayout(tokenRow);

    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("tokenDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_details);

    m_payload = new QPlainTextEdit(this);
    m_payload->setObjectName(QStringLiteral("jwtPayload"));
    m_payload->setReadOnly(true);
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_payload->setMaximumHeight(160);
    m_payload->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_payload->setPlaceholderText(tr("Decoded JWT payload"));
    m_payload->setToolTip(tr("What the token says about itself (decoded, not verified)."));
    layout->addWidget(m_payload);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("tokenMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    layout->addWidget(m_message);

    auto *buttons = new QHBoxLayout;
    m_get = new QPushButton(tr("Get new token"), this);
    m_get->setObjectName(QStringLiteral("getTokenButton"));
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshTokenButton"));
    m_clear = new QPushButton(tr("Clear"), this);
    m_clear->setObjectName(QStringLiteral("clearTokenButton"));
    buttons->addWidget(m_get);
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_clear);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(m_get, &QPushButton::clicked, this, &OAuth2TokenPanel::getNewToken);
    connect(m_refresh, &QPushButton::clicked, this, &OAuth2TokenPanel::refreshToken);
    connect(m_clear, &QPushButton::clicked, this, &OAuth2TokenPanel::clearToken);

    // Typing in the settings changes which token applies; look it up once typing pauses.
    m_settle->setSingleShot(true);
    m_settle->setInterval(300);
    connect(m_settle, &QTimer::timeout, this, &OAuth2TokenPanel::refreshDisplay);
    refreshDisplay();
}

OAuth2TokenPanel::~OAuth2TokenPanel() = default;

void OAuth2TokenPanel::setContext(AuthServices *services,
                                  std::function<Core::ResolvedAuth()> resolve)
{
    if (m_services)
        disconnect(m_services->tokens(), nullptr, this, nullptr);
    m_services = services;
    m_resolve = std::move(resolve);
    if (m_services) {
        const auto onKey = [this](const QString &key) {
            if (key == m_key)
                refreshDisplay();
        };
        connect(m_services->tokens(), &Core::TokenStore::loaded, this, onKey);
        connect(m_services->tokens(), &Core::TokenStore::tokenChanged, this, onKey);
    }
    refreshDisplay();
}

void OAuth2TokenPanel::settingsChanged()
{
    m_settle->start();
}

void OAuth2TokenPanel::showEvent(QShowEvent *event)
{
    refreshDisplay();
    QGroupBox::showEvent(event);
}

void OAuth2TokenPanel::refreshDisplay()
{
    // Hidden (another auth type, another tab): nothing to show, and no keyring read for it.
    if (!isVisible())
        return;
    m_fullToken.clear();
    m_token->clear();
    m_payload->clear();
    m_details->clear();
    if (!m_services || !m_resolve) {
        m_key.clear();
        m_status->setText(tr("Tokens are fetched when the request is sent."));
        updateButtons();
        return;
    }
    const Core::ResolvedAuth resolved = m_resolve();
    m_key = Core::TokenStore::keyFor(resolved.collectionId, resolved.auth.oauth2);
    Core::TokenStore *tokens = m_services->tokens();
    if (!tokens->isLoaded(m_key)) {
        m_status->setText(tr("Reading the keyring…"));
        tokens->load(m_key); // loaded() comes back here
        updateButtons();
        return;
    }
    const std::optional<Core::OAuth2Token> token = tokens->token(m_key);
    if (!token) {
        m_status->setText(tr("No token for these settings yet. Get new token fetches one; "
                             "sending the request does too."));
        updateButtons();
        return;
    }
    m_fullToken = token->accessToken;
    m_token->setText(Core::maskToken(token->accessToken));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QLocale locale;
    if (!token->expiresAt.isValid()) {
        m_status->setText(
            tr("Token from %1; the server gave no expiry.")
                .arg(locale.toString(token->obtainedAt.toLocalTime(), QLocale::ShortFormat)));
    } else if (token->expiresAt > now) {
        m_status->setText(
            tr("Valid until %1 (in %2).")
                .arg(locale.toString(token->expiresAt.toLocalTime(), QLocale::ShortFormat),
                     relative(now.secsTo(token->expiresAt))));
    } else {
        m_status->setText(
            tr("Expired %1 ago (%2). %3")
                .arg(relative(token->expiresAt.secsTo(now)),
                     locale.toString(token->expiresAt.toLocalTime(), QLocale::ShortFormat),
                     token->refreshToken.isEmpty() ? tr("The next send gets a new one.")
                                                   : tr("The next send refreshes it.")));
    }
    QStringList details;
    details << tr("Type: %1").arg(token->tokenType.isEmpty() ? tr("not given") : token->tokenType);
    details << tr("Scopes: %1").arg(token->scope.isEmpty() ? tr("as requested") : token->scope);
    details << (token->refreshToken.isEmpty() ? tr("No refresh token") : tr("Has a refresh token"));
    if (!token->idToken.isEmpty())
        details << tr("Has an ID token");
    m_details->setText(details.join(QStringLiteral(" · ")));
    if (const std::optional<QByteArray> payload = Core::jwtPayload(token->accessToken))
        m_payload->setPlainText(QString::fromUtf8(Core::prettyPrintJson(*payload)));
    else
        m_payload->setPlaceholderText(tr("Not a JWT: the token is opaque."));
    updateButtons();
}

void OAuth2TokenPanel::getNewToken()
{
    startFlow(false);
}

void OAuth2TokenPanel::refreshToken()
{
    startFlow(true);
}

void OAuth2TokenPanel::clearToken()
{
    if (!m_services || m_key.isEmpty())
        return;
    m_services->tokens()->clear(m_key);
    setMessage(tr("Token cleared here and in the keyring."), false);
    refreshDisplay();
}

void OAuth2TokenPanel::startFlow(bool refresh)
{
    if (!m_services || !m_resolve || m_flow)
        return;
    const Core::ResolvedAuth resolved = m_resolve();
    m_flowKey = Core::TokenStore::keyFor(resolved.collectionId, resolved.auth.oauth2);
    const std::optional<Core::OAuth2Token> current = m_services->tokens()->token(m_flowKey);
    if (refresh && (!current || current->refreshToken.isEmpty())) {
        setMessage(tr("There is no refresh token: use Get new token."), true);
        return;
    }
    m_refreshing = refresh;
    m_flow = m_services->createFlow(resolved.auth.oauth2, this);
    connect(m_flow.get(), &Core::OAuth2Flow::finished, this, &OAuth2TokenPanel::onFlowFinished);
    connect(m_flow.get(), &Core::OAuth2Flow::warning, this,
            [this](const QString &text) { setMessage(text, true); });
    setMessage(refresh ? tr("Refreshing…") : tr("Getting a token…"), false);
    updateButtons();
    if (refresh)
        m_flow->refresh(*current);
    else
        m_flow->start();
}

void OAuth2TokenPanel::onFlowFinished(const Core::OAuth2Outcome &outcome)
{
    if (m_flow)
        m_flow.release()->deleteLater(); // we are inside its signal
    if (outcome.ok()) {
        m_services->tokens()->store(m_flowKey, *outcome.token);
        setMessage(m_refreshing ? tr("Token refreshed.") : tr("New token received."), false);
    } else {
        setMessage(outcome.error.message, true);
    }
    refreshDisplay();
    emit flowFinished(outcome.ok());
}

void OAuth2TokenPanel::setMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    m_message->setVisible(!text.isEmpty());
}

void OAuth2TokenPanel::updateButtons()
{
    const bool ready = m_services && m_resolve && !m_flow;
    const bool hasToken = !m_fullToken.isEmpty();
    m_get->setEnabled(ready);
    m_refresh->setEnabled(ready && hasToken);
    m_clear->setEnabled(ready && hasToken);
    m_copy->setEnabled(hasToken);
    m_token->setVisible(hasToken);
    m_copy->setVisible(hasToken);
    m_details->setVisible(hasToken);
    m_payload->setVisible(hasToken && !m_payload->toPlainText().isEmpty());
}

QString OAuth2TokenPanel::statusText() const
{
    return m_status->text();
}

QString OAuth2TokenPanel::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

} // namespace Patchbay::Ui
