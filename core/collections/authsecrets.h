#pragma once

#include "core/environments/variable.h"
#include "core/http/request.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

// Secrets typed into the settings of the signing schemes (Digest password, AWS secret key and
// session token, OAuth 1.0a consumer and token secrets and RSA key, JWT secret or private key)
// and of OAuth 2.0 (client secret, the password grant's password) never go into a collection
// file as text: on save they move to secret variables, whose values
// live in the keyring (core/secrets), and the setting refers to them as {{name}}.

// A secret that moved out of an auth setting: the new secret variable and its value.
struct MovedSecret
{
    QString variable;
    QString value;

    friend bool operator==(const MovedSecret &, const MovedSecret &) = default;
};

// True when `value` holds text besides {{variable}} references (and white space, and the
// armour lines of a PEM key): a secret written as it is.
bool isLiteralSecret(const QString &value);

// The signing-scheme secrets of `auth` that are literal (isLiteralSecret), as the names of the
// variables moveLiteralAuthSecrets() would suggest ("digestPassword", "awsSecretAccessKey"...).
QStringList literalAuthSecrets(const Auth &auth);

// Replaces each literal signing-scheme secret of `auth` (of every scheme, not only the mode in
// use) with {{name}} of a new secret variable appended to `variables` (its value left empty:
// the value is the caller's to keep in the keyring). A name is never one of `taken` nor one
// already in `variables`; it is the field's name, then name2, name3...
QList<MovedSecret> moveLiteralAuthSecrets(Auth &auth, VariableList &variables,
                                          const QStringList &taken = {});

} // namespace Patchbay::Core
