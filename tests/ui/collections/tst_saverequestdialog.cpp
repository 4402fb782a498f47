#include "ui/collections/saverequestdialog.h"

#include "core/collections/workspace.h"
#include "tests/ui/collections/workspacefixture.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

using namespace Patchbay::Core;
using Patchbay::Ui::SaveRequestDialog;

namespace {

QPushButton *saveButton(SaveRequestDialog &dialog)
{
    auto *box = dialog.findChild<QDialogButtonBox *>();
    return box ? box->button(QDialogButtonBox::Save) : nullptr;
}

QStringList placeNames(const QTreeWidget *tree)
{
    QStringList out;
    for (QTreeWidgetItemIterator it(const_cast<QTreeWidget *>(tree)); *it; ++it) {
        int depth = 0;
        for (QTreeWidgetItem *p = (*it)->parent(); p; p = p->parent())
            ++depth;
        out.append(QString(depth * 2, u' ') + (*it)->text(0));
    }
    return out;
}

} // namespace

class TestSaveRequestDialog final : public QObject
{
    Q_OBJECT

private slots:
    void listsCollectionsAndFolders();
    void validation_data();
    void validation();
    void acceptedChoiceCreatesRequest();
    void makesCollectionsAndFolders();
};

void TestSaveRequestDialog::listsCollectionsAndFolders()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    SaveRequestDialog dialog(&fixture.workspace, QStringLiteral("Untitled"));
    QCOMPARE(
        placeNames(dialog.placesView()),
        QStringList({QStringLiteral("Alpha"), QStringLiteral("  Admin"), QStringLiteral("Beta")}));
    // The first collection is chosen when nothing is preselected; the name is pre-filled.
    QCOMPARE(dialog.parentPath(), fixture.alpha);
    QCOMPARE(dialog.name(), QStringLiteral("Untitled"));

    SaveRequestDialog preselected(&fixture.workspace, QStringLiteral("Untitled"), fixture.admin);
    QCOMPARE(preselected.parentPath(), fixture.admin);
}

void TestSaveRequestDialog::validation_data()
{
    QTest::addColumn<QString>("place"); // "alpha", "admin", "beta"
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("acceptable");
    QTest::addColumn<bool>("exists");

    QTest::newRow("new name") << "alpha"
                              << "List things" << true << false;
    QTest::newRow("empty name") << "alpha" << QString() << false << false;
    QTest::newRow("spaces only") << "alpha"
                                 << "   " << false << false;
    QTest::newRow("existing name warns") << "alpha"
                                         << "get USERS" << true << true;
    QTest::newRow("same name elsewhere") << "beta"
                                         << "Get users" << true << false;
    QTest::newRow("existing in folder") << "admin"
                                        << "Delete user" << true << true;
}

void TestSaveRequestDialog::validation()
{
    QFETCH(QString, place);
    QFETCH(QString, name);
    QFETCH(bool, acceptable);
    QFETCH(bool, exists);
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    const QString parent = place == QLatin1String("alpha") ? fixture.alpha
        : place == QLatin1String("beta")                   ? fixture.beta
                                                           : fixture.admin;
    SaveRequestDialog dialog(&fixture.workspace, QStringLiteral("x"), parent);
    dialog.show();
    dialog.nameEdit()->clear();
    QTest::keyClicks(dialog.nameEdit(), name);
    QCOMPARE(dialog.parentPath(), parent);
    QCOMPARE(dialog.isAcceptable(), acceptable);
    QCOMPARE(saveButton(dialog)->isEnabled(), acceptable);
    QCOMPARE(dialog.nameExists(), exists);
    if (exists)
        QVERIFY(dialog.warningLabel()->isVisible());
    if (acceptable && !exists)
        QVERIFY(!dialog.warningLabel()->isVisible());
    if (!acceptable)
        QVERIFY(dialog.warningLabel()->isVisible());
}

void TestSaveRequestDialog::acceptedChoiceCreatesRequest()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    SaveRequestDialog dialog(&fixture.workspace, QStringLiteral("Untitled"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // Choosing "Admin" by clicking it in the tree.
    QTreeWidgetItem *admin = dialog.placesView()->topLevelItem(0)->child(0);
    QVERIFY(admin);
    const QRect rect = dialog.placesView()->visualItemRect(admin);
    QTest::mouseClick(dialog.placesView()->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(dialog.parentPath(), fixture.admin);
    dialog.setName(QStringLiteral("  Ban user "));
    saveButton(dialog)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.name(), QStringLiteral("Ban user"));

    SavedRequest request;
    request.name = dialog.name();
    const Result<QString> created = fixture.workspace.createRequest(dialog.parentPath(), request);
    QVERIFY(created.ok());
    QCOMPARE(*created, fixture.admin + QStringLiteral("/ban-user.yaml"));
    QVERIFY(QFileInfo::exists(*created));
}

// The dialog makes a place to save into (item 6 of issue 12): a new collection, then a folder in
// it, each selected once made; the name question is answered by a user typing.
void TestSaveRequestDialog::makesCollectionsAndFolders()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create(false));
    SaveRequestDialog dialog(&fixture.workspace, QStringLiteral("Login"));
    dialog.show();
    QSignalSpy made(&dialog, &SaveRequestDialog::placeCreated);
    const auto answer = [](const QString &name) {
        QTimer::singleShot(0, qApp, [name] {
            auto *input = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            QVERIFY(input);
            QCOMPARE(input->objectName(), QStringLiteral("newPlaceName"));
            auto *edit = input->findChild<QLineEdit *>();
            QTest::keyClicks(edit, name);
            QTest::keyClick(edit, Qt::Key_Return);
        });
    };
    QVERIFY(dialog.newCollectionButton()->isVisible());
    answer(QStringLiteral("Auth API"));
    QTest::mouseClick(dialog.newCollectionButton(), Qt::LeftButton);
    QCOMPARE(made.count(), 1);
    const QString collection = made.last().first().toString();
    QVERIFY(fixture.workspace.item(collection));
    QCOMPARE(fixture.workspace.item(collection)->name, QStringLiteral("Auth API"));
    QCOMPARE(dialog.parentPath(), collection);
    QVERIFY(placeNames(dialog.placesView()).contains(QStringLiteral("Auth API")));

    answer(QStringLiteral("Tokens"));
    QTest::mouseClick(dialog.newFolderButton(), Qt::LeftButton);
    QCOMPARE(made.count(), 2);
    const QString folder = made.last().first().toString();
    QCOMPARE(dialog.parentPath(), folder);
    QVERIFY(folder.startsWith(collection + u'/'));
    QVERIFY(placeNames(dialog.placesView()).contains(QStringLiteral("  Tokens")));
    QVERIFY(saveButton(dialog)->isEnabled());

    // Saving there works as for any place.
    SavedRequest saved;
    saved.name = dialog.name();
    QVERIFY(fixture.workspace.createRequest(dialog.parentPath(), saved).ok());
    QCOMPARE(fixture.workspace.item(folder)->children.size(), 1);

    // A name left empty makes nothing.
    answer(QString());
    QTest::mouseClick(dialog.newCollectionButton(), Qt::LeftButton);
    QCOMPARE(made.count(), 2);
}

QTEST_MAIN(TestSaveRequestDialog)
#include "tst_saverequestdialog.moc"
