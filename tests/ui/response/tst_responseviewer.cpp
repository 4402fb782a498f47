#include "core/json/jsonformatter.h"
#include "ui/common/codeview.h"
#include "ui/common/findbar.h"
#include "ui/response/bodysniffer.h"
#include "ui/response/bodyview.h"
#include "ui/response/headersmodel.h"
#include "ui/response/hexview.h"
#include "ui/response/imagepreview.h"
#include "ui/response/redirectsmodel.h"
#include "ui/response/responseviewer.h"
#include "ui/response/statusbadge.h"
#include "ui/response/timingchart.h"
#include "ui/response/transporterrorpanel.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QThreadPool>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace Patchbay;
using Ui::BodyView;
using Ui::ResponseViewer;
using Ui::StatusBadge;

class TestResponseViewer final : public QObject
{
    Q_OBJECT

private slots:
    void statusBadge_data();
    void statusBadge();
    void transportErrorPanel();
    void prettyJsonKeepsOrderAndNumbers();
    void rawModeShowsBytes();
    void imagePreview();
    void hexForBinary();
    void sniff_data();
    void sniff();
    void headersModel();
    void timingPhases();
    void timingReusedConnection();
    void redirectsTable();
    void newerResponseWins();
    void fileBackedBodyFormats();
    void hugeBodiesArePlain();
    void tooLargeToPrettyPrintFallsBackToRaw();
    void deepNestingIsShownFlatWithANote();
    void saveBody_data();
    void saveBody();
    void pendingAndEmptyState();
    void findInBody();
    void editResourceButton_data();
    void editResourceButton();

private:
    static Core::Response jsonResponse(const QByteArray &body);
    static bool waitIdle(ResponseViewer &viewer, int timeoutMs = 20000);
};

Core::Response TestResponseViewer::jsonResponse(const QByteArray &body)
{
    Core::Response r;
    r.statusCode = 200;
    r.reason = QStringLiteral("OK");
    r.httpVersion = QStringLiteral("1.1");
    r.headers = {{"Content-Type", "application/json"}};
    r.body = Core::ResponseBody(body);
    r.timing.requestSent = 1;
    r.timing.firstByte = 5;
    r.timing.finished = 8;
    return r;
}

bool TestResponseViewer::waitIdle(ResponseViewer &viewer, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QCoreApplication::processEvents();
    while (viewer.bodyView()->isBusy() && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    return !viewer.bodyView()->isBusy();
}

void TestResponseViewer::statusBadge_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<StatusBadge::StatusClass>("statusClass");
    QTest::newRow("200 is success") << 200 << StatusBadge::StatusClass::Success;
    QTest::newRow("301 is a redirect") << 301 << StatusBadge::StatusClass::Redirect;
    QTest::newRow("404 is a client error") << 404 << StatusBadge::StatusClass::ClientError;
    QTest::newRow("503 is a server error") << 503 << StatusBadge::StatusClass::ServerError;
}

void TestResponseViewer::statusBadge()
{
    QFETCH(int, code);
    QFETCH(StatusBadge::StatusClass, statusClass);

    ResponseViewer viewer;
    viewer.show();
    Core::Response r = jsonResponse("{}");
    r.statusCode = code;
    r.reason = QStringLiteral("Reason %1").arg(code);
    viewer.showResponse(r);

    StatusBadge *badge = viewer.statusBadge();
    QVERIFY(badge->isVisible());
    QCOMPARE(badge->text(), QString::number(code));
    QCOMPARE(badge->statusClass(), statusClass);
    QCOMPARE(badge->color(), StatusBadge::colorFor(statusClass, badge->palette()));
    QVERIFY(!viewer.errorPanel()->isVisible());
    QVERIFY(viewer.summaryText().contains(QStringLiteral("Reason %1").arg(code)));
    QVERIFY(viewer.summaryText().contains(QStringLiteral("HTTP/1.1")));

    // Each class has its own colour, readable with white text in light and dark palettes.
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(30, 30, 30));
    for (const QPalette &palette : {QPalette(Qt::white), dark}) {
        const QColor c = StatusBadge::colorFor(statusClass, palette);
        QVERIFY2(c.lightness() < 150, qPrintable(c.name()));
        QVERIFY(c != StatusBadge::colorFor(StatusBadge::StatusClass::Unknown, palette));
    }
}

