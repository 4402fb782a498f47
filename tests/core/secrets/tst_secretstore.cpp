#include "core/secrets/secretstore.h"

#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

#include <qt6keychain/keychain.h>

using namespace Patchbay::Core;

namespace {

// A fresh service name per run, so that runs never see each other's entries.
const QString kService
    = QStringLiteral("PatchbayTest-") + QUuid::createUuid().toString(QUuid::WithoutBraces);

SecretReply waitFor(QSignalSpy &spy)
{
    if (spy.isEmpty() && !spy.wait(20000))
        return {QString(), QString(), SecretReply::Status::Failed, QStringLiteral("timed out")};
    return spy.takeFirst().at(0).value<SecretReply>();
}

// Files under `dir` (bounded) whose bytes contain `needle`.
QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList hits;
    if (dir.isEmpty())
        return hits;
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

// Run twice by ctest: under with-keyring.sh (a private session bus with an unlocked
// gnome-keyring, PATCHBAY_SECRETS_MODE=keyring) and with no session bus at all
// (PATCHBAY_SECRETS_MODE=none). Each test checks what that situation must give.
class TestSecretStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_mode = qEnvironmentVariable("PATCHBAY_SECRETS_MODE");
        // Refuse to run against whatever keyring the developer's session has.
        QVERIFY2(m_mode == QLatin1String("keyring") || m_mode == QLatin1String("none"),
                 "run through ctest (PATCHBAY_SECRETS_MODE=keyring|none)");
        if (m_mode == QLatin1String("none"))
            QVERIFY(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS")
                        .contains(QLatin1String("nonexistent")));
    }

    void keyFor()
    {
        QCOMPARE(SecretStore::keyFor(QStringLiteral("c1"), QStringLiteral("Staging"),
                                     QStringLiteral("token")),
                 QStringLiteral("c1/Staging/token"));
        QVERIFY(
            SecretStore::keyFor(QStringLiteral("c1"), QStringLiteral("A"), QStringLiteral("x"))
            != SecretStore::keyFor(QStringLiteral("c1"), QStringLiteral("B"), QStringLiteral("x")));
    }

    void writeThenReadBack_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("token") << QStringLiteral("tok-")
                + QUuid::createUuid().toString(QUuid::WithoutBraces);
        QTest::newRow("unicode and newlines")
            << QStringLiteral("pässwörd 🔑\nline two ") + QUuid::createUuid().toString();
        QTest::newRow("empty") << QString();
    }

    void writeThenReadBack()
    {
        QFETCH(QString, value);
        const QString key
            = SecretStore::keyFor(QStringLiteral("collection-1"), QStringLiteral("Staging"),
                                  QUuid::createUuid().toString(QUuid::WithoutBraces));
        SecretStore store(kService);
        QSignalSpy persistence(&store, &SecretStore::persistenceChanged);
        QSignalSpy written(&store, &SecretStore::writeFinished);
        store.write(key, value);
        const SecretReply w = waitFor(written);
        QCOMPARE(w.key, key);
        QCOMPARE(w.status, SecretReply::Status::Ok);

        // The same session always reads it back.
        QSignalSpy read(&store, &SecretStore::readFinished);
        store.read(key);
        const SecretReply r = waitFor(read);
        QCOMPARE(r.status, SecretReply::Status::Ok);
        QCOMPARE(r.value, value);

        // A new store (as after a restart) reads from the keyring only.
        SecretStore later(kService);
        QSignalSpy laterRead(&later, &SecretStore::readFinished);
        later.read(key);
        const SecretReply again = waitFor(laterRead);
        if (m_mode == QLatin1String("keyring")) {
            QVERIFY2(store.isPersistent(), qPrintable(store.persistenceMessage()));
            QVERIFY(w.message.isEmpty());
            QCOMPARE(persistence.size(), 0);
            QCOMPARE(again.status, SecretReply::Status::Ok);
            QCOMPARE(again.value, value);
            // And it really is in the keyring, under service "…" and this key.
            QKeychain::ReadPasswordJob direct(kService);
            direct.setAutoDelete(false);
            direct.setKey(key);
            QSignalSpy done(&direct, &QKeychain::Job::finished);
            direct.start();
            QVERIFY(done.wait(20000));
            QCOMPARE(direct.error(), QKeychain::NoError);
            QCOMPARE(direct.textData(), value);
        } else {
            QVERIFY(!store.isPersistent());
            QCOMPARE(persistence.size(), 1);
            QCOMPARE(persistence.first().at(0).toBool(), false);
            QVERIFY(store.persistenceMessage().startsWith(QLatin1String("No keyring available")));
            QCOMPARE(w.message, store.persistenceMessage());
            QVERIFY(again.status != SecretReply::Status::Ok);
            QVERIFY(again.value.isEmpty());
            QVERIFY(!later.isPersistent());
        }
    }

    // A store destroyed while the keyring still has its request: the answer must find nobody,
    // not a deleted job (the Secret Service backend used to crash here).
    void destroyedWhileAReadIsInFlight()
    {
        for (int i = 0; i < 8; ++i) {
            auto store = std::make_unique<SecretStore>(kService);
            store->read(QStringLiteral("in-flight-%1").arg(i));
            store->write(QStringLiteral("in-flight-w-%1").arg(i), QStringLiteral("v"));
            QTest::qWait(i * 3); // deleted at different stages of the keyring's round trip
        }
        QTest::qWait(1500); // the answers arrive with nobody left to hear them
        SecretStore alive(kService);
        QSignalSpy read(&alive, &SecretStore::readFinished);
        alive.read(QStringLiteral("in-flight-0"));
        QVERIFY(read.wait(20000));
    }

    void removeForgets()
    {
        const QString key
            = SecretStore::keyFor(QStringLiteral("c"), QString(), QStringLiteral("gone"));
        SecretStore store(kService);
        QSignalSpy written(&store, &SecretStore::writeFinished);
        QSignalSpy removed(&store, &SecretStore::removeFinished);
        QSignalSpy read(&store, &SecretStore::readFinished);
        store.write(key, QStringLiteral("to be removed"));
        QCOMPARE(waitFor(written).status, SecretReply::Status::Ok);
        store.remove(key);
        QCOMPARE(waitFor(removed).status, SecretReply::Status::Ok);
        store.read(key);
        const SecretReply r = waitFor(read);
        QVERIFY(r.status != SecretReply::Status::Ok);
        QVERIFY(r.value.isEmpty());
        SecretStore later(kService);
        QSignalSpy laterRead(&later, &SecretStore::readFinished);
        later.read(key);
        QVERIFY(waitFor(laterRead).status != SecretReply::Status::Ok);
    }

    // A keyring change is in flight until its job finishes (a command must not quit before):
    // settled() comes once the last one is done. Without a keyring too: the first jobs find out
    // that there is none.
    void changesInFlightSettle()
    {
        SecretStore store(kService);
        QSignalSpy settled(&store, &SecretStore::settled);
        QSignalSpy written(&store, &SecretStore::writeFinished);
        const QString key
            = SecretStore::keyFor(QStringLiteral("c"), QString(), QStringLiteral("inflight"));
        store.write(key, QStringLiteral("one"));
        store.write(key, QStringLiteral("two"));
        store.remove(key);
        QCOMPARE(store.changesInFlight(), 3);
        QVERIFY(settled.wait(20000));
        QCOMPARE(store.changesInFlight(), 0);
        QCOMPARE(written.size(), 2);
        QCOMPARE(settled.size(), 1);
    }

    // Without a keyring the value lives in memory only: no file anywhere the process can write
    // to holds it (QtKeychain's insecure plain-text fallback is off).
    void nothingWrittenInPlainText()
    {
        const QByteArray marker
            = "plain-text-canary-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        {
            SecretStore store(kService);
            QSignalSpy written(&store, &SecretStore::writeFinished);
            store.write(SecretStore::keyFor(QStringLiteral("c"), QStringLiteral("e"),
                                            QStringLiteral("canary")),
                        QString::fromLatin1(marker));
            QCOMPARE(waitFor(written).status, SecretReply::Status::Ok);
        }
        QStringList hits;
        for (const char *var : {"HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"})
            hits += filesContaining(qEnvironmentVariable(var), marker);
        hits += filesContaining(QDir::currentPath(), marker);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
    }

private:
    QString m_mode;
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
