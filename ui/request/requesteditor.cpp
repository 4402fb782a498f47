#include "ui/request/requesteditor.h"

#include "core/interop/curlimport.h"
#include "ui/auth/autheditor.h"
#include "ui/common/theme.h"
#include "ui/request/keyvaluemodel.h"
#include "ui/request/keyvaluetableview.h"
#include "ui/request/requestbodypane.h"
#include "ui/request/requestheaderspane.h"
#include "ui/request/requestsettingspane.h"
#include "ui/request/urllineedit.h"
#include "ui/request/urlquery.h"
#include "ui/websocket/websocketrequestpage.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Patchbay::Ui {

using namespace UrlQuery;

namespace {

// A section page that scrolls when the window is too small for it (800x600), instead of making
// the whole window taller or wider than the screen. It fills the space when there is more.
QWidget *scrollable(QWidget *page)
{
    auto *area = new QScrollArea; // owned by the tab widget it is added to
    area->setWidget(page);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    // Only the page's controls take focus; the area follows them (focusNextPrevChild).
    area->setFocusPolicy(Qt::NoFocus);
    return area;
}

QFrame *makeBanner(QWidget *parent, QLabel **label, const QString &objectName)
{
    auto *frame = new QFrame(parent); // owned by parent
    frame->setObjectName(objectName);
    auto *layout = new QHBoxLayout(frame);
    layout->setContentsMargins(10, 6, 6, 6);
    *label = new QLabel(frame); // owned by frame
    (*label)->setWordWrap(true);
    (*label)->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(*label, 1);
    return frame;
}

void styleBanner(QFrame *frame, bool warning)
{
    frame->setProperty("warning", warning);
    const bool dark = Theme::isDark(frame->palette());
    QColor background, border, text;
    if (warning) {
        const Theme::Mark bar = Theme::warningBar(frame->palette());
        background = bar.fill;
        text = bar.text;
        border = dark ? QColor(0x8a6420) : QColor(0xe8c060);
    } else {
        background = dark ? QColor(0x1d3348) : QColor(0xe7f1fd);
        border = dark ? QColor(0x2f5a82) : QColor(0xa9cbf2);
        text = dark ? QColor(0xcfe5ff) : QColor(0x0b3c6e);
    }
    frame->setStyleSheet(
        QStringLiteral("QFrame#%1 { background: %2; border: 1px solid %3; "
                       "border-radius: 5px; } QFrame#%1 QLabel { color: %4; "
                       "background: transparent; border: none; }")
            .arg(frame->objectName(), background.name(), border.name(), text.name()));
}

} // namespace

void RequestEditor::setVariableLookup(VariableLookup lookup)
{
    m_url->setVariableLookup(lookup);
    m_paramsView->setVariableLookup(lookup);
    m_headers->setVariableLookup(lookup);
    m_body->setVariableLookup(lookup);
    m_auth->setVariableLookup(lookup);
    m_settings->setVariableLookup(lookup);
}

RequestNetworkOptions *RequestEditor::networkOptions() const
{
    return m_settings->networkOptions();
}

GraphQlEditor *RequestEditor::graphQlEditor() const
{
    return m_body->graphQlEditor();
}

int RequestEditor::addPage(QWidget *page, const QString &title)
{
    return m_tabs->addTab(scrollable(page), title);
}

void RequestEditor::setPageTitle(int index, const QString &title)
{
    if (index > SettingsTab)
        m_tabs->setTabText(index, title);
}

QColor RequestEditor::methodColor(const QString &method, const QPalette &palette)
{
    return Theme::methodColor(method.toUpper(), palette);
}

void RequestEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) { // the theme changed: our own colours follow
        styleBanner(m_tlsBanner, true);
        styleBanner(m_notice, m_notice->property("warning").toBool());
    }
}

