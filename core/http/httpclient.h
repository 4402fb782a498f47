#pragma once

#include "core/http/request.h"
#include "core/http/response.h"

#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace Patchbay::Core {

class HttpCallPrivate;

// One request in flight. Owns its network reply (and every redirect hop's reply); destroying
// the call aborts whatever is still running. finished() is emitted exactly once, also for
// transport errors and cancel(), always from the event loop (never from inside send()).
class HttpCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpCall)

public:
    ~HttpCall() override;

    void cancel();
    bool isFinished() const;
    // Valid once finished() was emitted.
    const Response &response() const;
    // The request as it was actually sent (after redirects: the first hop).
    const Request &request() const;

signals:
    // Decoded body bytes so far; total is -1 when the server did not say.
    void downloadProgress(qint64 received, qint64 total);
    void uploadProgress(qint64 sent, qint64 total);
    void finished(const Patchbay::Core::Response &response);

private:
    friend class HttpClient;
    explicit HttpCall(std::unique_ptr<HttpCallPrivate> d);
    std::unique_ptr<HttpCallPrivate> d; // owned
};

// Sends Requests on one injected QNetworkAccessManager. Redirects are followed by this class,
// never by Qt, so credentials can be dropped when the origin changes.
class HttpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClient)

public:
    explicit HttpClient(QNetworkAccessManager *network, QObject *parent = nullptr); // not owned
    ~HttpClient() override;

    // Never returns null. An invalid request finishes with an error without sending anything.
    std::unique_ptr<HttpCall> send(const Request &request);

private:
    QNetworkAccessManager *m_network; // not owned
};

} // namespace Patchbay::Core
