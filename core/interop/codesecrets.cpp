#include "core/interop/codesecrets.h"

namespace Patchbay::Core {

QString secretPlaceholder(qsizetype index)
{
    return QStringLiteral("__patchbay_secret_%1__").arg(index);
}

QString environmentVariableName(const QString &variableName, const QStringList &taken)
{
    QString name;
    QChar previous;
    for (const QChar c : variableName) {
        const bool word = c.unicode() < 128 && c.isLetterOrNumber();
        if (!word) {
            if (!name.isEmpty() && !name.endsWith(u'_'))
                name += u'_';
        } else {
            if (c.isUpper() && previous.isLower() && !name.endsWith(u'_'))
                name += u'_';
            name += c.toUpper();
        }
        previous = c;
    }
    while (name.endsWith(u'_'))
        name.chop(1);
    if (name.isEmpty())
        name = QStringLiteral("SECRET");
    if (name.front().isDigit())
        name.prepend(u'_');
    QString unique = name;
    for (int n = 2; taken.contains(unique); ++n)
        unique = name + u'_' + QString::number(n);
    return unique;
}

bool containsSecret(const QString &text, const SecretReferences &secrets)
{
    for (const SecretReference &secret : secrets) {
        if (text.contains(secret.placeholder))
            return true;
    }
    return false;
}

QList<SecretPiece> splitSecrets(const QString &text, const SecretReferences &secrets)
{
    QList<SecretPiece> pieces;
    qsizetype from = 0;
    while (true) {
        qsizetype best = -1;
        const SecretReference *found = nullptr;
        for (const SecretReference &secret : secrets) {
            const qsizetype at = text.indexOf(secret.placeholder, from);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
                found = &secret;
            }
        }
        if (!found)
            break;
        if (best > from)
            pieces.append({text.mid(from, best - from), false});
        pieces.append({found->environmentVariable, true});
        from = best + found->placeholder.size();
    }
    if (from < text.size() || pieces.isEmpty())
        pieces.append({text.mid(from), false});
    return pieces;
}

} // namespace Patchbay::Core
