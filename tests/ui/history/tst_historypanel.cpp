#include "core/history/historystore.h"
#include "ui/history/historymodel.h"
#include "ui/history/historypanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <memory>

using namespace Patchbay::Core;
using Patchbay::Ui::HistoryModel;
using Patchbay::Ui::HistoryPanel;

namespace {

HistoryEntry makeEntry(const QString &method, const QString &url, int status)
{
    Request request;
    request.method = method;
    request.url = url;
    request.headers = {{QStringLiteral("Authorization"), QStringLiteral("Bearer xyz"), true}};
    Response response;
    response.statusCode = status;
    response.reason = QStringLiteral("OK");
    response.body = ResponseBody(QByteArray("body of ") + url.toUtf8());
    response.headers = {{"Content-Type", "text/plain"}};
    response.timing.startedAt = QDateTime::currentDateTimeUtc();
    response.timing.finished = 42;
    return historyEntryFrom(request, response);
}

QStringList visibleUrls(const HistoryModel &model)
{
    QStringList urls;
    for (int g = 0; g < model.rowCount(); ++g) {
        const QModelIndex group = model.index(g, 0);
        for (int r = 0; r < model.rowCount(group); ++r)
            urls << model.index(r, 0, group).data(HistoryModel::UrlRole).toString();
    }
    return urls;
}

} // namespace

