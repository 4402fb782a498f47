#pragma once

#include "core/http/request.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace Patchbay::Core {

// curl's network options as a request's settings (docs/NETWORK.md), both ways: what curl import
// keeps (-x, --proxy-user, --noproxy '*', --cacert, --capath, --cert, --key, --pass,
// --cert-type, --http1.1) and what curl export and code generation write back.

// Options met while reading one command, applied once it is all read.
struct CurlNetworkOptions
{
    QString proxyUser; // --proxy-user USER:PASSWORD
    bool proxyUserGiven = false;
};

// Handles `canonical` (a long option name without dashes) if it is one of the above; returns
// false for any other option.
bool applyCurlNetworkOption(const QString &canonical, const QString &spelled, const QString &arg,
                            RequestSettings &settings, CurlNetworkOptions &pending,
                            QStringList &warnings);
// Puts --proxy-user into the request's proxy address (user:password@host).
void finishCurlNetworkOptions(RequestSettings &settings, const CurlNetworkOptions &pending,
                              QStringList &warnings);

// The options that give curl the request's network settings, unquoted, in order: {"-x", url},
// {"--noproxy", "*"}, {"--cacert", file}, {"--capath", dir}, {"--cert", "file[:passphrase]"},
// {"--cert-type", "P12"}, {"--key", file}, {"--http1.1", ""}. Nothing for the defaults.
QList<std::pair<QString, QString>> curlNetworkArguments(const RequestSettings &settings);

// "file:passphrase" as curl's --cert reads it: the first ':' not escaped with '\' splits.
std::pair<QString, QString> splitCurlCertArgument(const QString &argument);

} // namespace Patchbay::Core
