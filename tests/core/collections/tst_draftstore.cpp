#include "core/collections/authsecrets.h"
#include "core/collections/collectionformat.h"
#include "core/collections/draftstore.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;

namespace {

Draft sampleDraft(const QString &id, const QString &path = {})
{
    Draft draft;
    draft.tabId = id;
    draft.path = path;
    draft.baseline.name = path.isEmpty() ? QString() : QStringLiteral("Update user");
    draft.baseline.order = 1700000000123;
    draft.baseline.description = QStringLiteral("Changes the e-mail");
    draft.baseline.request.method = QStringLiteral("PATCH");
    draft.baseline.request.url = QStringLiteral("{{baseUrl}}/users/1");
    draft.request = draft.baseline.request;
    draft.request.body.mode = BodyMode::Json;
    draft.request.body.text = QStringLiteral("{\n  \"email\": \"typed@example.com\"\n}\n");
    draft.request.auth.mode = AuthMode::Bearer;
    draft.request.auth.token = QStringLiteral("typed-token");
    draft.writtenAt = QDateTime(QDate(2026, 11, 23), QTime(1, 2, 3, 456), Qt::UTC);
    return draft;
}

} // namespace

class TestDraftStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("saved request") << QStringLiteral("/ws/users/patch-email.yaml");
        QTest::newRow("never saved") << QString();
        QTest::newRow("with tests") << QStringLiteral("/ws/users/with-tests.yaml");
    }

    void roundTrip()
    {
        QFETCH(QString, path);
        QTemporaryDir dir;
        DraftStore store(dir.filePath(QStringLiteral("drafts")));
        Draft draft = sampleDraft(QStringLiteral("0b6d9f5e-1c2a-4f7e-9d3b-5a1e2c3d4f50"), path);
        if (qstrcmp(QTest::currentDataTag(), "with tests") == 0) {
            // Unsaved rows of the Tests tab come back too.
            draft.assertions = {{AssertionKind::StatusEquals, QString(), QStringLiteral("200")},
                                {AssertionKind::JsonEquals, QStringLiteral("/email"),
                                 QStringLiteral("typed@example.com"), false}};
            draft.captures
                = {{QStringLiteral("etag"), CaptureSource::Header, QStringLiteral("ETag")}};
        }
        QVERIFY(store.write(draft).ok());
        const Result<Draft> read = store.read(draft.tabId);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
        QCOMPARE(read->path, draft.path);
        // The baseline as the request file would hold it; a request never saved has none.
        if (path.isEmpty())
            QCOMPARE(read->baseline, SavedRequest());
        else
            QCOMPARE(requestToYaml(read->baseline), requestToYaml(draft.baseline));
        QCOMPARE(read->request, draft.request);
        QCOMPARE(read->assertions, draft.assertions);
        QCOMPARE(read->captures, draft.captures);
        QCOMPARE(read->writtenAt, draft.writtenAt);
    }

    void keepsSecretsInPrivateFiles()
    {
        QTemporaryDir dir;
        DraftStore store(dir.filePath(QStringLiteral("drafts")));
        const Draft draft = sampleDraft(QStringLiteral("tab1"));
        QVERIFY(store.write(draft).ok());
        // The store writes what it is given (the window takes typed auth secrets out first:
        // draftWithoutSecrets), readable by the owner only.
        QCOMPARE(store.read(QStringLiteral("tab1"))->request.auth.token,
                 QStringLiteral("typed-token"));
        QCOMPARE(
            QFile::permissions(store.fileFor(QStringLiteral("tab1")))
                & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
            QFile::Permissions());
        QCOMPARE(QFile::permissions(store.directory())
                     & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeGroup | QFile::ExeOther),
                 QFile::Permissions());
    }

    // What the window writes (draftWithoutSecrets): a token or password typed as text is named
    // in the draft, its value handed out for the keyring; a {{variable}} stays as it is.
    void typedSecretsAreLeftForTheKeyring()
    {
        QTemporaryDir dir;
        DraftStore store(dir.filePath(QStringLiteral("drafts")));
        Draft draft = sampleDraft(QStringLiteral("tab2"));
        draft.request.auth.password = QStringLiteral("typed-password");
        draft.request.auth.keyValue = QStringLiteral("{{apiKey}}");
        QList<std::pair<QString, QString>> values;
        const Draft onDisk = draftWithoutSecrets(draft, &values);
        const QList<std::pair<QString, QString>> expected {
            {draftSecretKey(QStringLiteral("tab2"), QStringLiteral("basicPassword")),
             QStringLiteral("typed-password")},
            {draftSecretKey(QStringLiteral("tab2"), QStringLiteral("bearerToken")),
             QStringLiteral("typed-token")}};
        QCOMPARE(values, expected);
        QCOMPARE(onDisk.secretsInKeyring,
                 (QStringList {QStringLiteral("basicPassword"), QStringLiteral("bearerToken")}));
        QVERIFY(onDisk.request.auth.token.isEmpty());
        QCOMPARE(onDisk.request.auth.keyValue, QStringLiteral("{{apiKey}}"));
        QVERIFY(store.write(onDisk).ok());
        QFile file(store.fileFor(QStringLiteral("tab2")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.contains("typed-token") && !bytes.contains("typed-password"));
        const Result<Draft> read = store.read(QStringLiteral("tab2"));
        QVERIFY(read.ok());
        QCOMPARE(read->secretsInKeyring, onDisk.secretsInKeyring);
        // Back in place, unless something was typed there meanwhile.
        Auth auth = read->request.auth;
        QVERIFY(fillAuthSecret(auth, QStringLiteral("bearerToken"), QStringLiteral("typed-token")));
        QCOMPARE(auth.token, QStringLiteral("typed-token"));
        QVERIFY(!fillAuthSecret(auth, QStringLiteral("bearerToken"), QStringLiteral("old")));
        QVERIFY(!fillAuthSecret(auth, QStringLiteral("noSuchField"), QStringLiteral("x")));
    }

    void overwriteReplacesAndRemoveDeletes()
    {
        QTemporaryDir dir;
        DraftStore store(dir.filePath(QStringLiteral("drafts")));
        Draft draft = sampleDraft(QStringLiteral("tab1"));
        QVERIFY(store.write(draft).ok());
        draft.request.url = QStringLiteral("http://127.0.0.1:9/second");
        QVERIFY(store.write(draft).ok());
        QCOMPARE(store.list().size(), 1);
        QCOMPARE(store.list().constFirst().request.url,
                 QStringLiteral("http://127.0.0.1:9/second"));
        // No temporary files left behind by the atomic save.
        QCOMPARE(QDir(store.directory()).entryList(QDir::Files).size(), 1);

        QVERIFY(store.remove(QStringLiteral("tab1")).ok());
        QVERIFY(!QFile::exists(store.fileFor(QStringLiteral("tab1"))));
        QVERIFY(store.list().isEmpty());
        QVERIFY(store.remove(QStringLiteral("tab1")).ok()); // gone already: fine
    }

    void listsLeftoversOldestFirstAndSkipsDamagedFiles()
    {
        QTemporaryDir dir;
        DraftStore store(dir.filePath(QStringLiteral("drafts")));
        Draft newer = sampleDraft(QStringLiteral("a-newer"));
        newer.writtenAt = newer.writtenAt.addSecs(60);
        QVERIFY(store.write(newer).ok());
        QVERIFY(store.write(sampleDraft(QStringLiteral("b-older"))).ok());
        QFile damaged(store.fileFor(QStringLiteral("c-damaged")));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("{\"tabId\": \"c-damaged\", ");
        damaged.close();

        const QList<Draft> drafts = store.list();
        QCOMPARE(drafts.size(), 2);
        QCOMPARE(drafts.at(0).tabId, QStringLiteral("b-older"));
        QCOMPARE(drafts.at(1).tabId, QStringLiteral("a-newer"));
        QVERIFY(!store.read(QStringLiteral("c-damaged")).ok());
        QVERIFY(QFile::exists(damaged.fileName())); // kept for the user to look at
    }

    void listOfAMissingDirectoryIsEmpty()
    {
        QTemporaryDir dir;
        DraftStore store(dir.filePath(QStringLiteral("never-created")));
        QVERIFY(store.list().isEmpty());
        QVERIFY(!store.read(QStringLiteral("tab1")).ok());
    }

    void rejectsIdsThatWouldEscapeTheDirectory_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("parent") << QStringLiteral("../evil");
        QTest::newRow("slash") << QStringLiteral("a/b");
        QTest::newRow("empty") << QString();
    }

    void rejectsIdsThatWouldEscapeTheDirectory()
    {
        QFETCH(QString, id);
        QTemporaryDir dir;
        DraftStore store(dir.filePath(QStringLiteral("drafts")));
        const Status written = store.write(sampleDraft(id));
        QVERIFY(!written.ok());
        QCOMPARE(written.error().code, QStringLiteral("invalid-id"));
        QVERIFY(!store.remove(id).ok());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("evil.json"))));
    }
};

QTEST_GUILESS_MAIN(TestDraftStore)
#include "tst_draftstore.moc"
