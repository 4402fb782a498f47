#pragma once

#include "core/auth/authcall.h"
#include "core/auth/digestsession.h"
#include "core/auth/oauth2call.h"
#include "core/auth/oauth2flow.h"
#include "core/collections/sendcontext.h"
#include "ui/auth/signindialog.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QWidget;

namespace Patchbay::Core {
class CollectionRunner;
class HistoryStore;
class HttpClient;
class SecretStore;
class TokenStore;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

// What the window's auth editors and sends share: the HttpClient, the keyring's TokenStore, a
// way to resolve an item's auth (its inheritance and variables, set by the window), the system
// browser, and history, where every token exchange lands as its own entry, secrets redacted.
// A grant that waits for a person shows a SignInDialog owned by the widget that started it.
class AuthServices final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthServices)

public:
    // None is owned; `history` may be null (nothing is recorded).
    AuthServices(Core::HttpClient *client, Core::SecretStore *secrets, Core::HistoryStore *history,
                 QObject *parent = nullptr);
    ~AuthServices() override;

    Core::HttpClient *client() const { return m_client; }
    Core::TokenStore *tokens() const { return m_tokens; }
    // Digest challenges and nonce counts, shared by the window's sends while it lives.
    Core::DigestSession *digestSession() { return &m_digestSession; }

    // The auth in effect for the item at `path` whose own auth is `own`, resolved for sending.
    using Resolver = std::function<Core::ResolvedAuth(const QString &path, const Core::Auth &own)>;
    void setResolver(Resolver resolver) { m_resolver = std::move(resolver); }
    // Without a resolver: `own` as it is (Inherit becomes none), no collection.
    Core::ResolvedAuth resolve(const QString &path, const Core::Auth &own) const;

    // The system browser (QDesktopServices); tests put a scripted browser here.
    void setOpenUrl(std::function<bool(const QUrl &)> openUrl) { m_openUrl = std::move(openUrl); }
    const std::function<bool(const QUrl &)> &openUrl() const { return m_openUrl; }

    // Sends an OAuth 2.0 request (variables resolved), not started yet: call start().
    std::unique_ptr<Core::OAuth2Call> createCall(const Core::Request &resolved,
                                                 const QString &collectionId, QWidget *owner);
    // How to send the item at `path` (empty: none saved) with any auth, as Send does: its
    // collection's OAuth 2.0 tokens, sign-in dialogs owned by `owner`, the window's Digest
    // session (core/auth/authcall.h).
    Core::AuthCall::Context callContext(const QString &path, QWidget *owner);
    // A grant or refresh for the token panel, not started yet.
    std::unique_ptr<Core::OAuth2Flow> createFlow(const Core::OAuth2Config &resolved,
                                                 QWidget *owner);

    // A run from the window: its OAuth 2.0 requests use these tokens and the browser, token
    // exchanges go to history and a sign-in shows its dialog (owned by `owner`; Cancel stops
    // the run).
    void attachRunner(Core::CollectionRunner *runner, QWidget *owner);

    // Adds one token exchange to history, secrets redacted.
    void record(const Core::OAuth2Exchange &exchange);

    // The sign-in dialog shown for the flow in progress, if any (tests).
    SignInDialog *signInDialog() const { return m_dialog; }

signals:
    void exchangeRecorded(const Patchbay::Core::OAuth2Exchange &exchange);

private:
    template<typename Source> void wire(Source *source, QWidget *owner);
    SignInDialog *dialogFor(QWidget *owner, QObject *source);

    Core::HttpClient *m_client; // not owned
    Core::HistoryStore *m_history; // not owned, may be null
    Core::TokenStore *m_tokens; // owned (child)
    Resolver m_resolver;
    Core::DigestSession m_digestSession;
    std::function<bool(const QUrl &)> m_openUrl;
    QPointer<SignInDialog> m_dialog; // owned by the widget that started its flow
    QPointer<QObject> m_dialogSource; // not owned: the call or flow the dialog shows
};

} // namespace Patchbay::Ui
