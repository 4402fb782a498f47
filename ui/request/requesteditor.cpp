#include "ui/request/requesteditor.h"

#include "core/http/preparedrequest.h"
#include "core/interop/curlimport.h"
#include "ui/auth/autheditor.h"
#include "ui/common/theme.h"
#include "ui/graphql/graphqleditor.h"
#include "ui/network/requestnetworkoptions.h"
#include "ui/request/jsonbodyeditor.h"
#include "ui/request/keyvaluemodel.h"
#include "ui/request/keyvaluetableview.h"
#include "ui/request/multipartfieldseditor.h"
#include "ui/request/urllineedit.h"
#include "ui/websocket/websocketrequestpage.h"

#include <Qsci/qsciscintilla.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {

const QStringList &standardMethods()
{
    static const QStringList methods = {
        QStringLiteral("GET"),     QStringLiteral("POST"),   QStringLiteral("PUT"),
        QStringLiteral("PATCH"),   QStringLiteral("DELETE"), QStringLiteral("HEAD"),
        QStringLiteral("OPTIONS"),
    };
    return methods;
}

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

// --- URL query <-> params rows -------------------------------------------------------------

struct UrlParts
{
    QString base; // scheme, host and path: everything before '?' (or '#')
    QString query; // without '?'
    QString fragment; // with '#', or empty
    bool hasQuery = false;
};

UrlParts splitUrl(const QString &text)
{
    UrlParts parts;
    const qsizetype hash = text.indexOf(u'#');
    const qsizetype question = text.indexOf(u'?');
    const qsizetype baseEnd = question >= 0 && (hash < 0 || question < hash) ? question : hash;
    parts.base = baseEnd < 0 ? text : text.left(baseEnd);
    if (hash >= 0)
        parts.fragment = text.mid(hash);
    if (question >= 0 && (hash < 0 || question < hash)) {
        parts.hasQuery = true;
        parts.query = text.mid(question + 1, (hash < 0 ? text.size() : hash) - question - 1);
    }
    return parts;
}

QString decodeComponent(QString text)
{
    text.replace(u'+', u' ');
    return QUrl::fromPercentEncoding(text.toUtf8());
}

Core::KeyValueList decodeQuery(const QString &query)
{
    Core::KeyValueList rows;
    const QStringList pairs = query.split(u'&', Qt::SkipEmptyParts);
    for (const QString &pair : pairs) {
        const qsizetype eq = pair.indexOf(u'=');
        Core::KeyValue kv;
        kv.name = decodeComponent(eq < 0 ? pair : pair.left(eq));
        kv.value = eq < 0 ? QString() : decodeComponent(pair.mid(eq + 1));
        kv.hasValue = eq >= 0; // ?flag is not ?flag=
        rows << kv;
    }
    return rows;
}

// Encodes only what would change how the query reads back, so the URL stays readable.
QString encodeComponent(const QString &text, bool isName)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'%' || u == u'&' || u == u'#' || u == u'+' || u == u' ' || (isName && u == u'=')
            || u < 0x20 || u == 0x7f) {
            out += QStringLiteral("%%1").arg(uint(u), 2, 16, QLatin1Char('0')).toUpper();
        } else {
            out += c;
        }
    }
    return out;
}

bool isBlank(const Core::KeyValue &kv)
{
    return kv.name.isEmpty() && kv.value.isEmpty();
}

QString encodeQuery(const Core::KeyValueList &rows)
{
    QStringList pairs;
    for (const Core::KeyValue &kv : rows) {
        if (!kv.enabled || isBlank(kv))
            continue;
        pairs << (kv.hasValue
                      ? encodeComponent(kv.name, true) + u'=' + encodeComponent(kv.value, false)
                      : encodeComponent(kv.name, true));
    }
    return pairs.join(u'&');
}

QString composeUrl(const UrlParts &parts, const Core::KeyValueList &rows)
{
    const QString query = encodeQuery(rows);
    return parts.base + (query.isEmpty() ? QString() : u'?' + query) + parts.fragment;
}

// The URL's query replaces the enabled rows in order; disabled rows keep their places.
Core::KeyValueList mergeQuery(const Core::KeyValueList &rows, const Core::KeyValueList &query)
{
    Core::KeyValueList merged;
    qsizetype next = 0;
    for (const Core::KeyValue &kv : rows) {
        if (!kv.enabled) {
            merged << kv;
        } else if (isBlank(kv)) {
            continue;
        } else if (next < query.size()) {
            merged << query.at(next++);
        }
    }
    for (; next < query.size(); ++next)
        merged << query.at(next);
    return merged;
}