void TestResponseViewer::transportErrorPanel()
{
    ResponseViewer viewer;
    viewer.show();
    Core::Response r;
    r.errorKind = Core::ErrorKind::ConnectionRefused;
    r.errorMessage = QStringLiteral("Connection refused by 127.0.0.1:9. Is the server running?");
    viewer.showResponse(r);

    QVERIFY(viewer.errorPanel()->isVisible());
    QVERIFY(!viewer.statusBadge()->isVisible());
    QCOMPARE(viewer.errorPanel()->title(), QStringLiteral("Could not connect"));
    QCOMPARE(viewer.errorPanel()->message(), r.errorMessage);
    QVERIFY(!viewer.errorPanel()->hint().isEmpty());
    // Never a made-up status code anywhere in the panel.
    const QList<QLabel *> labels = viewer.errorPanel()->findChildren<QLabel *>();
    for (const QLabel *label : labels)
        QVERIFY(!label->text().contains(QLatin1String("0 ")));

    QCOMPARE(Ui::TransportErrorPanel::titleFor(Core::ErrorKind::Timeout),
             QStringLiteral("Timed out"));
    QCOMPARE(Ui::TransportErrorPanel::titleFor(Core::ErrorKind::Tls),
             QStringLiteral("TLS certificate problem"));

    // A later HTTP response brings the badge back.
    viewer.showResponse(jsonResponse("{}"));
    QVERIFY(!viewer.errorPanel()->isVisible());
    QVERIFY(viewer.statusBadge()->isVisible());
}

void TestResponseViewer::prettyJsonKeepsOrderAndNumbers()
{
    ResponseViewer viewer;
    viewer.show();
    viewer.showResponse(jsonResponse("{\"b\":1.50,\"a\":[]}"));
    QVERIFY(waitIdle(viewer));
    BodyView *body = viewer.bodyView();
    QCOMPARE(body->kind(), Ui::BodyKind::Json);
    QCOMPARE(body->mode(), BodyView::Mode::Pretty);
    const QByteArray text = body->prettyView()->utf8Text();
    QCOMPARE(text, QByteArray("{\n  \"b\": 1.50,\n  \"a\": []\n}"));
    QVERIFY(text.indexOf("\"b\": 1.50") < text.indexOf("\"a\""));
}

void TestResponseViewer::rawModeShowsBytes()
{
    ResponseViewer viewer;
    viewer.show();
    const QByteArray json = "{\"b\":1.50,  \"a\":[]}";
    viewer.showResponse(jsonResponse(json));
    QVERIFY(waitIdle(viewer));
    BodyView *body = viewer.bodyView();
    QVERIFY(body->isModeAvailable(BodyView::Mode::Raw));
    body->setMode(BodyView::Mode::Raw);
    QVERIFY(waitIdle(viewer));
    QCOMPARE(body->rawView()->utf8Text(), json);

    // Plain text has no Pretty mode and opens in Raw.
    Core::Response text = jsonResponse("héllo wörld\n");
    text.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
    viewer.showResponse(text);
    QVERIFY(waitIdle(viewer));
    QCOMPARE(body->mode(), BodyView::Mode::Raw);
    QVERIFY(!body->isModeAvailable(BodyView::Mode::Pretty));
    QCOMPARE(body->rawView()->text(), QStringLiteral("héllo wörld\n"));
}

void TestResponseViewer::imagePreview()
{
    QImage image(40, 30, QImage::Format_ARGB32);
    image.fill(QColor(200, 20, 20));
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(image.save(&buffer, "PNG"));

    ResponseViewer viewer;
    viewer.resize(500, 400);
    viewer.show();
    Core::Response r = jsonResponse(png);
    r.headers = {{"Content-Type", "image/png"}};
    viewer.showResponse(r);
    QVERIFY(waitIdle(viewer));
    BodyView *body = viewer.bodyView();
    QCOMPARE(body->kind(), Ui::BodyKind::Image);
    QCOMPARE(body->mode(), BodyView::Mode::Preview);
    QCOMPARE(body->imagePreview()->image().size(), QSize(40, 30));
    QCOMPARE(body->imagePreview()->image().pixelColor(5, 5), QColor(200, 20, 20));
    QVERIFY(!body->isModeAvailable(BodyView::Mode::Raw));
    QVERIFY(body->isModeAvailable(BodyView::Mode::Hex));
}

