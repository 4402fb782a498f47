#include "ui/tabs/requesttab.h"

#include "core/auth/authcall.h"
#include "core/collections/collectionformat.h"
#include "core/graphql/graphqlsubscription.h"
#include "core/history/redaction.h"
#include "core/http/httpclient.h"
#include "core/network/networkcontext.h"
#include "core/sse/eventstreamsession.h"
#include "ui/auth/autheditor.h"
#include "ui/auth/authservices.h"
#include "ui/common/preferences.h"
#include "ui/common/theme.h"
#include "ui/request/requesteditor.h"
#include "ui/response/responseviewer.h"
#include "ui/runner/testseditor.h"
#include "ui/streams/eventstreamview.h"
#include "ui/websocket/websocketpanel.h"
#include "ui/websocket/websocketrequestpage.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QUrl>
#include <QUuid>
#include <QVBoxLayout>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

namespace {

// How a send (and a stream's reconnection) goes out: with the workspace's auth services when the
// window gave them, else plainly on `client`.
AuthCall::Context callContext(AuthServices *services, HttpClient *client, const QString &path,
                              QWidget *owner)
{
    if (services)
        return services->callContext(path, owner);
    return {client, {}, nullptr};
}

// The workspace's proxy and certificates for a WebSocket handshake, as an http(s) request to
// the same URL gets them from `client`.
Result<WebSocketNetwork> webSocketNetworkOf(HttpClient *client, const Request &resolved)
{
    if (client && client->networkContext() && client->networkContext()->profile())
        return webSocketNetwork(*client->networkContext()->profile(), resolved);
    return WebSocketNetwork {};
}

// The request/response splitter asks only for the room the two need one above the other: beside
// each other they need more, and the tab turns them when it is too narrow (see RequestTab).
class RequestResponseSplitter final : public QSplitter
{
public:
    using QSplitter::QSplitter;

    QSize minimumSizeHint() const override
    {
        QSize size(0, handleWidth());
        for (int i = 0; i < count(); ++i) {
            const QSize child = widget(i)->minimumSizeHint().expandedTo(widget(i)->minimumSize());
            size.setWidth(std::max(size.width(), child.width()));
            size.rheight() += child.height();
        }
        return size;
    }
};

} // namespace

RequestTab::RequestTab(const QString &id, QWidget *parent)
    : QWidget(parent)
    , m_id(id.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : id)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_conflictBar = createConflictBar();
    m_conflictBar->hide();
    m_editor = new RequestEditor(this);
    m_viewer = new ResponseViewer(this);
    m_splitter = new RequestResponseSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("requestTabSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_editor);
    m_splitter->addWidget(m_viewer);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    layout->addWidget(m_conflictBar);
    layout->addWidget(m_splitter, 1);

    connect(m_editor, &RequestEditor::requestChanged, this, &RequestTab::stateChanged);
    connect(m_editor, &RequestEditor::kindChanged, this, &RequestTab::updateKindView);
    // A new request starts with the defaults of Edit → Preferences.
    m_blank = Preferences::instance()->newRequest();
    m_editor->setRequest(m_blank);
    m_blank = m_editor->request();
    connect(m_viewer, &ResponseViewer::cancelRequested, this, &RequestTab::cancel);

    m_tests = new TestsEditor(this);
    m_tests->setObjectName(QStringLiteral("testsEditor"));
    m_testsPage = m_editor->addPage(m_tests, tr("Tests"));
    connect(m_tests, &TestsEditor::testsChanged, this, [this] {
        updateTestsTitle();
        emit stateChanged();
    });
}

// Destroying the call aborts its reply.
RequestTab::~RequestTab() = default;

