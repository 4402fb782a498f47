#pragma once

#include "tests/support/scriptedserver.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

namespace Patchbay::Test {

// How a DigestServer challenges and what it accepts.
struct DigestServerOptions
{
    QByteArray algorithm = "MD5"; // as sent: MD5, MD5-sess, SHA-256(-sess), SHA-512-256(-sess)
    QByteArray qop = "auth"; // "auth", "auth-int", "auth,auth-int"; empty: legacy RFC 2069
    QByteArray realm = "patchbay@loopback";
    QString username = QStringLiteral("ada");
    QString password = QStringLiteral("s3cret pass");
    bool userhash = false;
    bool sendNextNonce = false; // Authentication-Info: nextnonce on success
    bool alwaysStale = false; // every answer is refused with stale=true
};

// What the server made of one Authorization: Digest header.
struct DigestCheck
{
    bool accepted = false;
    QString reason; // why not
    QByteArray nonce;
    QByteArray nc;
    QByteArray qop;
    QByteArray uri;
};

// A loopback HTTP server that speaks Digest (RFC 7616) with its own, independent check of each
// answer: it issues nonces, refuses reused or decreasing nonce counts, a digest-uri that is not
// the request-target, wrong hashes; it can declare nonces stale. Every answer's check is kept.
class DigestServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DigestServer)

public:
    explicit DigestServer(DigestServerOptions options, QObject *parent = nullptr);
    ~DigestServer() override;

    QUrl url(const QString &pathAndQuery = QStringLiteral("/")) const;
    ScriptedServer &server() { return m_server; }
    void setOptions(const DigestServerOptions &options) { m_options = options; }
    // Answers with an issued nonce get 401 stale=true from now on (once per nonce).
    void expireNonces();
    // Paths answered with a redirect instead: path -> (status, location).
    void addRedirect(const QByteArray &path, int status, const QByteArray &location);

    const QList<DigestCheck> &checks() const { return m_checks; }
    QList<ReceivedRequest> requests() const { return m_server.requests(); }
    QByteArray lastNonce() const { return m_lastNonce; }

    // The expected response hash, computed here independently of core/auth.
    static QByteArray expectedResponse(const DigestServerOptions &options, QByteArrayView algorithm,
                                       QByteArrayView nonce, QByteArrayView nc,
                                       QByteArrayView cnonce, QByteArrayView qop,
                                       QByteArrayView method, QByteArrayView uri,
                                       QByteArrayView body, const QByteArray &username);

private:
    void handle(const ReceivedRequest &request, Connection &connection);
    void challenge(Connection &connection, bool stale);
    DigestCheck check(const ReceivedRequest &request, const QHash<QByteArray, QByteArray> &params);

    ScriptedServer m_server;
    DigestServerOptions m_options;
    QSet<QByteArray> m_issued;
    QSet<QByteArray> m_expired;
    QHash<QByteArray, quint32> m_lastCount; // nonce -> highest nc accepted
    QHash<QByteArray, std::pair<int, QByteArray>> m_redirects;
    QList<DigestCheck> m_checks;
    QByteArray m_lastNonce;
    int m_nonceSerial = 0;
};

} // namespace Patchbay::Test
