#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/secrets/secretcache.h"
#include "core/secrets/secretstore.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Patchbay::Core;

namespace {

// A fresh service name per run, so that runs never see each other's entries.
const QString kService
    = QStringLiteral("PatchbayTest-") + QUuid::createUuid().toString(QUuid::WithoutBraces);

QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            hits << f.fileName();
    }
    return hits;
}

// A workspace with one secret at each level: collection, folder, environment, globals.
struct SecretWorkspace
{
    QTemporaryDir dir;
    Workspace ws;
    QString collection;
    QString request;
    QString environment;
    QString id;

    bool create()
    {
        Result<Workspace> opened = Workspace::open(dir.path());
        if (!opened.ok())
            return false;
        ws = std::move(opened).value();
        collection = *ws.createCollection(QStringLiteral("Col"));
        CollectionInfo info = ws.item(collection)->collection;
        id = info.id;
        info.variables = {{QStringLiteral("colSecret"), {}, true, true}};
        const QString folder = *ws.createFolder(collection, QStringLiteral("Admin"));
        FolderInfo folderInfo = ws.item(folder)->folder;
        folderInfo.variables = {{QStringLiteral("folderSecret"), {}, true, true}};
        Environment env;
        env.name = QStringLiteral("Staging");
        env.variables = {{QStringLiteral("envSecret"), {}, true, true},
                         {QStringLiteral("plain"), QStringLiteral("p"), true, false}};
        Environment globals;
        globals.name = QStringLiteral("Globals");
        globals.variables = {{QStringLiteral("globalSecret"), {}, true, true}};
        SavedRequest saved;
        saved.name = QStringLiteral("R");
        saved.request.url = QStringLiteral(
            "http://127.0.0.1/{{colSecret}}/{{folderSecret}}/{{envSecret}}/{{globalSecret}}");
        if (!ws.saveCollection(collection, info).ok() || !ws.saveFolder(folder, folderInfo).ok()
            || !ws.saveGlobals(globals).ok())
            return false;
        environment = *ws.createEnvironment(collection, env);
        request = *ws.createRequest(folder, saved);
        return !environment.isEmpty() && !request.isEmpty();
    }

    QString key(ScopeKind scope, const QString &name) const
    {
        return secretKeyFor(id, scope,
                            scope == ScopeKind::Environment ? QStringLiteral("Staging") : QString(),
                            name);
    }
};

} // namespace