QFrame *RequestTab::createConflictBar()
{
    auto *bar = new QFrame(this);
    bar->setObjectName(QStringLiteral("conflictBar"));
    bar->setFrameShape(QFrame::StyledPanel);
    Theme::useWarningColors(bar);
    auto *row = new QHBoxLayout(bar);
    m_conflictText = new QLabel(bar);
    m_conflictText->setWordWrap(true);
    auto *keep = new QPushButton(tr("Keep mine"), bar);
    keep->setObjectName(QStringLiteral("keepMineButton"));
    keep->setToolTip(tr("Keep your edits; saving writes them over the version on disk."));
    auto *load = new QPushButton(tr("Load theirs"), bar);
    load->setObjectName(QStringLiteral("loadTheirsButton"));
    load->setToolTip(tr("Drop your edits and show the version on disk."));
    auto *compare = new QPushButton(tr("Compare"), bar);
    compare->setObjectName(QStringLiteral("compareButton"));
    row->addWidget(m_conflictText, 1);
    row->addWidget(keep);
    row->addWidget(load);
    row->addWidget(compare);
    connect(keep, &QPushButton::clicked, this, &RequestTab::keepMine);
    connect(load, &QPushButton::clicked, this, &RequestTab::loadTheirs);
    connect(compare, &QPushButton::clicked, this, &RequestTab::showCompareDialog);
    return bar;
}

SavedRequest RequestTab::savedRequest() const
{
    SavedRequest saved = m_baseline;
    saved.request = m_editor->request();
    const RequestTests tests = m_tests->tests();
    saved.assertions = tests.assertions;
    saved.captures = tests.captures;
    return saved;
}

void RequestTab::showTests(const SavedRequest &saved)
{
    m_tests->setTests({saved.assertions, saved.captures});
    m_tests->setImportedScripts(saved.preRequestScript, saved.testScript);
    updateTestsTitle();
}

bool RequestTab::testsDiffer() const
{
    const RequestTests tests = m_tests->tests();
    return tests.assertions != m_baseline.assertions || tests.captures != m_baseline.captures;
}

void RequestTab::updateTestsTitle()
{
    const qsizetype count = m_tests->tests().assertions.size();
    m_editor->setPageTitle(m_testsPage, count ? tr("Tests (%1)").arg(count) : tr("Tests"));
}

QList<CaptureResult> RequestTab::showTestResults(const Response &response,
                                                 const VariableContext *variables,
                                                 const SpecCheck &specCheck)
{
    const RequestTests tests = m_tests->tests();
    if (tests.assertions.isEmpty() && tests.captures.isEmpty())
        return {};
    m_lastResults = evaluateAssertions(response, tests.assertions, variables, specCheck, m_path);
    const QList<CaptureResult> captured = applyCaptures(response, tests.captures);
    m_tests->showResults(m_lastResults, captured);
    qsizetype passed = 0;
    for (const AssertionResult &result : std::as_const(m_lastResults))
        passed += result.passed ? 1 : 0;
    if (!m_lastResults.isEmpty()) {
        m_editor->setPageTitle(m_testsPage,
                               passed == m_lastResults.size()
                                   ? tr("Tests (%1 passed)").arg(passed)
                                   : tr("Tests (%1 of %2 failed)")
                                         .arg(m_lastResults.size() - passed)
                                         .arg(m_lastResults.size()));
    }
    return captured;
}

void RequestTab::openSaved(const QString &path, const SavedRequest &saved)
{
    m_path = path;
    m_baseline = saved;
    m_onDisk = saved;
    m_theirs.reset();
    m_conflictBar->hide();
    m_editor->setRequest(saved.request);
    showTests(saved);
    // setRequest() may normalise (a query in the URL becomes params): compare with what the
    // editor gives back, so that a freshly opened request is never "dirty".
    m_baseline.request = m_editor->request();
    setToolTip(path);
    updateAuthContext();
    emit stateChanged();
}

void RequestTab::setBaseline(const QString &path, const SavedRequest &saved)
{
    // A rename or move keeps the request: keep the editor's form of it too.
    const Request request = saved.request == m_onDisk.request ? m_baseline.request : saved.request;
    m_path = path;
    m_onDisk = saved;
    m_baseline = saved;
    m_baseline.request = request;
    setToolTip(path);
    updateAuthContext();
    emit stateChanged();
}

void RequestTab::detachFromFile()
{
    m_path.clear();
    m_baseline = SavedRequest();
    m_onDisk = SavedRequest();
    m_theirs.reset();
    m_conflictBar->hide();
    setToolTip(QString());
    updateAuthContext();
    emit stateChanged();
}

void RequestTab::openUnsaved(const Request &request)
{
    m_path.clear();
    m_baseline = SavedRequest();
    m_onDisk = SavedRequest();
    m_theirs.reset();
    m_conflictBar->hide();
    m_editor->setRequest(request);
    showTests(SavedRequest());
    setToolTip(QString());
    updateAuthContext();
    emit stateChanged();
}