void TestResponseViewer::hexForBinary()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes.append(char(i));
    ResponseViewer viewer;
    viewer.show();
    Core::Response r = jsonResponse(bytes);
    r.headers = {{"Content-Type", "application/octet-stream"}};
    viewer.showResponse(r);
    QVERIFY(waitIdle(viewer));
    BodyView *body = viewer.bodyView();
    QCOMPARE(body->kind(), Ui::BodyKind::Binary);
    QCOMPARE(body->mode(), BodyView::Mode::Hex);
    QVERIFY(!body->isModeAvailable(BodyView::Mode::Raw));
    QCOMPARE(body->hexView()->lineCount(), 16);
    QVERIFY(body->hexView()->lineText(0).startsWith(
        QStringLiteral("00000000  00 01 02 03 04 05 06 07  08 09 0a")));
    QVERIFY(body->hexView()->lineText(4).endsWith(QStringLiteral("@ABCDEFGHIJKLMNO")));
    QCOMPARE(body->rawView()->byteLength(), 0); // binary is never shown as text
}

void TestResponseViewer::sniff_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<Ui::BodyKind>("kind");
    QTest::newRow("json type") << QByteArray("application/json") << QByteArray("[1]")
                               << Ui::BodyKind::Json;
    QTest::newRow("+json type") << QByteArray("application/problem+json; charset=utf-8")
                                << QByteArray("{\"title\":\"x\"}") << Ui::BodyKind::Json;
    QTest::newRow("sniffed json") << QByteArray("text/plain") << QByteArray("  \n{\"a\":1}")
                                  << Ui::BodyKind::Json;
    QTest::newRow("html under a json type")
        << QByteArray("application/json") << QByteArray("<html>oops</html>") << Ui::BodyKind::Text;
    QTest::newRow("image") << QByteArray("image/png") << QByteArray("\x89PNG\r\n")
                           << Ui::BodyKind::Image;
    QTest::newRow("latin-1 is binary")
        << QByteArray("text/plain") << QByteArray("caf\xe9!") << Ui::BodyKind::Binary;
    QTest::newRow("nul is binary")
        << QByteArray() << QByteArray("ab\0cd", 5) << Ui::BodyKind::Binary;
    QTest::newRow("cut utf-8 at the end is text")
        << QByteArray() << QByteArray("ok \xc3") << Ui::BodyKind::Text;
    QTest::newRow("empty") << QByteArray("application/json") << QByteArray() << Ui::BodyKind::Empty;
}

void TestResponseViewer::sniff()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, head);
    QFETCH(Ui::BodyKind, kind);
    QCOMPARE(Ui::sniffBody(contentType, head), kind);
}

void TestResponseViewer::headersModel()
{
    Ui::HeadersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHeaders({{"Content-Type", "application/json"},
                      {"Set-Cookie", "a=1; Path=/"},
                      {"Set-Cookie", "b=2"},
                      {"X-Name", "caf\xc3\xa9"}});
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("Set-Cookie"));
    QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("a=1; Path=/"));
    QCOMPARE(model.index(2, 1).data().toString(), QStringLiteral("b=2"));
    QCOMPARE(model.index(3, 1).data().toString(), QStringLiteral("café"));
    QCOMPARE(model.toText({2, 1}), QStringLiteral("Set-Cookie: a=1; Path=/\nSet-Cookie: b=2\n"));
    QVERIFY(model.toText().startsWith(QStringLiteral("Content-Type: application/json\n")));
    model.setHeaders({});
    QCOMPARE(model.rowCount(), 0);

    ResponseViewer viewer;
    Core::Response r = jsonResponse("{}");
    r.headers.append(Core::HttpHeader {"Set-Cookie", "x=1"});
    r.headers.append(Core::HttpHeader {"Set-Cookie", "y=2"});
    viewer.showResponse(r);
    QCOMPARE(viewer.headersModel()->rowCount(), 3);
    QCOMPARE(viewer.tabs()->tabText(ResponseViewer::HeadersTab), QStringLiteral("Headers (3)"));
    viewer.headersTable()->selectRow(2);
    QCOMPARE(viewer.selectedHeadersText(), QStringLiteral("Set-Cookie: y=2\n"));
}

