#pragma once

#include "core/common/result.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <memory>

namespace Patchbay::Core {

class SandboxServerPrivate;

// The built-in demo API on loopback: an in-memory JSONPlaceholder-like store (/users, /posts,
// /todos) with real PUT/PATCH/ETag semantics, plus httpbin-like helpers (/anything, /status/N,
// /delay/N, /redirect-to, /bytes/N, /gzip). Never blocks the thread it runs on.
class SandboxServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxServer)

public:
    explicit SandboxServer(QObject *parent = nullptr);
    ~SandboxServer() override;

    // Listens on address:port (0 picks a free port) and returns the port.
    Result<quint16> start(quint16 port = 0,
                          const QHostAddress &address = QHostAddress(QHostAddress::LocalHost));
    void stop();
    bool isRunning() const;
    quint16 port() const;
    QUrl baseUrl() const; // e.g. http://127.0.0.1:PORT

    // Restores the seed data.
    void reset();

signals:
    void started(quint16 port);
    void stopped();

private:
    std::unique_ptr<SandboxServerPrivate> d; // owned
};

} // namespace Patchbay::Core
