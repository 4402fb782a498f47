#pragma once

#include "core/cookies/cookie.h"
#include "core/network/networksettings.h"

#include <QHash>
#include <QStringList>

namespace Patchbay::Core {

// Workspace-wide network settings an imported file carries (Insomnia's CA and client
// certificates, its cookie jar). Writing the imported collection leaves them out: the window and
// `patchbay-cli import` merge them into the workspace's network settings, keyring and cookie jar
// (WorkspaceNetwork::mergeImported()).
struct ImportedNetwork
{
    QStringList caCertificates;
    QList<ClientCertificate> clientCertificates;
    QHash<QString, QString> passphrases; // by certificate file (see NetworkSecrets)
    CookieList cookies;

    bool isEmpty() const
    {
        return caCertificates.isEmpty() && clientCertificates.isEmpty() && cookies.isEmpty();
    }
    friend bool operator==(const ImportedNetwork &, const ImportedNetwork &) = default;
};

} // namespace Patchbay::Core