Core::KeyValueList withoutBlankRows(const Core::KeyValueList &rows)
{
    Core::KeyValueList out;
    for (const Core::KeyValue &kv : rows) {
        if (!isBlank(kv))
            out << kv;
    }
    return out;
}

int enabledFilledCount(const Core::KeyValueList &rows)
{
    int count = 0;
    for (const Core::KeyValue &kv : rows) {
        if (kv.enabled && !isBlank(kv))
            ++count;
    }
    return count;
}

// --- Header completion ---------------------------------------------------------------------

QStringList headerNames()
{
    return {QStringLiteral("Accept"),
            QStringLiteral("Accept-Encoding"),
            QStringLiteral("Accept-Language"),
            QStringLiteral("Authorization"),
            QStringLiteral("Cache-Control"),
            QStringLiteral("Connection"),
            QStringLiteral("Content-Encoding"),
            QStringLiteral("Content-Language"),
            QStringLiteral("Content-Type"),
            QStringLiteral("Cookie"),
            QStringLiteral("If-Match"),
            QStringLiteral("If-Modified-Since"),
            QStringLiteral("If-None-Match"),
            QStringLiteral("If-Unmodified-Since"),
            QStringLiteral("Origin"),
            QStringLiteral("Prefer"),
            QStringLiteral("Range"),
            QStringLiteral("Referer"),
            QStringLiteral("User-Agent"),
            QStringLiteral("X-API-Key"),
            QStringLiteral("X-HTTP-Method-Override"),
            QStringLiteral("X-Request-ID"),
            QStringLiteral("X-Requested-With")};
}

QStringList headerValues(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("content-type") || n == QLatin1String("accept")) {
        QStringList values = {QStringLiteral("application/json"),
                              QStringLiteral("application/merge-patch+json"),
                              QStringLiteral("application/json-patch+json"),
                              QStringLiteral("application/problem+json"),
                              QStringLiteral("application/x-www-form-urlencoded"),
                              QStringLiteral("application/xml"),
                              QStringLiteral("multipart/form-data"),
                              QStringLiteral("text/plain"),
                              QStringLiteral("text/html")};
        if (n == QLatin1String("accept"))
            values << QStringLiteral("*/*");
        return values;
    }
    if (n == QLatin1String("cache-control"))
        return {QStringLiteral("no-cache"), QStringLiteral("no-store"), QStringLiteral("max-age=0"),
                QStringLiteral("must-revalidate")};
    if (n == QLatin1String("authorization"))
        return {QStringLiteral("Bearer "), QStringLiteral("Basic ")};
    if (n == QLatin1String("accept-encoding"))
        return {QStringLiteral("gzip"), QStringLiteral("deflate"), QStringLiteral("br"),
                QStringLiteral("identity")};
    if (n == QLatin1String("prefer"))
        return {QStringLiteral("return=representation"), QStringLiteral("return=minimal"),
                QStringLiteral("respond-async")};
    if (n == QLatin1String("if-match") || n == QLatin1String("if-none-match"))
        return {QStringLiteral("*"), QStringLiteral("\"\""), QStringLiteral("W/\"\"")};
    if (n == QLatin1String("connection"))
        return {QStringLiteral("keep-alive"), QStringLiteral("close")};
    if (n == QLatin1String("x-http-method-override"))
        return {QStringLiteral("PATCH"), QStringLiteral("PUT"), QStringLiteral("DELETE")};
    if (n == QLatin1String("x-requested-with"))
        return {QStringLiteral("XMLHttpRequest")};
    return {};
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
    if (m_variableHints.isEmpty()) {
        for (QLineEdit *edit : {m_contentType, m_binaryPath})
            m_variableHints.append(new LineEditVariableHints(edit)); // owned by the edit
        for (QLineEdit *edit : m_network->textFields())
            m_variableHints.append(new LineEditVariableHints(edit)); // owned by the edit
    }
    m_url->setVariableLookup(lookup);
    for (KeyValueTableView *view : {m_paramsView, m_headersView, m_formView})
        view->setVariableLookup(lookup);
    m_bodyText->setVariableLookup(lookup);
    m_graphql->setVariableLookup(lookup);
    m_auth->setVariableLookup(lookup);
    for (LineEditVariableHints *hints : std::as_const(m_variableHints))
        hints->setLookup(lookup);
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
        updateMethodColour();
        updateSendColours();
        styleBanner(m_tlsBanner, true);
        styleBanner(m_notice, m_notice->property("warning").toBool());
    }
}