// Run twice by ctest, like tst_secretstore: with a real keyring (with-keyring.sh,
// PATCHBAY_SECRETS_MODE=keyring) and with no session bus (PATCHBAY_SECRETS_MODE=none).
class TestSecretCache final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_mode = qEnvironmentVariable("PATCHBAY_SECRETS_MODE");
        QVERIFY2(m_mode == QLatin1String("keyring") || m_mode == QLatin1String("none"),
                 "run through ctest (PATCHBAY_SECRETS_MODE=keyring|none)");
    }

    void listsEverySecretKey()
    {
        SecretWorkspace fx;
        QVERIFY(fx.create());
        QStringList keys = SecretCache::secretKeys(fx.ws);
        keys.sort();
        QStringList expected {fx.key(ScopeKind::Collection, QStringLiteral("colSecret")),
                              fx.key(ScopeKind::Folder, QStringLiteral("folderSecret")),
                              fx.key(ScopeKind::Environment, QStringLiteral("envSecret")),
                              fx.key(ScopeKind::Globals, QStringLiteral("globalSecret"))};
        expected.sort();
        QCOMPARE(keys, expected);
    }

    // Values entered in one session resolve in a later one (with a keyring), and never reach a
    // file of the workspace.
    void roundTripThroughTheKeyring()
    {
        SecretWorkspace fx;
        QVERIFY(fx.create());
        const QString tag = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QHash<QString, QString> values {
            {fx.key(ScopeKind::Collection, QStringLiteral("colSecret")), u"c-" + tag},
            {fx.key(ScopeKind::Folder, QStringLiteral("folderSecret")), u"f-" + tag},
            {fx.key(ScopeKind::Environment, QStringLiteral("envSecret")), u"e-" + tag},
            {fx.key(ScopeKind::Globals, QStringLiteral("globalSecret")), u"g-" + tag},
        };
        {
            SecretStore store(kService);
            SecretCache cache(&store);
            QSignalSpy written(&cache, &SecretCache::valueWritten);
            for (auto it = values.cbegin(); it != values.cend(); ++it)
                cache.setValue(it.key(), it.value());
            QTRY_COMPARE_WITH_TIMEOUT(written.size(), 4, 20000);
            // The same session resolves at once, whatever the keyring.
            const ResolvedSend send
                = resolveForSending(fx.ws, fx.request, fx.ws.item(fx.request)->request.request,
                                    fx.environment, cache.lookup());
            QCOMPARE(send.request.url,
                     QStringLiteral("http://127.0.0.1/c-%1/f-%1/e-%1/g-%1").arg(tag));
            QCOMPARE(send.secretValues.size(), 4);
            if (m_mode == QLatin1String("none")) {
                QVERIFY(!cache.isPersistent());
                QVERIFY(cache.persistenceMessage().startsWith(QLatin1String("No keyring")));
                QVERIFY(!written.first().at(1).toString().isEmpty());
            } else {
                QVERIFY2(cache.isPersistent(), qPrintable(cache.persistenceMessage()));
                QVERIFY(written.first().at(1).toString().isEmpty());
            }
        }
        QVERIFY2(filesContaining(fx.dir.path(), tag.toUtf8()).isEmpty(),
                 qPrintable(filesContaining(fx.dir.path(), tag.toUtf8()).join(u'\n')));

        // A later session.
        SecretStore store(kService);
        SecretCache cache(&store);
        QSignalSpy loaded(&cache, &SecretCache::loaded);
        cache.load(fx.ws);
        QVERIFY(cache.isLoading());
        QVERIFY(loaded.wait(20000));
        QVERIFY(!cache.isLoading());
        const ResolvedSend send
            = resolveForSending(fx.ws, fx.request, fx.ws.item(fx.request)->request.request,
                                fx.environment, cache.lookup());
        if (m_mode == QLatin1String("keyring")) {
            for (auto it = values.cbegin(); it != values.cend(); ++it)
                QCOMPARE(cache.value(it.key()), std::optional<QString>(it.value()));
            QCOMPARE(send.request.url,
                     QStringLiteral("http://127.0.0.1/c-%1/f-%1/e-%1/g-%1").arg(tag));
            QVERIFY(send.unresolved.isEmpty());
            for (auto it = values.cbegin(); it != values.cend(); ++it)
                cache.removeValue(it.key()); // leave the test keyring clean
        } else {
            // Nothing survives the session, and the user is told why.
            for (auto it = values.cbegin(); it != values.cend(); ++it)
                QVERIFY(!cache.value(it.key()));
            QVERIFY(!cache.isPersistent());
            QVERIFY(!cache.persistenceMessage().isEmpty());
            QCOMPARE(send.unresolved.size(), 4);
        }
    }

    // Secrets typed into the signing schemes' settings (docs/AUTH.md) never reach a file: the
    // save moves them into secret variables whose values go to the keyring, and the settings
    // say {{name}}. A later session (with a keyring) signs with them again.
    void typedAuthSecretsGoToTheKeyring()
    {
        SecretWorkspace fx;
        QVERIFY(fx.create());
        const QString tag = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString password = u"digest-" + tag;
        const QString awsSecret = u"aws-" + tag;
        const QString consumerSecret = u"oauth1-" + tag;
        const QString jwtKey = u"jwt-" + tag;
        {
            SecretStore store(kService);
            SecretCache cache(&store);
            QSignalSpy written(&cache, &SecretCache::valueWritten);
            fx.ws.setSecretSink(
                [&cache](const QString &key, const QString &value) { cache.setValue(key, value); });
            SavedRequest saved = fx.ws.item(fx.request)->request;
            saved.request.auth.mode = AuthMode::Digest;
            saved.request.auth.digest.username = QStringLiteral("admin");
            saved.request.auth.digest.password = password;
            saved.request.auth.awsSigV4.secretAccessKey = awsSecret; // another mode's, kept too
            saved.request.auth.jwt.key = QStringLiteral("{{colSecret}}"); // a reference stays
            QVERIFY(fx.ws.saveRequest(fx.request, saved).ok());
            const QString folder = QFileInfo(fx.request).path();
            FolderInfo info = fx.ws.item(folder)->folder;
            info.auth.mode = AuthMode::OAuth1;
            info.auth.oauth1.consumerKey = QStringLiteral("key");
            info.auth.oauth1.consumerSecret = consumerSecret;
            info.auth.jwt.key = jwtKey;
            QVERIFY(fx.ws.saveFolder(folder, info).ok());
            // A second request's Digest password gets a name of its own.
            SavedRequest other;
            other.name = QStringLiteral("Other");
            other.request.auth.mode = AuthMode::Digest;
            other.request.auth.digest.password = password + u'2';
            QVERIFY(fx.ws.createRequest(fx.collection, other).ok());
            QTRY_COMPARE_WITH_TIMEOUT(written.size(), 5, 20000);

            const Auth &auth = fx.ws.item(fx.request)->request.request.auth;
            QCOMPARE(auth.digest.password, QStringLiteral("{{digestPassword}}"));
            QCOMPARE(auth.awsSigV4.secretAccessKey, QStringLiteral("{{awsSecretAccessKey}}"));
            QCOMPARE(auth.jwt.key, QStringLiteral("{{colSecret}}"));
            fx.ws.setSecretSink({});
        }
        for (const QString &secret : {password, awsSecret, consumerSecret, jwtKey})
            QVERIFY2(filesContaining(fx.dir.path(), secret.toUtf8()).isEmpty(),
                     qPrintable(filesContaining(fx.dir.path(), secret.toUtf8()).join(u'\n')));

        // A later session: the files read back with references, the keyring has the values.
        Result<Workspace> reopened = Workspace::open(fx.dir.path());
        QVERIFY(reopened.ok());
        const Workspace &ws = *reopened;
        const CollectionInfo &collection = ws.item(fx.collection)->collection;
        QStringList secretNames;
        for (const Variable &v : collection.variables) {
            if (v.secret)
                secretNames << v.name;
        }
        QCOMPARE(secretNames,
                 (QStringList {QStringLiteral("colSecret"), QStringLiteral("digestPassword"),
                               QStringLiteral("awsSecretAccessKey"),
                               QStringLiteral("digestPassword2")}));
        const QString folder = QFileInfo(fx.request).path();
        QCOMPARE(ws.item(folder)->folder->auth.oauth1.consumerSecret,
                 QStringLiteral("{{oauth1ConsumerSecret}}"));
        SecretStore store(kService);
        SecretCache cache(&store);
        QSignalSpy loaded(&cache, &SecretCache::loaded);
        cache.load(ws);
        QVERIFY(loaded.wait(20000));
        const ResolvedSend send = resolveForSending(
            ws, fx.request, ws.item(fx.request)->request.request, fx.environment, cache.lookup());
        const ResolvedAuth folderAuth = resolveAuth(ws, folder, ws.item(folder)->folder->auth,
                                                    fx.environment, cache.lookup());
        if (m_mode == QLatin1String("keyring")) {
            QCOMPARE(send.request.auth.digest.password, password);
            QVERIFY(send.secretValues.contains(password));
            QCOMPARE(folderAuth.auth.oauth1.consumerSecret, consumerSecret);
            for (const QString &key : SecretCache::secretKeys(ws))
                cache.removeValue(key); // leave the test keyring clean
        } else {
            // No keyring: nothing survives the session, and the send says what is missing.
            QVERIFY(send.unresolved.contains(QStringLiteral("digestPassword")));
            QCOMPARE(send.request.auth.digest.password, QStringLiteral("{{digestPassword}}"));
        }
    }

    // A Basic password, Bearer token or API key typed as text moves to the keyring too. The
    // new variable's name avoids every name already in use: here the environment has a
    // `bearerToken` and a request sends {{apiKey}}, which a collection variable of that name
    // would silently replace.
    void typedTokensAndPasswordsGoToTheKeyring()
    {
        SecretWorkspace fx;
        QVERIFY(fx.create());
        const QString tag = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString password = u"basic-" + tag;
        const QString token = u"bearer-" + tag;
        const QString apiKey = u"apikey-" + tag;
        Environment env = fx.ws.environment(fx.environment)->environment;
        env.variables.append(
            {QStringLiteral("bearerToken"), QStringLiteral("from-env"), true, false});
        QVERIFY(fx.ws.saveEnvironment(fx.environment, env).ok());
        SavedRequest user;
        user.name = QStringLiteral("Uses apiKey");
        user.request.url = QStringLiteral("http://127.0.0.1/?key={{apiKey}}");
        QVERIFY(fx.ws.createRequest(fx.collection, user).ok());
        {
            SecretStore store(kService);
            SecretCache cache(&store);
            QSignalSpy written(&cache, &SecretCache::valueWritten);
            fx.ws.setSecretSink(
                [&cache](const QString &key, const QString &value) { cache.setValue(key, value); });
            SavedRequest saved = fx.ws.item(fx.request)->request;
            saved.request.auth.mode = AuthMode::Basic;
            saved.request.auth.username = QStringLiteral("ada"); // not a secret: stays
            saved.request.auth.password = password;
            saved.request.auth.token = token; // another mode's, kept too
            saved.request.auth.keyName = QStringLiteral("X-Key");
            saved.request.auth.keyValue = apiKey;
            QVERIFY(fx.ws.saveRequest(fx.request, saved).ok());
            QTRY_COMPARE_WITH_TIMEOUT(written.size(), 3, 20000);
            const Auth &auth = fx.ws.item(fx.request)->request.request.auth;
            QCOMPARE(auth.username, QStringLiteral("ada"));
            QCOMPARE(auth.password, QStringLiteral("{{basicPassword}}"));
            QCOMPARE(auth.token, QStringLiteral("{{bearerToken2}}"));
            QCOMPARE(auth.keyValue, QStringLiteral("{{apiKey2}}"));
            fx.ws.setSecretSink({});
        }
        for (const QString &secret : {password, token, apiKey})
            QVERIFY2(filesContaining(fx.dir.path(), secret.toUtf8()).isEmpty(),
                     qPrintable(filesContaining(fx.dir.path(), secret.toUtf8()).join(u'\n')));

        Result<Workspace> reopened = Workspace::open(fx.dir.path());
        QVERIFY(reopened.ok());
        const Workspace &ws = *reopened;
        SecretStore store(kService);
        SecretCache cache(&store);
        QSignalSpy loaded(&cache, &SecretCache::loaded);
        cache.load(ws);
        QVERIFY(loaded.wait(20000));
        Request sent = ws.item(fx.request)->request.request;
        const ResolvedSend send
            = resolveForSending(ws, fx.request, sent, fx.environment, cache.lookup());
        sent.auth.mode = AuthMode::Bearer;
        const ResolvedSend bearer
            = resolveForSending(ws, fx.request, sent, fx.environment, cache.lookup());
        if (m_mode == QLatin1String("keyring")) {
            QCOMPARE(send.request.auth.password, password);
            QVERIFY(send.secretValues.contains(password));
            QCOMPARE(bearer.request.auth.token, token);
            for (const QString &key : SecretCache::secretKeys(ws))
                cache.removeValue(key); // leave the test keyring clean
        } else {
            QVERIFY(send.unresolved.contains(QStringLiteral("basicPassword")));
        }
    }

    void loadWithNoSecretsFinishes()
    {
        QTemporaryDir dir;
        Result<Workspace> ws = Workspace::open(dir.path());
        QVERIFY(ws.ok());
        SecretStore store(kService);
        SecretCache cache(&store);
        QSignalSpy loaded(&cache, &SecretCache::loaded);
        cache.load(*ws);
        QVERIFY(loaded.wait(5000));
        QCOMPARE(loaded.size(), 1);
    }

    // A value typed while the keyring is still being read is not overwritten by the old one.
    void newValueWinsOverPendingRead()
    {
        SecretWorkspace fx;
        QVERIFY(fx.create());
        const QString key = fx.key(ScopeKind::Environment, QStringLiteral("envSecret"));
        SecretStore store(kService);
        SecretCache cache(&store);
        {
            SecretStore other(kService);
            QSignalSpy written(&other, &SecretStore::writeFinished);
            other.write(key, QStringLiteral("old"));
            QVERIFY(written.wait(20000));
        }
        QSignalSpy loaded(&cache, &SecretCache::loaded);
        cache.load(fx.ws);
        cache.setValue(key, QStringLiteral("new"));
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!cache.isLoading(), 20000);
        QCOMPARE(cache.value(key), std::optional<QString>(QStringLiteral("new")));
        QSignalSpy removed(&store, &SecretStore::removeFinished);
        cache.removeValue(key);
        QVERIFY(removed.wait(20000));
        QVERIFY(!cache.value(key));
    }

    void lookupOutlivingTheCacheFindsNothing()
    {
        SecretStore store(kService);
        SecretLookup lookup;
        {
            SecretCache cache(&store);
            cache.setValue(QStringLiteral("k"), QStringLiteral("v"));
            lookup = cache.lookup();
            QCOMPARE(lookup(QStringLiteral("k")), std::optional<QString>(QStringLiteral("v")));
        }
        QVERIFY(!lookup(QStringLiteral("k")));
    }

private:
    QString m_mode;
};

QTEST_GUILESS_MAIN(TestSecretCache)
#include "tst_secretcache.moc"
