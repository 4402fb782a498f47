#include "ui/runner/testseditor.h"

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Ui;

namespace {

RequestTests sample()
{
    RequestTests t;
    t.assertions
        = {{AssertionKind::StatusEquals, {}, QStringLiteral("200"), true},
           {AssertionKind::JsonType, QStringLiteral("/id"), QStringLiteral("number"), false},
           {AssertionKind::HeaderMatches, QStringLiteral("Content-Type"), QStringLiteral("json$"),
            true}};
    t.captures
        = {{QStringLiteral("token"), CaptureSource::JsonPointer, QStringLiteral("/token"), true},
           {QStringLiteral("etag"), CaptureSource::Header, QStringLiteral("ETag"), false},
           {QStringLiteral("id"), CaptureSource::JsonPointer, QStringLiteral("/id"), true}};
    return t;
}

QPushButton *button(QWidget *parent, const QString &text)
{
    for (QPushButton *b : parent->findChildren<QPushButton *>()) {
        if (b->text() == text)
            return b;
    }
    return nullptr;
}

} // namespace

// The Tests tab: rows round-trip, edits signal, results show per row, scripts are read-only.
class TestTestsEditor final : public QObject
{
    Q_OBJECT

private slots:
    void roundTripWithoutSignal()
    {
        TestsEditor editor;
        QSignalSpy changed(&editor, &TestsEditor::testsChanged);
        editor.setTests(sample());
        QCOMPARE(editor.tests(), sample());
        QCOMPARE(editor.assertionTable()->rowCount(), 3);
        QCOMPARE(editor.captureTable()->rowCount(), 3);
        QCOMPARE(changed.count(), 0);
        editor.setTests({});
        QCOMPARE(editor.tests(), RequestTests());
    }

    void editsEmitChanged()
    {
        TestsEditor editor;
        editor.setTests(sample());
        QSignalSpy changed(&editor, &TestsEditor::testsChanged);

        editor.assertionTable()->item(0, 3)->setText(QStringLiteral("201"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(editor.tests().assertions.first().expected, QStringLiteral("201"));

        auto *kind = qobject_cast<QComboBox *>(editor.assertionTable()->cellWidget(1, 1));
        QVERIFY(kind);
        kind->setCurrentIndex(kind->findData(int(AssertionKind::JsonExists)));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(editor.tests().assertions.at(1).kind, AssertionKind::JsonExists);

        editor.captureTable()->item(1, 0)->setCheckState(Qt::Checked);
        QCOMPARE(changed.count(), 3);
        QVERIFY(editor.tests().captures.at(1).enabled);

        auto *source = qobject_cast<QComboBox *>(editor.captureTable()->cellWidget(0, 2));
        QVERIFY(source);
        source->setCurrentIndex(source->findData(int(CaptureSource::Header)));
        QCOMPARE(editor.tests().captures.first().source, CaptureSource::Header);
        QCOMPARE(changed.count(), 4);
    }

    void addAndRemoveRows()
    {
        TestsEditor editor;
        QSignalSpy changed(&editor, &TestsEditor::testsChanged);
        QPushButton *addAssertion = button(&editor, QStringLiteral("Add assertion"));
        QPushButton *removeAssertion = button(&editor, QStringLiteral("Remove assertion"));
        QPushButton *addCapture = button(&editor, QStringLiteral("Add capture"));
        QVERIFY(addAssertion && removeAssertion && addCapture);
        QTest::mouseClick(addAssertion, Qt::LeftButton);
        QTest::mouseClick(addAssertion, Qt::LeftButton);
        QTest::mouseClick(addCapture, Qt::LeftButton);
        QCOMPARE(changed.count(), 3);
        QCOMPARE(editor.tests().assertions.size(), 2);
        QCOMPARE(editor.tests().assertions.first(),
                 Assertion({AssertionKind::StatusEquals, {}, QStringLiteral("200"), true}));
        QCOMPARE(editor.tests().captures.size(), 1);
        editor.assertionTable()->setCurrentCell(0, 2);
        QTest::mouseClick(removeAssertion, Qt::LeftButton);
        QCOMPARE(editor.tests().assertions.size(), 1);
        QCOMPARE(changed.count(), 4);
    }

    void showsResultsPerRow()
    {
        TestsEditor editor;
        editor.setTests(sample());
        QSignalSpy changed(&editor, &TestsEditor::testsChanged);
        // As evaluateAssertions() returns them: one per row, disabled ones included.
        editor.showResults(
            {{true, QStringLiteral("status is 200")},
             {true, QStringLiteral("disabled")},
             {false, QStringLiteral("expected header Content-Type to match json$")}},
            {{QStringLiteral("token"), true, QStringLiteral("abc"), {}},
             {QStringLiteral("id"), false, {}, QStringLiteral("/id is not in the body")}});
        QTableWidget *a = editor.assertionTable();
        QCOMPARE(a->item(0, 4)->text(), QStringLiteral("status is 200"));
        QCOMPARE(a->item(0, 4)->data(Qt::UserRole).toBool(), true);
        QVERIFY(!a->item(0, 4)->icon().isNull());
        QCOMPARE(a->item(1, 4)->text(), QString()); // disabled row shows nothing
        QCOMPARE(a->item(2, 4)->data(Qt::UserRole).toBool(), false);
        QTableWidget *c = editor.captureTable();
        QCOMPARE(c->item(0, 4)->text(), QStringLiteral("abc"));
        QCOMPARE(c->item(1, 4)->text(), QString()); // disabled capture skipped
        QCOMPARE(c->item(2, 4)->text(), QStringLiteral("/id is not in the body"));
        QCOMPARE(c->item(2, 4)->data(Qt::UserRole).toBool(), false);
        QCOMPARE(changed.count(), 0);
        editor.clearResults();
        QCOMPARE(a->item(0, 4)->text(), QString());
    }

    void importedScriptsAreReadOnlyAndNotRun()
    {
        TestsEditor editor;
        editor.show();
        auto *scripts = editor.findChild<QPlainTextEdit *>();
        QVERIFY(scripts);
        QVERIFY(!scripts->isVisible());
        editor.setImportedScripts({}, QStringLiteral("pm.test('ok', () => {});"));
        QVERIFY(scripts->isVisible());
        QVERIFY(scripts->isReadOnly());
        QVERIFY(scripts->toPlainText().contains(QLatin1String("pm.test('ok'")));
        QVERIFY(scripts->toPlainText().contains(QLatin1String("not run")));
        bool noted = false;
        for (const QLabel *label : editor.findChildren<QLabel *>())
            noted = noted || label->text().contains(QLatin1String("does not run scripts"));
        QVERIFY(noted);
        editor.setImportedScripts({}, {});
        QVERIFY(!scripts->isVisible());
    }
};

QTEST_MAIN(TestTestsEditor)
#include "tst_testseditor.moc"
