#include "core/collections/savedrequest.h"
#include "ui/request/requesteditor.h"
#include "ui/tabs/requesttab.h"

#include <QFrame>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Patchbay;

namespace {

Core::SavedRequest savedRequest(const QString &name, const QString &method, const QString &url)
{
    Core::SavedRequest saved;
    saved.name = name;
    saved.order = 1000;
    saved.request.method = method;
    saved.request.url = url;
    return saved;
}

// Types into the URL field as a user would, so that the editor reports the change.
void typeUrl(Ui::RequestTab &tab, const QString &url)
{
    auto *edit = tab.editor()->findChild<QLineEdit *>(QStringLiteral("urlEdit"));
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClicks(edit, url);
}

} // namespace

// One request tab on its own: what counts as unsaved, its title, the conflict bar and drafts.
class TestRequestTab final : public QObject
{
    Q_OBJECT

private slots:
    void idsAreUniqueAndKept()
    {
        Ui::RequestTab a;
        Ui::RequestTab b;
        QVERIFY(!a.id().isEmpty());
        QVERIFY(a.id() != b.id());
        Ui::RequestTab given(QStringLiteral("fixed-id"));
        QCOMPARE(given.id(), QStringLiteral("fixed-id"));
    }

    void titleAndDirtyState_data()
    {
        QTest::addColumn<bool>("saved");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("title");
        QTest::addColumn<bool>("dirty");
        QTest::newRow("new, empty") << false << QString() << QStringLiteral("New request") << false;
        QTest::newRow("new, typed") << false << QStringLiteral("http://127.0.0.1:9/users/2")
                                    << QStringLiteral("GET /users/2") << true;
        QTest::newRow("saved, untouched")
            << true << QString() << QStringLiteral("Get user") << false;
        QTest::newRow("saved, edited") << true << QStringLiteral("http://127.0.0.1:9/users/3")
                                       << QStringLiteral("Get user") << true;
    }

    void titleAndDirtyState()
    {
        QFETCH(bool, saved);
        QFETCH(QString, typed);
        QFETCH(QString, title);
        QFETCH(bool, dirty);
        Ui::RequestTab tab;
        if (saved)
            tab.openSaved(QStringLiteral("/ws/a/get-user.yaml"),
                          savedRequest(QStringLiteral("Get user"), QStringLiteral("GET"),
                                       QStringLiteral("http://127.0.0.1:9/users/1")));
        QSignalSpy changed(&tab, &Ui::RequestTab::stateChanged);
        if (!typed.isEmpty()) {
            typeUrl(tab, typed);
            QVERIFY(!changed.isEmpty());
        }
        QCOMPARE(tab.title(), title);
        QCOMPARE(tab.isDirty(), dirty);
        QCOMPARE(tab.isSaved(), saved);
        QCOMPARE(tab.isPristine(), !saved && typed.isEmpty());
    }

    // A query in a hand-written file's URL is shown as params: opening it is not an edit.
    void openingANormalisedRequestIsNotAnEdit()
    {
        Ui::RequestTab tab;
        tab.openSaved(QStringLiteral("/ws/a/search.yaml"),
                      savedRequest(QStringLiteral("Search"), QStringLiteral("GET"),
                                   QStringLiteral("http://127.0.0.1:9/search?q=1")));
        QVERIFY(!tab.isDirty());
        QCOMPARE(tab.onDisk().request.url, QStringLiteral("http://127.0.0.1:9/search?q=1"));
    }

    void renameKeepsEditsAndCleanState()
    {
        Ui::RequestTab tab;
        const Core::SavedRequest saved = savedRequest(
            QStringLiteral("Search"), QStringLiteral("GET"), QStringLiteral("http://h/s?q=1"));
        tab.openSaved(QStringLiteral("/ws/a/search.yaml"), saved);
        Core::SavedRequest renamed = saved;
        renamed.name = QStringLiteral("Find");
        tab.setBaseline(QStringLiteral("/ws/a/find.yaml"), renamed);
        QCOMPARE(tab.path(), QStringLiteral("/ws/a/find.yaml"));
        QCOMPARE(tab.title(), QStringLiteral("Find"));
        QVERIFY(!tab.isDirty());

        typeUrl(tab, QStringLiteral("http://h/other"));
        tab.setBaseline(QStringLiteral("/ws/b/find.yaml"), renamed);
        QVERIFY(tab.isDirty());
        QCOMPARE(tab.editor()->request().url, QStringLiteral("http://h/other"));
    }

