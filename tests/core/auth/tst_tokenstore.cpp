#include "core/auth/tokenstore.h"
#include "core/secrets/secretstore.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

using namespace Patchbay::Core;

namespace {

const QString kService
    = QStringLiteral("PatchbayTest-") + QUuid::createUuid().toString(QUuid::WithoutBraces);

bool waitLoaded(TokenStore &store, const QString &key)
{
    QSignalSpy loaded(&store, &TokenStore::loaded);
    store.load(key);
    for (int i = 0; i < 3; ++i) {
        if (!loaded.isEmpty() && loaded.last().at(0).toString() == key)
            return true;
        if (!loaded.wait(20000))
            return false;
    }
    return store.isLoaded(key);
}

QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    int budget = 20000;
    while (it.hasNext() && budget-- > 0) {
        QFile f(it.next());
        if (f.size() < 64 * 1024 * 1024 && f.open(QIODevice::ReadOnly)
            && f.readAll().contains(needle))
            hits << f.fileName();
    }
    return hits;
}

} // namespace

// Tokens in the real keyring (under with-keyring.sh: a private bus with an unlocked
// gnome-keyring) and, with no session bus, in memory for the session only. Never in a file.
class TestTokenStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_mode = qEnvironmentVariable("PATCHBAY_SECRETS_MODE");
        QVERIFY2(m_mode == QLatin1String("keyring") || m_mode == QLatin1String("none"),
                 "run through ctest (PATCHBAY_SECRETS_MODE=keyring|none)");
    }

    void storedTokensOutliveTheStoreOnlyInAKeyring()
    {
        OAuth2Config config;
        config.grant = OAuth2Grant::ClientCredentials;
        config.tokenUrl = QStringLiteral("https://id.example.com/token");
        const QString key = TokenStore::keyFor(QStringLiteral("c1"), config);
        const QString access = QStringLiteral("access-") + QUuid::createUuid().toString();
        OAuth2Token token;
        token.accessToken = access;
        token.refreshToken = QStringLiteral("refresh-value");
        token.obtainedAt = QDateTime::currentDateTimeUtc();
        token.expiresAt = token.obtainedAt.addSecs(600);
        {
            SecretStore secrets(kService);
            TokenStore store(&secrets);
            QVERIFY(waitLoaded(store, key));
            QVERIFY(!store.token(key));
            QSignalSpy written(&secrets, &SecretStore::writeFinished);
            QSignalSpy changed(&store, &TokenStore::tokenChanged);
            store.store(key, token);
            QCOMPARE(changed.count(), 1);
            QCOMPARE(store.token(key)->accessToken, access);
            QVERIFY(written.wait(20000));
        }
        SecretStore secrets(kService);
        TokenStore again(&secrets);
        QVERIFY(waitLoaded(again, key));
        if (m_mode == QLatin1String("keyring")) {
            QVERIFY(again.token(key));
            QCOMPARE(*again.token(key), token);
            QSignalSpy removed(&secrets, &SecretStore::removeFinished);
            again.clear(key);
            QVERIFY(!again.token(key));
            QVERIFY(removed.wait(20000));
            SecretStore third(kService);
            TokenStore cleared(&third);
            QVERIFY(waitLoaded(cleared, key));
            QVERIFY(!cleared.token(key));
        } else {
            QVERIFY(!again.token(key)); // memory only: gone with its store
        }
        for (const QString &dir :
             {qEnvironmentVariable("XDG_DATA_HOME"), qEnvironmentVariable("XDG_CONFIG_HOME"),
              qEnvironmentVariable("XDG_CACHE_HOME")}) {
            if (!dir.isEmpty())
                QVERIFY2(filesContaining(dir, access.toUtf8()).isEmpty(), qPrintable(dir));
        }
    }

private:
    QString m_mode;
};

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
