// 1000 (or N) sequential PUTs with a small JSON body over one kept-alive connection, through
// Patchbay's HttpClient. Prints one line: "patchbay N requests T ms = X ms/request".
// Used by tests/bench/put_vs_peers.sh, which runs curl and python-requests the same way.
#include "core/http/httpclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <cstdio>

using namespace Patchbay::Core;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        QTextStream(stderr) << "usage: bench_put URL [COUNT]\n";
        return 2;
    }
    const int count = args.size() > 2 ? args.at(2).toInt() : 1000;

    Request request;
    request.method = QStringLiteral("PUT");
    request.url = args.at(1);
    request.body.mode = BodyMode::Json;

    QNetworkAccessManager network;
    HttpClient client(&network);
    int done = 0;
    int failures = 0;
    std::unique_ptr<HttpCall> call;
    QElapsedTimer timer;

    std::function<void()> sendNext = [&] {
        request.body.text = QStringLiteral("{\"id\": 1, \"name\": \"Leanne Graham\", \"email\": "
                                           "\"user%1@example.com\", \"active\": true}")
                                .arg(done);
        call = client.send(request);
        QObject::connect(call.get(), &HttpCall::finished, &app, [&](const Response &response) {
            if (response.isError() || response.statusCode >= 400)
                ++failures;
            call.release()->deleteLater();
            if (++done == count) {
                QCoreApplication::exit(0);
                return;
            }
            sendNext();
        });
    };
    // One warm-up request opens the connection, as every peer's first request does too.
    timer.start();
    sendNext();
    app.exec();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    std::printf("patchbay %d requests %.1f ms = %.3f ms/request (%d failed)\n", count, ms,
                ms / count, failures);
    return failures == 0 ? 0 : 1;
}
