#include "core/sse/eventstreamparser.h"

#include <QTest>

using namespace Patchbay::Core;

namespace {

ServerSentEvent sse(const QString &data, const QString &id = {},
                    const QString &type = QStringLiteral("message"))
{
    ServerSentEvent e;
    e.type = type;
    e.data = data;
    e.lastEventId = id;
    return e;
}

QString describe(const QList<ServerSentEvent> &events)
{
    QStringList out;
    for (const ServerSentEvent &e : events)
        out << QStringLiteral("[%1|%2|%3]").arg(e.type, e.data, e.lastEventId);
    return out.join(u' ');
}

} // namespace

Q_DECLARE_METATYPE(QList<Patchbay::Core::ServerSentEvent>)

// The WHATWG event-stream rules (HTML §9.2.6), including the standard's own examples.
class TestEventStreamParser final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QList<ServerSentEvent>>("events");
        QTest::addColumn<QString>("lastEventId");

        QTest::newRow("spec: multi-line data")
            << QByteArray("data: YHOO\ndata: +2\ndata: 10\n\n")
            << QList<ServerSentEvent> {sse(QStringLiteral("YHOO\n+2\n10"))} << QString();
        QTest::newRow("spec: comment, ids, an id without value resets")
            << QByteArray(": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\n"
                          "data:  third event\n\n")
            << QList<ServerSentEvent> {sse(QStringLiteral("first event"), QStringLiteral("1")),
                                       sse(QStringLiteral("second event")),
                                       sse(QStringLiteral(" third event"))}
            << QString();
        QTest::newRow("spec: empty data, two LFs, unfinished dropped")
            << QByteArray("data\n\ndata\ndata\n\ndata:")
            << QList<ServerSentEvent> {sse(QString()), sse(QStringLiteral("\n"))} << QString();
        QTest::newRow("spec: one space removed, only one")
            << QByteArray("data:test\n\ndata: test\n\ndata:  test\n\n")
            << QList<ServerSentEvent> {sse(QStringLiteral("test")), sse(QStringLiteral("test")),
                                       sse(QStringLiteral(" test"))}
            << QString();
        QTest::newRow("CRLF and lone CR end lines")
            << QByteArray("data: a\r\ndata: b\r\r\ndata: c\r\r")
            << QList<ServerSentEvent> {sse(QStringLiteral("a\nb")), sse(QStringLiteral("c"))}
            << QString();
        QTest::newRow("event type, reset after dispatch")
            << QByteArray("event: tick\ndata: 1\n\ndata: 2\n\n")
            << QList<ServerSentEvent> {sse(QStringLiteral("1"), {}, QStringLiteral("tick")),
                                       sse(QStringLiteral("2"))}
            << QString();
        QTest::newRow("id persists across events")
            << QByteArray("id: 7\ndata: a\n\ndata: b\n\n")
            << QList<ServerSentEvent> {sse(QStringLiteral("a"), QStringLiteral("7")),
                                       sse(QStringLiteral("b"), QStringLiteral("7"))}
            << QStringLiteral("7");
        QTest::newRow("id with NUL ignored")
            << QByteArrayLiteral("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n")
            << QList<ServerSentEvent> {sse(QStringLiteral("a"), QStringLiteral("1")),
                                       sse(QStringLiteral("b"), QStringLiteral("1"))}
            << QStringLiteral("1");
        QTest::newRow("id set by a block without data")
            << QByteArray("data: a\n\nid: 9\n\n")
            << QList<ServerSentEvent> {sse(QStringLiteral("a"))} << QStringLiteral("9");
        QTest::newRow("leading BOM skipped, a second one kept")
            << QByteArray("\xef\xbb\xbf\xef\xbb\xbf"
                          "data: x\n\ndata: y\n\n")
            << QList<ServerSentEvent> {sse(QStringLiteral("y"))} << QString();
        QTest::newRow("unknown fields and a field without colon ignored")
            << QByteArray("foo: bar\nevent\ndata: z\n\n")
            << QList<ServerSentEvent> {sse(QStringLiteral("z"))} << QString();
        QTest::newRow("UTF-8 and bad bytes")
            << QByteArray("data: caf\xc3\xa9 \xff!\n\n")
            << QList<ServerSentEvent> {sse(QStringLiteral("café \ufffd!"))} << QString();
        // Found by fuzz_eventstream: fed in pieces, Qt 6.4's stateful decoder dropped the LF
        // after an unfinished sequence, and with it the blank line ending the event.
        QTest::newRow("unfinished UTF-8 sequence before a line end")
            << QByteArray("data: a\xc9\n\xef\xbb\xbf\n\n")
            << QList<ServerSentEvent> {sse(QStringLiteral("a\ufffd"))} << QString();
        QTest::newRow("field name is case-sensitive")
            << QByteArray("Data: no\ndata: yes\n\n")
            << QList<ServerSentEvent> {sse(QStringLiteral("yes"))} << QString();
    }

    void parse()
    {
        QFETCH(QByteArray, stream);
        QFETCH(QList<ServerSentEvent>, events);
        QFETCH(QString, lastEventId);
        // Whole, then one byte at a time (CRLF, UTF-8 and fields split everywhere).
        for (const qsizetype step : {stream.size(), qsizetype(1), qsizetype(3)}) {
            EventStreamParser parser;
            QList<ServerSentEvent> got;
            for (qsizetype at = 0; at < stream.size(); at += step)
                got += parser.feed(
                    QByteArrayView(stream).sliced(at, qMin(step, stream.size() - at)));
            parser.finish();
            QVERIFY2(got == events,
                     qPrintable(QStringLiteral("step %1: %2\nexpected %3")
                                    .arg(step)
                                    .arg(describe(got), describe(events))));
            QCOMPARE(parser.lastEventId(), lastEventId);
        }
    }

    void retry_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<qint64>("retry"); // -1: none
        QTest::newRow("digits") << QByteArray("retry: 2500\n") << qint64(2500);
        QTest::newRow("not only digits") << QByteArray("retry: 25s\n") << qint64(-1);
        QTest::newRow("empty") << QByteArray("retry\n") << qint64(-1);
        QTest::newRow("last valid wins") << QByteArray("retry: 10\nretry: x\n") << qint64(10);
        QTest::newRow("saturates")
            << QByteArray("retry: 99999999999999999999999\n") << std::numeric_limits<qint64>::max();
    }

    void retry()
    {
        QFETCH(QByteArray, stream);
        QFETCH(qint64, retry);
        EventStreamParser parser;
        parser.feed(stream);
        QCOMPARE(parser.retryMs().value_or(-1), retry);
    }

    // A CR at the end of one chunk and the LF at the start of the next are one line end: no
    // blank line, so nothing is dispatched early.
    void crlfSplitAcrossChunks()
    {
        EventStreamParser parser;
        QVERIFY(parser.feed("data: a\r").isEmpty());
        QVERIFY(parser.feed("\ndata: b\r").isEmpty());
        const QList<ServerSentEvent> events = parser.feed("\n\r\n");
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().data, QStringLiteral("a\nb"));
    }

    void lastEventIdCarriedIntoANewConnection()
    {
        EventStreamParser parser(QStringLiteral("41"));
        const QList<ServerSentEvent> events = parser.feed("data: next\n\n");
        QCOMPARE(events.first().lastEventId, QStringLiteral("41"));
    }

    void hugeEventIsTruncated()
    {
        EventStreamParser parser({}, 1000);
        QByteArray line = "data: " + QByteArray(5000, 'x') + "\n";
        QVERIFY(parser.feed(QByteArray(line + line)).isEmpty());
        const QList<ServerSentEvent> events = parser.feed("\ndata: small\n\n");
        QCOMPARE(events.size(), 2);
        QVERIFY(events.at(0).truncated);
        QVERIFY(events.at(0).data.size() <= 1000);
        QVERIFY(!events.at(1).truncated);
        QCOMPARE(events.at(1).data, QStringLiteral("small"));
    }
};

QTEST_GUILESS_MAIN(TestEventStreamParser)
#include "tst_eventstreamparser.moc"