RequestEditor::RequestEditor(QWidget *parent)
    : QWidget(parent)
    , m_automaticHeadersTimer(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 6);
    layout->setSpacing(8);
    layout->addWidget(createTopRow());

    m_notice = makeBanner(this, &m_noticeText, QStringLiteral("importNotice"));
    auto *closeNotice = new QToolButton(m_notice); // owned by the banner
    closeNotice->setAutoRaise(true);
    closeNotice->setText(QStringLiteral("✕"));
    closeNotice->setToolTip(tr("Dismiss"));
    connect(closeNotice, &QToolButton::clicked, m_notice, &QWidget::hide);
    static_cast<QHBoxLayout *>(m_notice->layout())->addWidget(closeNotice, 0, Qt::AlignTop);
    m_notice->hide();
    layout->addWidget(m_notice);

    QLabel *tlsText = nullptr;
    m_tlsBanner = makeBanner(this, &tlsText, QStringLiteral("tlsWarning"));
    tlsText->setText(QStringLiteral("⚠ ")
                     + tr("TLS certificate verification is off: responses could come from an "
                          "impostor"));
    m_tlsBanner->hide();
    styleBanner(m_tlsBanner, true);
    layout->addWidget(m_tlsBanner);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("requestTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(scrollable(createParamsTab()), QString());
    m_headers = new RequestHeadersPane(this);
    connect(m_headers, &RequestHeadersPane::edited, this, &RequestEditor::onEdited);
    m_tabs->addTab(scrollable(m_headers), QString());
    m_body = new RequestBodyPane(this);
    connect(m_body, &RequestBodyPane::edited, this, &RequestEditor::onEdited);
    m_tabs->addTab(scrollable(m_body), QString());
    m_tabs->addTab(scrollable(createAuthTab()), QString());
    m_settings = new RequestSettingsPane(this);
    connect(m_settings, &RequestSettingsPane::edited, this, &RequestEditor::onEdited);
    connect(m_settings, &RequestSettingsPane::tlsVerificationChanged, m_tlsBanner,
            [this](bool verify) { m_tlsBanner->setVisible(!verify); });
    m_tabs->addTab(scrollable(m_settings), QString());
    m_webSocketPage = new WebSocketRequestPage(this);
    m_webSocketPage->setObjectName(QStringLiteral("webSocketPage"));
    m_webSocketTab = m_tabs->addTab(m_webSocketPage, tr("Messages"));
    connect(m_webSocketPage, &WebSocketRequestPage::edited, this, &RequestEditor::onEdited);
    layout->addWidget(m_tabs, 1);
    describeControls();
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == HeadersTab)
            refreshAutomaticHeaders();
    });

    // Ctrl+Return / Ctrl+Enter, Esc and Ctrl+Shift+F are handled by eventFilter(), not by
    // QShortcuts: the main window binds the same keys, and two shortcuts on one key are
    // "ambiguous" in Qt, which then triggers neither of them on every other key press.
    qApp->installEventFilter(this);

    m_automaticHeadersTimer->setSingleShot(true);
    m_automaticHeadersTimer->setInterval(200);
    connect(m_automaticHeadersTimer, &QTimer::timeout, this,
            &RequestEditor::refreshAutomaticHeaders);

    setRequest(Core::Request {});
}

RequestEditor::~RequestEditor()
{
    // Closing the window commits an open cell editor; its signals must not reach a half-destroyed
    // editor.
    const QList<QObject *> children = findChildren<QObject *>();
    for (QObject *child : children)
        disconnect(child, nullptr, this, nullptr);
}

QWidget *RequestEditor::createTopRow()
{
    m_bar = new RequestBar(this);
    m_method = m_bar->methodCombo();
    m_url = m_bar->urlEdit();
    connect(m_bar, &RequestBar::methodChanged, this, [this] {
        updateKind();
        onEdited();
    });
    connect(m_bar, &RequestBar::sendClicked, this, &RequestEditor::onSendClicked);
    connect(m_url, &QLineEdit::textEdited, this, &RequestEditor::onUrlEdited);
    connect(m_url, &UrlLineEdit::curlPasted, this, &RequestEditor::onCurlPasted);
    connect(m_url, &QLineEdit::returnPressed, this, [this] {
        if (!m_busy)
            emit sendRequested();
    });
    return m_bar;
}