Draft RequestTab::draft() const
{
    Draft draft;
    draft.tabId = m_id;
    draft.path = m_path;
    draft.baseline = m_onDisk;
    draft.request = m_editor->request();
    const RequestTests tests = m_tests->tests();
    draft.assertions = tests.assertions;
    draft.captures = tests.captures;
    draft.writtenAt = QDateTime::currentDateTimeUtc();
    return draft;
}

void RequestTab::restoreDraft(const Draft &draft)
{
    m_path = draft.path;
    m_baseline = draft.baseline;
    m_onDisk = draft.baseline;
    m_theirs.reset();
    m_conflictBar->hide();
    m_editor->setRequest(draft.request);
    SavedRequest edited = draft.baseline;
    edited.assertions = draft.assertions;
    edited.captures = draft.captures;
    showTests(edited);
    setToolTip(m_path);
    updateAuthContext();
    emit stateChanged();
}

bool RequestTab::isDirty() const
{
    return isDirty(m_editor->request());
}

bool RequestTab::isDirty(const Request &request) const
{
    return request != (isSaved() ? m_baseline.request : m_blank) || testsDiffer();
}

RequestTab::Summary RequestTab::summary() const
{
    const Request request = m_editor->request();
    return {titleFor(request), displayMethod(request), isDirty(request)};
}

bool RequestTab::isPristine() const
{
    return !isSaved() && !isBusy() && !hasConflict() && m_editor->request() == m_blank
        && !testsDiffer();
}

void RequestTab::applyNewRequestDefaults()
{
    if (!isPristine())
        return;
    m_blank = Preferences::instance()->newRequest();
    m_editor->setRequest(m_blank);
    m_blank = m_editor->request();
    emit stateChanged();
}

QString RequestTab::method() const
{
    return displayMethod(m_editor->request());
}

QString RequestTab::displayMethod(const Request &request) const
{
    return request.kind == RequestKind::WebSocket ? RequestEditor::webSocketMethod()
                                                  : request.method;
}

QString RequestTab::title() const
{
    return titleFor(m_editor->request());
}

QString RequestTab::titleFor(const Request &request) const
{
    if (isSaved())
        return m_baseline.name;
    if (request.url.trimmed().isEmpty())
        return tr("New request");
    // The path tells requests apart better than the host, which tabs often share.
    const QUrl url(request.url);
    QString where = url.isValid() && !url.path().isEmpty() ? url.path() : request.url;
    return QStringLiteral("%1 %2").arg(displayMethod(request), where);
}

void RequestTab::showConflict(const SavedRequest &theirs)
{
    m_theirs = theirs;
    m_conflictText->setText(
        tr("This request changed on disk while you were editing it. Keep your version, load "
           "the one on disk, or compare them."));
    m_conflictBar->show();
    emit stateChanged();
}

void RequestTab::keepMine()
{
    if (!m_theirs)
        return;
    // Theirs becomes the baseline, so that what differs from it is what Save writes.
    m_onDisk = *std::exchange(m_theirs, std::nullopt);
    m_baseline = m_onDisk;
    m_conflictBar->hide();
    emit stateChanged();
}

void RequestTab::loadTheirs()
{
    if (!m_theirs)
        return;
    const SavedRequest theirs = *m_theirs;
    openSaved(m_path, theirs);
}

QPair<QString, QString> RequestTab::conflictTexts() const
{
    if (!m_theirs)
        return {};
    return {QString::fromUtf8(requestToYaml(savedRequest())),
            QString::fromUtf8(requestToYaml(*m_theirs))};
}