// Send stands out in the accent colour; set from our palette, so it follows the theme.
void RequestEditor::updateSendColours()
{
    if (!m_send)
        return;
    QPalette sendPalette = m_send->palette();
    sendPalette.setColor(QPalette::Button, palette().color(QPalette::Highlight));
    sendPalette.setColor(QPalette::ButtonText, palette().color(QPalette::HighlightedText));
    m_send->setPalette(sendPalette);
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
    m_tabs->addTab(scrollable(createHeadersTab()), QString());
    m_tabs->addTab(scrollable(createBodyTab()), QString());
    m_tabs->addTab(scrollable(createAuthTab()), QString());
    m_tabs->addTab(scrollable(createSettingsTab()), QString());
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
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    m_method = new QComboBox(row);
    m_method->setObjectName(QStringLiteral("methodCombo"));
    m_method->setEditable(true);
    m_method->setInsertPolicy(QComboBox::NoInsert);
    m_method->addItems(standardMethods());
    // Not an HTTP method: the request's kind (docs/STREAMS.md). The handshake is a GET.
    m_method->insertSeparator(m_method->count());
    m_method->addItem(webSocketMethod());
    m_method->setItemData(m_method->count() - 1, tr("WebSocket: connect to a ws:// or wss:// URL"),
                          Qt::ToolTipRole);
    m_method->setToolTip(tr("HTTP method: pick one or type your own (such as PURGE)"));
    // RFC 9110 token characters.
    m_method->setValidator(new QRegularExpressionValidator( // owned by the combo
        QRegularExpression(QStringLiteral("[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,32}")), m_method));
    QFont methodFont = m_method->font();
    methodFont.setBold(true);
    m_method->setFont(methodFont);
    m_method->setMinimumWidth(m_method->fontMetrics().horizontalAdvance(QStringLiteral("OPTIONS"))
                              + 56);
    m_method->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    connect(m_method->lineEdit(), &QLineEdit::textEdited, this, &RequestEditor::onMethodEdited);
    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        updateMethodColour();
        updateKind();
        onEdited();
    });
    layout->addWidget(m_method);

    m_url = new UrlLineEdit(row);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(tr("Enter a URL, or paste a curl command"));
    m_url->setClearButtonEnabled(true);
    connect(m_url, &QLineEdit::textEdited, this, &RequestEditor::onUrlEdited);
    connect(m_url, &UrlLineEdit::curlPasted, this, &RequestEditor::onCurlPasted);
    connect(m_url, &QLineEdit::returnPressed, this, [this] {
        if (!m_busy)
            emit sendRequested();
    });
    layout->addWidget(m_url, 1);

    m_send = new QPushButton(tr("Send"), row);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setToolTip(
        tr("Send the request (%1)")
            .arg(QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText)));
    m_send->setMinimumWidth(96);
    QFont sendFont = m_send->font();
    sendFont.setBold(true);
    m_send->setFont(sendFont);
    updateSendColours();
    connect(m_send, &QPushButton::clicked, this, &RequestEditor::onSendClicked);
    layout->addWidget(m_send);

    // The three controls share one height so the row reads as a single bar.
    const int height = std::max({m_method->sizeHint().height(), m_url->sizeHint().height(),
                                 m_send->sizeHint().height()})
        + 6;
    m_method->setFixedHeight(height);
    m_url->setFixedHeight(height);
    m_send->setFixedHeight(height);
    return row;
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

