#pragma once

#include "core/http/request.h"
#include "core/http/response.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <memory>

namespace Patchbay::Core {

class DigestSession;
class HttpCall;
class HttpClient;
class OAuth2Call;
class SignedCall;

// One request sent with whatever auth it carries, the way Send sends it: OAuth 2.0 through an
// OAuth2Call (token from the keyring, refresh, grant), Digest, AWS SigV4, OAuth 1.0a and JWT
// bearer through a SignedCall, anything else as HttpClient::send() sends it. Every place that
// sends a user's request (a tab's Send, Edit resource, the idempotency check, GraphQL
// introspection) goes through one, so none of them sends without the auth the user set.
// finished() is emitted once, from the event loop; destroying the call aborts what is in flight.
class AuthCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthCall)

public:
    // Makes the OAuth 2.0 call for a resolved request, not started (the window's AuthServices
    // wires its sign-in dialog and history to it).
    using OAuth2Factory = std::function<std::unique_ptr<OAuth2Call>(const Request &resolved)>;

    // What sending needs besides the request. Only `client` is required: without `oauth2` an
    // OAuth 2.0 request gets its token by running its grant, kept in the call only; without
    // `digest` each Digest request answers its own challenge.
    struct Context
    {
        HttpClient *client = nullptr; // not owned
        OAuth2Factory oauth2;
        DigestSession *digest = nullptr; // not owned; must outlive the call
        // Streaming bodies (Server-Sent Events): headReceived() and bodyReceived() report the
        // calls that carry the request (not token requests), as HttpCall's do.
        bool observeBody = false;
    };

    // Starts sending `resolved` (variables resolved). `secretValues`: the values of the secret
    // variables the request used (HttpClient::send).
    static std::unique_ptr<AuthCall> send(const Context &context, const Request &resolved,
                                          const QStringList &secretValues = {});
    ~AuthCall() override;

    void cancel();
    bool isFinished() const { return m_done; }
    // The request as given: its auth settings, never the signature or token. What history keeps.
    const Request &request() const { return m_request; }
    // The OAuth 2.0 tokens the call used or received, for redacting what is kept of the
    // exchange (a server that echoes the Authorization header back).
    QStringList tokenValues() const;
    // With Context::observeBody: whether the observed calls store their body (false for an
    // endless stream whose observer keeps what it needs; HttpCall::setBodyKept).
    void setBodyKept(bool kept);

signals:
    void downloadProgress(qint64 received, qint64 total);
    // Something about the token the user should know (OAuth2Call::warning).
    void warning(const QString &message);
    void finished(const Patchbay::Core::Response &response);
    // With Context::observeBody, for each call that carries the request (a Digest challenge,
    // then the answer; an OAuth 2.0 retry after a 401): its final head, then its body bytes.
    void headReceived(const Patchbay::Core::Response &head);
    void bodyReceived(const QByteArray &data);

private:
    explicit AuthCall(const Request &request);
    void onFinished(const Response &response);
    void observe(HttpCall *call);

    const Request m_request;
    std::unique_ptr<HttpCall> m_plain; // owned: one of the three is in flight
    std::unique_ptr<OAuth2Call> m_oauth2;
    std::unique_ptr<SignedCall> m_signed;
    QPointer<HttpCall> m_observed; // not owned: the call whose body is reported
    bool m_bodyKept = true;
    bool m_done = false;
};

} // namespace Patchbay::Core
