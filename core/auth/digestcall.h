#pragma once

#include "core/auth/digestauth.h"
#include "core/auth/digestsession.h"
#include "core/auth/signing.h"
#include "core/http/httpclient.h"

#include <QElapsedTimer>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace Patchbay::Core {

// One request with Digest auth (RFC 7616), sent through an HttpClient: the first request goes
// out without credentials (or, when `session` holds this origin's challenge, answers it at once
// with the next nonce count); a 401 with a Digest challenge is answered once; a 401 that says
// stale=true is answered once more with the new nonce. Any other outcome is final, including a
// 401 for wrong credentials, which the caller shows like any response.
//
// The final Response carries the earlier exchanges in Timing::before ("Auth challenge", "Auth
// retry (stale nonce)"), with every time measured from the first request's start, so a timing
// chart shows the round trip. Credentials never leave the origin of the request: a 401 reached
// through a redirect to another origin is not answered. finished() is emitted once, from the
// event loop; destroying the call aborts what is in flight.
class DigestCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DigestCall)

public:
    using InputsSource = std::function<SigningInputs()>;

    // `request` has its variables resolved. `session` (not owned, may be null) carries
    // challenges and nonce counts across requests; it must outlive the call. `inputs` supplies
    // the client nonce of each answer (SigningInputs::fresh() when empty).
    static std::unique_ptr<DigestCall> send(HttpClient &client, const Request &request,
                                            const DigestConfig &config,
                                            DigestSession *session = nullptr,
                                            InputsSource inputs = {});
    ~DigestCall() override;

    void cancel();
    bool isFinished() const { return m_finishedEmitted; }
    // Valid once finished() was emitted.
    const Response &response() const { return m_response; }
    // How many requests went out (1 to 3).
    int exchangeCount() const { return m_exchanges; }

signals:
    void downloadProgress(qint64 received, qint64 total);
    void uploadProgress(qint64 sent, qint64 total);
    void finished(const Patchbay::Core::Response &response);

private:
    DigestCall(HttpClient &client, const Request &request, const DigestConfig &config,
               DigestSession *session, InputsSource inputs);
    void start();
    void sendHop(const PreparedRequest &hop, bool carriesAnswer);
    void onHopFinished(Response response);
    bool answer(const Response &challengeResponse, const DigestChallenge &challenge,
                const QString &spanName);
    std::optional<PreparedRequest> retryTarget(const Response &challengeResponse) const;
    void finish(Response response);
    double elapsedMs() const { return double(m_clock.nsecsElapsed()) / 1e6; }

    HttpClient &m_client;
    const Request m_request;
    const DigestConfig m_config;
    DigestSession m_ownSession; // used when the caller gives none
    DigestSession *m_session; // not owned (or &m_ownSession)
    InputsSource m_inputs;
    std::optional<PreparedRequest> m_prepared; // the request without credentials
    std::unique_ptr<HttpCall> m_call; // the exchange in flight
    QElapsedTimer m_clock;
    QDateTime m_startedAt;
    double m_hopStartMs = 0; // when the exchange in flight began, on m_clock
    QList<TimingSpan> m_spans;
    QList<RedirectHop> m_earlierRedirects; // followed before a challenge was answered
    bool m_carriesAnswer = false; // the exchange in flight sent an Authorization: Digest
    bool m_answeredChallenge = false;
    bool m_retriedStale = false;
    int m_exchanges = 0;
    Response m_response;
    bool m_finishedEmitted = false;
};

} // namespace Patchbay::Core
