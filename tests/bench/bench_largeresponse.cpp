// Shows a ~50 MiB file-backed JSON response in a ResponseViewer and prints how long the first
// screen takes, the longest UI-thread stall, the jump to the end and the extra memory.
// Usage: bench_largeresponse [--mib N] [--screenshot file.png] [--dark]
//        [--no-lexer] [--no-fold] [--no-margin]   (to see what each costs)
// Runs with QT_QPA_PLATFORM=offscreen or under xvfb-run.

#include "core/http/response.h"
#include "ui/common/codeview.h"
#include "ui/response/bodyview.h"
#include "ui/response/responseviewer.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QPalette>
#include <QRandomGenerator>
#include <QStyleFactory>
#include <QTemporaryFile>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>

using namespace Patchbay;

namespace {

qint64 procStatusKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Compact JSON, as APIs send it: an array of realistic records.
std::shared_ptr<QTemporaryFile> writeJson(qint64 targetBytes)
{
    auto file = std::make_shared<QTemporaryFile>();
    if (!file->open())
        return nullptr;
    QRandomGenerator rng(42);
    static const char *cities[] = {"Lisbon", "Oslo", "Nairobi", "Osaka", "Lima", "Quebec"};
    QByteArray buffer;
    buffer.reserve(2 * 1024 * 1024);
    buffer += '[';
    qint64 written = 0;
    for (qint64 i = 0;; ++i) {
        if (i > 0)
            buffer += ',';
        buffer += "{\"id\":" + QByteArray::number(i) + ",\"uuid\":\""
            + QByteArray::number(rng.generate64(), 16) + '-'
            + QByteArray::number(rng.generate(), 16) + "\",\"name\":\"User " + QByteArray::number(i)
            + "\",\"email\":\"user" + QByteArray::number(i)
            + "@example.com\",\"active\":" + (rng.bounded(2) ? "true" : "false")
            + ",\"balance\":" + QByteArray::number(rng.bounded(100000)) + '.'
            + QByteArray::number(10 + rng.bounded(90)) + ",\"tags\":[\"alpha\",\"beta\",\"γ\"],"
            + "\"address\":{\"street\":\"" + QByteArray::number(rng.bounded(999))
            + " Main Street\",\"city\":\"" + cities[rng.bounded(6)] + "\",\"zip\":\""
            + QByteArray::number(10000 + rng.bounded(89999))
            + "\"},\"created\":\"2024-05-17T08:30:00Z\",\"score\":null,\"ratio\":1.50}";
        if (buffer.size() > 1024 * 1024) {
            written += file->write(buffer);
            buffer.clear();
            if (written >= targetBytes)
                break;
        }
    }
    buffer += ']';
    file->write(buffer);
    file->flush();
    return file;
}

void waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2e));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x20));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x29));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x33, 0x33, 0x37));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0xa0));
    p.setColor(QPalette::ToolTipBase, QColor(0x33, 0x33, 0x37));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    return p;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    qint64 mib = 50;
    QString screenshot;
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--mib") && i + 1 < args.size())
            mib = args[++i].toLongLong();
        else if (args[i] == QLatin1String("--screenshot") && i + 1 < args.size())
            screenshot = args[++i];
        else if (args[i] == QLatin1String("--dark")) {
            QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
            QApplication::setPalette(darkPalette());
        }
    }

    std::printf("Generating %lld MiB of JSON...\n", mib);
    const std::shared_ptr<QTemporaryFile> file = writeJson(mib * 1024 * 1024);
    if (!file) {
        std::fprintf(stderr, "cannot create a temporary file\n");
        return 1;
    }
    Core::Response response;
    response.statusCode = 200;
    response.reason = QStringLiteral("OK");
    response.httpVersion = QStringLiteral("1.1");
    response.headers = {{"Content-Type", "application/json; charset=utf-8"},
                        {"Content-Encoding", "gzip"},
                        {"Cache-Control", "no-store"}};
    response.body = Core::ResponseBody::fromFile(file);
    response.wireBodyBytes = response.body.size() / 9;
    response.timing.connectStart = 0.4;
    response.timing.tlsDone = 12.8;
    response.timing.requestSent = 13.5;
    response.timing.firstByte = 48.2;
    response.timing.finished = 912.7;
    const qint64 bodyBytes = response.body.size();

    Ui::ResponseViewer viewer;
    viewer.resize(1200, 800);
    viewer.show();
    waitUntil([] { return false; }, 200); // settle: show, first paints

    Ui::CodeView *pretty = viewer.bodyView()->prettyView();
    if (args.contains(QLatin1String("--no-lexer")))
        pretty->setJsonHighlighting(false);
    if (args.contains(QLatin1String("--no-fold")))
        pretty->setFolding(QsciScintilla::NoFoldStyle);
    if (args.contains(QLatin1String("--no-margin")))
        pretty->setMarginLineNumbers(0, false);
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = clock.elapsed();
    qint64 maxGap = 0;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(10);
    QObject::connect(&heartbeat, &QTimer::timeout, &viewer, [&] {
        const qint64 now = clock.elapsed();
        maxGap = std::max(maxGap, now - lastTick);
        lastTick = now;
    });
    heartbeat.start();
    waitUntil([] { return false; }, 50);

    const qint64 rssBefore = procStatusKiB("VmRSS");
    const qint64 t0 = clock.elapsed();
    viewer.showResponse(response);
    waitUntil([&] { return pretty->byteLength() > 0; }, 60000);
    viewer.grab(); // the first screen, painted
    const qint64 tFirst = clock.elapsed() - t0;
    waitUntil([&] { return !viewer.bodyView()->isBusy(); }, 120000);
    const qint64 tDone = clock.elapsed() - t0;
    waitUntil([] { return false; }, 100);

    const qint64 tJump0 = clock.elapsed();
    pretty->SendScintilla(QsciScintillaBase::SCI_DOCUMENTEND);
    pretty->grab();
    const qint64 tJump = clock.elapsed() - tJump0;
    waitUntil([] { return false; }, 100);
    const qint64 tTop0 = clock.elapsed();
    pretty->SendScintilla(QsciScintillaBase::SCI_DOCUMENTSTART);
    pretty->setFirstVisibleLine(pretty->lines() / 2);
    pretty->grab();
    const qint64 tMiddle = clock.elapsed() - tTop0;
    waitUntil([] { return false; }, 100);
    const qint64 rssAfter = procStatusKiB("VmRSS");
    const qint64 hwm = procStatusKiB("VmHWM");
    const qint64 formattedBytes = pretty->byteLength();

    // The next response replaces the big one: the old document must go without a stall.
    Core::Response small = response;
    small.body = Core::ResponseBody(QByteArray("{\"next\":true}"));
    const qint64 tReplace0 = clock.elapsed();
    viewer.showResponse(small);
    waitUntil([&] { return !viewer.bodyView()->isBusy(); }, 10000);
    viewer.grab();
    const qint64 tReplace = clock.elapsed() - tReplace0;
    waitUntil([] { return false; }, 100);
    const qint64 stall = std::max<qint64>(0, maxGap - 10);

    const double bodyMiB = bodyBytes / 1048576.0;
    const double extraMiB = (rssAfter - rssBefore) / 1024.0;
    const double peakExtraMiB = (hwm - rssBefore) / 1024.0;
    std::printf("\n%-40s %12s %10s\n", "measure", "value", "budget");
    std::printf("%-40s %9.1f MiB %10s\n", "body (file-backed, compact JSON)", bodyMiB, "");
    std::printf("%-40s %9.1f MiB %10s\n", "formatted text in the view", formattedBytes / 1048576.0,
                "");
    std::printf("%-40s %10lld ms %10s\n", "first screen shown (after showResponse)", tFirst,
                "1000 ms");
    std::printf("%-40s %10lld ms %10s\n", "whole body formatted and loaded", tDone, "");
    std::printf("%-40s %10lld ms %10s\n", "longest UI-thread stall (10 ms beat)", stall, "100 ms");
    std::printf("%-40s %10lld ms %10s\n", "jump to end (SCI_DOCUMENTEND + paint)", tJump, "");
    std::printf("%-40s %10lld ms %10s\n", "jump to the middle + paint", tMiddle, "");
    std::printf("%-40s %10lld ms %10s\n", "replace with a small response + paint", tReplace, "");
    std::printf("%-40s %9.1f MiB %10s\n", "extra RSS after loading", extraMiB, "");
    std::printf("%-40s %11.2fx %10s\n", "  relative to body", extraMiB / bodyMiB, "4x");
    std::printf("%-40s %9.1f MiB %10s\n", "extra peak RSS (VmHWM - RSS before)", peakExtraMiB, "");
    std::printf("%-40s %11.2fx %10s\n", "  relative to body", peakExtraMiB / bodyMiB, "4x");
    std::printf("%-40s %9.1f MiB %10s\n", "RSS before showResponse", rssBefore / 1024.0, "");

    if (!screenshot.isEmpty()) {
        viewer.showResponse(response);
        waitUntil([&] { return !viewer.bodyView()->isBusy(); }, 60000);
        viewer.grab().save(screenshot);
        std::printf("screenshot: %s\n", qPrintable(screenshot));
    }
    return 0;
}
