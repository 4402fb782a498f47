#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/interop/importedcollection.h"
#include "core/runner/runitem.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;

namespace {

Auth bearer(const QString &token)
{
    Auth a;
    a.mode = AuthMode::Bearer;
    a.token = token;
    return a;
}

Auth basic(const QString &user)
{
    Auth a;
    a.mode = AuthMode::Basic;
    a.username = user;
    return a;
}

Auth mode(AuthMode m)
{
    Auth a;
    a.mode = m;
    return a;
}

} // namespace

// Auth on a collection or folder, "inherit from parent" on folders and requests: what is in
// effect for each item and where it comes from, for sending, for runs (workspace and imported)
// and with variables resolved for OAuth 2.0 tokens.
//
//   Col (bearer {{token}})
//   ├── plain.yaml          inherit        -> collection's bearer
//   ├── opted-out.yaml      none           -> none
//   ├── A/ (inherit)
//   │   └── a.yaml          inherit        -> collection's bearer
//   └── B/ (basic bob)
//       ├── b.yaml          inherit        -> folder B's basic
//       ├── own.yaml        apikey         -> its own
//       └── C/ (inherit)
//           └── c.yaml      inherit        -> folder B's basic (through C)
class TestAuthInheritance final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Workspace m_ws;
    QString m_col, m_a, m_b, m_c;
    QHash<QString, QString> m_requests;

    QString request(const QString &parent, const QString &name, const Auth &auth)
    {
        SavedRequest saved;
        saved.name = name;
        saved.request.url = QStringLiteral("http://127.0.0.1:1/") + name;
        saved.request.auth = auth;
        const Result<QString> path = m_ws.createRequest(parent, saved);
        Q_ASSERT(path.ok());
        m_requests.insert(name, *path);
        return *path;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = Workspace::open(m_dir.path()).value();
        m_col = *m_ws.createCollection(QStringLiteral("Col"));
        CollectionInfo info = m_ws.item(m_col)->collection;
        info.auth = bearer(QStringLiteral("{{token}}"));
        info.variables = {{QStringLiteral("token"), QStringLiteral("col-token"), true, false}};
        QVERIFY(m_ws.saveCollection(m_col, info).ok());
        m_a = *m_ws.createFolder(m_col, QStringLiteral("A"));
        m_b = *m_ws.createFolder(m_col, QStringLiteral("B"));
        FolderInfo b = m_ws.item(m_b)->folder;
        b.auth = basic(QStringLiteral("bob"));
        QVERIFY(m_ws.saveFolder(m_b, b).ok());
        m_c = *m_ws.createFolder(m_b, QStringLiteral("C"));
        request(m_col, QStringLiteral("plain"), mode(AuthMode::Inherit));
        request(m_col, QStringLiteral("opted-out"), mode(AuthMode::None));
        request(m_a, QStringLiteral("a"), mode(AuthMode::Inherit));
        request(m_b, QStringLiteral("b"), mode(AuthMode::Inherit));
        Auth key = mode(AuthMode::ApiKey);
        key.keyName = QStringLiteral("X-Key");
        key.keyValue = QStringLiteral("k");
        request(m_b, QStringLiteral("own"), key);
        request(m_c, QStringLiteral("c"), mode(AuthMode::Inherit));
        // Read back from the files, as the app would.
        m_ws = Workspace::open(m_dir.path()).value();
    }

    void effectiveAuthAndItsSource_data()
    {
        QTest::addColumn<QString>("request");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("source");
        QTest::addColumn<QString>("sourceName");
        QTest::newRow("request inherits the collection")
            << QStringLiteral("plain") << int(AuthMode::Bearer) << int(AuthSource::Kind::Collection)
            << QStringLiteral("Col");
        QTest::newRow("explicit none") << QStringLiteral("opted-out") << int(AuthMode::None)
                                       << int(AuthSource::Kind::Own) << QString();
        QTest::newRow("through an inheriting folder")
            << QStringLiteral("a") << int(AuthMode::Bearer) << int(AuthSource::Kind::Collection)
            << QStringLiteral("Col");
        QTest::newRow("the folder's own") << QStringLiteral("b") << int(AuthMode::Basic)
                                          << int(AuthSource::Kind::Folder) << QStringLiteral("B");
        QTest::newRow("the request's own") << QStringLiteral("own") << int(AuthMode::ApiKey)
                                           << int(AuthSource::Kind::Own) << QString();
        QTest::newRow("innermost folder that sets one")
            << QStringLiteral("c") << int(AuthMode::Basic) << int(AuthSource::Kind::Folder)
            << QStringLiteral("B");
    }

    void effectiveAuthAndItsSource()
    {
        QFETCH(QString, request);
        QFETCH(int, mode);
        QFETCH(int, source);
        QFETCH(QString, sourceName);
        const QString path = m_requests.value(request);
        const CollectionItem *item = m_ws.item(path);
        QVERIFY(item);
        const EffectiveAuth effective = effectiveAuth(m_ws, path, item->request.request.auth);
        QCOMPARE(int(effective.auth.mode), mode);
        QCOMPARE(int(effective.source.kind), source);
        QCOMPARE(effective.source.name, sourceName);

        // Sending and running use the same auth.
        const ResolvedSend send = resolveForSending(m_ws, path, item->request.request, {});
        QCOMPARE(int(send.request.auth.mode), mode);
        const Result<QList<RunItem>> run = runItemsFromWorkspace(m_ws, path, nullptr);
        QVERIFY(run.ok());
        QCOMPARE(int(run->first().request.auth.mode), mode);
        QCOMPARE(run->first().collectionId, m_ws.item(m_col)->collection->id);
    }

    void variablesResolveInTheInheritedAuth()
    {
        const QString path = m_requests.value(QStringLiteral("plain"));
        const ResolvedSend send
            = resolveForSending(m_ws, path, m_ws.item(path)->request.request, {});
        QCOMPARE(send.request.auth.token, QStringLiteral("col-token"));
        const ResolvedAuth resolved = resolveAuth(m_ws, path, mode(AuthMode::Inherit), {});
        QCOMPARE(resolved.auth.token, QStringLiteral("col-token"));
        QCOMPARE(resolved.collectionId, m_ws.item(m_col)->collection->id);
    }

    void aFoldersOwnAuthIsNotItsParent()
    {
        // Folder C inherits from B; B's own auth does not count as B's parent.
        QCOMPARE(effectiveAuth(m_ws, m_c, mode(AuthMode::Inherit)).source.name,
                 QStringLiteral("B"));
        const EffectiveAuth b = effectiveAuth(m_ws, m_b, mode(AuthMode::Inherit));
        QCOMPARE(b.auth.mode, AuthMode::Bearer);
        QCOMPARE(b.source.kind, AuthSource::Kind::Collection);
        // The collection has no parent: its "inherit" means none.
        const EffectiveAuth col = effectiveAuth(m_ws, m_col, mode(AuthMode::Inherit));
        QCOMPARE(col.auth.mode, AuthMode::None);
        QCOMPARE(col.source.kind, AuthSource::Kind::Nothing);
    }

    void unsavedRequestsHaveNothingToInherit()
    {
        const EffectiveAuth e = effectiveAuth(m_ws, QString(), mode(AuthMode::Inherit));
        QCOMPARE(e.auth.mode, AuthMode::None);
        QCOMPARE(e.source.kind, AuthSource::Kind::Nothing);
        Request r;
        r.url = QStringLiteral("http://127.0.0.1:1/");
        QCOMPARE(resolveForSending(m_ws, QString(), r, {}).request.auth.mode, AuthMode::None);
    }

    void importedCollectionsInheritTheSameWay()
    {
        ImportedCollection imported;
        imported.info.name = QStringLiteral("Imported");
        imported.info.auth = bearer(QStringLiteral("top"));
        ImportedFolder folder;
        folder.info.name = QStringLiteral("F");
        folder.info.auth = basic(QStringLiteral("fred"));
        SavedRequest inFolder;
        inFolder.name = QStringLiteral("in folder");
        folder.requests.append(inFolder);
        SavedRequest atRoot;
        atRoot.name = QStringLiteral("at root");
        SavedRequest optedOut;
        optedOut.name = QStringLiteral("opted out");
        optedOut.request.auth = mode(AuthMode::None);
        imported.root.requests = {atRoot, optedOut};
        imported.root.folders.append(folder);
        const QList<RunItem> items = runItemsFromImported(imported, nullptr);
        QCOMPARE(items.size(), 3);
        QCOMPARE(items.at(0).request.auth.token, QStringLiteral("top"));
        QCOMPARE(items.at(1).request.auth.mode, AuthMode::None);
        QCOMPARE(items.at(2).request.auth.username, QStringLiteral("fred"));
    }
};

QTEST_GUILESS_MAIN(TestAuthInheritance)
#include "tst_authinheritance.moc"