QWidget *RequestEditor::createHeadersTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(6);
    m_headersModel = new KeyValueModel(page);
    m_headersModel->setNamePlaceholder(tr("Add a header"));
    m_headersView = new KeyValueTableView(page);
    m_headersView->setObjectName(QStringLiteral("headersTable"));
    m_headersView->setKeyValueModel(m_headersModel);
    m_headersView->setCompletions(headerNames(), &headerValues);
    layout->addWidget(m_headersView, 3);
    connect(m_headersModel, &KeyValueModel::rowsEdited, this, &RequestEditor::onEdited);

    auto *title = new QLabel(tr("Sent automatically"), page);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setToolTip(tr("Headers Patchbay adds from the body, the auth settings and its "
                         "defaults. A header of the same name in the table above replaces "
                         "User-Agent, Accept and Content-Type."));
    layout->addWidget(title);

    // An empty first column lines the names up with the table above.
    m_automaticHeaders = new QTableWidget(0, 3, page);
    m_automaticHeaders->setObjectName(QStringLiteral("automaticHeaders"));
    m_automaticHeaders->setHorizontalHeaderLabels({QString(), tr("Name"), tr("Value")});
    m_automaticHeaders->horizontalHeader()->hide();
    m_automaticHeaders->verticalHeader()->hide();
    m_automaticHeaders->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_automaticHeaders->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_automaticHeaders->horizontalHeader()->resizeSection(0, 32);
    m_automaticHeaders->horizontalHeader()->resizeSection(1, 220);
    m_automaticHeaders->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_automaticHeaders->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_automaticHeaders->horizontalHeader()->setStretchLastSection(true);
    m_automaticHeaders->setShowGrid(false);
    m_automaticHeaders->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_automaticHeaders->setSelectionMode(QAbstractItemView::NoSelection);
    m_automaticHeaders->setFocusPolicy(Qt::NoFocus);
    m_automaticHeaders->setFrameShape(QFrame::NoFrame);
    m_automaticHeaders->setToolTip(title->toolTip());
    layout->addWidget(m_automaticHeaders);

    m_automaticHeadersNote = new QLabel(page);
    m_automaticHeadersNote->setWordWrap(true);
    m_automaticHeadersNote->hide();
    layout->addWidget(m_automaticHeadersNote);
    return page;
}

QWidget *RequestEditor::createBodyTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(6);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(8);
    m_bodyMode = new QComboBox(page);
    m_bodyMode->setObjectName(QStringLiteral("bodyModeCombo"));
    m_bodyMode->addItem(tr("None"), int(Core::BodyMode::None));
    m_bodyMode->addItem(tr("JSON"), int(Core::BodyMode::Json));
    m_bodyMode->addItem(tr("Text"), int(Core::BodyMode::Text));
    m_bodyMode->addItem(tr("Form URL-encoded"), int(Core::BodyMode::FormUrlEncoded));
    m_bodyMode->addItem(tr("Multipart form"), int(Core::BodyMode::Multipart));
    m_bodyMode->addItem(tr("Binary file"), int(Core::BodyMode::BinaryFile));
    m_bodyMode->addItem(tr("GraphQL"), int(Core::BodyMode::GraphQl));
    auto *modeLabel = new QLabel(tr("Body:"), page);
    modeLabel->setBuddy(m_bodyMode);
    bar->addWidget(modeLabel);
    bar->addWidget(m_bodyMode);
    bar->addSpacing(12);
    m_contentTypeLabel = new QLabel(tr("Content-Type:"), page);
    m_contentType = new QLineEdit(page);
    m_contentType->setObjectName(QStringLiteral("bodyContentType"));
    m_contentType->setPlaceholderText(QStringLiteral("text/plain"));
    m_contentType->setMinimumWidth(220);
    m_contentTypeLabel->setBuddy(m_contentType);
    bar->addWidget(m_contentTypeLabel);
    bar->addWidget(m_contentType);
    bar->addStretch(1);
    layout->addLayout(bar);
    connect(m_bodyMode, &QComboBox::currentIndexChanged, this, [this] {
        updateBodyPage();
        onEdited();
    });
    connect(m_contentType, &QLineEdit::textEdited, this, &RequestEditor::onEdited);

    m_bodyStack = new QStackedWidget(page);
    m_noBodyPage = new QLabel(tr("This request has no body."), m_bodyStack);
    static_cast<QLabel *>(m_noBodyPage)->setAlignment(Qt::AlignCenter);
    static_cast<QLabel *>(m_noBodyPage)->setEnabled(false);
    m_bodyStack->addWidget(m_noBodyPage);

    m_bodyText = new JsonBodyEditor(m_bodyStack);
    m_bodyText->setObjectName(QStringLiteral("bodyEditor"));
    m_bodyStack->addWidget(m_bodyText);
    connect(m_bodyText, &JsonBodyEditor::textEdited, this, &RequestEditor::onEdited);

    m_formModel = new KeyValueModel(page);
    m_formModel->setNamePlaceholder(tr("Add a field"));
    m_formView = new KeyValueTableView(m_bodyStack);
    m_formView->setObjectName(QStringLiteral("formTable"));
    m_formView->setKeyValueModel(m_formModel);
    m_bodyStack->addWidget(m_formView);
    connect(m_formModel, &KeyValueModel::rowsEdited, this, &RequestEditor::onEdited);

    m_multipart = new MultipartFieldsEditor(m_bodyStack);
    m_multipart->setObjectName(QStringLiteral("multipartEditor"));
    m_bodyStack->addWidget(m_multipart);
    connect(m_multipart, &MultipartFieldsEditor::fieldsEdited, this, &RequestEditor::onEdited);

    m_binaryPage = new QWidget(m_bodyStack);
    auto *binaryLayout = new QVBoxLayout(m_binaryPage);
    binaryLayout->setContentsMargins(0, 4, 0, 0);
    auto *pathRow = new QHBoxLayout;
    m_binaryPath = new QLineEdit(m_binaryPage);
    m_binaryPath->setObjectName(QStringLiteral("binaryPath"));
    m_binaryPath->setPlaceholderText(tr("Path of the file to send as the body"));
    m_binaryPath->setClearButtonEnabled(true);
    auto *choose = new QPushButton(QIcon::fromTheme(QStringLiteral("document-open")),
                                   tr("Choose File…"), m_binaryPage);
    pathRow->addWidget(m_binaryPath, 1);
    pathRow->addWidget(choose);
    binaryLayout->addLayout(pathRow);
    m_binaryInfo = new QLabel(m_binaryPage);
    m_binaryInfo->setObjectName(QStringLiteral("binaryInfo"));
    binaryLayout->addWidget(m_binaryInfo);
    binaryLayout->addStretch(1);
    m_bodyStack->addWidget(m_binaryPage);

    m_graphql = new GraphQlEditor(m_bodyStack);
    m_graphql->setObjectName(QStringLiteral("graphqlEditor"));
    m_bodyStack->addWidget(m_graphql);
    connect(m_graphql, &GraphQlEditor::edited, this, &RequestEditor::onEdited);
    connect(m_binaryPath, &QLineEdit::textEdited, this, [this] {
        updateBinaryFileInfo();
        onEdited();
    });
    connect(choose, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Choose the File to Send"), QFileInfo(m_binaryPath->text()).absolutePath());
        if (path.isEmpty())
            return;
        m_binaryPath->setText(path);
        updateBinaryFileInfo();
        onEdited();
    });

    layout->addWidget(m_bodyStack, 1);
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

