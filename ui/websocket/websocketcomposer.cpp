#include "ui/websocket/websocketcomposer.h"

#include "core/json/jsonparser.h"
#include "ui/common/theme.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Patchbay::Ui {

using Core::WebSocketPayload;

WebSocketComposer::WebSocketComposer(QWidget *parent)
    : QWidget(parent)
    , m_format(new QComboBox(this))
    , m_text(new QPlainTextEdit(this))
    , m_problem(new QLabel(this))
    , m_templates(new QPushButton(this))
    , m_save(new QPushButton(tr("Save as message…"), this))
    , m_send(new QPushButton(tr("Send message"), this))
{
    m_format->setObjectName(QStringLiteral("webSocketFormat"));
    m_format->addItem(tr("Text"), int(Format::Text));
    m_format->addItem(tr("JSON"), int(Format::Json));
    m_format->addItem(tr("Binary (hex)"), int(Format::Hex));
    m_format->addItem(tr("Binary (base64)"), int(Format::Base64));
    m_format->setAccessibleName(tr("Message format"));
    m_format->setToolTip(tr("How the text becomes a message: as text, as JSON (checked before "
                            "sending) or as binary bytes written in hex or base64"));

    m_text->setObjectName(QStringLiteral("webSocketComposer"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(tr("Message to send; {{variables}} are replaced"));
    m_text->setAccessibleName(tr("Message to send"));
    m_text->setTabChangesFocus(true);
    m_text->setAccessibleDescription(tr("Written as text, JSON, hex or base64 as the format "
                                        "says; {{variables}} are replaced when sent"));
    m_format->setAccessibleDescription(m_format->toolTip());

    m_problem->setObjectName(QStringLiteral("webSocketComposerProblem"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    m_templates->setObjectName(QStringLiteral("webSocketTemplates"));
    m_templates->setText(tr("Saved messages"));
    m_templates->setToolTip(tr("Put one of the request's saved messages in the composer"));
    m_templates->setMenu(new QMenu(m_templates)); // owned by the button
    m_save->setObjectName(QStringLiteral("webSocketSaveMessage"));
    m_save->setToolTip(tr("Keep this message with the request (saved in the request file)"));
    m_send->setObjectName(QStringLiteral("webSocketSend"));
    m_send->setAccessibleDescription(tr("Send the message on the open connection"));
    m_save->setAccessibleDescription(m_save->toolTip());
    m_templates->setAccessibleDescription(m_templates->toolTip());
    m_send->setEnabled(false);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Message"), this));
    top->addWidget(m_format);
    top->addStretch(1);
    top->addWidget(m_templates);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_problem, 1);
    bottom->addStretch(0);
    bottom->addWidget(m_save);
    bottom->addWidget(m_send);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_text, 1);
    layout->addLayout(bottom);

    connect(m_format, &QComboBox::currentIndexChanged, this, &WebSocketComposer::validate);
    connect(m_text, &QPlainTextEdit::textChanged, this, &WebSocketComposer::validate);
    connect(m_send, &QPushButton::clicked, this, &WebSocketComposer::onSend);
    connect(m_save, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save message"), tr("Name:"),
                                                   QLineEdit::Normal, QString(), &ok)
                                 .trimmed();
        if (!ok)
            return;
        Core::WebSocketMessage saved;
        saved.name = name.isEmpty() ? tr("Message %1").arg(m_templateList.size() + 1) : name;
        saved.text = text();
        switch (format()) {
        case Format::Text:
            saved.payload = WebSocketPayload::Text;
            break;
        case Format::Json:
            saved.payload = WebSocketPayload::Json;
            break;
        case Format::Hex:
            saved.payload = WebSocketPayload::Binary;
            break;
        case Format::Base64: {
            // The file keeps binary messages in hex.
            saved.payload = WebSocketPayload::Binary;
            const Message m = message();
            saved.text = Core::encodeHexPayload(m.data);
            break;
        }
        }
        emit saveRequested(saved);
    });
    validate();
}

