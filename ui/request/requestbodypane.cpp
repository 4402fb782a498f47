#include "ui/request/requestbodypane.h"

#include "ui/graphql/graphqleditor.h"
#include "ui/request/jsonbodyeditor.h"
#include "ui/request/keyvaluemodel.h"
#include "ui/request/keyvaluetableview.h"
#include "ui/request/multipartfieldseditor.h"
#include "ui/request/urlquery.h"

#include <Qsci/qsciscintilla.h>

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Patchbay::Ui {

RequestBodyPane::RequestBodyPane(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(6);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(8);
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("bodyModeCombo"));
    m_mode->addItem(tr("None"), int(Core::BodyMode::None));
    m_mode->addItem(tr("JSON"), int(Core::BodyMode::Json));
    m_mode->addItem(tr("Text"), int(Core::BodyMode::Text));
    m_mode->addItem(tr("Form URL-encoded"), int(Core::BodyMode::FormUrlEncoded));
    m_mode->addItem(tr("Multipart form"), int(Core::BodyMode::Multipart));
    m_mode->addItem(tr("Binary file"), int(Core::BodyMode::BinaryFile));
    m_mode->addItem(tr("GraphQL"), int(Core::BodyMode::GraphQl));
    m_mode->setAccessibleDescription(
        tr("What the body is: none, JSON, text, a form, multipart fields or a file"));
    auto *modeLabel = new QLabel(tr("Body:"), this);
    modeLabel->setBuddy(m_mode);
    bar->addWidget(modeLabel);
    bar->addWidget(m_mode);
    bar->addSpacing(12);
    m_contentTypeLabel = new QLabel(tr("Content-Type:"), this);
    m_contentType = new QLineEdit(this);
    m_contentType->setObjectName(QStringLiteral("bodyContentType"));
    m_contentType->setPlaceholderText(QStringLiteral("text/plain"));
    m_contentType->setMinimumWidth(220);
    m_contentTypeLabel->setBuddy(m_contentType);
    bar->addWidget(m_contentTypeLabel);
    bar->addWidget(m_contentType);
    bar->addStretch(1);
    layout->addLayout(bar);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updatePage();
        emit edited();
    });
    connect(m_contentType, &QLineEdit::textEdited, this, &RequestBodyPane::edited);

    m_stack = new QStackedWidget(this);
    m_noBodyPage = new QLabel(tr("This request has no body."), m_stack);
    static_cast<QLabel *>(m_noBodyPage)->setAlignment(Qt::AlignCenter);
    static_cast<QLabel *>(m_noBodyPage)->setEnabled(false);
    m_stack->addWidget(m_noBodyPage);

    m_text = new JsonBodyEditor(m_stack);
    m_text->setObjectName(QStringLiteral("bodyEditor"));
    m_stack->addWidget(m_text);
    connect(m_text, &JsonBodyEditor::textEdited, this, &RequestBodyPane::edited);

    m_formModel = new KeyValueModel(this);
    m_formModel->setNamePlaceholder(tr("Add a field"));
    m_formView = new KeyValueTableView(m_stack);
    m_formView->setObjectName(QStringLiteral("formTable"));
    m_formView->setKeyValueModel(m_formModel);
    m_stack->addWidget(m_formView);
    connect(m_formModel, &KeyValueModel::rowsEdited, this, &RequestBodyPane::edited);

    m_multipart = new MultipartFieldsEditor(m_stack);
    m_multipart->setObjectName(QStringLiteral("multipartEditor"));
    m_stack->addWidget(m_multipart);
    connect(m_multipart, &MultipartFieldsEditor::fieldsEdited, this, &RequestBodyPane::edited);

    m_binaryPage = new QWidget(m_stack);
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
    m_stack->addWidget(m_binaryPage);

    m_graphql = new GraphQlEditor(m_stack);
    m_graphql->setObjectName(QStringLiteral("graphqlEditor"));
    m_stack->addWidget(m_graphql);
    connect(m_graphql, &GraphQlEditor::edited, this, &RequestBodyPane::edited);
    connect(m_binaryPath, &QLineEdit::textEdited, this, [this] {
        updateBinaryFileInfo();
        emit edited();
    });
    connect(choose, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Choose the File to Send"), QFileInfo(m_binaryPath->text()).absolutePath());
        if (path.isEmpty())
            return;
        m_binaryPath->setText(path);
        updateBinaryFileInfo();
        emit edited();
    });

    layout->addWidget(m_stack, 1);
}

