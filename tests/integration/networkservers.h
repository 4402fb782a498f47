#pragma once

#include "tests/integration/externalserver.h"

#include <QString>
#include <QStringList>

namespace Patchbay::Test {

// Real servers for the proxy and TLS tests, from Debian, each started by the test on a free
// loopback port with its files in `dir` (a temporary directory). scripts/test installs them.

// A throwaway PKI made with openssl by tests/integration/servers/make-test-pki.sh: a root and an
// intermediate CA, server certificates (good, expired, for another host), a client CA and
// client certificates (PEM and PKCS#12, passphrase kPkcs12Passphrase), and one from another CA.
// Empty string on success.
QString makeTestPki(const QString &dir);
inline constexpr char kPkcs12Passphrase[] = "p12pass";

// tinyproxy (HTTP forward and CONNECT), logging every request it relays to tinyproxyLog(dir).
// With a user, it requires Basic proxy authentication.
ExternalServer tinyproxy(const QString &dir, const QString &user = {},
                         const QString &password = {});
QString tinyproxyLog(const QString &dir);

// dante (SOCKS5). Host names are resolved by the proxy, which alone knows kSocksOnlyHost (it
// runs with nss_wrapper, whose hosts file maps that name to 127.0.0.1): reaching it proves the
// name went to the proxy. With `requireUser`, it wants kSocksUser / kSocksPassword.
// `extraHosts` are more names only the proxy resolves, to 127.0.0.1 too.
ExternalServer danted(const QString &dir, bool requireUser, const QStringList &extraHosts = {});
QString dantedLog(const QString &dir);
inline constexpr char kSocksOnlyHost[] = "socks-only.test";
inline constexpr char kSocksUser[] = "sockuser";
inline constexpr char kSocksPassword[] = "socksword";

// nginx serving HTTPS (HTTP/2 and HTTP/1.1) with `certificate`/`key` from the PKI, answering
// every request with 200 and "<name> <protocol> <client certificate subject>". `extra` goes into
// the server block (e.g. ssl_verify_client on).
ExternalServer nginxTls(const QString &dir, const QString &name, const QString &certificate,
                        const QString &key, const QString &extra = {});

// openssl s_server requiring a client certificate from the PKI's client CA and refusing the
// handshake without one (nginx answers 400 instead): GET /hello.txt returns "hello".
ExternalServer opensslMtlsServer(const QString &dir);

} // namespace Patchbay::Test
