#pragma once

#include "core/common/result.h"
#include "core/cookies/cookie.h"
#include "core/network/networkprofile.h"
#include "core/network/proxyconfig.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>

class QCommandLineParser;

namespace Patchbay::Cli {

// curl's network options, by curl's names, for `send` and `run`: -x/--proxy, --proxy-user,
// --noproxy, --cacert, --capath, --cert (PEM, or P12 with --cert-type P12), --key, --pass,
// --http1.1, -b/--cookie and -c/--cookie-jar. (-k/--insecure stays each command's own.)
class NetworkOptions
{
public:
    NetworkOptions();
    QList<QCommandLineOption> options() const;

    // Applies the options to `settings` and `secrets` (the workspace's for a run, the defaults
    // for send) and to the proxy variables of `environment` (--noproxy replaces no_proxy).
    // Paths are made absolute. An error names the option and says what it expects.
    Core::Status apply(const QCommandLineParser &parser, Core::NetworkSettings &settings,
                       Core::NetworkSecrets &secrets, Core::ProxyEnvironment &environment) const;
    bool http1Only(const QCommandLineParser &parser) const;
    // send and ws, with no workspace: apply() on the defaults and the process's proxy variables,
    // loaded as a profile (relative paths from the current folder; no desktop proxy, as curl).
    // An error is apply()'s, or the profile's problems.
    Core::Result<Core::NetworkProfile> standaloneProfile(const QCommandLineParser &parser) const;

    // -b: the cookies of a cookies.txt file (none when it does not exist, as with curl), or of a
    // "name=value; other=value" string for `host` (empty: strings are refused).
    Core::Result<Core::CookieList> cookies(const QCommandLineParser &parser,
                                           const QString &host) const;
    // -c: where to write the jar after the transfer; empty when not given.
    QString cookieJarPath(const QCommandLineParser &parser) const;

private:
    QCommandLineOption m_proxy;
    QCommandLineOption m_proxyUser;
    QCommandLineOption m_noProxy;
    QCommandLineOption m_caCert;
    QCommandLineOption m_caPath;
    QCommandLineOption m_cert;
    QCommandLineOption m_certType;
    QCommandLineOption m_key;
    QCommandLineOption m_pass;
    QCommandLineOption m_http1;
    QCommandLineOption m_cookie;
    QCommandLineOption m_cookieJar;
};

} // namespace Patchbay::Cli