void TestResponseViewer::timingPhases()
{
    Core::Timing t;
    t.connectStart = 1;
    t.tlsDone = 11;
    t.requestSent = 12;
    t.firstByte = 40;
    t.finished = 52;
    ResponseViewer viewer;
    Core::Response r = jsonResponse("{}");
    r.timing = t;
    viewer.showResponse(r);
    const QList<Ui::TimingChart::Phase> phases = viewer.timingChart()->phases();
    QStringList names;
    for (const auto &p : phases)
        names.append(p.name);
    QCOMPARE(names,
             (QStringList {QStringLiteral("Connect"), QStringLiteral("TLS"),
                           QStringLiteral("Request sent"), QStringLiteral("Waiting (TTFB)"),
                           QStringLiteral("Download")}));
    for (const auto &p : phases)
        QVERIFY2(p.observed, qPrintable(p.name));
    QCOMPARE(phases[0].duration(), 10.0); // connect, including the TLS handshake
    QCOMPARE(phases[1].end, 11.0); // TLS: only its end is known
    QVERIFY(phases[1].note.contains(QLatin1String("Connect")));
    QCOMPARE(phases[2].duration(), 1.0);
    QCOMPARE(phases[3].duration(), 28.0);
    QCOMPARE(phases[4].duration(), 12.0);
    QCOMPARE(viewer.timingChart()->totalMs(), 52.0);
    viewer.timingChart()->resize(600, 300);
    QVERIFY(!viewer.timingChart()->grab().isNull());
}

void TestResponseViewer::timingReusedConnection()
{
    Core::Timing t; // no connect, no TLS: a kept-alive connection
    t.requestSent = 0.5;
    t.firstByte = 9;
    t.finished = 10;
    const auto phases = Ui::TimingChart::phasesFor(t);
    QVERIFY(!phases[0].observed);
    QVERIFY(phases[0].note.contains(QLatin1String("reused")));
    QVERIFY(!phases[1].observed);
    QVERIFY(phases[2].observed);
    QCOMPARE(phases[3].duration(), 8.5);

    Core::Timing plain = t; // a new connection without TLS
    plain.connectStart = 0.1;
    const auto plainPhases = Ui::TimingChart::phasesFor(plain);
    QVERIFY(plainPhases[0].observed);
    QVERIFY(plainPhases[1].note.contains(QLatin1String("plain HTTP")));
}

void TestResponseViewer::redirectsTable()
{
    Core::RedirectHop first;
    first.statusCode = 302;
    first.method = QStringLiteral("POST");
    first.nextMethod = QStringLiteral("GET");
    first.url = QUrl(QStringLiteral("http://a.test/login"));
    first.location = QUrl(QStringLiteral("http://b.test/home"));
    first.droppedHeaders = {"Authorization", "Cookie"};
    Core::RedirectHop second;
    second.statusCode = 308;
    second.method = QStringLiteral("GET");
    second.nextMethod = QStringLiteral("GET");
    second.url = QUrl(QStringLiteral("http://b.test/home"));
    second.location = QUrl(QStringLiteral("https://b.test/home"));

    ResponseViewer viewer;
    Core::Response r = jsonResponse("{}");
    r.redirects = {first, second};
    viewer.showResponse(r);
    Ui::RedirectsModel *model = viewer.redirectsModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->rowCount(), 2);
    using M = Ui::RedirectsModel;
    QCOMPARE(model->index(0, M::StatusColumn).data().toString(), QStringLiteral("302"));
    QCOMPARE(model->index(0, M::MethodColumn).data().toString(), QStringLiteral("POST → GET"));
    QCOMPARE(model->index(0, M::UrlColumn).data().toString(),
             QStringLiteral("http://a.test/login"));
    QCOMPARE(model->index(0, M::LocationColumn).data().toString(),
             QStringLiteral("http://b.test/home"));
    QCOMPARE(model->index(0, M::DroppedColumn).data().toString(),
             QStringLiteral("Authorization, Cookie"));
    QCOMPARE(model->index(1, M::StatusColumn).data().toString(), QStringLiteral("308"));
    QCOMPARE(model->index(1, M::DroppedColumn).data().toString(), QString());
    QCOMPARE(viewer.tabs()->tabText(ResponseViewer::RedirectsTab), QStringLiteral("Redirects (2)"));
}