class TestHistoryPanel final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_store;

    bool fill()
    {
        QSignalSpy added(m_store.get(), &HistoryStore::entriesAdded);
        m_store->addAll({
            makeEntry(QStringLiteral("GET"), QStringLiteral("https://a.test/users"), 200),
            makeEntry(QStringLiteral("PATCH"), QStringLiteral("https://a.test/users/1"), 204),
            makeEntry(QStringLiteral("DELETE"), QStringLiteral("https://b.test/items/9"), 404),
        });
        return added.wait(10000);
    }

    std::unique_ptr<HistoryPanel> makePanel()
    {
        auto panel = std::make_unique<HistoryPanel>(m_store.get());
        panel->resize(400, 500);
        panel->show();
        return panel;
    }

    static bool waitLoaded(HistoryPanel &panel)
    {
        return QTest::qWaitFor(
            [&] { return panel.model()->hasLoaded() && !panel.model()->isLoading(); }, 10000);
    }

    static void clickEntry(HistoryPanel &panel, const QModelIndex &index)
    {
        QTreeView *view = panel.view();
        view->scrollTo(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<HistoryStore>(m_dir->filePath(QStringLiteral("h.sqlite")));
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void emptyStateWhenNoHistory()
    {
        auto panel = makePanel();
        QVERIFY(waitLoaded(*panel));
        QCOMPARE(panel->filterEdit()->placeholderText(),
                 QStringLiteral("Filter history: method, URL, status"));
        QTRY_VERIFY(panel->emptyLabel()->isVisible());
        QCOMPARE(panel->emptyLabel()->text(), QStringLiteral("Requests you send appear here"));
        QVERIFY(!panel->view()->isVisible());

        // The first request sent replaces the empty state.
        m_store->add(makeEntry(QStringLiteral("GET"), QStringLiteral("https://first.test/"), 200));
        QTRY_VERIFY_WITH_TIMEOUT(panel->view()->isVisible(), 10000);
        QVERIFY(!panel->emptyLabel()->isVisible());
        QVERIFY(panel->view()->isExpanded(panel->model()->index(0, 0)));
    }

    void typingFilters_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("method") << QStringLiteral("patch")
                                << QStringList {QStringLiteral("https://a.test/users/1")};
        QTest::newRow("url") << QStringLiteral("a.test/users")
                             << QStringList {QStringLiteral("https://a.test/users/1"),
                                             QStringLiteral("https://a.test/users")};
        QTest::newRow("status") << QStringLiteral("404")
                                << QStringList {QStringLiteral("https://b.test/items/9")};
    }
    void typingFilters()
    {
        QFETCH(QString, typed);
        QFETCH(QStringList, expected);
        QVERIFY(fill());
        auto panel = makePanel();
        QVERIFY(waitLoaded(*panel));
        QCOMPARE(panel->model()->entryCount(), 3);
        QVERIFY(panel->view()->isExpanded(panel->model()->index(0, 0)));

        QTest::keyClicks(panel->filterEdit(), typed);
        // Debounced: nothing is queried while typing.
        QCOMPARE(panel->model()->filter(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->filter(), typed, 5000);
        QVERIFY(waitLoaded(*panel));
        QCOMPARE(visibleUrls(*panel->model()), expected);

        panel->filterEdit()->setText(QStringLiteral("no-such-thing"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->emptyLabel()->isVisible(), 5000);
        QVERIFY(panel->emptyLabel()->text().contains(QLatin1String("no-such-thing")));
        panel->filterEdit()->clear();
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->entryCount(), 3, 5000);
        QVERIFY(panel->view()->isVisible());
    }

    void activatingAnEntryEmitsTheFullEntry()
    {
        QVERIFY(fill());
        auto panel = makePanel();
        QVERIFY(waitLoaded(*panel));
        // A single click previews the entry (issue 12: the preview tab); it is not kept.
        QSignalSpy activated(panel.get(), &HistoryPanel::entryPreviewed);
        const QModelIndex second = panel->model()->index(2, 0, panel->model()->index(0, 0));
        QCOMPARE(second.data(HistoryModel::UrlRole).toString(),
                 QStringLiteral("https://a.test/users"));

        clickEntry(*panel, second);
        QVERIFY(activated.wait(10000));
        QCOMPARE(activated.size(), 1);
        const auto entry = activated.at(0).at(0).value<HistoryEntry>();
        QCOMPARE(entry.id, second.data(HistoryModel::EntryIdRole).toLongLong());
        QCOMPARE(entry.request.method, QStringLiteral("GET"));
        QCOMPARE(entry.request.url, QStringLiteral("https://a.test/users"));
        QCOMPARE(entry.body, QByteArray("body of https://a.test/users"));
        QCOMPARE(entry.statusCode, 200);
        QCOMPARE(entry.request.headers.at(0).value, QStringLiteral("Bearer \u2022\u2022\u2022"));

        // Open (Enter on the current row) keeps the entry: entryActivated, not a preview.
        QSignalSpy kept(panel.get(), &HistoryPanel::entryActivated);
        const QModelIndex first = panel->model()->index(0, 0, panel->model()->index(0, 0));
        panel->view()->setCurrentIndex(first);
        panel->openAction()->trigger();
        QVERIFY(kept.wait(10000));
        QCOMPARE(activated.size(), 1);
        QCOMPARE(kept.at(0).at(0).value<HistoryEntry>().request.url,
                 QStringLiteral("https://b.test/items/9"));
    }

    void deleteKeyRemovesTheEntry()
    {
        QVERIFY(fill());
        auto panel = makePanel();
        QVERIFY(waitLoaded(*panel));
        QVERIFY(QTest::qWaitForWindowActive(panel.get()));
        const QModelIndex first = panel->model()->index(0, 0, panel->model()->index(0, 0));
        const QString url = first.data(HistoryModel::UrlRole).toString();
        panel->view()->setFocus();
        panel->view()->setCurrentIndex(first);
        QTest::keyClick(panel->view(), Qt::Key_Delete);
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->entryCount(), 2, 10000);
        QVERIFY(!visibleUrls(*panel->model()).contains(url));
        // And it is gone from the store.
        QSignalSpy loaded(m_store.get(), &HistoryStore::loaded);
        m_store->load(QString(), 0, 10);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.at(0).at(1).value<QList<HistoryEntrySummary>>().size(), 2);
    }

    void copyUrl()
    {
        QVERIFY(fill());
        auto panel = makePanel();
        QVERIFY(waitLoaded(*panel));
        const QModelIndex first = panel->model()->index(0, 0, panel->model()->index(0, 0));
        panel->view()->setCurrentIndex(first);
        panel->copyUrlAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 first.data(HistoryModel::UrlRole).toString());
    }

    void clearAsksFirst_data()
    {
        QTest::addColumn<bool>("answer");
        QTest::newRow("confirmed") << true;
        QTest::newRow("cancelled") << false;
    }
    void clearAsksFirst()
    {
        QFETCH(bool, answer);
        QVERIFY(fill());
        auto panel = makePanel();
        QVERIFY(waitLoaded(*panel));
        int asked = 0;
        panel->setClearConfirmation([&](QWidget *) {
            ++asked;
            return answer;
        });
        QSignalSpy cleared(m_store.get(), &HistoryStore::cleared);
        panel->clearAction()->trigger();
        QCOMPARE(asked, 1);
        if (answer) {
            QVERIFY(cleared.wait(10000));
            QTRY_COMPARE(panel->model()->entryCount(), 0);
            QTRY_VERIFY(panel->emptyLabel()->isVisible());
        } else {
            // A cancelled clear sends nothing to the store: a later load still sees everything.
            QSignalSpy loaded(m_store.get(), &HistoryStore::loaded);
            m_store->load(QString(), 0, 10);
            QVERIFY(loaded.wait(10000));
            QCOMPARE(loaded.at(0).at(1).value<QList<HistoryEntrySummary>>().size(), 3);
            QCOMPARE(cleared.size(), 0);
            QCOMPARE(panel->model()->entryCount(), 3);
        }
    }

    void clearWithTheRealMessageBox()
    {
        QVERIFY(fill());
        auto panel = makePanel();
        QVERIFY(waitLoaded(*panel));
        bool sawBox = false;
        QTimer clicker;
        clicker.setInterval(10);
        connect(&clicker, &QTimer::timeout, this, [&] {
            const auto widgets = QApplication::topLevelWidgets();
            for (QWidget *w : widgets) {
                auto *box = qobject_cast<QMessageBox *>(w);
                if (box && box->isVisible()) {
                    sawBox = true;
                    box->button(QMessageBox::Yes)->click();
                    clicker.stop();
                    return;
                }
            }
        });
        clicker.start();
        QSignalSpy cleared(m_store.get(), &HistoryStore::cleared);
        panel->clearAction()->trigger(); // runs the box's event loop until clicked
        QVERIFY(sawBox);
        QVERIFY(cleared.wait(10000));
        QTRY_COMPARE(panel->model()->entryCount(), 0);
    }

    void scrollingToTheEndLoadsMore()
    {
        const int total = HistoryModel::FirstPageSize + 50;
        QList<HistoryEntry> entries;
        for (int i = 0; i < total; ++i)
            entries << makeEntry(QStringLiteral("GET"), QStringLiteral("https://s.test/%1").arg(i),
                                 200);
        QSignalSpy added(m_store.get(), &HistoryStore::entriesAdded);
        m_store->addAll(entries);
        QVERIFY(added.wait(10000));
        auto panel = makePanel();
        QVERIFY(waitLoaded(*panel));
        // Only the first page while the end of the list is far below (one round of pending
        // events lets the view lay out and ask, if it wrongly would).
        QCoreApplication::processEvents();
        QCOMPARE(panel->model()->entryCount(), HistoryModel::FirstPageSize);
        QVERIFY(panel->model()->hasMore());
        panel->view()->scrollToBottom();
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->entryCount(), total, 10000);
        QVERIFY(!panel->model()->hasMore());
    }

    void selectionActions()
    {
        QSignalSpy added(m_store.get(), &HistoryStore::entriesAdded);
        m_store->addAll({
            makeEntry(QStringLiteral("GET"), QStringLiteral("https://a.test/users/1"), 200),
            makeEntry(QStringLiteral("PUT"), QStringLiteral("https://a.test/users/1"), 200),
        });
        QVERIFY(added.wait(10000));
        auto panel = makePanel();
        QVERIFY(waitLoaded(*panel));
        const QModelIndex day = panel->model()->index(0, 0);
        const QModelIndex put = panel->model()->index(0, 0, day); // newest first
        const QModelIndex get = panel->model()->index(1, 0, day);
        QCOMPARE(put.data(HistoryModel::MethodRole).toString(), QStringLiteral("PUT"));

        // One GET selected: edit yes, compare no, idempotency no.
        panel->view()->setCurrentIndex(get);
        QVERIFY(panel->editResourceAction()->isEnabled());
        QVERIFY(!panel->compareAction()->isEnabled());
        QVERIFY(!panel->idempotencyAction()->isEnabled());
        QSignalSpy edit(panel.get(), &HistoryPanel::editResourceRequested);
        panel->editResourceAction()->trigger();
        QVERIFY(edit.wait(10000));
        QCOMPARE(edit.at(0).at(0).value<HistoryEntry>().request.method, QStringLiteral("GET"));

        // One PUT: idempotency check offered.
        panel->view()->setCurrentIndex(put);
        QVERIFY(panel->idempotencyAction()->isEnabled());
        QSignalSpy idempotency(panel.get(), &HistoryPanel::idempotencyCheckRequested);
        panel->idempotencyAction()->trigger();
        QVERIFY(idempotency.wait(10000));
        QCOMPARE(idempotency.at(0).at(0).value<HistoryEntry>().request.method,
                 QStringLiteral("PUT"));

        // Ctrl-click adds the second entry: compare, older first.
        clickEntry(*panel, get);
        QTest::mouseClick(panel->view()->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          panel->view()->visualRect(put).center());
        QCOMPARE(panel->selectedSummaries().size(), 2);
        QVERIFY(panel->compareAction()->isEnabled());
        QVERIFY(!panel->editResourceAction()->isEnabled());
        QSignalSpy compare(panel.get(), &HistoryPanel::compareRequested);
        panel->compareAction()->trigger();
        QVERIFY(compare.wait(10000));
        QCOMPARE(compare.at(0).at(0).value<HistoryEntry>().request.method, QStringLiteral("GET"));
        QCOMPARE(compare.at(0).at(1).value<HistoryEntry>().request.method, QStringLiteral("PUT"));
    }

    void storeErrorIsShown()
    {
        const QString path = m_dir->filePath(QStringLiteral("broken.sqlite"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'x'));
        }
        HistoryStore broken(path);
        HistoryPanel panel(&broken);
        panel.show();
        QSignalSpy error(&broken, &HistoryStore::error);
        QVERIFY(error.wait(10000));
        QVERIFY(waitLoaded(panel));
        QCOMPARE(panel.model()->entryCount(), 0);
        const auto labels = panel.findChildren<QLabel *>();
        bool shown = false;
        for (const QLabel *label : labels)
            shown = shown || (label->isVisible() && label->text() == error.at(0).at(0).toString());
        QVERIFY(shown);
    }
};

QTEST_MAIN(TestHistoryPanel)
#include "tst_historypanel.moc"
