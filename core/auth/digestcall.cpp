#include "core/auth/digestcall.h"

#include "core/http/redirectpolicy.h"

#include <QLoggingCategory>

namespace Patchbay::Core {

Q_LOGGING_CATEGORY(lcDigest, "patchbay.auth.digest")

namespace {

void shift(double &at, double offset)
{
    if (at >= 0)
        at += offset;
}

} // namespace

std::unique_ptr<DigestCall> DigestCall::send(HttpClient &client, const Request &request,
                                             const DigestConfig &config, DigestSession *session,
                                             InputsSource inputs)
{
    std::unique_ptr<DigestCall> call(
        new DigestCall(client, request, config, session, std::move(inputs)));
    call->start();
    return call;
}

DigestCall::DigestCall(HttpClient &client, const Request &request, const DigestConfig &config,
                       DigestSession *session, InputsSource inputs)
    : m_client(client)
    , m_request(request)
    , m_config(config)
    , m_session(session ? session : &m_ownSession)
    , m_inputs(inputs ? std::move(inputs) : InputsSource(&SigningInputs::fresh))
{ }

DigestCall::~DigestCall() = default; // destroying the HttpCall aborts its transfer

void DigestCall::start()
{
    m_startedAt = QDateTime::currentDateTime();
    m_clock.start();
    Result<PreparedRequest> prepared = prepareRequest(m_request);
    if (!prepared) {
        // The client reports an unsendable request the same way for every sender.
        m_hopStartMs = 0;
        m_call = m_client.send(m_request);
        connect(m_call.get(), &HttpCall::finished, this,
                [this](const Response &response) { finish(response); });
        return;
    }
    m_prepared = std::move(prepared).value();
    if (const auto known = m_session->challengeFor(m_prepared->url, m_config.username)) {
        const quint32 count = m_session->takeNonceCount(m_prepared->url, known->nonce);
        Result<PreparedRequest> answered
            = signDigest(*m_prepared, *known, m_config, count, m_inputs());
        if (answered) {
            sendHop(*answered, true);
            return;
        }
    }
    sendHop(*m_prepared, false);
}

void DigestCall::sendHop(const PreparedRequest &hop, bool carriesAnswer)
{
    m_carriesAnswer = carriesAnswer;
    m_hopStartMs = elapsedMs();
    ++m_exchanges;
    // Replacing the call destroys the previous one, which may be emitting finished() right now:
    // HttpCall allows that, and nothing of it is used afterwards.
    m_call = m_client.send(m_request, hop);
    HttpCall *call = m_call.get();
    connect(call, &HttpCall::downloadProgress, this, &DigestCall::downloadProgress);
    connect(call, &HttpCall::uploadProgress, this, &DigestCall::uploadProgress);
    // By value: the response is the emitting call's member, and the call may be replaced.
    connect(call, &HttpCall::finished, this,
            [this](Response response) { onHopFinished(std::move(response)); });
}

void DigestCall::onHopFinished(Response response)
{
    const QUrl url = m_prepared->url;
    if (response.statusCode == 401 && !response.isError()) {
        if (const auto challenge = chooseDigestChallenge(response.headers)) {
            if (m_carriesAnswer && challenge->stale && !m_retriedStale) {
                m_retriedStale = true;
                if (answer(response, *challenge, QStringLiteral("Auth retry (stale nonce)")))
                    return;
            } else if (!m_answeredChallenge) {
                // The first challenge, or a refusal of our up-front answer with a remembered
                // nonce: answer the fresh challenge, once.
                if (answer(response, *challenge, QStringLiteral("Auth challenge")))
                    return;
            }
        }
        if (m_carriesAnswer) // the credentials were refused: do not offer them up front again
            m_session->forget(url, m_config.username);
    } else if (m_carriesAnswer && !response.isError()) {
        const QByteArray next = digestNextNonce(response.headers);
        if (!next.isEmpty())
            m_session->useNextNonce(url, m_config.username, next);
    }
    finish(std::move(response));
}

bool DigestCall::answer(const Response &challengeResponse, const DigestChallenge &challenge,
                        const QString &spanName)
{
    const std::optional<PreparedRequest> target = retryTarget(challengeResponse);
    if (!target) {
        qCInfo(lcDigest) << "Not answering a Digest challenge from"
                         << challengeResponse.finalUrl.host()
                         << "reached through a redirect to another origin";
        return false;
    }
    const quint32 count = m_session->takeNonceCount(target->url, challenge.nonce);
    Result<PreparedRequest> answered = signDigest(*target, challenge, m_config, count, m_inputs());
    if (!answered) {
        qCWarning(lcDigest) << "Cannot answer the Digest challenge:" << answered.error().message;
        return false;
    }
    m_answeredChallenge = true;
    m_session->remember(target->url, m_config.username, challenge);
    m_spans.append(
        {spanName, m_hopStartMs, m_hopStartMs + qMax(0.0, challengeResponse.timing.finished), {}});
    m_earlierRedirects += challengeResponse.redirects;
    sendHop(*answered, true);
    return true;
}

std::optional<PreparedRequest> DigestCall::retryTarget(const Response &challengeResponse) const
{
    // The request that got the 401, replayed through the redirects that led to it.
    PreparedRequest hop = *m_prepared;
    for (const RedirectHop &redirect : challengeResponse.redirects) {
        Result<RedirectStep> step
            = planRedirect(hop, redirect.statusCode, redirect.location.toEncoded());
        if (!step)
            return std::nullopt;
        hop = std::move(step).value().next;
    }
    if (!isSameOrigin(hop.url, m_prepared->url))
        return std::nullopt;
    return hop;
}

void DigestCall::finish(Response response)
{
    if (m_finishedEmitted)
        return;
    if (!m_spans.isEmpty()) {
        Timing &t = response.timing;
        const double offset = m_hopStartMs;
        for (double *at : {&t.connectStart, &t.tlsDone, &t.requestSent, &t.firstByte, &t.finished})
            shift(*at, offset);
        t.startedAt = m_startedAt;
        t.before = m_spans;
        response.redirects = m_earlierRedirects + response.redirects;
    }
    m_response = std::move(response);
    m_finishedEmitted = true;
    emit finished(m_response); // last: a slot may delete this call
}

void DigestCall::cancel()
{
    if (m_call && !m_finishedEmitted)
        m_call->cancel();
}

} // namespace Patchbay::Core
