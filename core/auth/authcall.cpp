#include "core/auth/authcall.h"

#include "core/auth/oauth2call.h"
#include "core/auth/signedcall.h"
#include "core/http/httpclient.h"

namespace Patchbay::Core {

AuthCall::AuthCall(const Request &request)
    : m_request(request)
{ }

AuthCall::~AuthCall() = default;

std::unique_ptr<AuthCall> AuthCall::send(const Context &context, const Request &resolved,
                                         const QStringList &secretValues)
{
    Q_ASSERT(context.client);
    std::unique_ptr<AuthCall> call(new AuthCall(resolved));
    AuthCall *self = call.get();
    if (context.observeBody) {
        // The inner calls are made inside the wrappers (some later, after a token or a
        // challenge): the client announces each; those for another URL are token requests.
        connect(context.client, &HttpClient::callStarted, self, [self](HttpCall *inner) {
            const Request &sent = inner->request();
            if (!self->m_done && sent.url == self->m_request.url
                && sent.method == self->m_request.method)
                self->observe(inner);
        });
    }
    if (resolved.auth.mode == AuthMode::OAuth2) {
        if (context.oauth2) {
            call->m_oauth2 = context.oauth2(resolved);
        } else {
            OAuth2Services services;
            services.client = context.client;
            call->m_oauth2 = std::make_unique<OAuth2Call>(resolved, QString(), services);
        }
        OAuth2Call *oauth2 = call->m_oauth2.get();
        oauth2->setRequestSecrets(secretValues);
        connect(oauth2, &OAuth2Call::downloadProgress, self, &AuthCall::downloadProgress);
        connect(oauth2, &OAuth2Call::warning, self, &AuthCall::warning);
        connect(oauth2, &OAuth2Call::finished, self, &AuthCall::onFinished);
        oauth2->start();
    } else if (SignedCall::signs(resolved.auth.mode)) {
        call->m_signed = SignedCall::send(*context.client, resolved, context.digest, secretValues);
        connect(call->m_signed.get(), &SignedCall::downloadProgress, self,
                &AuthCall::downloadProgress);
        connect(call->m_signed.get(), &SignedCall::finished, self, &AuthCall::onFinished);
    } else {
        call->m_plain = context.client->send(resolved, secretValues);
        connect(call->m_plain.get(), &HttpCall::downloadProgress, self,
                &AuthCall::downloadProgress);
        connect(call->m_plain.get(), &HttpCall::finished, self, &AuthCall::onFinished);
    }
    return call;
}

void AuthCall::observe(HttpCall *call)
{
    m_observed = call;
    call->setBodyObserved(true);
    call->setBodyKept(m_bodyKept);
    connect(call, &HttpCall::headReceived, this, &AuthCall::headReceived);
    connect(call, &HttpCall::bodyReceived, this, &AuthCall::bodyReceived);
}

void AuthCall::setBodyKept(bool kept)
{
    m_bodyKept = kept;
    if (m_observed)
        m_observed->setBodyKept(kept);
}

void AuthCall::cancel()
{
    if (m_plain)
        m_plain->cancel();
    if (m_oauth2)
        m_oauth2->cancel();
    if (m_signed)
        m_signed->cancel();
}

QStringList AuthCall::tokenValues() const
{
    return m_oauth2 ? m_oauth2->secretValues() : QStringList();
}

void AuthCall::onFinished(const Response &response)
{
    // The inner call lives on until this one is destroyed: it may not be deleted inside its
    // own signal.
    if (m_done)
        return;
    m_done = true;
    emit finished(response);
}

} // namespace Patchbay::Core