void TestResponseViewer::newerResponseWins()
{
    // A large response whose formatting is still running when a small one arrives.
    QByteArray big = "[";
    for (int i = 0; i < 200000; ++i)
        big += "{\"old\":" + QByteArray::number(i) + ",\"pad\":\"xxxxxxxxxxxxxxxxxxxxxxxx\"},";
    big += "{}]";
    ResponseViewer viewer;
    viewer.show();
    viewer.showResponse(jsonResponse(big));
    QTRY_VERIFY_WITH_TIMEOUT(viewer.bodyView()->prettyView()->byteLength() > 0, 20000);
    QVERIFY2(viewer.bodyView()->isBusy(), "the old response must still be formatting");
    viewer.showResponse(jsonResponse("{\"new\":true}"));
    QVERIFY(waitIdle(viewer));
    // Let every worker finish and deliver whatever it still had.
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QCOMPARE(viewer.bodyView()->prettyView()->utf8Text(), QByteArray("{\n  \"new\": true\n}"));
    QCOMPARE(viewer.response().body.readAll(), QByteArray("{\"new\":true}"));
}

void TestResponseViewer::fileBackedBodyFormats()
{
    auto file = std::make_shared<QTemporaryFile>();
    QVERIFY(file->open());
    QByteArray chunk;
    qint64 written = 0;
    int i = 0;
    file->write("[");
    while (written < 5 * 1024 * 1024) {
        chunk = (i ? "," : "") + QByteArray("{\"id\":") + QByteArray::number(i)
            + ",\"name\":\"n\xc3\xa4me " + QByteArray::number(i) + "\",\"v\":1.50}";
        written += file->write(chunk);
        ++i;
    }
    file->write("]");
    file->flush();
    const int count = i;

    Core::Response r = jsonResponse({});
    r.body = Core::ResponseBody::fromFile(file);
    ResponseViewer viewer;
    viewer.resize(800, 600);
    viewer.show();
    viewer.showResponse(r);
    QVERIFY(waitIdle(viewer, 60000));
    Ui::CodeView *view = viewer.bodyView()->prettyView();
    QCOMPARE(viewer.bodyView()->mode(), BodyView::Mode::Pretty);
    QVERIFY(view->byteLength() > r.body.size());
    // 5 lines per object plus the brackets: every object made it, in order.
    QCOMPARE(view->lines(), count * 5 + 2);
    const QByteArray text = view->utf8Text();
    QVERIFY(text.startsWith(
        "[\n  {\n    \"id\": 0,\n    \"name\": \"n\xc3\xa4me 0\",\n    \"v\": 1.50\n"));
    QVERIFY(text.endsWith("\"v\": 1.50\n  }\n]"));
    QVERIFY(view->isReadOnly());
    // Jumping to the end works and styles the last lines.
    view->SendScintilla(QsciScintillaBase::SCI_DOCUMENTEND);
    view->grab();
    const long lastKey = long(text.lastIndexOf("\"name\""));
    QCOMPARE(int(view->SendScintilla(QsciScintillaBase::SCI_GETSTYLEAT,
                                     static_cast<unsigned long>(lastKey))),
             1 /* JsonLexer::Key */);
}

