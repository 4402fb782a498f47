#include "ui/request/requestbar.h"

#include "ui/common/theme.h"
#include "ui/request/requesteditor.h"
#include "ui/request/urllineedit.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>

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

} // namespace

RequestBar::RequestBar(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("methodCombo"));
    m_method->setEditable(true);
    m_method->setInsertPolicy(QComboBox::NoInsert);
    m_method->addItems(standardMethods());
    // Not an HTTP method: the request's kind (docs/STREAMS.md). The handshake is a GET.
    m_method->insertSeparator(m_method->count());
    m_method->addItem(RequestEditor::webSocketMethod());
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
    connect(m_method->lineEdit(), &QLineEdit::textEdited, this, &RequestBar::onMethodEdited);
    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        updateMethodColour();
        emit methodChanged();
    });
    layout->addWidget(m_method);

    m_url = new UrlLineEdit(this);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(tr("Enter a URL, or paste a curl command"));
    m_url->setClearButtonEnabled(true);
    layout->addWidget(m_url, 1);

    m_send = new QPushButton(tr("Send"), this);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setMinimumWidth(96);
    QFont sendFont = m_send->font();
    sendFont.setBold(true);
    m_send->setFont(sendFont);
    connect(m_send, &QPushButton::clicked, this, &RequestBar::sendClicked);
    layout->addWidget(m_send);
    updateSendButton();

    // The three controls share one height so the row reads as a single bar.
    const int height = std::max({m_method->sizeHint().height(), m_url->sizeHint().height(),
                                 m_send->sizeHint().height()})
        + 6;
    m_method->setFixedHeight(height);
    m_url->setFixedHeight(height);
    m_send->setFixedHeight(height);
}

void RequestBar::setMethod(const QString &method)
{
    const int index = m_method->findText(method);
    if (index >= 0)
        m_method->setCurrentIndex(index);
    m_method->setEditText(method.isEmpty() ? QStringLiteral("GET") : method);
    updateMethodColour();
}

bool RequestBar::isWebSocket() const
{
    return m_method->currentText().trimmed().compare(RequestEditor::webSocketMethod(),
                                                     Qt::CaseInsensitive)
        == 0;
}

void RequestBar::setSendState(bool busy, Connection connection)
{
    m_busy = busy;
    m_connection = connection;
    updateSendButton();
}

void RequestBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) { // the theme changed: our own colours follow
        updateMethodColour();
        updateSendButton();
    }
}

void RequestBar::onMethodEdited(const QString &text)
{
    const QString upper = text.toUpper();
    if (upper != text) {
        QLineEdit *edit = m_method->lineEdit();
        const int cursor = edit->cursorPosition();
        edit->setText(upper);
        edit->setCursorPosition(cursor);
    }
    updateMethodColour();
    emit methodChanged();
}

void RequestBar::updateMethodColour()
{
    QPalette pal = m_method->palette();
    const QColor colour = Theme::methodColor(m_method->currentText().toUpper(), palette());
    pal.setColor(QPalette::Text, colour);
    pal.setColor(QPalette::ButtonText, colour);
    m_method->setPalette(pal);
    for (int i = 0; i < m_method->count(); ++i)
        m_method->setItemData(i, Theme::methodColor(m_method->itemText(i).toUpper(), palette()),
                              Qt::ForegroundRole);
}

void RequestBar::updateSendButton()
{
    const QString keys = QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText);
    m_send->setEnabled(true);
    if (isWebSocket()) {
        switch (m_connection) {
        case Connection::Closed:
            m_send->setText(tr("Connect"));
            m_send->setToolTip(tr("Connect (%1)").arg(keys));
            break;
        case Connection::Connecting:
            m_send->setText(tr("Connecting…"));
            m_send->setToolTip(tr("Give up connecting (Esc)"));
            break;
        case Connection::Open:
            m_send->setText(tr("Disconnect"));
            m_send->setToolTip(tr("Close the connection (Esc)"));
            break;
        case Connection::Closing:
            m_send->setText(tr("Disconnecting…"));
            m_send->setToolTip(tr("Waiting for the server to confirm the close"));
            m_send->setEnabled(false);
            break;
        }
    } else {
        m_send->setText(m_busy ? tr("Cancel") : tr("Send"));
        m_send->setToolTip(m_busy ? tr("Stop the request in flight (Esc)")
                                  : tr("Send the request (%1)").arg(keys));
    }
    // Send stands out in the accent colour; set from our palette, so it follows the theme.
    QPalette sendPalette = palette();
    if (!m_busy) {
        sendPalette.setColor(QPalette::Button, sendPalette.color(QPalette::Highlight));
        sendPalette.setColor(QPalette::ButtonText, sendPalette.color(QPalette::HighlightedText));
    }
    m_send->setPalette(sendPalette);
}

} // namespace Patchbay::Ui
