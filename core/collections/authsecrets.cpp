#include "core/collections/authsecrets.h"

#include "core/environments/variablecontext.h"

#include <QRegularExpression>

#include <utility>

namespace Patchbay::Core {

namespace {

// Every secret field of the auth schemes, with the variable name it moves to.
QList<std::pair<const char *, QString *>> secretFields(Auth &auth)
{
    return {
        {"basicPassword", &auth.password},
        {"bearerToken", &auth.token},
        {"apiKey", &auth.keyValue},
        {"oauth2ClientSecret", &auth.oauth2.clientSecret},
        {"oauth2Password", &auth.oauth2.password},
        {"oauth2RefreshToken", &auth.oauth2.refreshToken},
        {"digestPassword", &auth.digest.password},
        {"awsSecretAccessKey", &auth.awsSigV4.secretAccessKey},
        {"awsSessionToken", &auth.awsSigV4.sessionToken},
        {"oauth1ConsumerSecret", &auth.oauth1.consumerSecret},
        {"oauth1TokenSecret", &auth.oauth1.tokenSecret},
        {"oauth1PrivateKey", &auth.oauth1.privateKeyPem},
        {"jwtKey", &auth.jwt.key},
    };
}

} // namespace

bool isLiteralSecret(const QString &value)
{
    static const QRegularExpression onlyReferences(
        QStringLiteral("^(\\s*\\{\\{[^{}]+\\}\\}\\s*)*$"));
    // A PEM key whose body is a variable: its armour lines are not secret.
    static const QRegularExpression armour(QStringLiteral("^-----(BEGIN|END) [A-Z0-9 ]+-----\\s*$"),
                                           QRegularExpression::MultilineOption);
    QString rest = value;
    rest.remove(armour);
    return !rest.trimmed().isEmpty() && !onlyReferences.match(rest).hasMatch();
}

QStringList literalAuthSecrets(const Auth &auth)
{
    Auth copy = auth;
    QStringList names;
    for (const auto &[name, field] : secretFields(copy)) {
        if (isLiteralSecret(*field))
            names << QLatin1String(name);
    }
    return names;
}

QList<MovedSecret> moveLiteralAuthSecrets(Auth &auth, VariableList &variables,
                                          const QStringList &taken)
{
    QList<MovedSecret> moved;
    const auto used = [&](const QString &name) {
        if (taken.contains(name))
            return true;
        for (const Variable &v : std::as_const(variables)) {
            if (v.name == name)
                return true;
        }
        return false;
    };
    for (const auto &[base, field] : secretFields(auth)) {
        if (!isLiteralSecret(*field))
            continue;
        QString name = QLatin1String(base);
        for (int n = 2; used(name); ++n)
            name = QLatin1String(base) + QString::number(n);
        Variable variable;
        variable.name = name;
        variable.secret = true;
        variables.append(variable);
        moved.append({name, *field});
        *field = QStringLiteral("{{") + name + QStringLiteral("}}");
    }
    return moved;
}

void addVariableReferences(const Request &request, QStringList &names)
{
    // Resolving against no variables at all reports every name the request sends.
    resolveVariables(request, VariableContext(), &names);
}

void addVariableReferences(const Auth &auth, QStringList &names)
{
    Request holder;
    holder.auth = auth;
    holder.auth.mode = auth.mode == AuthMode::Inherit ? AuthMode::None : auth.mode;
    addVariableReferences(holder, names);
}

QStringList variableNamesInUse(const CollectionItem &collection, const VariableList &globals)
{
    QStringList names;
    const auto declared = [&names](const VariableList &variables) {
        for (const Variable &v : variables)
            names << v.name;
    };
    declared(globals);
    declared(collection.collection->variables);
    addVariableReferences(collection.collection->auth, names);
    for (const EnvironmentItem &e : collection.environments)
        declared(e.environment.variables);
    const std::function<void(const CollectionItem &)> walk = [&](const CollectionItem &item) {
        for (const CollectionItem &child : item.children) {
            if (child.kind == ItemKind::Folder) {
                declared(child.folder->variables);
                addVariableReferences(child.folder->auth, names);
                walk(child);
            } else if (child.kind == ItemKind::Request) {
                addVariableReferences(child.request.request, names);
            }
        }
    };
    walk(collection);
    names.removeDuplicates();
    return names;
}

QList<MovedSecret> takeLiteralAuthSecrets(Auth &auth)
{
    QList<MovedSecret> taken;
    for (const auto &[name, field] : secretFields(auth)) {
        if (isLiteralSecret(*field))
            taken.append({QLatin1String(name), std::exchange(*field, QString())});
    }
    return taken;
}

bool fillAuthSecret(Auth &auth, const QString &field, const QString &value)
{
    for (const auto &[name, target] : secretFields(auth)) {
        if (field == QLatin1String(name) && target->isEmpty()) {
            *target = value;
            return true;
        }
    }
    return false;
}

} // namespace Patchbay::Core