QWidget *RequestEditor::createSettingsTab()
{
    auto *page = new QWidget(this);
    auto *outer = new QVBoxLayout(page);
    outer->setContentsMargins(4, 12, 4, 0);
    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto *timeoutRow = new QHBoxLayout;
    m_timeout = new QSpinBox(page);
    m_timeout->setObjectName(QStringLiteral("timeoutSpin"));
    m_timeout->setRange(0, 3600000);
    m_timeout->setSpecialValueText(tr("Never"));
    m_timeout->setAccelerated(true);
    m_timeout->setMinimumWidth(110);
    m_timeoutUnit = new QComboBox(page);
    m_timeoutUnit->setObjectName(QStringLiteral("timeoutUnit"));
    m_timeoutUnit->addItem(tr("seconds"), 1000);
    m_timeoutUnit->addItem(tr("milliseconds"), 1);
    timeoutRow->addWidget(m_timeout);
    timeoutRow->addWidget(m_timeoutUnit);
    timeoutRow->addStretch(1);
    form->addRow(tr("Timeout:"), timeoutRow);
    auto *timeoutHint = new QLabel(tr("The request fails when no data moves for this long."), page);
    timeoutHint->setEnabled(false);
    form->addRow(QString(), timeoutHint);

    auto *redirectRow = new QHBoxLayout;
    m_followRedirects = new QCheckBox(tr("Follow redirects, at most"), page);
    m_followRedirects->setObjectName(QStringLiteral("followRedirects"));
    m_maxRedirects = new QSpinBox(page);
    m_maxRedirects->setObjectName(QStringLiteral("maxRedirects"));
    m_maxRedirects->setRange(0, 100);
    m_maxRedirects->setSuffix(tr(" hops"));
    redirectRow->addWidget(m_followRedirects);
    redirectRow->addWidget(m_maxRedirects);
    redirectRow->addStretch(1);
    form->addRow(tr("Redirects:"), redirectRow);

    m_verifyTls = new QCheckBox(tr("Verify TLS certificates"), page);
    m_verifyTls->setObjectName(QStringLiteral("verifyTls"));
    form->addRow(tr("Security:"), m_verifyTls);
    outer->addLayout(form);
    m_network = new RequestNetworkOptions(page);
    outer->addWidget(m_network);
    connect(m_network, &RequestNetworkOptions::edited, this, &RequestEditor::onEdited);
    outer->addStretch(1);

    connect(m_timeoutUnit, &QComboBox::currentIndexChanged, this, [this] {
        // Keep the same duration when switching units.
        const int unit = m_timeoutUnit->currentData().toInt();
        const int previousUnit = unit == 1 ? 1000 : 1;
        const qint64 ms = qint64(m_timeout->value()) * previousUnit;
        if (!m_loading) {
            m_loading = true;
            m_timeout->setValue(int(unit == 1 ? ms : (ms + 999) / 1000));
            m_loading = false;
        }
        onEdited();
    });
    connect(m_timeout, &QSpinBox::valueChanged, this, &RequestEditor::onEdited);
    connect(m_followRedirects, &QCheckBox::toggled, this, [this] {
        updateSettingsState();
        onEdited();
    });
    connect(m_maxRedirects, &QSpinBox::valueChanged, this, &RequestEditor::onEdited);
    connect(m_verifyTls, &QCheckBox::toggled, this, [this] {
        updateSettingsState();
        onEdited();
    });
    return page;
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
    r.headers = withoutBlankRows(m_headersModel->rows());

    r.body.mode = Core::BodyMode(m_bodyMode->currentData().toInt());
    r.body.text = m_bodyText->text();
    r.body.contentType = m_contentType->text().trimmed();
    r.body.formFields = withoutBlankRows(m_formModel->rows());
    r.body.multipartFields = m_multipart->fields();
    r.body.filePath = m_binaryPath->text().trimmed();
    r.body.graphql = m_graphql->body();

    r.auth = m_auth->auth();

    r.settings.timeoutMs = m_timeout->value() * m_timeoutUnit->currentData().toInt();
    r.settings.followRedirects = m_followRedirects->isChecked();
    r.settings.maxRedirects = m_maxRedirects->value();
    r.settings.verifyTls = m_verifyTls->isChecked();
    m_network->applyTo(r.settings);
    return r;
}

