#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace Patchbay::Core {

// One auth-param of a challenge; a quoted-string value is stored unquoted and unescaped.
struct AuthParam
{
    QByteArray name; // as sent; compare case-insensitively
    QByteArray value;

    friend bool operator==(const AuthParam &, const AuthParam &) = default;
};

// One challenge of a WWW-Authenticate (or Proxy-Authenticate) header (RFC 9110 11.6.1): a scheme
// with either a token68 ("Negotiate abc==") or auth-params ("Digest realm=\"x\", nonce=...").
struct AuthChallenge
{
    QByteArray scheme; // as sent; compare case-insensitively
    QByteArray token68;
    QList<AuthParam> params; // in order, unknown ones kept

    bool isScheme(QByteArrayView name) const;
    // The first parameter with this name (case-insensitive), or a null QByteArray.
    QByteArray param(QByteArrayView name) const;
    bool hasParam(QByteArrayView name) const;

    friend bool operator==(const AuthChallenge &, const AuthChallenge &) = default;
};

// Every challenge in one header value. A value may list several challenges, separated by commas
// like their parameters ("Digest realm=\"a\", nonce=\"n\", Basic realm=\"a\""); Qt joins repeated
// headers into one with ", " or a newline, both of which are read as separators. Quoted strings
// may contain commas and backslash escapes. Parsing never fails: what does not fit the grammar is
// skipped up to the next comma, so one broken parameter does not lose the rest.
QList<AuthChallenge> parseAuthChallenges(QByteArrayView headerValue);

// A bare list of auth-params, as in Authentication-Info (RFC 9110 11.6.3): "nextnonce=\"x\"".
QList<AuthParam> parseAuthParams(QByteArrayView headerValue);

} // namespace Patchbay::Core
