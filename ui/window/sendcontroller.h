#pragma once

#include "core/collections/sendcontext.h"
#include "core/http/request.h"
#include "core/runner/assertion.h"

#include <QHash>
#include <QObject>
#include <QUrl>

#include <functional>
#include <map>
#include <memory>

class QNetworkAccessManager;
class QStatusBar;

namespace Patchbay::Core {
class AuthCall;
class CollectionSpecs;
class HistoryStore;
class HttpCall;
class HttpClient;
class SecretCache;
class Workspace;
struct Response;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class AuthServices;
class ContractService;
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

    // The client every send goes through (the window's auth services share it).
    Core::HttpClient *client() const { return m_client.get(); }
    // OAuth 2.0 tokens and inherited auth for every tab, present and future (not owned).
    void setAuthServices(AuthServices *services);

    // What Send would put on the wire for the tab.
    Core::ResolvedSend resolve(const RequestTab *tab) const;
    // The same with each secret variable as a placeholder that `secrets` lists: what Generate
    // code and Copy as curl write (as lookups of environment variables).
    Core::ResolvedSend resolveForCode(const RequestTab *tab, Core::SecretReferences *secrets) const;
    // What {{$sandboxUrl}} stands for: the built-in sandbox's address (empty when it is not
    // running); with `start`, it is started first when needed. A send that uses it starts it.
    using SandboxAddress = std::function<QUrl(bool start)>;
    void setSandboxAddress(SandboxAddress address);
    void send(RequestTab *tab);
    // GraphQL: fetches the schema of the tab's endpoint by introspection, resolved and sent
    // exactly as send() would send the request (URL, headers, auth, settings), and hands the
    // answer to the tab's GraphQL editor. Not recorded in history.
    void fetchSchema(RequestTab *tab);
    // The request as last sent from the tab (Edit resource… refetches with it), else its editor's.
    Core::Request lastSent(const RequestTab *tab) const;
    // Answers `matches-spec` assertions of the Tests tab and of runs from the window: each
    // collection's description is loaded on first use (on the UI thread) and kept.
    Core::SpecCheck specCheck() const;
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
    void onSchemaFetched(RequestTab *tab, const Core::Response &response);
    void onContractChecked(quint64 ticket, bool described, bool matches, const QString &message);
    // The collection folder of a saved request, "" when it is in none.
    QString collectionFolder(const RequestTab *tab) const;
    // The variables only this session knows: captures, and $sandboxUrl when the sandbox runs.
    Core::VariableList sessionVariables(bool startSandbox = false) const;

    std::unique_ptr<Core::HttpClient> m_client; // owned
    Core::HistoryStore *m_history; // not owned
    Core::Workspace *m_workspace; // not owned
    EnvironmentPicker *m_environments; // not owned
    Core::SecretCache *m_secrets; // not owned
    TabManager *m_tabs; // not owned
    QStatusBar *m_status; // not owned
    AuthServices *m_auth = nullptr; // not owned
    SandboxAddress m_sandbox;
    // Per tab, for its exchange in flight or last finished: the values of secret variables it
    // used (redacted before history) and the request as sent.
    QHash<const RequestTab *, QStringList> m_sentSecrets;
    QHash<const RequestTab *, Core::Request> m_lastSent;
    // Values the Tests tab's captures took from responses this session (a login token): they
    // resolve {{names}} in later sends before any collection or environment variable.
    Core::VariableList m_captured;
    // Introspection calls in flight, one per tab; destroying one aborts it.
    std::map<const RequestTab *, std::unique_ptr<Core::AuthCall>> m_schemaCalls; // owned
    // Contract checks of responses to requests of collections linked to an API description,
    // off the UI thread; the ticket of each tab's latest check.
    ContractService *m_contracts = nullptr; // owned (child)
    std::shared_ptr<Core::CollectionSpecs> m_specs; // for assertions (specCheck())
    QHash<const RequestTab *, quint64> m_contractTickets;
};

} // namespace Patchbay::Ui
