#pragma once

#include "core/auth/authcall.h"
#include "core/http/request.h"
#include "core/http/response.h"

#include <QByteArray>
#include <QList>
#include <QObject>

#include <memory>

namespace Patchbay::Core {

class HttpClient;

// One exchange of an idempotency check.
struct IdempotencyAttempt
{
    int index = 0; // 1-based for the repeated request; 0 for the GETs
    QString method;
    int statusCode = 0;
    QByteArray bodyHash; // SHA-256 hex of the body (of its compact form when it is JSON)
    ErrorKind errorKind = ErrorKind::None;
    QString errorMessage;

    friend bool operator==(const IdempotencyAttempt &, const IdempotencyAttempt &) = default;
};

struct IdempotencyReport
{
    QList<IdempotencyAttempt> attempts; // the repeated request, in order
    IdempotencyAttempt getAfterFirst; // the follow-up GET after the first attempt
    IdempotencyAttempt getAfterLast; // and after the last one
    bool statusSame = false;
    bool bodySame = false;
    bool getSame = false;
    QString error; // a transport failure that stopped the check; empty otherwise

    bool isIdempotent() const { return error.isEmpty() && statusSame && bodySame && getSame; }
};

// The hash IdempotencyCheck compares: JSON bodies by their compact form (whitespace does not
// count), anything else by its bytes.
QByteArray bodyHash(const QByteArray &body);

// Sends the same request N times, with a GET of the resource after the first and after the
// last, and reports whether status, body and resource stayed the same. Sequential: one request
// in flight at a time, so the answers are in order.
class IdempotencyCheck final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdempotencyCheck)

public:
    explicit IdempotencyCheck(HttpClient *client, QObject *parent = nullptr); // not owned
    ~IdempotencyCheck() override;
    // How requests are authorised (OAuth 2.0 tokens, Digest session); by default with the
    // client alone. Every request goes out with its auth, as Send sends it.
    void setAuthContext(const AuthCall::Context &context);

    // `get` is the follow-up GET (the resource the request changes). attempts >= 1.
    void start(const Request &request, const Request &get, int attempts);
    void cancel();
    bool isRunning() const { return m_call != nullptr; }
    const IdempotencyReport &report() const { return m_report; }

signals:
    void exchangeFinished(const Patchbay::Core::Request &sent,
                          const Patchbay::Core::Response &response);
    void progress(int done, int total);
    void finished(const Patchbay::Core::IdempotencyReport &report);

private:
    void sendNext();
    void onFinished(const Response &response);
    void finish();

    AuthCall::Context m_context;
    std::unique_ptr<AuthCall> m_call; // owned
    Request m_request;
    Request m_get;
    int m_total = 0;
    int m_step = 0; // 0: attempt 1, 1: GET, 2..: attempts 2..N, then the last GET
    Request m_current;
    IdempotencyReport m_report;
};

} // namespace Patchbay::Core

Q_DECLARE_METATYPE(Patchbay::Core::IdempotencyReport)
