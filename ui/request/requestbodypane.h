#pragma once

#include "core/http/request.h"
#include "core/json/jsonparser.h"
#include "ui/request/variablehighlight.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace Patchbay::Ui {

class GraphQlEditor;
class JsonBodyEditor;
class KeyValueModel;
class KeyValueTableView;
class MultipartFieldsEditor;

// The Body tab of RequestEditor: the body mode and, for each mode, its page (JSON or text
// editor, form table, multipart fields, a file to send, the GraphQL editor), with the
// Content-Type of text and file bodies.
class RequestBodyPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestBodyPane)

public:
    explicit RequestBodyPane(QWidget *parent = nullptr);

    Core::RequestBody body() const;
    // Shows `body`; does not emit edited().
    void setBody(const Core::RequestBody &body);

    Core::BodyMode mode() const;
    // The mode as the combo names it ("JSON", "Form URL-encoded", ...).
    QString modeText() const;
    // Pretty-prints a valid JSON body; other modes are left alone.
    void format();
    // Where a JSON body does not parse; nothing in other modes.
    std::optional<Core::JsonSyntaxError> jsonSyntaxError() const;
    void focusText();
    void setVariableLookup(const VariableLookup &lookup);
    GraphQlEditor *graphQlEditor() const { return m_graphql; }

signals:
    // The user changed the body (not emitted by setBody()).
    void edited();

private:
    void updatePage();
    void updateBinaryFileInfo();

    QComboBox *m_mode = nullptr; // owned (child)
    QLineEdit *m_contentType = nullptr; // owned (child)
    QLabel *m_contentTypeLabel = nullptr; // owned (child)
    QStackedWidget *m_stack = nullptr; // owned (child)
    QWidget *m_noBodyPage = nullptr; // owned (child)
    JsonBodyEditor *m_text = nullptr; // owned (child)
    KeyValueModel *m_formModel = nullptr; // owned (child)
    KeyValueTableView *m_formView = nullptr; // owned (child)
    MultipartFieldsEditor *m_multipart = nullptr; // owned (child)
    QWidget *m_binaryPage = nullptr; // owned (child)
    QLineEdit *m_binaryPath = nullptr; // owned (child)
    QLabel *m_binaryInfo = nullptr; // owned (child)
    GraphQlEditor *m_graphql = nullptr; // owned (child)
    QList<LineEditVariableHints *> m_variableHints; // owned by their line edits
};

} // namespace Patchbay::Ui
