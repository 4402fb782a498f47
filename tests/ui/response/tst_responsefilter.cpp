#include "core/http/response.h"
#include "ui/common/codeview.h"
#include "ui/response/bodyview.h"
#include "ui/response/responsefilter.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QtTest>

using namespace Patchbay;
using Ui::BodyView;
using Ui::ResponseFilter;

namespace {

Core::Response jsonResponse(const QByteArray &body)
{
    Core::Response r;
    r.statusCode = 200;
    r.headers = {{"Content-Type", "application/json"}};
    r.body = Core::ResponseBody(body);
    return r;
}

const QByteArray kUsers = R"({"items": [{"id": 1, "name": "Ada", "age": 36},
                                       {"id": 2, "name": "Bo", "age": 20}], "total": 2})";

// What a run shows once it has finished.
bool waitForRun(ResponseFilter *filter)
{
    QSignalSpy finished(filter, &ResponseFilter::finished);
    return finished.wait(15000);
}

QString resultText(ResponseFilter *filter)
{
    return QString::fromUtf8(filter->resultView()->utf8Text());
}

} // namespace

// The filter above the Pretty view: typed jq or JSONPath gives live results off the UI thread,
// a clear message for a bad expression, and stays bounded on large responses.
class TestResponseFilter final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<BodyView> m_view;

    ResponseFilter *showJson(const QByteArray &body)
    {
        m_view = std::make_unique<BodyView>();
        m_view->resize(800, 600);
        m_view->show();
        m_view->setResponse(jsonResponse(body));
        if (!QTest::qWaitFor([this] { return !m_view->isBusy(); }, 15000))
            qWarning("the body did not load");
        return m_view->filter();
    }

    QWidget *shownView() const { return m_view->findChild<QStackedWidget *>()->currentWidget(); }

