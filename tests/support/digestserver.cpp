#include "tests/support/digestserver.h"

#include <QCryptographicHash>
#include <QRegularExpression>

#include <openssl/evp.h>

namespace Patchbay::Test {

namespace {

QByteArray hexHash(QByteArrayView algorithm, const QByteArray &data)
{
    const QByteArray base = algorithm.toByteArray().toUpper().replace("-SESS", "");
    if (base == "SHA-512-256") {
        unsigned char out[32];
        unsigned int length = 0;
        EVP_Digest(data.data(), size_t(data.size()), out, &length, EVP_sha512_256(), nullptr);
        return QByteArray(reinterpret_cast<const char *>(out), int(length)).toHex();
    }
    const auto qt = base == "SHA-256" ? QCryptographicHash::Sha256 : QCryptographicHash::Md5;
    return QCryptographicHash::hash(data, qt).toHex();
}

// name=value pairs of a credentials header, read with a regular expression rather than the
// client's parser, so that a parser bug cannot hide on both sides.
QHash<QByteArray, QByteArray> digestParams(const QByteArray &header)
{
    QHash<QByteArray, QByteArray> params;
    static const QRegularExpression pair(
        QStringLiteral(R"re(([A-Za-z0-9*_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*)))re"));
    const QString text = QString::fromLatin1(header.mid(header.indexOf(' ') + 1));
    for (auto it = pair.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        QString value = m.capturedStart(2) >= 0 ? m.captured(2) : m.captured(3);
        value.replace(QRegularExpression(QStringLiteral(R"(\\(.))")), QStringLiteral("\\1"));
        params.insert(m.captured(1).toLatin1().toLower(), value.toLatin1());
    }
    return params;
}

} // namespace

DigestServer::DigestServer(DigestServerOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_server.setHandler([this](const ReceivedRequest &request, Connection &connection) {
        handle(request, connection);
    });
}

DigestServer::~DigestServer() = default;

QUrl DigestServer::url(const QString &pathAndQuery) const
{
    return m_server.url(pathAndQuery);
}

void DigestServer::expireNonces()
{
    m_expired = m_issued;
}

void DigestServer::addRedirect(const QByteArray &path, int status, const QByteArray &location)
{
    m_redirects.insert(path, {status, location});
}

QByteArray DigestServer::expectedResponse(const DigestServerOptions &options,
                                          QByteArrayView algorithm, QByteArrayView nonce,
                                          QByteArrayView nc, QByteArrayView cnonce,
                                          QByteArrayView qop, QByteArrayView method,
                                          QByteArrayView uri, QByteArrayView body,
                                          const QByteArray &username)
{
    const auto H = [algorithm](const QByteArray &data) { return hexHash(algorithm, data); };
    QByteArray ha1 = H(username + ':' + options.realm + ':' + options.password.toUtf8());
    if (algorithm.toByteArray().toLower().endsWith("-sess"))
        ha1 = H(ha1 + ':' + nonce.toByteArray() + ':' + cnonce.toByteArray());
    QByteArray a2 = method.toByteArray() + ':' + uri.toByteArray();
    if (qop == "auth-int")
        a2 += ':' + H(body.toByteArray());
    const QByteArray ha2 = H(a2);
    if (qop.isEmpty())
        return H(ha1 + ':' + nonce.toByteArray() + ':' + ha2);
    return H(ha1 + ':' + nonce.toByteArray() + ':' + nc.toByteArray() + ':' + cnonce.toByteArray()
             + ':' + qop.toByteArray() + ':' + ha2);
}

void DigestServer::challenge(Connection &connection, bool stale)
{
    const QByteArray seed
        = QByteArray::number(quintptr(this)) + QByteArray::number(++m_nonceSerial);
    const QByteArray nonce = "n" + QByteArray::number(m_nonceSerial) + "-"
        + QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toBase64().left(16);
    m_issued.insert(nonce);
    m_lastNonce = nonce;
    QByteArray header = "Digest realm=\"" + m_options.realm + "\", nonce=\"" + nonce
        + "\", opaque=\"opaque-42\", algorithm=" + m_options.algorithm;
    if (!m_options.qop.isEmpty())
        header += ", qop=\"" + m_options.qop + "\"";
    if (m_options.userhash)
        header += ", userhash=true";
    if (stale)
        header += ", stale=true";
    // A Basic challenge first, as many servers list several: the client must pick Digest.
    connection.respond(401, "unauthorized",
                       {{"WWW-Authenticate", "Basic realm=\"" + m_options.realm + "\""},
                        {"WWW-Authenticate", header}});
}

DigestCheck DigestServer::check(const ReceivedRequest &request,
                                const QHash<QByteArray, QByteArray> &p)
{
    DigestCheck c;
    c.nonce = p.value("nonce");
    c.nc = p.value("nc");
    c.qop = p.value("qop");
    c.uri = p.value("uri");
    const QByteArray user = m_options.username.toUtf8();
    const QByteArray expectedUser
        = m_options.userhash ? hexHash(m_options.algorithm, user + ':' + m_options.realm) : user;
    if (p.value("username") != expectedUser) {
        c.reason = QStringLiteral("username");
        return c;
    }
    if (p.value("realm") != m_options.realm || p.value("opaque") != "opaque-42") {
        c.reason = QStringLiteral("realm or opaque");
        return c;
    }
    if (!m_issued.contains(c.nonce)) {
        c.reason = QStringLiteral("unknown nonce");
        return c;
    }
    if (c.uri != request.target) {
        c.reason = QStringLiteral("uri %1 is not the request-target %2")
                       .arg(QString::fromLatin1(c.uri), QString::fromLatin1(request.target));
        return c;
    }
    if (p.value("algorithm") != m_options.algorithm) {
        c.reason = QStringLiteral("algorithm");
        return c;
    }
    if (m_options.qop.isEmpty()) {
        if (p.contains("qop") || p.contains("nc") || p.contains("cnonce")) {
            c.reason = QStringLiteral("qop, nc or cnonce in a legacy answer");
            return c;
        }
    } else {
        if (!m_options.qop.split(',').contains(c.qop)) {
            c.reason = QStringLiteral("qop not offered");
            return c;
        }
        bool ok = false;
        const quint32 count = c.nc.toUInt(&ok, 16);
        if (!ok || c.nc.size() != 8 || count <= m_lastCount.value(c.nonce, 0)) {
            c.reason = QStringLiteral("nc %1 does not increase").arg(QString::fromLatin1(c.nc));
            return c;
        }
        if (p.value("cnonce").isEmpty()) {
            c.reason = QStringLiteral("no cnonce");
            return c;
        }
    }
    const QByteArray expected
        = expectedResponse(m_options, m_options.algorithm, c.nonce, c.nc, p.value("cnonce"), c.qop,
                           request.method, request.target, request.body, user);
    if (p.value("response") != expected) {
        c.reason = QStringLiteral("wrong response hash");
        return c;
    }
    if (!m_options.qop.isEmpty())
        m_lastCount[c.nonce] = c.nc.toUInt(nullptr, 16);
    c.accepted = true;
    return c;
}

void DigestServer::handle(const ReceivedRequest &request, Connection &connection)
{
    if (const auto redirect = m_redirects.constFind(request.path());
        redirect != m_redirects.cend()) {
        connection.redirect(redirect->first, redirect->second);
        return;
    }
    const QByteArray authorization = request.header("Authorization");
    if (!authorization.startsWith("Digest ")) {
        challenge(connection, false);
        return;
    }
    DigestCheck result = check(request, digestParams(authorization));
    const bool stale
        = result.accepted && (m_options.alwaysStale || m_expired.contains(result.nonce));
    if (stale) {
        result.accepted = false;
        result.reason = QStringLiteral("stale nonce");
        m_expired.remove(result.nonce);
        m_issued.remove(result.nonce);
    }
    m_checks.append(result);
    if (!result.accepted) {
        challenge(connection, stale);
        return;
    }
    RawHeaderList headers = {{"Content-Type", "application/json"}};
    if (m_options.sendNextNonce) {
        const QByteArray next = "next-" + QByteArray::number(++m_nonceSerial);
        m_issued.insert(next);
        headers.append({"Authentication-Info", "nextnonce=\"" + next + "\", qop=auth"});
    }
    connection.respond(200, "{\"authenticated\":true,\"nc\":\"" + result.nc + "\"}", headers);
}

} // namespace Patchbay::Test
