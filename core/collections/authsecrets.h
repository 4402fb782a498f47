#pragma once

#include "core/collections/collectionitem.h"
#include "core/environments/variable.h"
#include "core/http/request.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

// Secrets typed into an auth setting never go into a collection file as text: the Basic
// password, the Bearer token, the API key's value, the signing schemes' secrets (Digest
// password, AWS secret key and session token, OAuth 1.0a consumer and token secrets and RSA
// key, JWT secret or private key) and OAuth 2.0's (client secret, the password grant's
// password, a refresh token). On save they move to secret variables, whose values live in the
// keyring (core/secrets), and the setting refers to them as {{name}}.

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

// The auth secrets of `auth` that are literal (isLiteralSecret), as the names of the
// variables moveLiteralAuthSecrets() would suggest ("digestPassword", "awsSecretAccessKey"...).
QStringList literalAuthSecrets(const Auth &auth);

// Replaces each literal auth secret of `auth` (of every scheme, not only the mode in
// use) with {{name}} of a new secret variable appended to `variables` (its value left empty:
// the value is the caller's to keep in the keyring). A name is never one of `taken` nor one
// already in `variables`; it is the field's name, then name2, name3...
QList<MovedSecret> moveLiteralAuthSecrets(Auth &auth, VariableList &variables,
                                          const QStringList &taken = {});

// Appends the names `request` (or a request sending with `auth`) refers to as {{name}} in
// what it sends.
void addVariableReferences(const Request &request, QStringList &names);
void addVariableReferences(const Auth &auth, QStringList &names);

// Every variable name `collection` declares (its own, its folders', its environments'), or
// refers to in its requests' and folders' settings, and the names in `globals`. A secret
// variable made by moveLiteralAuthSecrets() takes none of them: as a collection variable it
// would hide an environment's value of the same name from every request that uses it.
QStringList variableNamesInUse(const CollectionItem &collection, const VariableList &globals);

// Empties each literal secret of `auth` (isLiteralSecret) and returns it, with the field's name
// ("basicPassword", "bearerToken"...) as MovedSecret::variable. For records that are not
// collection files (unsaved drafts): the caller keeps the values in the keyring.
QList<MovedSecret> takeLiteralAuthSecrets(Auth &auth);
// Puts a value takeLiteralAuthSecrets() returned back into its field, if that field is still
// empty (something typed there since wins). False when nothing was filled.
bool fillAuthSecret(Auth &auth, const QString &field, const QString &value);

} // namespace Patchbay::Core