void RequestEditor::setRequest(const Core::Request &request)
{
    m_loading = true;
    m_base = request;

    const QString method = request.kind == Core::RequestKind::WebSocket
        ? webSocketMethod()
        : request.method.trimmed().toUpper();
    const int methodIndex = m_method->findText(method);
    if (methodIndex >= 0)
        m_method->setCurrentIndex(methodIndex);
    m_method->setEditText(method.isEmpty() ? QStringLiteral("GET") : method);

    const UrlParts parts = splitUrl(request.url);
    Core::KeyValueList params = parts.hasQuery ? decodeQuery(parts.query) : Core::KeyValueList();
    params += request.params;
    m_paramsModel->setRows(params);
    m_url->setText(composeUrl(parts, params));
    m_url->setCursorPosition(0);
    m_lastUrlText = m_url->text();

    m_headersModel->setRows(request.headers);

    const Core::RequestBody &body = request.body;
    m_bodyMode->setCurrentIndex(std::max(0, m_bodyMode->findData(int(body.mode))));
    m_bodyText->setText(body.text);
    m_contentType->setText(body.contentType);
    m_formModel->setRows(body.formFields);
    m_multipart->setFields(body.multipartFields);
    m_binaryPath->setText(body.filePath);
    m_graphql->setBody(body.graphql);
    m_webSocketPage->setOptions(request.websocket);

    m_auth->setAuth(request.auth);

    const Core::RequestSettings &settings = request.settings;
    const bool wholeSeconds = settings.timeoutMs % 1000 == 0;
    m_timeoutUnit->setCurrentIndex(wholeSeconds ? 0 : 1);
    m_timeout->setValue(wholeSeconds ? settings.timeoutMs / 1000 : settings.timeoutMs);
    m_followRedirects->setChecked(settings.followRedirects);
    m_maxRedirects->setValue(settings.maxRedirects);
    m_verifyTls->setChecked(settings.verifyTls);
    m_network->setSettings(settings);

    updateMethodColour();
    updateKind();
    updateBodyPage();
    updateSettingsState();
    updateBinaryFileInfo();
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
    if (Core::BodyMode(m_bodyMode->currentData().toInt()) == Core::BodyMode::Json)
        m_bodyText->format();
}

bool RequestEditor::confirmSendIfInvalid()
{
    if (isWebSocket() || Core::BodyMode(m_bodyMode->currentData().toInt()) != Core::BodyMode::Json)
        return true; // a WebSocket handshake sends no body
    const std::optional<Core::JsonSyntaxError> error = m_bodyText->syntaxError();
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
    m_bodyText->textEditor()->setFocus();
    return false;
}

