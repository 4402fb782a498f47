#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/secrets/secretcache.h"
#include "core/secrets/secretstore.h"
#include "ui/collections/environmentpicker.h"
#include "ui/environments/environmenteditordialog.h"
#include "ui/environments/variabletablemodel.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QDirIterator>
#include <QFile>
#include <QListWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Patchbay;
using Ui::EnvironmentEditorDialog;
using Ui::VariableTableModel;

namespace {

const QString kService
    = QStringLiteral("PatchbayUiTest-") + QUuid::createUuid().toString(QUuid::WithoutBraces);

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (readAll(path).contains(needle))
            hits << path;
    }
    return hits;
}

struct Fixture
{
    QTemporaryDir dir;
    Core::Workspace workspace;
    QString collection;
    QString id;
    std::unique_ptr<Core::SecretStore> store;
    std::unique_ptr<Core::SecretCache> cache;

    bool create()
    {
        Core::Result<Core::Workspace> opened = Core::Workspace::open(dir.path());
        if (!opened.ok())
            return false;
        workspace = std::move(opened).value();
        collection = *workspace.createCollection(QStringLiteral("Users API"));
        id = workspace.item(collection)->collection->id;
        store = std::make_unique<Core::SecretStore>(kService);
        cache = std::make_unique<Core::SecretCache>(store.get());
        return !id.isEmpty();
    }

    QString envKey(const QString &env, const QString &name) const
    {
        return Core::secretKeyFor(id, Core::ScopeKind::Environment, env, name);
    }
};

