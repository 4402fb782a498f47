#include "core/update/idempotencycheck.h"

#include "core/http/httpclient.h"
#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"

#include <QCryptographicHash>

namespace Patchbay::Core {

QByteArray bodyHash(const QByteArray &body)
{
    Result<JsonValue> json = parseJson(body);
    const QByteArray canonical = json ? toJson(json.value(), JsonStyle::Compact) : body;
    return QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex();
}

IdempotencyCheck::IdempotencyCheck(HttpClient *client, QObject *parent)
    : QObject(parent)
{
    Q_ASSERT(client);
    m_context.client = client;
}

void IdempotencyCheck::setAuthContext(const AuthCall::Context &context)
{
    Q_ASSERT(context.client);
    m_context = context;
}

IdempotencyCheck::~IdempotencyCheck() = default;

void IdempotencyCheck::start(const Request &request, const Request &get, int attempts)
{
    Q_ASSERT(attempts >= 1);
    cancel();
    m_request = request;
    m_get = get;
    m_get.method = QStringLiteral("GET");
    m_get.body = RequestBody {};
    m_total = std::max(1, attempts);
    m_step = 0;
    m_report = IdempotencyReport {};
    sendNext();
}

void IdempotencyCheck::cancel()
{
    if (m_call) {
        m_call->disconnect(this);
        m_call.reset();
    }
}

// Steps: 0 = attempt 1, 1 = GET, 2 .. total = attempts 2 .. N, total + 1 = the last GET.
void IdempotencyCheck::sendNext()
{
    const bool isGet = m_step == 1 || m_step == m_total + 1;
    m_current = isGet ? m_get : m_request;
    m_call = AuthCall::send(m_context, m_current);
    connect(m_call.get(), &AuthCall::finished, this, &IdempotencyCheck::onFinished);
}

void IdempotencyCheck::onFinished(const Response &response)
{
    // The call is done: let it go once control is back in the event loop.
    m_call.release()->deleteLater();
    emit exchangeFinished(m_current, response);

    IdempotencyAttempt attempt;
    attempt.method = m_current.method;
    attempt.statusCode = response.statusCode;
    attempt.errorKind = response.errorKind;
    attempt.errorMessage = response.errorMessage;
    if (!response.isError())
        attempt.bodyHash = bodyHash(response.body.readAll());

    const bool isGet = m_step == 1 || m_step == m_total + 1;
    if (!isGet)
        attempt.index = m_step == 0 ? 1 : m_step;
    if (m_step == 1)
        m_report.getAfterFirst = attempt;
    else if (isGet)
        m_report.getAfterLast = attempt;
    else
        m_report.attempts.append(attempt);

    if (response.isError()) {
        m_report.error = response.errorMessage;
        finish();
        return;
    }
    emit progress(m_step + 1, m_total + 2);
    ++m_step;
    if (m_step > m_total + 1) {
        finish();
        return;
    }
    sendNext();
}

void IdempotencyCheck::finish()
{
    const QList<IdempotencyAttempt> &a = m_report.attempts;
    const auto allSame = [&](auto field) {
        return !a.isEmpty() && std::all_of(a.cbegin(), a.cend(), [&](const IdempotencyAttempt &x) {
            return field(x) == field(a.first());
        });
    };
    m_report.statusSame = allSame([](const IdempotencyAttempt &x) { return x.statusCode; });
    m_report.bodySame = allSame([](const IdempotencyAttempt &x) { return x.bodyHash; });
    m_report.getSame = m_report.error.isEmpty()
        && m_report.getAfterFirst.statusCode == m_report.getAfterLast.statusCode
        && m_report.getAfterFirst.bodyHash == m_report.getAfterLast.bodyHash;
    emit finished(m_report);
}

} // namespace Patchbay::Core
