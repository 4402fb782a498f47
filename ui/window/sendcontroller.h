#pragma once

#include "core/collections/sendcontext.h"
#include "core/http/request.h"

#include <QHash>
#include <QObject>

#include <memory>

class QNetworkAccessManager;
class QStatusBar;

namespace Patchbay::Core {
class HistoryStore;
class HttpClient;
class SecretCache;
class Workspace;
struct Response;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class EnvironmentPicker;
class RequestTab;
class TabManager;

// The window's one send path: resolves a tab's request in its scopes (collection, folders,
// environment, secrets, values captured this session), sends it through Core::HttpClient,
// records the exchange in history without its secret values, runs the Tests tab's assertions
// and captures, and keeps every tab's {{variable}} highlighting pointed at the same scopes.
class SendController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendController)

public:
    // Connects itself to every tab `tabs` adds. All pointers not owned.
    SendController(QNetworkAccessManager *network, Core::HistoryStore *history,
                   Core::Workspace *workspace, EnvironmentPicker *environments,
                   Core::SecretCache *secrets, TabManager *tabs, QStatusBar *status,
                   QObject *parent = nullptr);
    ~SendController() override;

    // What Send would put on the wire for the tab (also used by Generate code and Copy as curl).
    Core::ResolvedSend resolve(const RequestTab *tab) const;
    void send(RequestTab *tab);
    // The request as last sent from the tab (Edit resource… refetches with it), else its editor's.
    Core::Request lastSent(const RequestTab *tab) const;
    // Variables set by captures of earlier responses in this session.
    const Core::VariableList &capturedVariables() const { return m_captured; }

    // Re-points every tab's {{variable}} highlighting at its request's scopes.
    void updateVariableLookups();
    void updateVariableLookup(RequestTab *tab);

signals:
    // A response (or transport error) was shown for a send.
    void exchangeFinished(const Patchbay::Core::Response &response);

private:
    void onExchangeFinished(RequestTab *tab, const Core::Request &sent,
                            const Core::Response &response);

    std::unique_ptr<Core::HttpClient> m_client; // owned
    Core::HistoryStore *m_history; // not owned
    Core::Workspace *m_workspace; // not owned
    EnvironmentPicker *m_environments; // not owned
    Core::SecretCache *m_secrets; // not owned
    TabManager *m_tabs; // not owned
    QStatusBar *m_status; // not owned
    // Per tab, for its exchange in flight or last finished: the values of secret variables it
    // used (redacted before history) and the request as sent.
    QHash<const RequestTab *, QStringList> m_sentSecrets;
    QHash<const RequestTab *, Core::Request> m_lastSent;
    // Values the Tests tab's captures took from responses this session (a login token): they
    // resolve {{names}} in later sends before any collection or environment variable.
    Core::VariableList m_captured;
};

} // namespace Patchbay::Ui