    void detachKeepsTheEdits()
    {
        Ui::RequestTab tab;
        tab.openSaved(
            QStringLiteral("/ws/a/x.yaml"),
            savedRequest(QStringLiteral("X"), QStringLiteral("PUT"), QStringLiteral("http://h/x")));
        typeUrl(tab, QStringLiteral("http://h/edited"));
        tab.detachFromFile();
        QVERIFY(!tab.isSaved());
        QVERIFY(tab.isDirty());
        QCOMPARE(tab.editor()->request().url, QStringLiteral("http://h/edited"));
        QCOMPARE(tab.editor()->request().method, QStringLiteral("PUT"));
    }

    void conflictKeepMine()
    {
        Ui::RequestTab tab;
        tab.show();
        const Core::SavedRequest mine = savedRequest(QStringLiteral("X"), QStringLiteral("GET"),
                                                     QStringLiteral("http://h/x"));
        tab.openSaved(QStringLiteral("/ws/a/x.yaml"), mine);
        typeUrl(tab, QStringLiteral("http://h/mine"));
        Core::SavedRequest theirs = mine;
        theirs.request.url = QStringLiteral("http://h/theirs");
        tab.showConflict(theirs);
        QVERIFY(tab.hasConflict());
        QVERIFY(tab.conflictBar()->isVisible());
        const auto [mineText, theirsText] = tab.conflictTexts();
        QVERIFY(mineText.contains(QLatin1String("http://h/mine")));
        QVERIFY(theirsText.contains(QLatin1String("http://h/theirs")));

        QTest::mouseClick(tab.findChild<QPushButton *>(QStringLiteral("keepMineButton")),
                          Qt::LeftButton);
        QVERIFY(!tab.hasConflict());
        QVERIFY(!tab.conflictBar()->isVisible());
        QCOMPARE(tab.editor()->request().url, QStringLiteral("http://h/mine"));
        QCOMPARE(tab.onDisk(), theirs); // what Save now writes over
        QVERIFY(tab.isDirty());
    }

    void conflictLoadTheirs()
    {
        Ui::RequestTab tab;
        tab.show();
        const Core::SavedRequest mine = savedRequest(QStringLiteral("X"), QStringLiteral("GET"),
                                                     QStringLiteral("http://h/x"));
        tab.openSaved(QStringLiteral("/ws/a/x.yaml"), mine);
        typeUrl(tab, QStringLiteral("http://h/mine"));
        Core::SavedRequest theirs = mine;
        theirs.request.url = QStringLiteral("http://h/theirs");
        tab.showConflict(theirs);
        QTest::mouseClick(tab.findChild<QPushButton *>(QStringLiteral("loadTheirsButton")),
                          Qt::LeftButton);
        QVERIFY(!tab.hasConflict());
        QCOMPARE(tab.editor()->request().url, QStringLiteral("http://h/theirs"));
        QVERIFY(!tab.isDirty());
    }

    void draftRoundTrip()
    {
        Ui::RequestTab tab;
        const Core::SavedRequest saved = savedRequest(QStringLiteral("X"), QStringLiteral("PATCH"),
                                                      QStringLiteral("http://h/x"));
        tab.openSaved(QStringLiteral("/ws/a/x.yaml"), saved);
        typeUrl(tab, QStringLiteral("http://h/edited"));
        const Core::Draft draft = tab.draft();
        QCOMPARE(draft.tabId, tab.id());
        QCOMPARE(draft.path, QStringLiteral("/ws/a/x.yaml"));
        QCOMPARE(draft.baseline, saved);
        QCOMPARE(draft.request.url, QStringLiteral("http://h/edited"));

        Ui::RequestTab restored(draft.tabId);
        restored.restoreDraft(draft);
        QCOMPARE(restored.path(), draft.path);
        QCOMPARE(restored.editor()->request(), draft.request);
        QCOMPARE(restored.title(), QStringLiteral("X"));
        QVERIFY(restored.isDirty());
    }
};

QTEST_MAIN(TestRequestTab)
#include "tst_requesttab.moc"
