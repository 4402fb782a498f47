#include "ui/collections/environmentpicker.h"

#include "core/collections/workspace.h"
#include "tests/ui/collections/workspacefixture.h"

#include <QSignalSpy>
#include <QTest>

using namespace Patchbay::Core;
using Patchbay::Ui::EnvironmentPicker;

class TestEnvironmentPicker final : public QObject
{
    Q_OBJECT

private slots:
    void listsEnvironments();
    void keepsOrResetsSelection();
};

namespace {

bool addEnvironments(WorkspaceFixture &fixture)
{
    Environment staging;
    staging.name = QStringLiteral("Staging");
    Environment local;
    local.name = QStringLiteral("Local");
    return fixture.workspace.createEnvironment(fixture.alpha, staging).ok()
        && fixture.workspace.createEnvironment(fixture.alpha, local).ok();
}

} // namespace

void TestEnvironmentPicker::listsEnvironments()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create(false));
    QVERIFY(addEnvironments(fixture));
    EnvironmentPicker picker(&fixture.workspace);
    QCOMPARE(picker.count(), 1);
    QCOMPARE(picker.itemText(0), QStringLiteral("No environment"));

    QSignalSpy spy(&picker, &EnvironmentPicker::environmentChanged);
    picker.setCollection(fixture.alpha);
    QCOMPARE(picker.count(), 3);
    QCOMPARE(picker.itemText(1), QStringLiteral("Local"));
    QCOMPARE(picker.itemText(2), QStringLiteral("Staging"));
    QCOMPARE(spy.count(), 0); // still "No environment"

    picker.setCurrentIndex(2);
    QCOMPARE(spy.count(), 1);
    const QString staging = fixture.alpha + QStringLiteral("/environments/staging.yaml");
    QCOMPARE(spy.at(0).at(0).toString(), staging);
    QCOMPARE(picker.currentEnvironment(), staging);

    QVERIFY(!picker.setCurrentEnvironment(QStringLiteral("/nowhere.yaml")));
    QVERIFY(picker.setCurrentEnvironment(QString()));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toString(), QString());
}

void TestEnvironmentPicker::keepsOrResetsSelection()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create(false));
    QVERIFY(addEnvironments(fixture));
    EnvironmentPicker picker(&fixture.workspace);
    picker.setCollection(fixture.alpha);
    const QString local = fixture.alpha + QStringLiteral("/environments/local.yaml");
    QVERIFY(picker.setCurrentEnvironment(local));
    QSignalSpy spy(&picker, &EnvironmentPicker::environmentChanged);

    picker.setCollection(fixture.alpha); // relisted: the choice stays
    QCOMPARE(picker.currentEnvironment(), local);
    QCOMPARE(spy.count(), 0);

    picker.setCollection(fixture.beta); // Beta has none: back to "No environment"
    QCOMPARE(picker.count(), 1);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(picker.currentEnvironment(), QString());
}

QTEST_MAIN(TestEnvironmentPicker)
#include "tst_environmentpicker.moc"