WebSocketComposer::~WebSocketComposer() = default;

WebSocketComposer::Format WebSocketComposer::format() const
{
    return Format(m_format->currentData().toInt());
}

void WebSocketComposer::setFormat(Format format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

QString WebSocketComposer::text() const
{
    return m_text->toPlainText();
}

void WebSocketComposer::setText(const QString &text)
{
    m_text->setPlainText(text);
}

void WebSocketComposer::load(const Core::WebSocketMessage &message)
{
    switch (message.payload) {
    case WebSocketPayload::Text:
        setFormat(Format::Text);
        break;
    case WebSocketPayload::Json:
        setFormat(Format::Json);
        break;
    case WebSocketPayload::Binary:
        setFormat(Format::Hex);
        break;
    }
    setText(message.text);
}

void WebSocketComposer::setTemplates(const QList<Core::WebSocketMessage> &templates)
{
    m_templateList = templates;
    QMenu *menu = m_templates->menu();
    menu->clear();
    for (qsizetype i = 0; i < templates.size(); ++i) {
        const Core::WebSocketMessage &m = templates.at(i);
        QAction *action = menu->addAction(
            m.name.isEmpty() ? tr("(unnamed %1)").arg(Core::webSocketPayloadName(m.payload))
                             : m.name);
        action->setToolTip(m.text.left(200));
        connect(action, &QAction::triggered, this, [this, i] {
            if (i < m_templateList.size())
                load(m_templateList.at(i));
        });
    }
    m_templates->setEnabled(!templates.isEmpty());
    m_templates->setText(templates.isEmpty() ? tr("No saved messages")
                                             : tr("Saved messages (%1)").arg(templates.size()));
}

void WebSocketComposer::setConnected(bool connected)
{
    m_connected = connected;
    validate();
}

WebSocketComposer::Message WebSocketComposer::message(QString *problem) const
{
    const QString typed = text();
    Message m;
    switch (format()) {
    case Format::Text:
        m.data = typed.toUtf8();
        break;
    case Format::Json: {
        m.data = typed.toUtf8();
        // {{variables}} are replaced when sent: check the JSON around them only then.
        if (!typed.contains(QLatin1String("{{"))) {
            const Core::Result<Core::JsonValue> parsed = Core::parseJson(m.data);
            if (!parsed.ok()) {
                if (problem)
                    *problem = tr("Not JSON: %1").arg(parsed.error().message);
                return {};
            }
        }
        break;
    }
    case Format::Hex:
        m.binary = true;
        if (!Core::decodeHexPayload(typed, &m.data)) {
            if (problem)
                *problem = tr("Not hex: write bytes as pairs of hex digits, e.g. 00 ff 10.");
            return {};
        }
        break;
    case Format::Base64: {
        m.binary = true;
        const auto decoded = QByteArray::fromBase64Encoding(
            typed.simplified().remove(u' ').toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            if (problem)
                *problem = tr("Not base64: check for characters outside A-Z a-z 0-9 + / =.");
            return {};
        }
        m.data = *decoded;
        break;
    }
    }
    return m;
}

void WebSocketComposer::validate()
{
    QString problem;
    message(&problem);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) {
        QPalette pal = m_problem->palette();
        pal.setColor(QPalette::WindowText, Theme::errorText(palette()));
        m_problem->setPalette(pal);
    }
    m_send->setEnabled(m_connected && problem.isEmpty());
    m_send->setToolTip(!m_connected ? tr("Connect first")
                                    : (problem.isEmpty() ? tr("Send this message") : problem));
    m_save->setEnabled(problem.isEmpty() && !text().isEmpty());
}

void WebSocketComposer::onSend()
{
    QString problem;
    const Message m = message(&problem);
    if (!problem.isEmpty() || !m_connected)
        return;
    emit sendRequested(m.data, m.binary);
}

} // namespace Patchbay::Ui