void RequestTab::showCompareDialog()
{
    if (!m_theirs)
        return;
    const auto [mine, theirs] = conflictTexts();
    auto *dialog = new QDialog(this); // owned by this tab until closed
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("conflictCompareDialog"));
    dialog->setWindowTitle(tr("Compare: %1").arg(m_baseline.name));
    auto *layout = new QVBoxLayout(dialog);
    auto *sides = new QHBoxLayout;
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const auto addSide = [&](const QString &heading, const QString &text, const char *name) {
        auto *column = new QVBoxLayout;
        column->addWidget(new QLabel(heading, dialog));
        auto *view = new QPlainTextEdit(text, dialog);
        view->setObjectName(QLatin1String(name));
        view->setReadOnly(true);
        view->setFont(fixed);
        view->setLineWrapMode(QPlainTextEdit::NoWrap);
        column->addWidget(view);
        sides->addLayout(column);
    };
    addSide(tr("Yours (unsaved)"), mine, "mineText");
    addSide(tr("On disk"), theirs, "theirsText");
    layout->addLayout(sides, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QPushButton *keep = buttons->addButton(tr("Keep mine"), QDialogButtonBox::AcceptRole);
    QPushButton *load = buttons->addButton(tr("Load theirs"), QDialogButtonBox::DestructiveRole);
    connect(keep, &QPushButton::clicked, this, [this, dialog] {
        keepMine();
        dialog->close();
    });
    connect(load, &QPushButton::clicked, this, [this, dialog] {
        loadTheirs();
        dialog->close();
    });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->resize(900, 560);
    dialog->show();
}

void RequestTab::setAuthServices(AuthServices *services)
{
    m_authServices = services;
    updateAuthContext();
}

void RequestTab::updateAuthContext()
{
    m_editor->authEditor()->setContext(m_authServices, m_path);
}

void RequestTab::setPreferSideBySide(bool sideBySide)
{
    m_preferSideBySide = sideBySide;
    updateOrientation();
}

bool RequestTab::isSideBySide() const
{
    return m_splitter->orientation() == Qt::Horizontal;
}

void RequestTab::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateOrientation();
}

void RequestTab::updateOrientation()
{
    const auto minimumWidth = [](const QWidget *w) {
        return std::max(w->minimumSizeHint().width(), w->minimumWidth());
    };
    const int needed
        = minimumWidth(m_editor) + minimumWidth(m_viewer) + m_splitter->handleWidth() + 24;
    const Qt::Orientation orientation
        = m_preferSideBySide && width() >= needed ? Qt::Horizontal : Qt::Vertical;
    if (m_splitter->orientation() != orientation)
        m_splitter->setOrientation(orientation);
}

void RequestTab::send(HttpClient *client, const Request &resolved, const QStringList &secretValues)
{
    if (isBusy())
        return;
    m_authSecrets.clear();
    if (resolved.kind == RequestKind::WebSocket) {
        sendWebSocket(client, resolved);
        return;
    }
    removeStreamView();
    if (isGraphQlSubscription(resolved)) {
        sendSubscription(client, resolved);
        return;
    }
    // OAuth 2.0 takes its token from the keyring or a grant, signed modes sign as the request
    // goes out (core/auth/authcall.h).
    m_client = client;
    AuthCall::Context context = callContext(m_authServices, client, m_path, this);
    // The head tells whether the response is an event stream (onHead()); other bodies arrive
    // as before (their observed chunks go to no one).
    context.observeBody = true;
    m_sent = resolved;
    m_call = AuthCall::send(context, resolved, secretValues);
    connect(m_call.get(), &AuthCall::headReceived, this, &RequestTab::onHead);
    connect(m_call.get(), &AuthCall::downloadProgress, m_viewer, &ResponseViewer::setProgress);
    connect(m_call.get(), &AuthCall::warning, m_editor, &RequestEditor::showAuthNotice);
    connect(m_call.get(), &AuthCall::finished, this, &RequestTab::onCallFinished);
    m_editor->setBusy(true);
    m_viewer->showPending();
    emit stateChanged();
}

bool RequestTab::isBusy() const
{
    return m_call || (m_stream && m_stream->isActive())
        || (m_subscription && m_subscription->isActive())
        || (m_webSocket && m_webSocket->isActive());
}

void RequestTab::cancel()
{
    if (m_call)
        m_call->cancel();
    else if (m_stream)
        m_stream->stop();
    else if (m_subscription)
        m_subscription->stop();
    else if (m_webSocket)
        m_webSocket->disconnectSession();
}

void RequestTab::setMessageResolver(std::function<QString(const QString &)> resolver)
{
    m_messageResolver = std::move(resolver);
}