private slots:
    void cleanup() { m_view.reset(); }

    void typedJqShowsResultsLive()
    {
        ResponseFilter *filter = showJson(kUsers);
        QVERIFY(filter->isVisible()); // above the Pretty view of a JSON body
        QCOMPARE(m_view->mode(), BodyView::Mode::Pretty);
        QCOMPARE(shownView(), m_view->prettyView());
        QTest::keyClicks(filter->edit(), QStringLiteral(".items[0].name"));
        QVERIFY(waitForRun(filter));
        QCOMPARE(resultText(filter), QStringLiteral("\"Ada\"\n"));
        QCOMPARE(filter->statusText(), QStringLiteral("1 result"));
        QVERIFY(!filter->hasError());
        QCOMPARE(shownView(), filter->resultView());
        // Each change runs again.
        QTest::keyClicks(filter->edit(), QStringLiteral(" | length"));
        QVERIFY(waitForRun(filter));
        QCOMPARE(resultText(filter), QStringLiteral("3\n"));
        filter->edit()->clear();
        QTRY_COMPARE(shownView(), m_view->prettyView()); // back to the whole body
        QVERIFY(!filter->isActive());
    }

    void manyResultsIndented()
    {
        ResponseFilter *filter = showJson(kUsers);
        filter->setExpression(QStringLiteral(".items[] | {name}"));
        QVERIFY(waitForRun(filter));
        QCOMPARE(resultText(filter),
                 QStringLiteral("{\n  \"name\": \"Ada\"\n}\n{\n  \"name\": \"Bo\"\n}\n"));
        QCOMPARE(filter->statusText(), QStringLiteral("2 results"));
    }

    void jsonPath()
    {
        ResponseFilter *filter = showJson(kUsers);
        filter->setExpression(QStringLiteral("$.items[?(@.age > 30)].name"));
        QVERIFY(waitForRun(filter));
        QCOMPARE(resultText(filter), QStringLiteral("[\n  \"Ada\"\n]\n"));
        QVERIFY2(filter->statusText().contains(QLatin1String("JSONPath")),
                 qPrintable(filter->statusText()));
    }

    // A bad expression says what is wrong, in the error colour, and keeps the last result.
    void badExpressionIsExplained()
    {
        ResponseFilter *filter = showJson(kUsers);
        filter->setExpression(QStringLiteral(".total"));
        QVERIFY(waitForRun(filter));
        QCOMPARE(resultText(filter), QStringLiteral("2\n"));
        filter->setExpression(QStringLiteral(".items[0"));
        QVERIFY(waitForRun(filter));
        QVERIFY(filter->hasError());
        QVERIFY2(filter->statusText().startsWith(QLatin1String("jq: syntax error")),
                 qPrintable(filter->statusText()));
        QVERIFY(filter->statusText().contains(QLatin1String("(line 1)")));
        QCOMPARE(resultText(filter), QStringLiteral("2\n"));
        QCOMPARE(filter->findChild<QLabel *>(QStringLiteral("responseFilterStatus"))
                     ->accessibleDescription(),
                 filter->statusText());
        filter->setExpression(QStringLiteral(".items.name"));
        QVERIFY(waitForRun(filter));
        QCOMPARE(filter->statusText(),
                 QStringLiteral("jq: Cannot index array with string \"name\""));
        filter->setExpression(QStringLiteral("$.items["));
        QVERIFY(waitForRun(filter));
        QVERIFY2(filter->statusText().startsWith(QLatin1String("JSONPath: expected")),
                 qPrintable(filter->statusText()));
    }

    // The run is in a worker: the window keeps handling events, and a newer expression stops
    // an endless one at once.
    void runsOffTheUiThreadAndNewerWins()
    {
        ResponseFilter *filter = showJson(kUsers);
        filter->setExpression(QStringLiteral("last(range(1e15))"));
        QTRY_VERIFY(filter->isRunning());
        QElapsedTimer timer;
        timer.start();
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(10);
        QTest::qWait(300);
        QVERIFY2(ticks >= 10, "the UI thread was blocked");
        filter->setExpression(QStringLiteral(".total"));
        QVERIFY(QTest::qWaitFor([&] { return resultText(filter) == QLatin1String("2\n"); }, 4000));
        QVERIFY2(timer.elapsed() < 4000, "the endless run was not stopped");
        QTRY_VERIFY(!filter->isRunning());
    }

    void timeLimitStopsARun()
    {
        ResponseFilter *filter = showJson(kUsers);
        filter->setLimits(ResponseFilter::kMaxInputBytes, ResponseFilter::kMaxOutputBytes,
                          ResponseFilter::kMaxResults, 300);
        filter->setExpression(QStringLiteral("last(range(1e15))"));
        QVERIFY(waitForRun(filter));
        QVERIFY(filter->hasError());
        QCOMPARE(filter->statusText(),
                 QStringLiteral("jq: The jq expression ran longer than 0.3 s and was stopped."));
    }

    void boundedOnLargeResponses()
    {
        QByteArray big = "[";
        for (int i = 0; i < 20000; ++i)
            big += (i ? ",{\"n\":" : "{\"n\":") + QByteArray::number(i) + "}";
        big += "]";
        ResponseFilter *filter = showJson(big);
        // Output: stops at the result limit and says so.
        filter->setLimits(ResponseFilter::kMaxInputBytes, ResponseFilter::kMaxOutputBytes, 100,
                          ResponseFilter::kTimeLimitMs);
        filter->setExpression(QStringLiteral(".[].n"));
        QVERIFY(waitForRun(filter));
        QCOMPARE(filter->resultView()->lines(), 101);
        QVERIFY2(filter->statusText().startsWith(QLatin1String("The first 100 results")),
                 qPrintable(filter->statusText()));
        // Output bytes too.
        filter->setLimits(ResponseFilter::kMaxInputBytes, 1000, 100000,
                          ResponseFilter::kTimeLimitMs);
        filter->setExpression(QStringLiteral(".[]"));
        QVERIFY(waitForRun(filter));
        QVERIFY(filter->resultView()->byteLength() < 1100);
        // Input: a body past the limit is not parsed at all.
        filter->setLimits(big.size() - 1, 1000, 100, ResponseFilter::kTimeLimitMs);
        filter->setExpression(QStringLiteral("length"));
        QVERIFY(waitForRun(filter));
        QVERIFY(filter->hasError());
        QVERIFY2(filter->statusText().contains(QLatin1String("too large to filter")),
                 qPrintable(filter->statusText()));
    }

    // A new response runs the same expression on the new body; the filter is only for JSON.
    void followsTheResponse()
    {
        ResponseFilter *filter = showJson(kUsers);
        filter->setExpression(QStringLiteral(".total"));
        QVERIFY(waitForRun(filter));
        m_view->setResponse(jsonResponse(R"({"total": 7})"));
        QVERIFY(waitForRun(filter));
        QCOMPARE(resultText(filter), QStringLiteral("7\n"));
        Core::Response text;
        text.statusCode = 200;
        text.headers = {{"Content-Type", "text/plain"}};
        text.body = Core::ResponseBody(QByteArray("hello"));
        m_view->setResponse(text);
        QTRY_VERIFY(!m_view->isBusy());
        QVERIFY(!filter->isVisible());
        QVERIFY(!filter->isActive());
    }
};

QTEST_MAIN(TestResponseFilter)
#include "tst_responsefilter.moc"