void TestResponseViewer::tooLargeToPrettyPrintFallsBackToRaw()
{
    QByteArray json = "[";
    for (int i = 0; i < 20000; ++i)
        json += "{\"i\":" + QByteArray::number(i) + "},";
    json += "{}]"; // about 220 KB, more than twice that pretty-printed

    // Pretty text past the text limit: the half-formatted view is dropped for Raw.
    ResponseViewer viewer;
    viewer.show();
    viewer.bodyView()->setLimits(1024 * 1024, 300 * 1024);
    viewer.showResponse(jsonResponse(json));
    QTRY_COMPARE_WITH_TIMEOUT(viewer.bodyView()->mode(), BodyView::Mode::Raw, 20000);
    QVERIFY(waitIdle(viewer));
    QVERIFY(!viewer.bodyView()->isModeAvailable(BodyView::Mode::Pretty));
    QVERIFY2(viewer.bodyView()->statusText().contains(QLatin1String("pretty-print")),
             qPrintable(viewer.bodyView()->statusText()));
    QCOMPARE(viewer.bodyView()->rawView()->utf8Text(), json);
    QCOMPARE(viewer.bodyView()->prettyView()->byteLength(), 0);

    // A body past the pretty-print limit opens in Raw right away; Raw stops at the text limit.
    viewer.bodyView()->setLimits(100 * 1024, 64 * 1024);
    viewer.showResponse(jsonResponse(json));
    QVERIFY(waitIdle(viewer));
    QCOMPARE(viewer.bodyView()->mode(), BodyView::Mode::Raw);
    QVERIFY(!viewer.bodyView()->isModeAvailable(BodyView::Mode::Pretty));
    const qint64 shown = viewer.bodyView()->rawView()->byteLength();
    QVERIFY2(shown > 0 && shown <= 64 * 1024, qPrintable(QString::number(shown)));
    QVERIFY(json.startsWith(viewer.bodyView()->rawView()->utf8Text()));
    QVERIFY(viewer.bodyView()->statusText().contains(QLatin1String("Showing the first")));
}

void TestResponseViewer::deepNestingIsShownFlatWithANote()
{
    // 300 KB of brackets printed about 90 GB before the indentation cap (N² bytes).
    const qsizetype n = 150000;
    const QByteArray json = QByteArray(n, '[') + QByteArray(n, ']');
    ResponseViewer viewer;
    viewer.show();
    viewer.showResponse(jsonResponse(json));
    QVERIFY(waitIdle(viewer, 60000));
    QCOMPARE(viewer.bodyView()->mode(), BodyView::Mode::Pretty);
    const QByteArray text = viewer.bodyView()->prettyView()->utf8Text();
    QVERIFY2(text.size() < json.size() + 10000, qPrintable(QString::number(text.size())));
    QCOMPARE(Core::compactJson(text), json);
    QVERIFY2(viewer.bodyView()->statusText().contains(QLatin1String("shown on one line")),
             qPrintable(viewer.bodyView()->statusText()));
}

void TestResponseViewer::saveBody_data()
{
    QTest::addColumn<bool>("inFile");
    QTest::newRow("memory body") << false;
    QTest::newRow("file body") << true;
}

void TestResponseViewer::saveBody()
{
    QFETCH(bool, inFile);
    const QByteArray bytes = "{\"saved\":[1,2,3]}";
    Core::Response r = jsonResponse(bytes);
    if (inFile) {
        auto file = std::make_shared<QTemporaryFile>();
        QVERIFY(file->open());
        file->write(bytes);
        file->flush();
        r.body = Core::ResponseBody::fromFile(file);
    }
    ResponseViewer viewer;
    viewer.showResponse(r);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.json"));
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("old contents that must go");
    existing.close();
    QSignalSpy saved(viewer.bodyView(), &BodyView::saved);
    viewer.bodyView()->saveTo(path);
    QVERIFY(saved.wait(10000));
    QCOMPARE(saved.first().first().toString(), path);
    QFile out(path);
    QVERIFY(out.open(QIODevice::ReadOnly));
    QCOMPARE(out.readAll(), bytes);

    QSignalSpy failed(viewer.bodyView(), &BodyView::saveFailed);
    viewer.bodyView()->saveTo(dir.filePath(QStringLiteral("missing/dir/out.json")));
    QVERIFY(failed.wait(10000));
}

void TestResponseViewer::pendingAndEmptyState()
{
    ResponseViewer viewer;
    viewer.show();
    auto *prompt = new QLabel(QStringLiteral("Send your first request"));
    viewer.showEmptyState(prompt);
    QVERIFY(prompt->isVisible());

    viewer.showPending();
    QVERIFY(!prompt->isVisible());
    auto *progress = viewer.findChild<QProgressBar *>(QStringLiteral("progress"));
    QVERIFY(progress && progress->isVisible());
    viewer.setProgress(512, 1024);
    QCOMPARE(progress->value(), 500);
    auto *label = viewer.findChild<QLabel *>(QStringLiteral("progressLabel"));
    QVERIFY(label->text().contains(QLatin1String("received")));
    viewer.setProgress(2048, -1);
    QCOMPARE(progress->maximum(), 0); // busy indicator when the size is unknown

    viewer.showResponse(jsonResponse("{}"));
    QVERIFY(viewer.hasResponse());
    viewer.clear();
    QVERIFY(!viewer.hasResponse());
    QVERIFY(prompt->isVisible());
}