void RequestTab::updateKindView()
{
    const bool webSocket = m_editor->isWebSocket();
    if (webSocket == (m_webSocket != nullptr))
        return;
    WebSocketRequestPage *page = m_editor->webSocketPage();
    if (!webSocket) {
        // Closing the panel ends its connection (without an exchange for history).
        disconnect(m_webSocket, nullptr, this, nullptr);
        disconnect(page, nullptr, m_webSocket, nullptr);
        m_splitter->replaceWidget(m_splitter->indexOf(m_webSocket), m_viewer);
        m_viewer->show();
        m_webSocket->deleteLater(); // replaceWidget() left it without a parent
        m_webSocket = nullptr;
        m_editor->setBusy(isBusy());
        page->setConnected(false);
        emit stateChanged();
        return;
    }
    if (m_call || m_stream || m_subscription)
        cancel(); // an HTTP exchange in flight ends; its response is not shown
    removeStreamView();
    m_webSocket = new WebSocketPanel(this);
    m_webSocket->setObjectName(QStringLiteral("webSocketPanel"));
    // replaceWidget() leaves the replaced widget without a parent: the tab keeps it, hidden.
    m_splitter->replaceWidget(m_splitter->indexOf(m_viewer), m_webSocket);
    m_viewer->setParent(this);
    m_viewer->hide();
    // The log wants more room than the handshake's editor.
    const QList<int> sizes = m_splitter->sizes();
    if (const int total = sizes.value(0) + sizes.value(1); total > 0)
        m_splitter->setSizes({total * 2 / 5, total - total * 2 / 5});
    connect(m_webSocket, &WebSocketPanel::opened, this, &RequestTab::webSocketOpened);
    connect(m_webSocket, &WebSocketPanel::stateChanged, this, &RequestTab::onWebSocketStateChanged);
    connect(m_webSocket, &WebSocketPanel::connectionEnded, this, [this](const Response &summary) {
        m_authSecrets = m_webSocket->authSecretValues();
        emit exchangeFinished(m_sent, summary);
    });
    connect(m_webSocket, &WebSocketPanel::saveMessageRequested, page,
            &WebSocketRequestPage::addMessage);
    connect(page, &WebSocketRequestPage::sendRequested, m_webSocket, &WebSocketPanel::sendMessage);
    const auto showTemplates = [this, page] {
        if (m_webSocket)
            m_webSocket->setTemplates(page->options().messages);
    };
    connect(page, &WebSocketRequestPage::messagesChanged, m_webSocket, showTemplates);
    showTemplates();
    emit stateChanged();
}

void RequestTab::sendWebSocket(HttpClient *client, const Request &resolved)
{
    updateKindView();
    if (!m_webSocket)
        return;
    m_sent = resolved;
    const Result<WebSocketNetwork> network = webSocketNetworkOf(client, resolved);
    if (!network) {
        m_webSocket->showProblem(network.error().message);
        return;
    }
    // OAuth 2.0 and Digest fetch a token or a challenge first, as Send does.
    m_webSocket->setAuthContext(m_authServices ? m_authServices->callContext(m_path, this)
                                               : AuthCall::Context {client, {}, nullptr});
    m_webSocket->connectTo(resolved, network.value(), m_messageResolver);
    onWebSocketStateChanged();
}

void RequestTab::onWebSocketStateChanged()
{
    // The editor's Connect button is the connection's only control: it follows the session.
    using State = WebSocketSession::State;
    using Connection = RequestEditor::Connection;
    switch (m_webSocket ? m_webSocket->state() : State::Idle) {
    case State::Idle:
        m_editor->setConnection(Connection::Closed);
        break;
    case State::Connecting:
        m_editor->setConnection(Connection::Connecting);
        break;
    case State::Open:
        m_editor->setConnection(Connection::Open);
        break;
    case State::Closing:
        m_editor->setConnection(Connection::Closing);
        break;
    }
    m_editor->webSocketPage()->setConnected(m_webSocket && m_webSocket->isOpen());
    emit stateChanged();
}

