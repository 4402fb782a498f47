#pragma once

#include "core/common/result.h"

#include <QSslCertificate>
#include <QSslKey>

namespace Patchbay::Test {

// A certificate and its private key, for ScriptedServer's HTTPS mode.
struct TlsIdentity
{
    QSslCertificate certificate;
    QSslKey privateKey;
};

// A throwaway self-signed identity for CN=127.0.0.1, valid for one day, made at test time with
// `openssl req -x509 -newkey rsa:2048 -nodes` in a temporary directory (removed afterwards), so
// that no key is ever committed. Fails when openssl is missing or its output does not load.
Core::Result<TlsIdentity> generateSelfSignedIdentity();

} // namespace Patchbay::Test