QWidget *RequestEditor::createParamsTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 8, 0, 0);
    m_paramsModel = new KeyValueModel(page);
    m_paramsModel->setNamePlaceholder(tr("Add a parameter"));
    m_paramsView = new KeyValueTableView(page);
    m_paramsView->setObjectName(QStringLiteral("paramsTable"));
    m_paramsView->setKeyValueModel(m_paramsModel);
    layout->addWidget(m_paramsView);
    connect(m_paramsModel, &KeyValueModel::rowsEdited, this, &RequestEditor::onParamsEdited);
    return page;
}

QWidget *RequestEditor::createAuthTab()
{
    m_auth = new AuthEditor(AuthEditor::Owner::Request, this);
    connect(m_auth, &AuthEditor::edited, this, [this] {
        updateTabTitles();
        onEdited();
    });
    return m_auth;
}

Core::Request RequestEditor::request() const
{
    Core::Request r = m_base;
    const QString method = m_method->currentText().trimmed().toUpper();
    r.method = method.isEmpty() || method == webSocketMethod() ? QStringLiteral("GET") : method;
    r.kind = method == webSocketMethod() ? Core::RequestKind::WebSocket : Core::RequestKind::Http;
    r.websocket = m_webSocketPage->options();

    const UrlParts parts = splitUrl(m_url->text().trimmed());
    r.url = parts.base + parts.fragment;
    r.params = withoutBlankRows(m_paramsModel->rows());
    r.headers = m_headers->headers();
    r.body = m_body->body();
    r.auth = m_auth->auth();
    m_settings->applyTo(r.settings);
    return r;
}

void RequestEditor::setRequest(const Core::Request &request)
{
    m_loading = true;
    m_base = request;

    const QString method = request.kind == Core::RequestKind::WebSocket
        ? webSocketMethod()
        : request.method.trimmed().toUpper();
    m_bar->setMethod(method);

    const UrlParts parts = splitUrl(request.url);
    Core::KeyValueList params = parts.hasQuery ? decodeQuery(parts.query) : Core::KeyValueList();
    params += request.params;
    m_paramsModel->setRows(params);
    m_url->setText(composeUrl(parts, params));
    m_url->setCursorPosition(0);
    m_lastUrlText = m_url->text();

    m_headers->setHeaders(request.headers);
    m_body->setBody(request.body);
    m_webSocketPage->setOptions(request.websocket);
    m_auth->setAuth(request.auth);
    m_settings->setSettings(request.settings);

    updateKind();
    updateTabTitles();
    // Open on what matters for this request: an update's body rather than an empty table.
    if (request.kind == Core::RequestKind::WebSocket) {
        if (m_tabs->currentIndex() == BodyTab)
            m_tabs->setCurrentIndex(m_webSocketTab);
    } else if (request.body.mode != Core::BodyMode::None && m_paramsModel->filledRowCount() == 0)
        m_tabs->setCurrentIndex(BodyTab);
    else if (m_tabs->currentIndex() == BodyTab && request.body.mode == Core::BodyMode::None)
        m_tabs->setCurrentIndex(ParamsTab);
    m_loading = false;
    scheduleAutomaticHeaders();
}

void RequestEditor::focusUrl()
{
    m_url->setFocus(Qt::ShortcutFocusReason);
    m_url->selectAll();
}

void RequestEditor::formatBody()
{
    m_body->format();
}

bool RequestEditor::confirmSendIfInvalid()
{
    if (isWebSocket())
        return true; // a WebSocket handshake sends no body
    const std::optional<Core::JsonSyntaxError> error = m_body->jsonSyntaxError();
    if (!error)
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Invalid JSON Body"),
                    tr("The JSON body is not valid (%1:%2 %3). Send anyway?")
                        .arg(error->line)
                        .arg(error->column)
                        .arg(error->message),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("invalidJsonConfirmation"));
    QPushButton *send = box.addButton(tr("Send Anyway"), QMessageBox::AcceptRole);
    QPushButton *fix = box.addButton(tr("Fix the Body"), QMessageBox::RejectRole);
    box.setDefaultButton(fix);
    box.setEscapeButton(fix);
    box.exec();
    if (box.clickedButton() == send)
        return true;
    m_tabs->setCurrentIndex(BodyTab);
    m_body->focusText();
    return false;
}