void RequestTab::onHead(const Response &head)
{
    if (!m_call || head.statusCode != 200 || !isEventStream(head))
        return;
    // From here the session owns the call: its events show live, and its end is the exchange's.
    disconnect(m_call.get(), nullptr, this, nullptr);
    disconnect(m_call.get(), nullptr, m_viewer, nullptr);
    m_authSecrets = m_call->tokenValues();
    // A reconnection sends the request again as send() did (same client and auth).
    EventStreamOptions options;
    options.maxEvents = Preferences::instance()->values().streamMaxEvents;
    options.reconnect = m_streamReconnect;
    m_stream = std::make_unique<EventStreamSession>(
        callContext(m_authServices, m_client, m_path, this), m_sent, options);
    connect(m_stream.get(), &EventStreamSession::finished, this, &RequestTab::onStreamFinished);
    showStreamView(options.maxEvents);
    connect(m_streamView, &EventStreamView::reconnectToggled, this,
            [this](bool reconnect) { m_streamReconnect = reconnect; });
    m_stream->adopt(std::move(m_call), head);
    m_streamView->attach(m_stream.get()); // active now: Stop is offered
    emit stateChanged();
    emit streamStarted(tr("Streaming events from %1…").arg(redactUrl(m_sent.url)));
}

void RequestTab::onStreamFinished(const Response &response)
{
    // Inside the session's own signal: it goes once control is back in the event loop. The
    // view keeps showing its events until the next send.
    m_stream.release()->deleteLater();
    m_editor->setBusy(false);
    emit stateChanged();
    emit exchangeFinished(m_sent, response);
}

void RequestTab::showStreamView(qsizetype maxEvents)
{
    m_streamView = new EventStreamView(maxEvents, this);
    // replaceWidget() leaves the replaced widget without a parent: the tab keeps it, hidden.
    m_splitter->replaceWidget(m_splitter->indexOf(m_viewer), m_streamView);
    m_viewer->setParent(this);
    m_viewer->hide();
    m_viewer->clear();
    // The table and an event's data want more room than the request's editor while streaming.
    const QList<int> sizes = m_splitter->sizes();
    if (const int total = sizes.value(0) + sizes.value(1); total > 0 && sizes.value(1) < total / 2)
        m_splitter->setSizes({total * 2 / 5, total - total * 2 / 5});
}

void RequestTab::sendSubscription(HttpClient *client, const Request &resolved)
{
    m_client = client;
    m_sent = resolved;
    const Result<WebSocketNetwork> network = webSocketNetworkOf(client, resolved);
    if (!network) {
        Response failed;
        failed.errorKind = ErrorKind::InvalidRequest;
        failed.errorMessage = network.error().message;
        m_viewer->showResponse(failed);
        emit exchangeFinished(resolved, failed);
        return;
    }
    // Over WebSocket (graphql-transport-ws), with the auth Send would use; its results show as
    // events in the stream view.
    const qsizetype maxEvents = Preferences::instance()->values().streamMaxEvents;
    m_subscription = std::make_unique<GraphQlSubscription>(
        resolved, network.value(), callContext(m_authServices, client, m_path, this), maxEvents);
    connect(m_subscription.get(), &GraphQlSubscription::finished, this,
            &RequestTab::onSubscriptionFinished);
    showStreamView(maxEvents);
    m_subscription->start();
    m_streamView->attach(m_subscription.get());
    m_editor->setBusy(true);
    emit stateChanged();
    emit streamStarted(
        tr("Subscribing over %1…").arg(redactUrl(graphQlSubscriptionUrl(resolved.url))));
}

void RequestTab::onSubscriptionFinished(const Response &response)
{
    // Inside the subscription's own signal: it goes once control is back in the event loop.
    m_authSecrets = m_subscription->authSecretValues();
    m_subscription.release()->deleteLater();
    m_editor->setBusy(false);
    emit stateChanged();
    emit exchangeFinished(m_sent, response);
}

void RequestTab::removeStreamView()
{
    if (!m_streamView)
        return;
    m_splitter->replaceWidget(m_splitter->indexOf(m_streamView), m_viewer);
    m_viewer->show();
    m_streamView->deleteLater(); // replaceWidget() left it without a parent
    m_streamView = nullptr;
}

void RequestTab::onCallFinished(const Response &response)
{
    // We are inside the call's own signal: it is deleted once control returns to the loop.
    AuthCall *call = m_call.release();
    call->deleteLater();
    m_authSecrets = call->tokenValues();
    m_editor->setBusy(false);
    m_viewer->showResponse(response);
    emit stateChanged();
    // History keeps the request with its auth settings (secrets redacted), never the token or
    // signature.
    emit exchangeFinished(call->request(), response);
}

} // namespace Patchbay::Ui
