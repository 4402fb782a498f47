#include "ui/window/sendcontroller.h"

#include "core/auth/authcall.h"
#include "core/collections/workspace.h"
#include "core/environments/variablecontext.h"
#include "core/graphql/graphqlhttp.h"
#include "core/graphql/schemastore.h"
#include "core/history/historyentry.h"
#include "core/history/historystore.h"
#include "core/history/redaction.h"
#include "core/http/httpclient.h"
#include "core/openapi/speclink.h"
#include "core/secrets/secretcache.h"
#include "ui/auth/authservices.h"
#include "ui/collections/environmentpicker.h"
#include "ui/common/preferences.h"
#include "ui/graphql/graphqleditor.h"
#include "ui/openapi/contractservice.h"
#include "ui/request/requesteditor.h"
#include "ui/request/variablehighlight.h"
#include "ui/response/responseviewer.h"
#include "ui/tabs/requesttab.h"
#include "ui/window/tabmanager.h"

#include <QLocale>
#include <QStatusBar>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

namespace {

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

SendController::SendController(QNetworkAccessManager *network, HistoryStore *history,
                               Workspace *workspace, EnvironmentPicker *environments,
                               SecretCache *secrets, TabManager *tabs, QStatusBar *status,
                               QObject *parent)
    : QObject(parent)
    , m_client(std::make_unique<HttpClient>(network))
    , m_history(history)
    , m_workspace(workspace)
    , m_environments(environments)
    , m_secrets(secrets)
    , m_tabs(tabs)
    , m_status(status)
    , m_specs(std::make_shared<CollectionSpecs>())
{
    m_contracts = new ContractService(m_specs, this);
    // A request of a collection with a description: its description loads on the contract
    // thread when the tab opens or shows, before a check or a matches-spec assertion needs it.
    connect(tabs, &TabManager::currentTabChanged, this, [this](RequestTab *tab) {
        if (tab && !tab->path().isEmpty())
            m_contracts->warm(tab->path());
    });
    connect(tabs, &TabManager::tabAdded, this, [this](RequestTab *tab) {
        connect(tab->editor(), &RequestEditor::sendRequested, this, [this, tab] { send(tab); });
        connect(tab->editor(), &RequestEditor::cancelRequested, tab, &RequestTab::cancel);
        connect(tab->editor()->graphQlEditor(), &GraphQlEditor::schemaFetchRequested, this,
                [this, tab] { fetchSchema(tab); });
        updateVariableLookup(tab);
        if (m_auth)
            tab->setAuthServices(m_auth);
        connect(tab, &RequestTab::exchangeFinished, this,
                [this, tab](const Request &sent, const Response &response) {
                    onExchangeFinished(tab, sent, response);
                });
        // Replaces "Sending…": the response is a stream, or a subscription started.
        connect(tab, &RequestTab::streamStarted, this, [this, tab](const QString &text) {
            if (tab == m_tabs->currentTab())
                m_status->showMessage(text);
        });
        // Replaces "Connecting to…", which would otherwise stay after the socket opened.
        connect(tab, &RequestTab::webSocketOpened, this,
                [this, tab](const QString &url, qint64 ms) {
                    if (tab == m_tabs->currentTab())
                        m_status->showMessage(
                            tr("Connected to %1 in %2 ms").arg(redactUrl(url)).arg(ms), 10000);
                });
    });
    connect(tabs, &TabManager::tabRemoved, this, [this](const RequestTab *tab) {
        m_sentSecrets.remove(tab);
        m_lastSent.remove(tab);
        m_schemaCalls.erase(tab);
        m_contractTickets.remove(tab);
    });
    connect(m_contracts, &ContractService::checked, this, &SendController::onContractChecked);
}

SendController::~SendController() = default;

void SendController::setAuthServices(AuthServices *services)
{
    m_auth = services;
    for (RequestTab *tab : m_tabs->tabs())
        tab->setAuthServices(services);
}

void SendController::setSandboxAddress(SandboxAddress address)
{
    m_sandbox = std::move(address);
    updateVariableLookups();
}

VariableList SendController::sessionVariables(bool startSandbox) const
{
    VariableList variables = m_captured;
    const QUrl sandbox = m_sandbox ? m_sandbox(startSandbox) : QUrl();
    if (!sandbox.isEmpty())
        variables.append({QStringLiteral("$sandboxUrl"), sandbox.toString()});
    return variables;
}

ResolvedSend SendController::resolve(const RequestTab *tab) const
{
    return resolveForSending(*m_workspace, tab->path(), tab->editor()->request(),
                             m_environments->currentEnvironment(), m_secrets->lookup(),
                             sessionVariables());
}

ResolvedSend SendController::resolveForCode(const RequestTab *tab, SecretReferences *secrets) const
{
    return Core::resolveForCode(*m_workspace, tab->path(), tab->editor()->request(),
                                m_environments->currentEnvironment(), sessionVariables(), secrets);
}

Request SendController::lastSent(const RequestTab *tab) const
{
    return m_lastSent.value(tab, tab->editor()->request());
}

void SendController::send(RequestTab *tab)
{
    if (!tab || tab->isBusy())
        return; // one exchange at a time per tab; its button shows Cancel meanwhile
    if (!tab->editor()->confirmSendIfInvalid())
        return;
    if (!tab->path().isEmpty())
        m_contracts->warm(tab->path()); // while the request is on its way
    ResolvedSend resolved = resolve(tab);
    if (resolved.unresolved.contains(QLatin1String("$sandboxUrl")) && m_sandbox) {
        // The request goes to the built-in sandbox: start it, wherever it can listen.
        resolved = resolveForSending(*m_workspace, tab->path(), tab->editor()->request(),
                                     m_environments->currentEnvironment(), m_secrets->lookup(),
                                     sessionVariables(true));
        updateVariableLookups();
    }
    if (!resolved.unresolved.isEmpty()) {
        m_status->showMessage(tr("Not defined, sent as written: %1. Pick an environment or "
                                 "define them in the collection.")
                                  .arg(resolved.unresolved.join(QLatin1String(", "))),
                              10000);
    }
    if (resolved.request.url.trimmed().isEmpty()) {
        tab->editor()->focusUrl();
        m_status->showMessage(tr("Type a URL first, e.g. http://127.0.0.1:8080/users/1"), 5000);
        return;
    }
    m_sentSecrets.insert(tab, resolved.secretValues);
    const bool webSocket = resolved.request.kind == RequestKind::WebSocket;
    if (webSocket) {
        // The messages it sends later are resolved in the same scopes.
        const VariableContext context(variableScopes(*m_workspace, tab->path(),
                                                     m_environments->currentEnvironment(),
                                                     m_secrets->lookup(), sessionVariables()));
        // The secret values they use join the ones history redacts.
        tab->setMessageResolver([this, tab, context](const QString &text) {
            QStringList secrets;
            const QString resolvedText = context.resolveText(text, nullptr, &secrets);
            QStringList &redacted = m_sentSecrets[tab];
            for (const QString &secret : std::as_const(secrets)) {
                if (!redacted.contains(secret))
                    redacted.append(secret);
            }
            return resolvedText;
        });
    }
    // Said before sending: what the send says next (a failure at once, a stream that starts)
    // replaces it.
    if (resolved.unresolved.isEmpty())
        m_status->showMessage(
            webSocket ? tr("Connecting to %1…").arg(redactUrl(resolved.request.url))
                      : tr("Sending %1 %2…")
                            .arg(resolved.request.method, redactUrl(resolved.request.url)),
            webSocket ? 5000 : 0); // the panel says how the connection goes on
    tab->send(m_client.get(), resolved.request, resolved.secretValues);
}

void SendController::fetchSchema(RequestTab *tab)
{
    GraphQlEditor *editor = tab->editor()->graphQlEditor();
    const ResolvedSend resolved = resolve(tab);
    if (resolved.request.url.trimmed().isEmpty()) {
        editor->showSchemaError(tr("Type the GraphQL endpoint's URL first."));
        return;
    }
    editor->setFetching(true);
    // Sent with the request's auth, as Send sends it (OAuth 2.0 token, signatures).
    const AuthCall::Context context = m_auth ? m_auth->callContext(tab->path(), tab)
                                             : AuthCall::Context {m_client.get(), {}, nullptr};
    std::unique_ptr<AuthCall> call
        = AuthCall::send(context, introspectionRequest(resolved.request), resolved.secretValues);
    connect(call.get(), &AuthCall::finished, this,
            [this, tab](const Response &response) { onSchemaFetched(tab, response); });
    m_schemaCalls[tab] = std::move(call);
}

void SendController::onSchemaFetched(RequestTab *tab, const Response &response)
{
    // The call may not be destroyed from inside its own signal: release it afterwards.
    const auto it = m_schemaCalls.find(tab);
    if (it != m_schemaCalls.end()) {
        it->second.release()->deleteLater();
        m_schemaCalls.erase(it);
    }
    GraphQlEditor *editor = tab->editor()->graphQlEditor();
    if (response.isError()) {
        editor->showSchemaError(response.errorMessage);
        return;
    }
    if (response.statusCode >= 400) {
        QString detail = QString::fromUtf8(response.body.peek(300)).simplified();
        editor->showSchemaError(
            tr("The server answered %1 %2 to the introspection query. Check the request's auth "
               "and headers. %3")
                .arg(response.statusCode)
                .arg(response.reason, detail));
        return;
    }
    const QString url = tab->editor()->request().url;
    editor->applySchemaResponse(response.body, redactUrl(url), GraphQl::defaultSchemaFile(url));
}

QString SendController::collectionFolder(const RequestTab *tab) const
{
    const CollectionItem *collection = collectionOf(*m_workspace, tab->path());
    return collection ? collection->path : QString();
}

void SendController::onExchangeFinished(RequestTab *tab, const Request &sent,
                                        const Response &response)
{
    // History keeps the request as sent, minus the values of secret variables and the OAuth 2.0
    // tokens it used.
    const QStringList secrets = m_sentSecrets.value(tab) + tab->authSecrets();
    m_history->add(
        historyEntryFrom(sent, response, secrets, Preferences::instance()->historyBodyCap()));
    m_lastSent.insert(tab, sent);
    const VariableContext variables(variableScopes(*m_workspace, tab->path(),
                                                   m_environments->currentEnvironment(),
                                                   m_secrets->lookup(), sessionVariables()));
    bool captured = false;
    for (const CaptureResult &capture : tab->showTestResults(response, &variables, specCheck())) {
        if (!capture.captured)
            continue;
        m_captured.removeIf([&](const Variable &v) { return v.name == capture.variable; });
        m_captured.append({capture.variable, capture.value, true, false});
        captured = true;
    }
    if (captured)
        updateVariableLookups();
    if (tab == m_tabs->currentTab()) {
        if (response.isError()) {
            m_status->showMessage(response.errorMessage, 10000);
        } else {
            m_status->showMessage(tr("%1 %2 in %3 ms, %4")
                                      .arg(response.statusCode)
                                      .arg(response.reason)
                                      .arg(qRound(response.timing.totalMs()))
                                      .arg(formatBytes(response.body.size())),
                                  10000);
        }
    }
    // "Matches the spec" or its violations, when the collection was imported from one.
    if (!response.isError() && !tab->path().isEmpty())
        m_contractTickets.insert(tab, m_contracts->check(tab->path(), response));
    else
        m_contractTickets.remove(tab);
    emit exchangeFinished(response);
}

SpecCheck SendController::specCheck() const
{
    return [specs = m_specs](const QString &path, const Response &response) {
        return specs->check(path, response);
    };
}

void SendController::onContractChecked(quint64 ticket, bool described, bool matches,
                                       const QString &message)
{
    for (auto it = m_contractTickets.begin(); it != m_contractTickets.end(); ++it) {
        if (it.value() != ticket)
            continue;
        // The tab is alive (removed tabs leave the map) and still shows that response.
        auto *tab = const_cast<RequestTab *>(it.key());
        m_contractTickets.erase(it);
        if (described)
            tab->viewer()->setContract(matches ? ResponseViewer::Contract::Matches
                                               : ResponseViewer::Contract::Violates,
                                       message);
        return;
    }
}

void SendController::updateVariableLookups()
{
    for (RequestTab *tab : m_tabs->tabs())
        updateVariableLookup(tab);
}

void SendController::updateVariableLookup(RequestTab *tab)
{
    // A snapshot of the scopes: rebuilt whenever the environment, secrets or files change.
    QList<VariableScope> scopes
        = variableScopes(*m_workspace, tab->path(), m_environments->currentEnvironment(),
                         m_secrets->lookup(), m_captured);
    if (m_sandbox) {
        const QUrl sandbox = m_sandbox(false);
        scopes.append({ScopeKind::Dynamic,
                       tr("the built-in sandbox API"),
                       {{QStringLiteral("$sandboxUrl"),
                         sandbox.isEmpty() ? tr("its address, once started (sending starts it)")
                                           : sandbox.toString()}}});
    }
    const VariableContext context(std::move(scopes));
    tab->editor()->setVariableLookup(
        [context](const QString &name) { return variableInfo(context, name); });
    tab->editor()->graphQlEditor()->setSchemaDirectory(collectionFolder(tab));
}

} // namespace Patchbay::Ui