void RequestEditor::setBusy(bool busy)
{
    m_busy = busy;
    if (!busy)
        m_connection = Connection::Closed;
    else if (m_connection == Connection::Closed)
        m_connection = Connection::Open;
    m_bar->setSendState(m_busy, m_connection);
}

void RequestEditor::setConnection(Connection connection)
{
    m_connection = connection;
    m_busy = connection != Connection::Closed;
    m_bar->setSendState(m_busy, m_connection);
}

RequestEditor::KeyAction RequestEditor::keyActionFor(const QKeyEvent *event) const
{
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    const int key = event->key();
    if ((key == Qt::Key_Return || key == Qt::Key_Enter) && modifiers == Qt::ControlModifier)
        return KeyAction::Send;
    if (key == Qt::Key_Escape && modifiers == Qt::NoModifier && m_busy)
        return KeyAction::Cancel;
    if (key == Qt::Key_F && modifiers == (Qt::ControlModifier | Qt::ShiftModifier))
        return KeyAction::Format;
    return KeyAction::None;
}

bool RequestEditor::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if ((type != QEvent::ShortcutOverride && type != QEvent::KeyPress) || !watched->isWidgetType())
        return QWidget::eventFilter(watched, event);
    auto *widget = static_cast<QWidget *>(watched);
    if (widget != this && !isAncestorOf(widget))
        return QWidget::eventFilter(watched, event);
    const KeyAction action = keyActionFor(static_cast<QKeyEvent *>(event));
    if (action == KeyAction::None)
        return QWidget::eventFilter(watched, event);
    // A window with an action for this key (the main window's Send, Cancel, Format) acts: one
    // binding per key.
    const QKeySequence key(static_cast<QKeyEvent *>(event)->keyCombination());
    const QList<QAction *> windowActions = window()->actions();
    if (std::any_of(windowActions.cbegin(), windowActions.cend(),
                    [&key](const QAction *a) { return a->shortcuts().contains(key); }))
        return QWidget::eventFilter(watched, event);
    // Accepting the override keeps Qt from looking for shortcuts (the main window's included);
    // the key press that follows is then handled here, once, and kept from the focus widget.
    event->accept();
    if (type == QEvent::KeyPress) {
        switch (action) {
        case KeyAction::Send:
            if (!m_busy)
                emit sendRequested();
            break;
        case KeyAction::Cancel:
            emit cancelRequested();
            break;
        case KeyAction::Format:
            formatBody();
            break;
        case KeyAction::None:
            break;
        }
    }
    return true;
}

void RequestEditor::onSendClicked()
{
    if (m_busy)
        emit cancelRequested();
    else
        emit sendRequested();
}

bool RequestEditor::isWebSocket() const
{
    return m_bar->isWebSocket();
}

void RequestEditor::updateKind()
{
    if (!m_tabs || m_webSocketTab < 0)
        return; // still being built
    const bool webSocket = isWebSocket();
    if (m_tabs->isTabVisible(m_webSocketTab) == webSocket
        && m_tabs->isTabVisible(BodyTab) != webSocket)
        return;
    m_tabs->setTabVisible(BodyTab, !webSocket);
    m_tabs->setTabVisible(m_webSocketTab, webSocket);
    m_bar->setSendState(m_busy, m_connection); // Send or Connect
    emit kindChanged();
}

