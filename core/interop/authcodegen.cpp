#include "core/interop/authcodegen.h"

namespace Patchbay::Core {

namespace {

CodeAuthExtras digestExtras(const DigestConfig &config, CodeLanguage language)
{
    CodeAuthExtras extras;
    const QString credentials = config.username + u':' + config.password;
    const bool colonInUser = config.username.contains(u':');
    switch (language) {
    case CodeLanguage::Curl:
    case CodeLanguage::Httpie:
        if (colonInUser) {
            extras.comments.append(QStringLiteral(
                "Digest auth: the user name contains ':', which curl and HTTPie read as the end "
                "of the user name. Answer the 401 challenge with another client."));
            break;
        }
        if (language == CodeLanguage::Curl)
            extras.shellOptions
                = {QStringLiteral("--digest"), QStringLiteral("-u ") + shellQuoted(credentials)};
        else
            extras.shellOptions = {QStringLiteral("--auth-type=digest"),
                                   QStringLiteral("-a ") + shellQuoted(credentials)};
        break;
    case CodeLanguage::PythonRequests:
        extras.pythonImport = QStringLiteral("from requests.auth import HTTPDigestAuth");
        extras.pythonAuth = QStringLiteral("HTTPDigestAuth(%1, %2)")
                                .arg(pythonString(config.username), pythonString(config.password));
        extras.comments.append(QStringLiteral(
            "Digest auth: requests answers MD5, SHA-256 and SHA-512 challenges with qop=auth "
            "(not SHA-512-256 or auth-int)."));
        break;
    case CodeLanguage::JavaScriptFetch:
        extras.comments << QStringLiteral(
            "Digest auth: fetch cannot answer the server's 401 challenge. Send "
            "the request once,")
                        << QStringLiteral(
                               "compute the Authorization header from its WWW-Authenticate "
                               "(RFC 7616) and send it again,")
                        << QStringLiteral("or use a Digest library for your runtime.");
        break;
    case CodeLanguage::CppQt:
        extras.comments << QStringLiteral(
            "Digest auth: connect QNetworkAccessManager::authenticationRequired "
            "and set the user name")
                        << QStringLiteral(
                               "and password on the QAuthenticator; Qt answers the challenge "
                               "(MD5 and SHA-256).");
        break;
    }
    if (config.preferAuthInt
        && (language == CodeLanguage::Curl || language == CodeLanguage::Httpie))
        extras.comments.append(QStringLiteral("Digest auth: this tool answers with qop=auth; "
                                              "Patchbay prefers auth-int when it is offered."));
    return extras;
}

CodeAuthExtras awsExtras(const AwsSigV4Config &config, CodeLanguage language)
{
    CodeAuthExtras extras;
    const QString what = QStringLiteral("AWS Signature v4 (region %1, service %2)")
                             .arg(config.region.trimmed(), config.service.trimmed());
    if (language == CodeLanguage::Curl && config.placement == AwsSigV4Placement::Header) {
        extras.shellOptions
            = {QStringLiteral("--aws-sigv4 ")
                   + shellQuoted(QStringLiteral("aws:amz:%1:%2")
                                     .arg(config.region.trimmed(), config.service.trimmed())),
               QStringLiteral("-u ")
                   + shellQuoted(config.accessKeyId.trimmed() + u':'
                                 + config.secretAccessKey.trimmed())};
        if (!config.sessionToken.trimmed().isEmpty()) {
            extras.shellOptions.append(QStringLiteral("-H ")
                                       + shellQuoted(QStringLiteral("X-Amz-Security-Token: ")
                                                     + config.sessionToken.trimmed()));
        }
        extras.sortQuery = true;
        extras.comments.append(QStringLiteral(
            "The query parameters are sorted: curl's --aws-sigv4 signs them in the order given "
            "(curl 7.88), and AWS expects them sorted."));
        if (config.unsignedPayload)
            extras.comments.append(QStringLiteral("curl signs the body's SHA-256; Patchbay signs "
                                                  "UNSIGNED-PAYLOAD for this request."));
        return extras;
    }
    if (language == CodeLanguage::Curl) {
        extras.comments << what + QStringLiteral(" in the query string (a presigned URL):")
                        << QStringLiteral("curl cannot presign. Make the URL with "
                                          "`aws s3 presign` or an AWS SDK, then request it.");
        return extras;
    }
    QString how;
    switch (language) {
    case CodeLanguage::PythonRequests:
        how = QStringLiteral("requests cannot sign it: use botocore's SigV4Auth, or the "
                             "requests-aws4auth package (auth=AWS4Auth(...)).");
        break;
    case CodeLanguage::Httpie:
        how = QStringLiteral("HTTPie cannot sign it without a plugin, such as httpie-aws-authv4.");
        break;
    case CodeLanguage::JavaScriptFetch:
        how = QStringLiteral("fetch cannot sign it: sign with @aws-sdk/signature-v4 (SignatureV4) "
                             "and send its headers.");
        break;
    case CodeLanguage::CppQt:
        how = QStringLiteral("Qt cannot sign it: compute the Authorization header with the AWS "
                             "SDK for C++ (Aws::Client::AWSAuthV4Signer).");
        break;
    case CodeLanguage::Curl:
        break;
    }
    extras.comments << what + u':' << how;
    return extras;
}

CodeAuthExtras oauth1Extras(const OAuth1Config &config, CodeLanguage language)
{
    CodeAuthExtras extras;
    const QString where = config.placement == OAuth1Placement::Header ? QStringLiteral("header")
        : config.placement == OAuth1Placement::Body                   ? QStringLiteral("body")
                                                                      : QStringLiteral("query");
    extras.comments.append(
        QStringLiteral("OAuth 1.0a (%1, parameters in the %2): sign every request again, with a "
                       "fresh nonce and timestamp.")
            .arg(QString::fromLatin1(signatureMethodName(config.signatureMethod)), where));
    switch (language) {
    case CodeLanguage::PythonRequests:
        extras.comments.append(QStringLiteral(
            "With requests-oauthlib: auth=OAuth1(consumer_key, consumer_secret, token, "
            "token_secret, signature_method=..., signature_type=...)."));
        break;
    case CodeLanguage::Httpie:
        extras.comments.append(
            QStringLiteral("HTTPie signs it with the httpie-oauth1 plugin (--auth-type=oauth1)."));
        break;
    case CodeLanguage::Curl:
    case CodeLanguage::JavaScriptFetch:
    case CodeLanguage::CppQt:
        extras.comments.append(QStringLiteral(
            "This code sends it unsigned: add the Authorization: OAuth ... header (RFC 5849) "
            "from an OAuth 1.0a library."));
        break;
    }
    return extras;
}

CodeAuthExtras jwtExtras(const JwtBearerConfig &config, CodeLanguage language)
{
    CodeAuthExtras extras;
    const QString target = config.placement == JwtPlacement::Query
        ? QStringLiteral("the %1 query parameter").arg(config.queryParamName.trimmed())
        : QStringLiteral("the %1 header%2")
              .arg(config.headerName.trimmed(),
                   config.headerPrefix.trimmed().isEmpty()
                       ? QString()
                       : QStringLiteral(" (\"%1 <token>\")").arg(config.headerPrefix.trimmed()));
    extras.comments.append(
        QStringLiteral("JWT bearer: sign a fresh %1 token with iat and exp for each request and "
                       "send it in %2.")
            .arg(QString::fromLatin1(jwtAlgorithmName(config.algorithm)), target));
    QString how;
    switch (language) {
    case CodeLanguage::PythonRequests:
        how = QStringLiteral("With PyJWT: token = jwt.encode(claims, key, algorithm=\"%1\").");
        break;
    case CodeLanguage::JavaScriptFetch:
        how = QStringLiteral("With jose: await new SignJWT(claims).setProtectedHeader({ alg: "
                             "\"%1\" }).sign(key).");
        break;
    case CodeLanguage::Curl:
    case CodeLanguage::Httpie:
        how = QStringLiteral("Make the token with a JWT tool and pass it to this command.");
        break;
    case CodeLanguage::CppQt:
        how = QStringLiteral("Sign it with a JWT library (e.g. jwt-cpp) or OpenSSL.");
        break;
    }
    if (how.contains(QLatin1String("%1")))
        how = how.arg(QString::fromLatin1(jwtAlgorithmName(config.algorithm)));
    extras.comments.append(how);
    return extras;
}

} // namespace

CodeAuthExtras codeAuthExtras(const SigningAuth &auth, CodeLanguage language)
{
    if (const auto *digest = std::get_if<DigestConfig>(&auth))
        return digestExtras(*digest, language);
    if (const auto *aws = std::get_if<AwsSigV4Config>(&auth))
        return awsExtras(*aws, language);
    if (const auto *oauth1 = std::get_if<OAuth1Config>(&auth))
        return oauth1Extras(*oauth1, language);
    return jwtExtras(std::get<JwtBearerConfig>(auth), language);
}

Result<QString> generateSignedCode(const Request &request, CodeLanguage language,
                                   const SigningAuth &auth)
{
    return generateCode(request, language, codeAuthExtras(auth, language));
}

std::optional<SigningAuth> signingAuthOf(const Auth &auth)
{
    switch (auth.mode) {
    case AuthMode::Digest:
        return SigningAuth(auth.digest);
    case AuthMode::AwsSigV4:
        return SigningAuth(auth.awsSigV4);
    case AuthMode::OAuth1:
        return SigningAuth(auth.oauth1);
    case AuthMode::JwtBearer:
        return SigningAuth(auth.jwt);
    default:
        return std::nullopt;
    }
}

Result<QString> generateCodeWithAuth(const Request &request, CodeLanguage language,
                                     const SecretReferences &secrets)
{
    if (const std::optional<SigningAuth> signing = signingAuthOf(request.auth))
        return generateCode(request, language, codeAuthExtras(*signing, language), secrets);
    return generateCode(request, language, secrets);
}

} // namespace Patchbay::Core