void TestResponseViewer::findInBody()
{
    ResponseViewer viewer;
    viewer.resize(600, 400);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.showResponse(jsonResponse("{\"alpha\":1,\"beta\":2,\"Alpha\":3}"));
    QVERIFY(waitIdle(viewer));
    viewer.focusFind();
    Ui::FindBar *bar = viewer.bodyView()->findBar();
    QVERIFY(bar->isVisible());
    bar->setText(QStringLiteral("alpha"));
    bar->setCaseSensitive(true);
    Ui::CodeView *view = viewer.bodyView()->prettyView();
    QVERIFY(bar->findNext());
    QCOMPARE(view->selectedText(), QStringLiteral("alpha"));
    int line = -1, index = -1;
    view->getCursorPosition(&line, &index);
    QCOMPARE(line, 1);
    QVERIFY(bar->findNext()); // wraps around to the same, only, match
    view->getCursorPosition(&line, &index);
    QCOMPARE(line, 1);
    bar->setCaseSensitive(false);
    QVERIFY(bar->findNext());
    view->getCursorPosition(&line, &index);
    QCOMPARE(line, 3);
    QVERIFY(bar->findPrevious());
    view->getCursorPosition(&line, &index);
    QCOMPARE(line, 1);
    bar->setText(QStringLiteral("gamma"));
    QVERIFY(!bar->findNext());
    QTest::keyClick(bar->findChild<QLineEdit *>(), Qt::Key_Escape);
    QVERIFY(!bar->isVisible());
}

void TestResponseViewer::editResourceButton_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("enabled");
    QTest::newRow("object") << QByteArray("{\"a\": 1}") << true;
    QTest::newRow("array") << QByteArray(" [1, 2]") << true;
    QTest::newRow("scalar") << QByteArray("42") << false;
    QTest::newRow("invalid") << QByteArray("{\"a\": 1,}") << false;
    QTest::newRow("text") << QByteArray("hello") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestResponseViewer::editResourceButton()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, enabled);
    ResponseViewer viewer;
    viewer.show();
    QVERIFY(!viewer.editResourceButton()->isEnabled());
    viewer.showResponse(jsonResponse(body));
    QVERIFY(waitIdle(viewer));
    QCOMPARE(viewer.editResourceButton()->isEnabled(), enabled);
    QSignalSpy requested(&viewer, &ResponseViewer::editResourceRequested);
    viewer.editResourceButton()->click();
    QCOMPARE(requested.size(), enabled ? 1 : 0);
    viewer.clear();
    QVERIFY(!viewer.editResourceButton()->isEnabled());
}

QTEST_MAIN(TestResponseViewer)

void TestResponseViewer::hugeBodiesArePlain()
{
    ResponseViewer viewer;
    viewer.show();
    BodyView *body = viewer.bodyView();
    const QByteArray json = "{\"items\":[1,2,3],\"name\":\"x\"}";
    body->setHighlightLimit(json.size() - 1);
    viewer.showResponse(jsonResponse(json));
    QVERIFY(waitIdle(viewer));
    QCOMPARE(body->mode(), BodyView::Mode::Pretty);
    QVERIFY(body->prettyView()->jsonLexer() == nullptr);
    QVERIFY2(body->statusText().contains(QLatin1String("Syntax colours are off")),
             qPrintable(body->statusText()));
    QVERIFY(body->prettyView()->utf8Text().startsWith("{\n  \"items\": ["));

    // A body under the limit gets its colours back.
    body->setHighlightLimit(BodyView::kMaxHighlightBodyBytes);
    viewer.showResponse(jsonResponse(json));
    QVERIFY(waitIdle(viewer));
    QVERIFY(body->prettyView()->jsonLexer() != nullptr);
    QVERIFY(!body->statusText().contains(QLatin1String("Syntax colours are off")));
}

#include "tst_responseviewer.moc"