void RequestEditor::onUrlEdited(const QString &text)
{
    // A curl command that arrived in one go by a route other than Ctrl+V (middle click, drop),
    // never one being typed by hand.
    const bool arrivedAtOnce = text.size() - m_lastUrlText.size() > 8;
    m_lastUrlText = text;
    if (arrivedAtOnce && Core::looksLikeCurlCommand(text)) {
        const Core::Result<Core::CurlImport> imported = Core::parseCurlCommand(text);
        if (imported && !imported->request.url.isEmpty()
            && imported->request.url.contains(QLatin1String("://"))) {
            onCurlPasted(text);
            return;
        }
    }
    const UrlParts parts = splitUrl(text);
    const Core::KeyValueList rows = mergeQuery(
        m_paramsModel->rows(), parts.hasQuery ? decodeQuery(parts.query) : Core::KeyValueList());
    m_paramsModel->setRows(rows); // setRows() does not emit rowsEdited: no loop back
    // A ws:// or wss:// URL typed into a GET request makes it a WebSocket request, and an
    // http(s):// one typed into a WebSocket request makes it a GET again.
    const QString scheme = text.trimmed().section(QLatin1String("://"), 0, 0).toLower();
    const bool webSocketUrl = scheme == QLatin1String("ws") || scheme == QLatin1String("wss");
    const bool httpUrl = scheme == QLatin1String("http") || scheme == QLatin1String("https");
    const QString method = m_method->currentText().trimmed().toUpper();
    if (webSocketUrl && method == QLatin1String("GET"))
        m_method->setCurrentIndex(m_method->findText(webSocketMethod()));
    else if (httpUrl && method == webSocketMethod())
        m_method->setCurrentIndex(m_method->findText(QStringLiteral("GET")));
    onEdited();
}

void RequestEditor::onParamsEdited()
{
    const UrlParts parts = splitUrl(m_url->text());
    const QString url = composeUrl(parts, m_paramsModel->rows());
    if (url != m_url->text()) {
        const int cursor = m_url->cursorPosition();
        m_url->setText(url); // setText() does not emit textEdited: no loop back
        m_lastUrlText = url;
        m_url->setCursorPosition(std::min<int>(cursor, int(url.size())));
    }
    onEdited();
}

void RequestEditor::onCurlPasted(const QString &command)
{
    const Core::Result<Core::CurlImport> imported = Core::parseCurlCommand(command);
    if (!imported) {
        showNotice(tr("Could not import the curl command: %1").arg(imported.error().message), true);
        return;
    }
    setRequest(imported->request);
    if (!imported->request.body.text.isEmpty()
        || imported->request.body.mode != Core::BodyMode::None)
        m_tabs->setCurrentIndex(BodyTab);
    QString text = tr("Imported the curl command.");
    if (!imported->warnings.isEmpty())
        text += u' ' + imported->warnings.join(u' ');
    showNotice(text, !imported->warnings.isEmpty());
    emit requestChanged();
}

void RequestEditor::showNotice(const QString &text, bool warning)
{
    m_noticeText->setText(text);
    styleBanner(m_notice, warning);
    m_notice->show();
}

void RequestEditor::onEdited()
{
    if (m_loading)
        return;
    updateTabTitles();
    scheduleAutomaticHeaders();
    emit requestChanged();
}

void RequestEditor::updateTabTitles()
{
    const auto titled = [](const QString &name, int count) {
        return count > 0 ? QStringLiteral("%1 (%2)").arg(name).arg(count) : name;
    };
    m_tabs->setTabText(ParamsTab, titled(tr("Params"), enabledFilledCount(m_paramsModel->rows())));
    m_tabs->setTabText(HeadersTab, titled(tr("Headers"), m_headers->enabledCount()));
    m_tabs->setTabText(BodyTab,
                       m_body->mode() == Core::BodyMode::None
                           ? tr("Body")
                           : QStringLiteral("%1 · %2").arg(tr("Body"), m_body->modeText()));
    const auto auth = m_auth->auth().mode;
    m_tabs->setTabText(AuthTab,
                       auth == Core::AuthMode::None || auth == Core::AuthMode::Inherit
                           ? tr("Auth")
                           : QStringLiteral("%1 · %2").arg(tr("Auth"), m_auth->summary()));
    m_tabs->setTabText(SettingsTab, tr("Settings"));
}

void RequestEditor::scheduleAutomaticHeaders()
{
    if (m_tabs && m_tabs->currentIndex() == HeadersTab)
        m_automaticHeadersTimer->start();
}

void RequestEditor::refreshAutomaticHeaders()
{
    m_automaticHeadersTimer->stop();
    m_headers->showAutomaticHeaders(request());
}

} // namespace Patchbay::Ui