void RequestEditor::setBusy(bool busy)
{
    m_busy = busy;
    const QString keys = QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText);
    if (isWebSocket()) {
        m_send->setText(busy ? tr("Disconnect") : tr("Connect"));
        m_send->setToolTip(busy ? tr("Close the connection (Esc)") : tr("Connect (%1)").arg(keys));
    } else {
        m_send->setText(busy ? tr("Cancel") : tr("Send"));
        m_send->setToolTip(busy ? tr("Stop the request in flight (Esc)")
                                : tr("Send the request (%1)").arg(keys));
    }
    QPalette sendPalette = palette();
    if (!busy) {
        sendPalette.setColor(QPalette::Button, sendPalette.color(QPalette::Highlight));
        sendPalette.setColor(QPalette::ButtonText, sendPalette.color(QPalette::HighlightedText));
    }
    m_send->setPalette(sendPalette);
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

void RequestEditor::onMethodEdited(const QString &text)
{
    const QString upper = text.toUpper();
    if (upper != text) {
        QLineEdit *edit = m_method->lineEdit();
        const int cursor = edit->cursorPosition();
        edit->setText(upper);
        edit->setCursorPosition(cursor);
    }
    updateMethodColour();
    updateKind();
    onEdited();
}

bool RequestEditor::isWebSocket() const
{
    return m_method->currentText().trimmed().compare(webSocketMethod(), Qt::CaseInsensitive) == 0;
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
    setBusy(m_busy); // Send or Connect
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

void RequestEditor::updateMethodColour()
{
    QPalette pal = m_method->palette();
    const QColor colour = methodColor(m_method->currentText(), palette());
    pal.setColor(QPalette::Text, colour);
    pal.setColor(QPalette::ButtonText, colour);
    m_method->setPalette(pal);
    for (int i = 0; i < m_method->count(); ++i)
        m_method->setItemData(i, methodColor(m_method->itemText(i), palette()), Qt::ForegroundRole);
}

void RequestEditor::updateTabTitles()
{
    const auto titled = [](const QString &name, int count) {
        return count > 0 ? QStringLiteral("%1 (%2)").arg(name).arg(count) : name;
    };
    m_tabs->setTabText(ParamsTab, titled(tr("Params"), enabledFilledCount(m_paramsModel->rows())));
    m_tabs->setTabText(HeadersTab,
                       titled(tr("Headers"), enabledFilledCount(m_headersModel->rows())));
    const auto mode = Core::BodyMode(m_bodyMode->currentData().toInt());
    m_tabs->setTabText(BodyTab,
                       mode == Core::BodyMode::None
                           ? tr("Body")
                           : QStringLiteral("%1 · %2").arg(tr("Body"), m_bodyMode->currentText()));
    const auto auth = m_auth->auth().mode;
    m_tabs->setTabText(AuthTab,
                       auth == Core::AuthMode::None || auth == Core::AuthMode::Inherit
                           ? tr("Auth")
                           : QStringLiteral("%1 · %2").arg(tr("Auth"), m_auth->summary()));
    m_tabs->setTabText(SettingsTab, tr("Settings"));
}

void RequestEditor::updateBodyPage()
{
    const auto mode = Core::BodyMode(m_bodyMode->currentData().toInt());
    switch (mode) {
    case Core::BodyMode::None:
        m_bodyStack->setCurrentWidget(m_noBodyPage);
        break;
    case Core::BodyMode::Json:
    case Core::BodyMode::Text:
        m_bodyText->setJsonMode(mode == Core::BodyMode::Json);
        m_bodyStack->setCurrentWidget(m_bodyText);
        break;
    case Core::BodyMode::FormUrlEncoded:
        m_bodyStack->setCurrentWidget(m_formView);
        break;
    case Core::BodyMode::Multipart:
        m_bodyStack->setCurrentWidget(m_multipart);
        break;
    case Core::BodyMode::BinaryFile:
        m_bodyStack->setCurrentWidget(m_binaryPage);
        break;
    case Core::BodyMode::GraphQl:
        m_bodyStack->setCurrentWidget(m_graphql);
        break;
    }
    const bool typed = mode == Core::BodyMode::Text || mode == Core::BodyMode::BinaryFile;
    m_contentType->setVisible(typed);
    m_contentTypeLabel->setVisible(typed);
    m_contentType->setPlaceholderText(mode == Core::BodyMode::BinaryFile
                                          ? QStringLiteral("application/octet-stream")
                                          : QStringLiteral("text/plain"));
    updateTabTitles();
}

void RequestEditor::updateSettingsState()
{
    m_maxRedirects->setEnabled(m_followRedirects->isChecked());
    m_tlsBanner->setVisible(!m_verifyTls->isChecked());
}

void RequestEditor::updateBinaryFileInfo()
{
    const QString path = m_binaryPath->text().trimmed();
    if (path.isEmpty()) {
        m_binaryInfo->setText(tr("No file chosen."));
        m_binaryInfo->setEnabled(false);
        return;
    }
    const QFileInfo info(path);
    m_binaryInfo->setEnabled(true);
    if (!info.isFile()) {
        m_binaryInfo->setText(
            tr("The file does not exist (yet): sending will fail until it does."));
        return;
    }
    m_binaryInfo->setText(
        tr("%1 · %2 bytes")
            .arg(locale().formattedDataSize(info.size()), locale().toString(info.size())));
}

void RequestEditor::scheduleAutomaticHeaders()
{
    if (m_tabs && m_tabs->currentIndex() == HeadersTab)
        m_automaticHeadersTimer->start();
}

void RequestEditor::refreshAutomaticHeaders()
{
    m_automaticHeadersTimer->stop();
    Core::Request preview = request();
    // The preview never reads files (that could block): their sizes come from the file system.
    qint64 binarySize = -1;
    bool lengthUnknown = false;
    if (preview.body.mode == Core::BodyMode::BinaryFile) {
        const QFileInfo info(preview.body.filePath);
        binarySize = info.isFile() ? info.size() : -1;
        preview.body.mode = Core::BodyMode::Text;
        preview.body.text.clear();
        if (preview.body.contentType.isEmpty())
            preview.body.contentType = QStringLiteral("application/octet-stream");
    } else if (preview.body.mode == Core::BodyMode::Multipart) {
        for (Core::MultipartField &field : preview.body.multipartFields) {
            if (field.isFile) {
                field.isFile = false;
                field.value.clear();
                lengthUnknown = true;
            }
        }
    }
    if (splitUrl(preview.url).base.trimmed().isEmpty()
        || !preview.url.contains(QLatin1String("://")))
        preview.url = QStringLiteral("http://example.invalid/");

    const Core::Result<Core::PreparedRequest> prepared = Core::prepareRequest(preview);
    m_automaticHeaders->setRowCount(0);
    m_automaticHeaders->setFixedHeight(0);
    if (!prepared) {
        m_automaticHeadersNote->setText(prepared.error().message);
        m_automaticHeadersNote->show();
        return;
    }
    m_automaticHeadersNote->hide();
    const QColor muted = palette().color(QPalette::Disabled, QPalette::Text);
    const Core::PreparedHeaderList headers = prepared->automaticHeaders();
    for (const Core::PreparedHeader &header : headers) {
        QString value = QString::fromUtf8(header.value);
        if (header.name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            if (binarySize >= 0)
                value = QString::number(binarySize);
            else if (lengthUnknown || preview.body.mode == Core::BodyMode::BinaryFile)
                value = tr("calculated when sent");
        }
        if (header.name.compare("Content-Type", Qt::CaseInsensitive) == 0
            && value.startsWith(QLatin1String("multipart/form-data")))
            value = QStringLiteral("multipart/form-data; boundary=…");
        const int row = m_automaticHeaders->rowCount();
        m_automaticHeaders->insertRow(row);
        auto *name = new QTableWidgetItem(QString::fromUtf8(header.name));
        auto *val = new QTableWidgetItem(value);
        for (QTableWidgetItem *item : {name, val}) {
            item->setFlags(Qt::ItemIsEnabled);
            item->setForeground(muted);
            item->setToolTip(tr("Added by Patchbay. Add a header with the same name above to "
                                "replace it."));
        }
        m_automaticHeaders->setItem(row, 1, name);
        m_automaticHeaders->setItem(row, 2, val);
        auto *lock = new QTableWidgetItem;
        lock->setFlags(Qt::ItemIsEnabled);
        m_automaticHeaders->setItem(row, 0, lock);
    }
    m_automaticHeaders->setFixedHeight(
        m_automaticHeaders->rowCount() * m_automaticHeaders->verticalHeader()->defaultSectionSize()
        + 2 * m_automaticHeaders->frameWidth());
}

} // namespace Patchbay::Ui
