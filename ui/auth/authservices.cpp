#include "ui/auth/authservices.h"

#include "core/auth/tokenstore.h"
#include "core/history/historyentry.h"
#include "core/history/historystore.h"
#include "core/runner/collectionrunner.h"
#include "ui/auth/signindialog.h"

#include <QDesktopServices>
#include <QWidget>

namespace Patchbay::Ui {

// Five minutes for a person to sign in from a send; the token panel waits as long.
constexpr int kInteractionTimeoutMs = 5 * 60 * 1000;

AuthServices::AuthServices(Core::HttpClient *client, Core::SecretStore *secrets,
                           Core::HistoryStore *history, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_history(history)
    , m_tokens(new Core::TokenStore(secrets, this))
    , m_openUrl([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{ }

AuthServices::~AuthServices() = default;

Core::ResolvedAuth AuthServices::resolve(const QString &path, const Core::Auth &own) const
{
    if (m_resolver)
        return m_resolver(path, own);
    Core::ResolvedAuth plain;
    plain.auth = own;
    if (plain.auth.mode == Core::AuthMode::Inherit) {
        plain.auth.mode = Core::AuthMode::None;
        plain.source.kind = Core::AuthSource::Kind::Nothing;
    }
    return plain;
}

SignInDialog *AuthServices::dialogFor(QWidget *owner, QObject *source)
{
    if (!m_dialog || m_dialog->parent() != owner) {
        if (m_dialog)
            m_dialog->close();
        m_dialog = new SignInDialog(owner); // owned by `owner`; deleted on close
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_dialog->setOpenUrl(m_openUrl);
    }
    // One flow at a time per dialog: the latest source is the one Cancel stops.
    m_dialogSource = source;
    disconnect(m_dialog, &SignInDialog::cancelRequested, nullptr, nullptr);
    connect(m_dialog, &SignInDialog::cancelRequested, source, [source] {
        if (auto *call = qobject_cast<Core::OAuth2Call *>(source))
            call->cancel();
        else if (auto *flow = qobject_cast<Core::OAuth2Flow *>(source))
            flow->cancel();
        else if (auto *runner = qobject_cast<Core::CollectionRunner *>(source))
            runner->stop();
    });
    return m_dialog;
}

template<typename Source> void AuthServices::wire(Source *source, QWidget *owner)
{
    connect(source, &Source::exchangeFinished, this, &AuthServices::record);
    connect(source, &Source::authorizationUrlReady, owner, [this, owner, source](const QUrl &url) {
        SignInDialog *dialog = dialogFor(owner, source);
        dialog->showBrowserSignIn(url);
        dialog->show();
    });
    connect(source, &Source::deviceCodeReady, owner,
            [this, owner, source](const Core::DeviceCodePrompt &prompt) {
                SignInDialog *dialog = dialogFor(owner, source);
                dialog->showDeviceCode(prompt);
                dialog->show();
            });
    connect(source, &Source::warning, owner, [this](const QString &text) {
        if (m_dialog && m_dialog->isVisible())
            m_dialog->addWarning(text);
    });
    connect(source, &Source::finished, owner, [this, source] {
        // Only the flow the dialog shows closes it.
        if (m_dialog && m_dialogSource == source)
            m_dialog->close();
    });
}

std::unique_ptr<Core::OAuth2Call>
AuthServices::createCall(const Core::Request &resolved, const QString &collectionId, QWidget *owner)
{
    Core::OAuth2Services services;
    services.client = m_client;
    services.tokens = m_tokens;
    services.openUrl = m_openUrl;
    services.interactive = true;
    services.interactionTimeoutMs = kInteractionTimeoutMs;
    auto call = std::make_unique<Core::OAuth2Call>(resolved, collectionId, services);
    wire(call.get(), owner);
    return call;
}

Core::AuthCall::Context AuthServices::callContext(const QString &path, QWidget *owner)
{
    const QString collectionId = resolve(path, Core::Auth {}).collectionId;
    // The calls made here are owned by `owner`'s sends, so it outlives them.
    return {m_client,
            [this, collectionId, owner](const Core::Request &resolved) {
                return createCall(resolved, collectionId, owner);
            },
            &m_digestSession};
}

std::unique_ptr<Core::OAuth2Flow> AuthServices::createFlow(const Core::OAuth2Config &resolved,
                                                           QWidget *owner)
{
    auto flow = std::make_unique<Core::OAuth2Flow>(m_client, resolved);
    flow->setOpenUrl(m_openUrl);
    flow->setInteractionTimeout(kInteractionTimeoutMs);
    wire(flow.get(), owner);
    return flow;
}

void AuthServices::attachRunner(Core::CollectionRunner *runner, QWidget *owner)
{
    Core::OAuth2Services services;
    services.tokens = m_tokens;
    services.openUrl = m_openUrl;
    services.interactive = true;
    services.interactionTimeoutMs = kInteractionTimeoutMs;
    runner->setOAuth2Services(services);
    connect(runner, &Core::CollectionRunner::authExchangeFinished, this, &AuthServices::record);
    connect(runner, &Core::CollectionRunner::authorizationUrlReady, owner,
            [this, owner, runner](const QUrl &url) {
                SignInDialog *dialog = dialogFor(owner, runner);
                dialog->showBrowserSignIn(url);
                dialog->show();
            });
    connect(runner, &Core::CollectionRunner::deviceCodeReady, owner,
            [this, owner, runner](const Core::DeviceCodePrompt &prompt) {
                SignInDialog *dialog = dialogFor(owner, runner);
                dialog->showDeviceCode(prompt);
                dialog->show();
            });
    connect(runner, &Core::CollectionRunner::authWarning, owner, [this](const QString &text) {
        if (m_dialog && m_dialog->isVisible())
            m_dialog->addWarning(text);
    });
    const auto close = [this, runner] {
        if (m_dialog && m_dialogSource == runner)
            m_dialog->close();
    };
    connect(runner, &Core::CollectionRunner::requestFinished, owner, close);
    connect(runner, &Core::CollectionRunner::finished, owner, close);
}

void AuthServices::record(const Core::OAuth2Exchange &exchange)
{
    if (m_history)
        m_history->add(
            Core::historyEntryFrom(exchange.request, exchange.response, exchange.secrets));
    emit exchangeRecorded(exchange);
}

} // namespace Patchbay::Ui
