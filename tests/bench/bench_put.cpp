// 1000 (or N) sequential PUTs with a small JSON body over one kept-alive connection, through
// Patchbay's HttpClient. Prints one line: "patchbay N requests T ms = X ms/request".
// Used by tests/bench/put_vs_peers.sh, which runs curl and python-requests the same way.
// With --bare, the same PUTs go through a bare QNetworkAccessManager loop (no HttpClient): the
// floor that Qt itself sets, so that HttpClient's and the runner's own share can be told apart
// from Qt's (tests/bench/run_vs_peers.sh prints it next to `patchbay-cli run`). With --curl,
// HttpClient sends on the libcurl transport (what `patchbay-cli run` uses) instead of Qt's.
#include "core/http/curltransport.h"
#include "core/http/httpclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTextStream>

#include <cstdio>

using namespace Patchbay::Core;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments();
    const bool bare = args.removeAll(QStringLiteral("--bare")) > 0;
    const bool curl = args.removeAll(QStringLiteral("--curl")) > 0;
    if (args.size() < 2) {
        QTextStream(stderr) << "usage: bench_put [--bare | --curl] URL [COUNT]\n";
        return 2;
    }
    const int count = args.size() > 2 ? args.at(2).toInt() : 1000;

    Request request;
    request.method = QStringLiteral("PUT");
    request.url = args.at(1);
    request.body.mode = BodyMode::Json;

    QNetworkAccessManager network;
    CurlTransport curlTransport;
    HttpClient qtClient(&network);
    HttpClient curlClient(&curlTransport);
    HttpClient &client = curl ? curlClient : qtClient;
    int done = 0;
    int failures = 0;
    std::unique_ptr<HttpCall> call;
    QElapsedTimer timer;

    auto bodyText = [&done] {
        return QStringLiteral("{\"id\": 1, \"name\": \"Leanne Graham\", \"email\": "
                              "\"user%1@example.com\", \"active\": true}")
            .arg(done);
    };
    // What HttpClient sends too: the same headers, a transfer timeout, no cache, manual redirects.
    std::function<void()> sendBare = [&] {
        QNetworkRequest bareRequest {QUrl(request.url)};
        bareRequest.setRawHeader("User-Agent", "Patchbay/0.1.0");
        bareRequest.setRawHeader("Accept", "*/*");
        bareRequest.setRawHeader("Content-Type", "application/json");
        bareRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                 QNetworkRequest::ManualRedirectPolicy);
        bareRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                                 QNetworkRequest::AlwaysNetwork);
        bareRequest.setTransferTimeout(30000);
        QNetworkReply *reply = network.sendCustomRequest(bareRequest, "PUT", bodyText().toUtf8());
        QObject::connect(reply, &QNetworkReply::finished, &app, [&, reply] {
            reply->readAll();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 0 || status >= 400)
                ++failures;
            reply->deleteLater();
            if (++done == count) {
                QCoreApplication::exit(0);
                return;
            }
            sendBare();
        });
    };
    std::function<void()> sendNext = [&] {
        request.body.text = bodyText();
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
    if (bare)
        sendBare();
    else
        sendNext();
    app.exec();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    std::printf("%s %d requests %.1f ms = %.3f ms/request (%d failed)\n",
                bare ? "bare-qnam" : (curl ? "patchbay-curl" : "patchbay-qt"), count, ms,
                ms / count, failures);
    return failures == 0 ? 0 : 1;
}