Core::RequestBody RequestBodyPane::body() const
{
    Core::RequestBody body;
    body.mode = mode();
    body.text = m_text->text();
    body.contentType = m_contentType->text().trimmed();
    body.formFields = UrlQuery::withoutBlankRows(m_formModel->rows());
    body.multipartFields = m_multipart->fields();
    body.filePath = m_binaryPath->text().trimmed();
    body.graphql = m_graphql->body();
    return body;
}

void RequestBodyPane::setBody(const Core::RequestBody &body)
{
    const QSignalBlocker blocker(this); // the page's own signals say nothing to the editor
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(int(body.mode))));
    m_text->setText(body.text);
    m_contentType->setText(body.contentType);
    m_formModel->setRows(body.formFields);
    m_multipart->setFields(body.multipartFields);
    m_binaryPath->setText(body.filePath);
    m_graphql->setBody(body.graphql);
    updatePage();
    updateBinaryFileInfo();
}

Core::BodyMode RequestBodyPane::mode() const
{
    return Core::BodyMode(m_mode->currentData().toInt());
}

QString RequestBodyPane::modeText() const
{
    return m_mode->currentText();
}

void RequestBodyPane::format()
{
    if (mode() == Core::BodyMode::Json)
        m_text->format();
}

std::optional<Core::JsonSyntaxError> RequestBodyPane::jsonSyntaxError() const
{
    if (mode() != Core::BodyMode::Json)
        return std::nullopt;
    return m_text->syntaxError();
}

void RequestBodyPane::focusText()
{
    m_text->textEditor()->setFocus();
}

void RequestBodyPane::setVariableLookup(const VariableLookup &lookup)
{
    if (m_variableHints.isEmpty()) {
        for (QLineEdit *edit : {m_contentType, m_binaryPath})
            m_variableHints.append(new LineEditVariableHints(edit)); // owned by the edit
    }
    m_formView->setVariableLookup(lookup);
    m_text->setVariableLookup(lookup);
    m_graphql->setVariableLookup(lookup);
    for (LineEditVariableHints *hints : std::as_const(m_variableHints))
        hints->setLookup(lookup);
}

void RequestBodyPane::updatePage()
{
    const Core::BodyMode current = mode();
    switch (current) {
    case Core::BodyMode::None:
        m_stack->setCurrentWidget(m_noBodyPage);
        break;
    case Core::BodyMode::Json:
    case Core::BodyMode::Text:
        m_text->setJsonMode(current == Core::BodyMode::Json);
        m_stack->setCurrentWidget(m_text);
        break;
    case Core::BodyMode::FormUrlEncoded:
        m_stack->setCurrentWidget(m_formView);
        break;
    case Core::BodyMode::Multipart:
        m_stack->setCurrentWidget(m_multipart);
        break;
    case Core::BodyMode::BinaryFile:
        m_stack->setCurrentWidget(m_binaryPage);
        break;
    case Core::BodyMode::GraphQl:
        m_stack->setCurrentWidget(m_graphql);
        break;
    }
    const bool typed = current == Core::BodyMode::Text || current == Core::BodyMode::BinaryFile;
    m_contentType->setVisible(typed);
    m_contentTypeLabel->setVisible(typed);
    m_contentType->setPlaceholderText(current == Core::BodyMode::BinaryFile
                                          ? QStringLiteral("application/octet-stream")
                                          : QStringLiteral("text/plain"));
}

void RequestBodyPane::updateBinaryFileInfo()
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

} // namespace Patchbay::Ui
