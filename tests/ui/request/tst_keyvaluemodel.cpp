#include "ui/request/keyvaluemodel.h"
#include "ui/request/keyvaluetableview.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Patchbay;
using Patchbay::Ui::KeyValueModel;

namespace {

Core::KeyValueList sampleRows()
{
    return {{QStringLiteral("a"), QStringLiteral("1"), true},
            {QStringLiteral("b"), QStringLiteral("2"), false},
            {QStringLiteral("c"), QString(), true}};
}

} // namespace

class TestKeyValueModel final : public QObject
{
    Q_OBJECT

private slots:
    void emptyModelHasOnePlaceholderRow();
    void setRowsShowsEntriesAndPlaceholder();
    void typingIntoPlaceholderAppendsRow_data();
    void typingIntoPlaceholderAppendsRow();
    void emptyTextInPlaceholderAddsNothing();
    void editExistingRow();
    void toggleEnabled();
    void placeholderIsNotCheckable();
    void removeRows_data();
    void removeRows();
    void placeholderCannotBeRemoved();
    void deleteKeyInViewRemovesSelectedRows();
    void filledRowCount();
};

void TestKeyValueModel::emptyModelHasOnePlaceholderRow()
{
    KeyValueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), 3);
    QVERIFY(model.isPlaceholderRow(0));
    QVERIFY(model.rows().isEmpty());
    QCOMPARE(model.data(model.index(0, KeyValueModel::NameColumn), Qt::EditRole).toString(),
             QString());
}

void TestKeyValueModel::setRowsShowsEntriesAndPlaceholder()
{
    KeyValueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy edited(&model, &KeyValueModel::rowsEdited);
    model.setRows(sampleRows());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.rows(), sampleRows());
    QCOMPARE(model.index(0, KeyValueModel::NameColumn).data().toString(), QStringLiteral("a"));
    QCOMPARE(model.index(0, KeyValueModel::ValueColumn).data().toString(), QStringLiteral("1"));
    QCOMPARE(model.index(1, KeyValueModel::EnabledColumn).data(Qt::CheckStateRole).toInt(),
             int(Qt::Unchecked));
    QCOMPARE(model.index(0, KeyValueModel::EnabledColumn).data(Qt::CheckStateRole).toInt(),
             int(Qt::Checked));
    QCOMPARE(edited.count(), 0); // programmatic changes are not user edits
}

void TestKeyValueModel::typingIntoPlaceholderAppendsRow_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Core::KeyValue>("expected");
    QTest::newRow("name") << int(KeyValueModel::NameColumn)
                          << Core::KeyValue {QStringLiteral("x"), QString(), true};
    QTest::newRow("value") << int(KeyValueModel::ValueColumn)
                           << Core::KeyValue {QString(), QStringLiteral("x"), true};
}

void TestKeyValueModel::typingIntoPlaceholderAppendsRow()
{
    QFETCH(int, column);
    QFETCH(Core::KeyValue, expected);

    KeyValueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(sampleRows());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy edited(&model, &KeyValueModel::rowsEdited);

    QVERIFY(model.setData(model.index(3, column), QStringLiteral("x")));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.rows().size(), 4);
    QCOMPARE(model.rows().last(), expected);
    QVERIFY(model.isPlaceholderRow(4));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 4);
    QCOMPARE(inserted.first().at(2).toInt(), 4);
    QCOMPARE(edited.count(), 1);
}

void TestKeyValueModel::emptyTextInPlaceholderAddsNothing()
{
    KeyValueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!model.setData(model.index(0, KeyValueModel::NameColumn), QString()));
    QCOMPARE(model.rowCount(), 1);
}

void TestKeyValueModel::editExistingRow()
{
    KeyValueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(sampleRows());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy edited(&model, &KeyValueModel::rowsEdited);
    QVERIFY(model.setData(model.index(1, KeyValueModel::ValueColumn), QStringLiteral("two")));
    QCOMPARE(model.rows().at(1).value, QStringLiteral("two"));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(edited.count(), 1);
    // The same text again is not a change.
    QVERIFY(model.setData(model.index(1, KeyValueModel::ValueColumn), QStringLiteral("two")));
    QCOMPARE(edited.count(), 1);
}

void TestKeyValueModel::toggleEnabled()
{
    KeyValueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(sampleRows());
    QSignalSpy edited(&model, &KeyValueModel::rowsEdited);
    QVERIFY(model.setData(model.index(0, KeyValueModel::EnabledColumn), Qt::Unchecked,
                          Qt::CheckStateRole));
    QVERIFY(!model.rows().at(0).enabled);
    QVERIFY(model.setData(model.index(1, KeyValueModel::EnabledColumn), Qt::Checked,
                          Qt::CheckStateRole));
    QVERIFY(model.rows().at(1).enabled);
    QCOMPARE(edited.count(), 2);
}

void TestKeyValueModel::placeholderIsNotCheckable()
{
    KeyValueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex check = model.index(0, KeyValueModel::EnabledColumn);
    QVERIFY(!(model.flags(check) & Qt::ItemIsUserCheckable));
    QVERIFY(!model.setData(check, Qt::Checked, Qt::CheckStateRole));
    QVERIFY(model.flags(model.index(0, KeyValueModel::NameColumn)) & Qt::ItemIsEditable);
}

void TestKeyValueModel::removeRows_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("count");
    QTest::addColumn<QStringList>("remainingNames");
    QTest::newRow("first") << 0 << 1 << QStringList {QStringLiteral("b"), QStringLiteral("c")};
    QTest::newRow("middle two") << 1 << 2 << QStringList {QStringLiteral("a")};
    QTest::newRow("all") << 0 << 3 << QStringList {};
}

void TestKeyValueModel::removeRows()
{
    QFETCH(int, row);
    QFETCH(int, count);
    QFETCH(QStringList, remainingNames);

    KeyValueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(sampleRows());
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QVERIFY(model.removeRows(row, count));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().at(1).toInt(), row);
    QCOMPARE(removed.first().at(2).toInt(), row + count - 1);
    QStringList names;
    for (const Core::KeyValue &kv : model.rows())
        names << kv.name;
    QCOMPARE(names, remainingNames);
    QCOMPARE(model.rowCount(), remainingNames.size() + 1);
}

void TestKeyValueModel::placeholderCannotBeRemoved()
{
    KeyValueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(sampleRows());
    QVERIFY(!model.removeRows(3, 1));
    QVERIFY(!model.removeRows(2, 2));
    QCOMPARE(model.rowCount(), 4);
}

void TestKeyValueModel::deleteKeyInViewRemovesSelectedRows()
{
    KeyValueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(sampleRows());
    Ui::KeyValueTableView view;
    view.setKeyValueModel(&model);
    view.resize(400, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setFocus();
    view.selectionModel()->select(model.index(0, 0),
                                  QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view.selectionModel()->select(model.index(2, 0),
                                  QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view.selectionModel()->select(model.index(3, 0),
                                  QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QTest::keyClick(&view, Qt::Key_Delete);
    QCOMPARE(model.rows().size(), 1);
    QCOMPARE(model.rows().first().name, QStringLiteral("b"));
    QCOMPARE(model.rowCount(), 2);
}

void TestKeyValueModel::filledRowCount()
{
    KeyValueModel model;
    model.setRows({{QStringLiteral("a"), QString(), true},
                   {QString(), QString(), true},
                   {QString(), QStringLiteral("v"), false}});
    QCOMPARE(model.filledRowCount(), 2);
}

QTEST_MAIN(TestKeyValueModel)
#include "tst_keyvaluemodel.moc"
