#include "core/auth/digestauth.h"

#include "core/auth/hashes.h"

namespace Patchbay::Core {

namespace {

HashAlgorithm hashFor(DigestAlgorithm algorithm)
{
    switch (algorithm) {
    case DigestAlgorithm::Md5:
    case DigestAlgorithm::Md5Sess:
        return HashAlgorithm::Md5;
    case DigestAlgorithm::Sha256:
    case DigestAlgorithm::Sha256Sess:
        return HashAlgorithm::Sha256;
    case DigestAlgorithm::Sha512_256:
    case DigestAlgorithm::Sha512_256Sess:
        return HashAlgorithm::Sha512_256;
    case DigestAlgorithm::Sha512:
        return HashAlgorithm::Sha512;
    }
    return HashAlgorithm::Md5;
}

bool isSession(DigestAlgorithm algorithm)
{
    return algorithm == DigestAlgorithm::Md5Sess || algorithm == DigestAlgorithm::Sha256Sess
        || algorithm == DigestAlgorithm::Sha512_256Sess;
}

int strength(DigestAlgorithm algorithm)
{
    switch (hashFor(algorithm)) {
    case HashAlgorithm::Sha512_256:
        return 4;
    case HashAlgorithm::Sha256:
        return 3;
    case HashAlgorithm::Sha512:
        return 2; // stronger hash, but outside the RFC: a server's SHA-256 is the safer bet
    default:
        return 1;
    }
}

QByteArray quoted(QByteArrayView value)
{
    QByteArray out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

bool fitsQuotedString(QByteArrayView value)
{
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || (u < 0x20 && c != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

// RFC 8187 ext-value: UTF-8''percent-encoded, attr-char left as is.
QByteArray extValue(const QString &text)
{
    QByteArray out = "UTF-8''";
    for (char c : text.toUtf8()) {
        const auto u = static_cast<unsigned char>(c);
        const bool alnum
            = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum || (u < 0x80 && QByteArrayView("!#$&+-.^_`|~").contains(c)))
            out += c;
        else
            out += '%' + QByteArray::number(u, 16).rightJustified(2, '0').toUpper();
    }
    return out;
}

QByteArray joined(std::initializer_list<QByteArrayView> parts)
{
    QByteArray out;
    bool first = true;
    for (QByteArrayView part : parts) {
        if (!first)
            out += ':';
        out += part;
        first = false;
    }
    return out;
}

} // namespace

QByteArray digestAlgorithmName(DigestAlgorithm algorithm)
{
    switch (algorithm) {
    case DigestAlgorithm::Md5:
        return "MD5";
    case DigestAlgorithm::Md5Sess:
        return "MD5-sess";
    case DigestAlgorithm::Sha256:
        return "SHA-256";
    case DigestAlgorithm::Sha256Sess:
        return "SHA-256-sess";
    case DigestAlgorithm::Sha512_256:
        return "SHA-512-256";
    case DigestAlgorithm::Sha512_256Sess:
        return "SHA-512-256-sess";
    case DigestAlgorithm::Sha512:
        return "SHA-512";
    }
    return {};
}

std::optional<DigestAlgorithm> digestAlgorithmFromName(QByteArrayView name)
{
    for (DigestAlgorithm algorithm :
         {DigestAlgorithm::Md5, DigestAlgorithm::Md5Sess, DigestAlgorithm::Sha256,
          DigestAlgorithm::Sha256Sess, DigestAlgorithm::Sha512_256, DigestAlgorithm::Sha512_256Sess,
          DigestAlgorithm::Sha512}) {
        if (name.trimmed().compare(digestAlgorithmName(algorithm), Qt::CaseInsensitive) == 0)
            return algorithm;
    }
    return std::nullopt;
}

std::optional<DigestChallenge> digestChallengeFrom(const AuthChallenge &challenge)
{
    if (!challenge.isScheme("Digest") || challenge.param("nonce").isEmpty())
        return std::nullopt;
    DigestChallenge digest;
    digest.realm = challenge.param("realm");
    if (digest.realm.isNull())
        digest.realm = "";
    digest.nonce = challenge.param("nonce");
    digest.opaque = challenge.param("opaque");
    const QByteArray algorithm = challenge.param("algorithm");
    if (!algorithm.isNull()) {
        const std::optional<DigestAlgorithm> known = digestAlgorithmFromName(algorithm);
        if (!known)
            return std::nullopt;
        digest.algorithm = *known;
        digest.algorithmGiven = true;
    }
    const QByteArray qop = challenge.param("qop");
    if (!qop.isNull()) {
        for (const QByteArray &value : qop.split(',')) {
            const QByteArray v = value.trimmed().toLower();
            digest.offersAuth = digest.offersAuth || v == "auth";
            digest.offersAuthInt = digest.offersAuthInt || v == "auth-int";
        }
        if (!digest.offersAuth && !digest.offersAuthInt)
            return std::nullopt; // only qop values we do not know, e.g. auth-conf
    }
    digest.stale = challenge.param("stale").trimmed().compare("true", Qt::CaseInsensitive) == 0;
    digest.userhash
        = challenge.param("userhash").trimmed().compare("true", Qt::CaseInsensitive) == 0;
    return digest;
}

std::optional<DigestChallenge> chooseDigestChallenge(const HttpHeaderList &headers)
{
    std::optional<DigestChallenge> best;
    for (const HttpHeader &header : headers) {
        if (header.name.compare("WWW-Authenticate", Qt::CaseInsensitive) != 0)
            continue;
        for (const AuthChallenge &challenge : parseAuthChallenges(header.value)) {
            const std::optional<DigestChallenge> digest = digestChallengeFrom(challenge);
            if (digest && (!best || strength(digest->algorithm) > strength(best->algorithm)))
                best = digest;
        }
    }
    return best;
}

QByteArray digestNextNonce(const HttpHeaderList &headers)
{
    for (const HttpHeader &header : headers) {
        if (header.name.compare("Authentication-Info", Qt::CaseInsensitive) != 0)
            continue;
        for (const AuthParam &param : parseAuthParams(header.value)) {
            if (param.name.compare("nextnonce", Qt::CaseInsensitive) == 0 && !param.value.isEmpty())
                return param.value;
        }
    }
    return {};
}

QByteArray digestUri(const QUrl &url)
{
    QByteArray target = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority
                                      | QUrl::RemoveFragment | QUrl::FullyEncoded);
    if (target.isEmpty() || target.startsWith('?'))
        target.prepend('/');
    return target;
}

Result<QByteArray> digestAuthorization(const DigestChallenge &challenge, const DigestConfig &config,
                                       QByteArrayView method, QByteArrayView uri,
                                       QByteArrayView body, quint32 nonceCount,
                                       QByteArrayView cnonce)
{
    const HashAlgorithm hash = hashFor(challenge.algorithm);
    const auto H = [hash](QByteArrayView data) { return hexHashOf(hash, data); };
    QByteArray qop;
    if (challenge.offersAuthInt && (config.preferAuthInt || !challenge.offersAuth))
        qop = "auth-int";
    else if (challenge.offersAuth)
        qop = "auth";
    const bool legacy = qop.isEmpty();
    if (legacy && isSession(challenge.algorithm)) {
        return Error {QStringLiteral("digest-unsupported"),
                      QStringLiteral("The server asks for Digest %1 without a qop, which needs a "
                                     "client nonce the protocol then has no place for. Ask the "
                                     "server's administrator to offer qop=auth.")
                          .arg(QString::fromLatin1(digestAlgorithmName(challenge.algorithm)))};
    }
    const QByteArray user = config.username.toUtf8();
    const QByteArray nc = QByteArray::number(nonceCount, 16).rightJustified(8, '0');

    QByteArray ha1 = H(joined({user, challenge.realm, config.password.toUtf8()}));
    if (isSession(challenge.algorithm))
        ha1 = H(joined({ha1, challenge.nonce, cnonce}));
    const QByteArray ha2
        = qop == "auth-int" ? H(joined({method, uri, H(body)})) : H(joined({method, uri}));
    const QByteArray response = legacy ? H(joined({ha1, challenge.nonce, ha2}))
                                       : H(joined({ha1, challenge.nonce, nc, cnonce, qop, ha2}));

    QByteArray header = "Digest ";
    if (challenge.userhash)
        header += "username=" + quoted(H(joined({user, challenge.realm})));
    else if (fitsQuotedString(user))
        header += "username=" + quoted(user);
    else
        header += "username*=" + extValue(config.username);
    header += ", realm=" + quoted(challenge.realm);
    header += ", nonce=" + quoted(challenge.nonce);
    header += ", uri=" + quoted(uri);
    if (challenge.algorithmGiven)
        header += ", algorithm=" + digestAlgorithmName(challenge.algorithm);
    header += ", response=" + quoted(response);
    if (!challenge.opaque.isNull())
        header += ", opaque=" + quoted(challenge.opaque);
    if (!legacy)
        header += ", qop=" + qop + ", nc=" + nc + ", cnonce=" + quoted(cnonce);
    if (challenge.userhash)
        header += ", userhash=true";
    return header;
}

Result<PreparedRequest> signDigest(const PreparedRequest &request, const DigestChallenge &challenge,
                                   const DigestConfig &config, quint32 nonceCount,
                                   const SigningInputs &inputs)
{
    Result<QByteArray> value
        = digestAuthorization(challenge, config, request.method.toLatin1(), digestUri(request.url),
                              request.hasBody ? QByteArrayView(request.body) : QByteArrayView(),
                              nonceCount, inputs.nonce);
    if (!value)
        return value.error();
    PreparedRequest signedRequest = request;
    signedRequest.removeHeaders("Authorization");
    signedRequest.headers.append({"Authorization", std::move(value).value(), true, true});
    return signedRequest;
}

} // namespace Patchbay::Core