// Fills the last row of the dialog's table.
void setRow(VariableTableModel *model, int row, const QString &name, const QString &value,
            bool secret)
{
    model->setData(model->index(row, VariableTableModel::NameColumn), name);
    model->setData(model->index(row, VariableTableModel::ValueColumn), value);
    model->setData(model->index(row, VariableTableModel::SecretColumn),
                   secret ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

} // namespace

// Run twice by ctest: with no session bus (PATCHBAY_SECRETS_MODE=none) and under
// with-keyring.sh (a private bus with an unlocked gnome-keyring, PATCHBAY_SECRETS_MODE=keyring).
class TestEnvironmentEditorDialog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_mode = qEnvironmentVariable("PATCHBAY_SECRETS_MODE");
        QVERIFY2(m_mode == QLatin1String("keyring") || m_mode == QLatin1String("none"),
                 "run through ctest (PATCHBAY_SECRETS_MODE=keyring|none)");
    }

    void listsCollectionEnvironmentsAndGlobals()
    {
        Fixture fx;
        QVERIFY(fx.create());
        Core::Environment env;
        env.name = QStringLiteral("Staging");
        QVERIFY(fx.workspace.createEnvironment(fx.collection, env).ok());
        EnvironmentEditorDialog dialog(&fx.workspace, fx.cache.get(), fx.collection);
        QListWidget *list = dialog.scopeList();
        QCOMPARE(list->count(), 3);
        QCOMPARE(list->item(0)->text(), QStringLiteral("Collection variables"));
        QCOMPARE(list->item(1)->text(), QStringLiteral("Staging"));
        QCOMPARE(list->item(2)->text(), QStringLiteral("Globals"));
        QVERIFY(!dialog.hasUnsavedChanges());
    }

    // The main path: add an environment, add a secret variable, save. The file says
    // `secret: true` without the value; the value is in the cache (and keyring, when there is
    // one); nothing in the workspace holds it.
    void addEnvironmentWithSecret()
    {
        Fixture fx;
        QVERIFY(fx.create());
        EnvironmentEditorDialog dialog(&fx.workspace, fx.cache.get(), fx.collection);
        QSignalSpy changed(&dialog, &EnvironmentEditorDialog::environmentsChanged);
        const QString path = dialog.addEnvironment(QStringLiteral("Staging"));
        QVERIFY2(!path.isEmpty(), qPrintable(dialog.message()));
        QVERIFY(QFile::exists(path));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(dialog.currentEnvironmentPath(), path);

        const QString secret = u"tok-" + QUuid::createUuid().toString(QUuid::WithoutBraces);
        VariableTableModel *model = dialog.variablesModel();
        setRow(model, model->appendVariable(), QStringLiteral("token"), secret, true);
        setRow(model, model->appendVariable(), QStringLiteral("baseUrl"),
               QStringLiteral("https://staging.example.com"), false);
        QVERIFY(dialog.hasUnsavedChanges());
        QSignalSpy written(fx.cache.get(), &Core::SecretCache::valueWritten);
        QVERIFY2(dialog.save(), qPrintable(dialog.message()));
        QVERIFY(!dialog.hasUnsavedChanges());
        QCOMPARE(changed.size(), 2);

        const QByteArray file = readAll(path);
        QVERIFY2(file.contains("  - name: token\n    secret: true\n"), file.constData());
        QVERIFY(file.contains("https://staging.example.com"));
        QVERIFY(!file.contains(secret.toUtf8()));
        QCOMPARE(fx.cache->value(fx.envKey(QStringLiteral("Staging"), QStringLiteral("token"))),
                 std::optional<QString>(secret));
        QVERIFY(written.wait(20000));
        QVERIFY(filesContaining(fx.dir.path(), secret.toUtf8()).isEmpty());

        // The workspace sees it, and a request resolves through the cache.
        Core::Request request;
        request.url = QStringLiteral("{{baseUrl}}/?t={{token}}");
        const Core::ResolvedSend send = Core::resolveForSending(fx.workspace, fx.collection,
                                                                request, path, fx.cache->lookup());
        QCOMPARE(send.request.url, u"https://staging.example.com/?t=" + secret);
        QCOMPARE(send.secretValues, QStringList {secret});

        // A later session: the keyring gives it back, or (no keyring) it is gone.
        Core::SecretStore laterStore(kService);
        Core::SecretCache later(&laterStore);
        QSignalSpy loaded(&later, &Core::SecretCache::loaded);
        later.load(fx.workspace);
        QVERIFY(loaded.wait(20000));
        const std::optional<QString> again
            = later.value(fx.envKey(QStringLiteral("Staging"), QStringLiteral("token")));
        if (m_mode == QLatin1String("keyring"))
            QCOMPARE(again, std::optional<QString>(secret));
        else
            QVERIFY(!again);
    }

    void keyringBanner()
    {
        Fixture fx;
        QVERIFY(fx.create());
        EnvironmentEditorDialog dialog(&fx.workspace, fx.cache.get(), fx.collection);
        dialog.selectScope(EnvironmentEditorDialog::ScopeKind::Collection);
        VariableTableModel *model = dialog.variablesModel();
        setRow(model, model->appendVariable(), QStringLiteral("apiKey"), QStringLiteral("k"), true);
        QSignalSpy written(fx.cache.get(), &Core::SecretCache::valueWritten);
        QVERIFY(dialog.save());
        QVERIFY(written.wait(20000));
        if (m_mode == QLatin1String("none")) {
            QTRY_VERIFY(dialog.isKeyringWarningVisible());
            QVERIFY(dialog.findChild<QObject *>(QStringLiteral("keyringBanner")));
        } else {
            QVERIFY(!dialog.isKeyringWarningVisible());
        }
        // The collection file marks it secret and holds no value.
        const QByteArray file = readAll(fx.collection + QStringLiteral("/collection.yaml"));
        QVERIFY2(file.contains("    secret: true"), file.constData());
        QVERIFY(!file.contains("value: k\n"));
    }

    void invalidNamesAreRefused_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QStringList {QString()} << QStringLiteral("needs a name");
        QTest::newRow("space") << QStringList {QStringLiteral("base url")}
                               << QStringLiteral("remove spaces and braces");
        QTest::newRow("braces") << QStringList {QStringLiteral("{x}")}
                                << QStringLiteral("remove spaces and braces");
        QTest::newRow("duplicate") << QStringList {QStringLiteral("host"), QStringLiteral("host")}
                                   << QStringLiteral("already defined");
        QTest::newRow("dynamic") << QStringList {QStringLiteral("$uuid")}
                                 << QStringLiteral("reserved");
    }

    void invalidNamesAreRefused()
    {
        QFETCH(QStringList, names);
        QFETCH(QString, expected);
        Fixture fx;
        QVERIFY(fx.create());
        EnvironmentEditorDialog dialog(&fx.workspace, fx.cache.get(), fx.collection);
        dialog.selectScope(EnvironmentEditorDialog::ScopeKind::Globals);
        VariableTableModel *model = dialog.variablesModel();
        for (const QString &name : names) {
            const int row = model->appendVariable();
            setRow(model, row, name, QStringLiteral("v"), false);
        }
        QVERIFY2(dialog.message().contains(expected), qPrintable(dialog.message()));
        QVERIFY(!dialog.save());
        QVERIFY(dialog.message().contains(expected));
        QVERIFY(!QFile::exists(fx.workspace.globalsPath()));
        // Fixing the name clears the message and saves.
        for (int row = 0; row < model->rowCount(); ++row)
            setRow(model, row, QStringLiteral("ok%1").arg(row), QStringLiteral("v"), false);
        QVERIFY(dialog.message().isEmpty());
        QVERIFY(dialog.save());
        QVERIFY(readAll(fx.workspace.globalsPath()).contains("ok0"));
    }

    void renameDuplicateDeleteMoveSecrets()
    {
        Fixture fx;
        QVERIFY(fx.create());
        EnvironmentEditorDialog dialog(&fx.workspace, fx.cache.get(), fx.collection);
        dialog.setConfirmation([](const QString &) { return true; });
        const QString staging = dialog.addEnvironment(QStringLiteral("Staging"));
        VariableTableModel *model = dialog.variablesModel();
        setRow(model, model->appendVariable(), QStringLiteral("pw"), QStringLiteral("s3"), true);
        QVERIFY(dialog.save());

        // Duplicate names are refused.
        QVERIFY(dialog.addEnvironment(QStringLiteral("staging")).isEmpty());
        QVERIFY(dialog.message().contains(QLatin1String("already an environment")));

        const QString renamed = dialog.renameEnvironment(staging, QStringLiteral("Prod"));
        QVERIFY2(!renamed.isEmpty(), qPrintable(dialog.message()));
        QVERIFY(!QFile::exists(staging));
        QVERIFY(QFile::exists(renamed));
        QCOMPARE(fx.workspace.environment(renamed)->environment.name, QStringLiteral("Prod"));
        QCOMPARE(fx.cache->value(fx.envKey(QStringLiteral("Prod"), QStringLiteral("pw"))),
                 std::optional<QString>(QStringLiteral("s3")));
        QVERIFY(!fx.cache->value(fx.envKey(QStringLiteral("Staging"), QStringLiteral("pw"))));

        const QString copy = dialog.duplicateEnvironment(renamed);
        QVERIFY(!copy.isEmpty());
        QCOMPARE(fx.workspace.environment(copy)->environment.name, QStringLiteral("Prod copy"));
        QCOMPARE(fx.cache->value(fx.envKey(QStringLiteral("Prod copy"), QStringLiteral("pw"))),
                 std::optional<QString>(QStringLiteral("s3")));
        QCOMPARE(dialog.scopeList()->count(), 4);

        QVERIFY(dialog.deleteEnvironment(copy));
        QVERIFY(!QFile::exists(copy));
        QVERIFY(!fx.workspace.environment(copy));
        QVERIFY(!fx.cache->value(fx.envKey(QStringLiteral("Prod copy"), QStringLiteral("pw"))));
        QCOMPARE(dialog.scopeList()->count(), 3);

        // Renaming in the list does the same.
        dialog.selectEnvironment(renamed);
        dialog.scopeList()->currentItem()->setText(QStringLiteral("Live"));
        QTRY_COMPARE(dialog.scopeList()->item(1)->text(), QStringLiteral("Live"));
        QTRY_VERIFY(!QFile::exists(renamed));
        QCOMPARE(fx.cache->value(fx.envKey(QStringLiteral("Live"), QStringLiteral("pw"))),
                 std::optional<QString>(QStringLiteral("s3")));
    }

    void secretValuesAreMaskedUntilShown()
    {
        Fixture fx;
        QVERIFY(fx.create());
        EnvironmentEditorDialog dialog(&fx.workspace, fx.cache.get(), fx.collection);
        VariableTableModel *model = dialog.variablesModel();
        new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     model);
        setRow(model, model->appendVariable(), QStringLiteral("token"), QStringLiteral("abc"),
               true);
        const QModelIndex value = model->index(0, VariableTableModel::ValueColumn);
        QCOMPARE(value.data().toString(), VariableTableModel::mask());
        QCOMPARE(value.data(Qt::EditRole).toString(), QStringLiteral("abc"));
        auto *toggle = dialog.findChild<QAbstractButton *>(QStringLiteral("showSecretsToggle"));
        QVERIFY(toggle);
        toggle->click();
        QCOMPARE(value.data().toString(), QStringLiteral("abc"));
        toggle->click();
        QCOMPARE(value.data().toString(), VariableTableModel::mask());
        // Not secret: always shown.
        model->setData(model->index(0, VariableTableModel::SecretColumn), Qt::Unchecked,
                       Qt::CheckStateRole);
        QCOMPARE(value.data().toString(), QStringLiteral("abc"));
        QVERIFY(model->removeRows(0, 1));
        QCOMPARE(model->rowCount(), 0);
    }

    // Secrets already in the keyring show up in the table once loaded.
    void showsKnownSecretValues()
    {
        Fixture fx;
        QVERIFY(fx.create());
        Core::Environment env;
        env.name = QStringLiteral("Staging");
        env.variables = {{QStringLiteral("pw"), {}, true, true}};
        const QString path = *fx.workspace.createEnvironment(fx.collection, env);
        fx.cache->setValue(fx.envKey(QStringLiteral("Staging"), QStringLiteral("pw")),
                           QStringLiteral("known"));
        EnvironmentEditorDialog dialog(&fx.workspace, fx.cache.get(), fx.collection);
        QVERIFY(dialog.selectEnvironment(path));
        QCOMPARE(dialog.variablesModel()
                     ->index(0, VariableTableModel::ValueColumn)
                     .data(Qt::EditRole)
                     .toString(),
                 QStringLiteral("known"));
        QVERIFY(!dialog.hasUnsavedChanges());
    }

    void pickerOffersManageEnvironments()
    {
        Fixture fx;
        QVERIFY(fx.create());
        Ui::EnvironmentPicker picker(&fx.workspace);
        QSignalSpy spy(&picker, &Ui::EnvironmentPicker::manageRequested);
        QVERIFY(picker.manageAction());
        QVERIFY(picker.actions().contains(picker.manageAction()));
        QCOMPARE(picker.count(), 1); // the action is not an item of the list
        picker.manageAction()->trigger();
        QCOMPARE(spy.size(), 1);
    }

private:
    QString m_mode;
};

QTEST_MAIN(TestEnvironmentEditorDialog)
#include "tst_environmenteditordialog.moc"
