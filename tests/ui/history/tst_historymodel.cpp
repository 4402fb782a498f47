#include "core/history/historystore.h"
#include "ui/history/historymodel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Patchbay::Core;
using Patchbay::Ui::HistoryModel;

namespace {

HistoryEntry entryAt(const QString &method, const QString &url, int status, const QDateTime &at)
{
    HistoryEntry e;
    e.request.method = method;
    e.request.url = url;
    e.statusCode = status;
    e.sentAt = at.toUTC();
    e.totalTimeMs = 10;
    return e;
}

QDateTime localAt(QDate day, int hour)
{
    return QDateTime(day, QTime(hour, 0), Qt::LocalTime);
}

// The model as text: "Day label" rows with indented "METHOD url" children.
QStringList dumpTree(const QAbstractItemModel &model)
{
    QStringList lines;
    for (int g = 0; g < model.rowCount(); ++g) {
        const QModelIndex group = model.index(g, 0);
        lines << group.data().toString();
        for (int r = 0; r < model.rowCount(group); ++r)
            lines << QStringLiteral("  ") + model.index(r, 0, group).data().toString();
    }
    return lines;
}

} // namespace

class TestHistoryModel final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_store;
    QDate m_today;

    bool fill(const QList<HistoryEntry> &entries)
    {
        QSignalSpy added(m_store.get(), &HistoryStore::entriesAdded);
        m_store->addAll(entries);
        return added.wait(10000);
    }

    // Attaches the tester before the first page arrives, so that it checks every change.
    // (The tester calls fetchMore() whenever it re-checks the model, so a tested model keeps
    // loading pages until all are in.)
    std::unique_ptr<HistoryModel> makeModel(bool tested = true)
    {
        auto model = std::make_unique<HistoryModel>(m_store.get());
        model->setToday(m_today);
        if (tested)
            new QAbstractItemModelTester(
                model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, model.get());
        return model;
    }

    bool waitForQuery(HistoryModel &model)
    {
        QSignalSpy finished(&model, &HistoryModel::queryFinished);
        return model.hasLoaded() && !model.isLoading() ? true : finished.wait(10000);
    }

    QList<HistoryEntry> daysFixture() const
    {
        // Oldest first: the store numbers them in this order.
        return {
            entryAt(QStringLiteral("GET"), QStringLiteral("https://old.test/a"), 200,
                    localAt(m_today.addDays(-20), 9)),
            entryAt(QStringLiteral("POST"), QStringLiteral("https://old.test/b"), 201,
                    localAt(m_today.addDays(-20), 11)),
            entryAt(QStringLiteral("PUT"), QStringLiteral("https://week.test/c"), 200,
                    localAt(m_today.addDays(-3), 12)),
            entryAt(QStringLiteral("PATCH"), QStringLiteral("https://yesterday.test/d"), 204,
                    localAt(m_today.addDays(-1), 8)),
            entryAt(QStringLiteral("GET"), QStringLiteral("https://today.test/e"), 404,
                    localAt(m_today, 1)),
            entryAt(QStringLiteral("DELETE"), QStringLiteral("https://today.test/f"), 500,
                    localAt(m_today, 2)),
        };
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<HistoryStore>(m_dir->filePath(QStringLiteral("h.sqlite")));
        m_today = QDate::currentDate();
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void dayLabels_data()
    {
        QTest::addColumn<int>("daysAgo");
        QTest::addColumn<QString>("expected");
        const QDate today(2026, 11, 22); // a Sunday
        const QLocale locale;
        QTest::newRow("today") << 0 << QStringLiteral("Today");
        QTest::newRow("yesterday") << 1 << QStringLiteral("Yesterday");
        QTest::newRow("two days ago is a weekday")
            << 2 << locale.standaloneDayName(5, QLocale::LongFormat);
        QTest::newRow("six days ago is a weekday")
            << 6 << locale.standaloneDayName(1, QLocale::LongFormat);
        QTest::newRow("a week ago is a date")
            << 7 << locale.toString(today.addDays(-7), QStringLiteral("ddd d MMMM"));
        QTest::newRow("last year has the year")
            << 400 << locale.toString(today.addDays(-400), QStringLiteral("ddd d MMMM yyyy"));
        QTest::newRow("tomorrow is a date")
            << -1 << locale.toString(today.addDays(1), QStringLiteral("ddd d MMMM"));
    }
    void dayLabels()
    {
        QFETCH(int, daysAgo);
        QFETCH(QString, expected);
        const QDate today(2026, 11, 22);
        QCOMPARE(HistoryModel::dayLabel(today.addDays(-daysAgo), today), expected);
    }

    void emptyHistory()
    {
        auto model = makeModel();
        QVERIFY(waitForQuery(*model));
        QCOMPARE(model->rowCount(), 0);
        QCOMPARE(model->entryCount(), 0);
        QVERIFY(!model->canFetchMore({}));
    }

    void groupsByDayNewestFirst()
    {
        QVERIFY(fill(daysFixture()));
        auto model = makeModel();
        QVERIFY(waitForQuery(*model));
        const QStringList expected = {
            QStringLiteral("Today"),
            QStringLiteral("  DELETE https://today.test/f"),
            QStringLiteral("  GET https://today.test/e"),
            QStringLiteral("Yesterday"),
            QStringLiteral("  PATCH https://yesterday.test/d"),
            HistoryModel::dayLabel(m_today.addDays(-3), m_today),
            QStringLiteral("  PUT https://week.test/c"),
            HistoryModel::dayLabel(m_today.addDays(-20), m_today),
            QStringLiteral("  POST https://old.test/b"),
            QStringLiteral("  GET https://old.test/a"),
        };
        QCOMPARE(dumpTree(*model), expected);
        QCOMPARE(model->entryCount(), 6);

        const QModelIndex first = model->index(0, 0, model->index(0, 0));
        QCOMPARE(first.data(HistoryModel::MethodRole).toString(), QStringLiteral("DELETE"));
        QCOMPARE(first.data(HistoryModel::StatusCodeRole).toInt(), 500);
        QCOMPARE(first.data(HistoryModel::UrlRole).toString(),
                 QStringLiteral("https://today.test/f"));
        QCOMPARE(first.data(HistoryModel::IsDayRole).toBool(), false);
        QCOMPARE(model->index(0, 0).data(HistoryModel::IsDayRole).toBool(), true);
        QCOMPARE(model->index(0, 0).data(HistoryModel::DayRole).toDate(), m_today);
        QVERIFY(!(model->flags(model->index(0, 0)) & Qt::ItemIsSelectable));
        QVERIFY(model->flags(first) & Qt::ItemIsSelectable);
        const auto summary = model->summaryAt(first);
        QVERIFY(summary.has_value());
        QCOMPARE(model->indexOfEntry(summary->id), first);
        QVERIFY(!model->summaryAt(model->index(0, 0)).has_value());
    }

    void newEntryAppearsAtTheTopWithoutReset()
    {
        QVERIFY(fill(daysFixture()));
        auto model = makeModel();
        QVERIFY(waitForQuery(*model));
        QSignalSpy reset(model.get(), &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy inserted(model.get(), &QAbstractItemModel::rowsInserted);

        // Same day as the top group: a child row 0 under "Today".
        m_store->add(entryAt(QStringLiteral("OPTIONS"), QStringLiteral("https://today.test/g"), 200,
                             localAt(m_today, 3)));
        QTRY_COMPARE_WITH_TIMEOUT(inserted.size(), 1, 10000);
        QCOMPARE(inserted.at(0).at(0).value<QModelIndex>(), model->index(0, 0));
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(model->index(0, 0, model->index(0, 0)).data().toString(),
                 QStringLiteral("OPTIONS https://today.test/g"));
        QCOMPARE(model->rowCount(model->index(0, 0)), 3);

        // A later day: a new group on top.
        m_store->add(entryAt(QStringLiteral("GET"), QStringLiteral("https://tomorrow.test/h"), 200,
                             localAt(m_today.addDays(1), 3)));
        QTRY_COMPARE_WITH_TIMEOUT(inserted.size(), 2, 10000);
        QVERIFY(!inserted.at(1).at(0).value<QModelIndex>().isValid());
        QCOMPARE(model->rowCount(), 5);
        QCOMPARE(model->index(0, 0).data(HistoryModel::DayRole).toDate(), m_today.addDays(1));
        QCOMPARE(model->index(1, 0).data().toString(), QStringLiteral("Today"));
        QCOMPARE(model->entryCount(), 8);
        QCOMPARE(reset.size(), 0);
    }

    void liveInsertRespectsFilter()
    {
        QVERIFY(fill(daysFixture()));
        auto model = makeModel();
        QVERIFY(waitForQuery(*model));
        model->setFilter(QStringLiteral("today.test"));
        QVERIFY(waitForQuery(*model));
        QCOMPARE(model->entryCount(), 2);
        QSignalSpy added(m_store.get(), &HistoryStore::entryAdded);
        m_store->add(entryAt(QStringLiteral("GET"), QStringLiteral("https://other.test/x"), 200,
                             localAt(m_today, 4)));
        m_store->add(entryAt(QStringLiteral("GET"), QStringLiteral("https://today.test/y"), 200,
                             localAt(m_today, 5)));
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 2, 10000);
        QCOMPARE(model->entryCount(), 3);
        QCOMPARE(model->index(0, 0, model->index(0, 0)).data().toString(),
                 QStringLiteral("GET https://today.test/y"));
    }

    void filterRequeries_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("method") << QStringLiteral("patch")
                                << QStringList {QStringLiteral("Yesterday"),
                                                QStringLiteral("  PATCH https://yesterday.test/d")};
        QTest::newRow("status class")
            << QStringLiteral("5xx")
            << QStringList {QStringLiteral("Today"),
                            QStringLiteral("  DELETE https://today.test/f")};
        QTest::newRow("url") << QStringLiteral("old.test")
                             << QStringList {
                                    HistoryModel::dayLabel(QDate::currentDate().addDays(-20),
                                                           QDate::currentDate()),
                                    QStringLiteral("  POST https://old.test/b"),
                                    QStringLiteral("  GET https://old.test/a")};
        QTest::newRow("nothing") << QStringLiteral("nothing-matches") << QStringList {};
    }
    void filterRequeries()
    {
        QFETCH(QString, filter);
        QFETCH(QStringList, expected);
        QVERIFY(fill(daysFixture()));
        auto model = makeModel();
        QVERIFY(waitForQuery(*model));
        model->setFilter(filter);
        QVERIFY(model->isLoading());
        QVERIFY(waitForQuery(*model));
        QCOMPARE(dumpTree(*model), expected);
        model->setFilter(QString());
        QVERIFY(waitForQuery(*model));
        QCOMPARE(model->entryCount(), 6);
    }

    void removeAndClear()
    {
        QVERIFY(fill(daysFixture()));
        auto model = makeModel();
        QVERIFY(waitForQuery(*model));
        // The only entry of "Yesterday": its day row goes too.
        const QModelIndex yesterday = model->index(0, 0, model->index(1, 0));
        const qint64 id = yesterday.data(HistoryModel::EntryIdRole).toLongLong();
        QSignalSpy removed(model.get(), &QAbstractItemModel::rowsRemoved);
        m_store->remove(id);
        QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 10000);
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->entryCount(), 5);
        QVERIFY(!model->indexOfEntry(id).isValid());

        // One of two entries of "Today": only the child row goes.
        const qint64 todayId
            = model->index(1, 0, model->index(0, 0)).data(HistoryModel::EntryIdRole).toLongLong();
        m_store->remove(todayId);
        QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 2, 10000);
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->rowCount(model->index(0, 0)), 1);

        QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
        m_store->clear();
        QVERIFY(reset.wait(10000));
        QCOMPARE(model->rowCount(), 0);
        QCOMPARE(model->entryCount(), 0);
    }

    // Retention pruning removes the oldest rows in place (the tester checks each removal).
    void prunedEntriesLeaveTheModel()
    {
        QVERIFY(fill(daysFixture()));
        auto model = makeModel();
        QVERIFY(waitForQuery(*model));
        QCOMPARE(model->entryCount(), 6);
        QSignalSpy removed(model.get(), &QAbstractItemModel::rowsRemoved);
        m_store->setRetention({4, 0, 0});
        QTRY_COMPARE_WITH_TIMEOUT(model->entryCount(), 4, 10000);
        QCOMPARE(removed.size(), 2); // one entry, then the last of its day with the day row
        QCOMPARE(dumpTree(*model).filter(QStringLiteral("old.test")).size(), 0);
    }

    QList<HistoryEntry> pagesFixture(int total) const
    {
        QList<HistoryEntry> entries;
        for (int i = 0; i < total; ++i)
            entries << entryAt(QStringLiteral("GET"), QStringLiteral("https://p.test/%1").arg(i),
                               200, localAt(m_today.addDays(-(total - i) / 100), 12));
        return entries;
    }

    void testerFollowsEveryPage()
    {
        const int total = HistoryModel::FirstPageSize + 2 * HistoryModel::PageSize + 7;
        QVERIFY(fill(pagesFixture(total)));
        auto model = makeModel(true);
        QTRY_COMPARE_WITH_TIMEOUT(model->entryCount(), total, 20000);
        QVERIFY(!model->isLoading());
        QVERIFY(!model->canFetchMore({}));
        QCOMPARE(model->rowCount(), 12); // days 0..11 ago
    }

    void fetchMoreLoadsPages()
    {
        const int total = HistoryModel::FirstPageSize + HistoryModel::PageSize + 50;
        QVERIFY(fill(pagesFixture(total)));
        auto model = makeModel(false); // pages only when asked
        QVERIFY(waitForQuery(*model));
        QCOMPARE(model->entryCount(), HistoryModel::FirstPageSize);
        QVERIFY(model->canFetchMore({}));
        QVERIFY(!model->canFetchMore(model->index(0, 0)));
        const QString lastBefore = model->index(model->rowCount() - 1, 0).data().toString();

        QSignalSpy page(model.get(), &HistoryModel::pageLoaded);
        model->fetchMore({});
        QVERIFY(!model->canFetchMore({})); // one page at a time
        QVERIFY(page.wait(10000));
        QCOMPARE(model->entryCount(), HistoryModel::FirstPageSize + HistoryModel::PageSize);
        QVERIFY(model->canFetchMore({}));

        // A new entry meanwhile does not shift the next page (no duplicates, none missed).
        m_store->add(entryAt(QStringLiteral("GET"), QStringLiteral("https://p.test/new"), 200,
                             localAt(m_today, 13)));
        QSignalSpy added(m_store.get(), &HistoryStore::entryAdded);
        QVERIFY(added.wait(10000));
        model->fetchMore({});
        QVERIFY(page.wait(10000));
        QCOMPARE(model->entryCount(), total + 1);
        QVERIFY(!model->canFetchMore({}));

        QSet<qint64> ids;
        for (int g = 0; g < model->rowCount(); ++g) {
            const QModelIndex group = model->index(g, 0);
            for (int r = 0; r < model->rowCount(group); ++r)
                ids.insert(model->index(r, 0, group).data(HistoryModel::EntryIdRole).toLongLong());
        }
        QCOMPARE(ids.size(), total + 1);
        QVERIFY(!lastBefore.isEmpty());
        // Days still in order, each once.
        QList<QDate> days;
        for (int g = 0; g < model->rowCount(); ++g)
            days << model->index(g, 0).data(HistoryModel::DayRole).toDate();
        for (qsizetype i = 1; i < days.size(); ++i)
            QVERIFY(days.at(i) < days.at(i - 1));
    }
};

QTEST_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
