#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

// Where a secret variable's value would appear in a request given to generateCode() or
// exportCurlCommand(), the request holds `placeholder` instead, and the code reads the value from
// the environment variable `environmentVariable` (API_TOKEN for {{apiToken}}) at run time, so
// that no secret value is ever written into code by default.
struct SecretReference
{
    QString placeholder;
    QString environmentVariable;

    friend bool operator==(const SecretReference &, const SecretReference &) = default;
};

using SecretReferences = QList<SecretReference>;

// A piece of a text: literal text, or (isSecret) the name of the environment variable whose
// value goes there.
struct SecretPiece
{
    QString text;
    bool isSecret = false;

    friend bool operator==(const SecretPiece &, const SecretPiece &) = default;
};

// The placeholder of the `index`th secret: letters, digits and underscores only, so that URL,
// form and JSON encoding leave it as it is.
QString secretPlaceholder(qsizetype index);

// An environment variable name for a variable: upper case, words split at case changes and
// punctuation (apiToken, api-token -> API_TOKEN), never starting with a digit, and not one of
// `taken` (a _2, _3... suffix then).
QString environmentVariableName(const QString &variableName, const QStringList &taken = {});

bool containsSecret(const QString &text, const SecretReferences &secrets);

// `text` split at the placeholders of `secrets`; a text without any is one literal piece.
QList<SecretPiece> splitSecrets(const QString &text, const SecretReferences &secrets);

} // namespace Patchbay::Core
