#pragma once

#include "core/common/result.h"

#include <QObject>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

class QTcpServer;
class QTcpSocket;

namespace Patchbay::Core {

// The loopback redirect of the authorization code flow (RFC 8252 section 7.3): a tiny HTTP
// server on 127.0.0.1 that waits for the browser to come back from the provider with
// ?code=...&state=... (or ?error=...), answers with a page that says the user can close the
// tab, and reports what came. A response whose state is missing or differs is refused (it is
// not the answer to our request). A browser sent to another path of our port WITH OAuth
// parameters means the provider's registered redirect URI differs from ours: the page and
// failed() say so. Anything else (a favicon) gets a 404 and is ignored.
class OAuth2RedirectListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2RedirectListener)

public:
    explicit OAuth2RedirectListener(QObject *parent = nullptr);
    ~OAuth2RedirectListener() override;

    // Starts listening. `redirectUri` empty: 127.0.0.1 on a free port, path /callback.
    // Otherwise an http URL on 127.0.0.1, [::1] or localhost with a port (fixed). Returns the
    // redirect URI to send. Errors: "oauth2-redirect" (not loopback http, no port, port taken).
    Result<QUrl> listen(const QString &redirectUri);
    void setExpectedState(const QString &state) { m_state = state; }
    QUrl redirectUri() const { return m_redirect; }
    bool isListening() const;
    // Stops listening; pages being sent are still sent.
    void close();

signals:
    // The callback with a matching state: `code` or `error` (+ error_description) in it.
    void received(const QUrlQuery &query);
    // A callback that cannot be ours (state mismatch, wrong path), in words.
    void failed(const QString &message);

private:
    void onNewConnection();
    void onReadable(QTcpSocket *socket);
    void respond(QTcpSocket *socket, int status, const QString &title, const QString &text);

    std::unique_ptr<QTcpServer> m_server; // owned
    QUrl m_redirect;
    QString m_state;
    bool m_done = false; // one answer per listen()
};

} // namespace Patchbay::Core
