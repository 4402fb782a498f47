#pragma once

#include "core/graphql/graphqlschema.h"
#include "core/graphql/graphqlvalidation.h"
#include "core/http/request.h"
#include "core/http/response.h"
#include "ui/request/variablehighlight.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTimer;
class QToolButton;

namespace Patchbay::Ui {

class CodeView;
class GraphQlLexer;
class JsonBodyEditor;
class SchemaExplorer;

// The GraphQL body mode's page (docs/GRAPHQL.md): the query with its lexer, completion from
// the schema (Ctrl+Space, or as you type a name) and validation markers; the variables as JSON;
// the operation picker when the document holds several; the schema's source, Fetch schema
// (introspection through the request's own send path, see SendController) and Load schema
// (SDL or introspection JSON); and the schema explorer beside it.
class GraphQlEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphQlEditor)

public:
    explicit GraphQlEditor(QWidget *parent = nullptr);
    ~GraphQlEditor() override;

    Core::GraphQlBody body() const;
    // Shows `body`; does not emit edited(). Loads its schema file when a folder is known.
    void setBody(const Core::GraphQlBody &body);

    // The collection folder schema files are relative to ("" for an unsaved request: schemas
    // are then kept in memory only). Loads the body's schema file when it changes.
    void setSchemaDirectory(const QString &collectionDir);
    QString schemaDirectory() const { return m_schemaDir; }

    std::shared_ptr<const Core::GraphQl::Schema> schema() const { return m_schema; }
    void setSchema(std::shared_ptr<const Core::GraphQl::Schema> schema, const QString &source);

    // A schema arrived (an introspection response, or a file's bytes): it is indexed, printed
    // and stored as SDL in a worker; the editor then uses it, and a changed file shows a
    // "what changed" link. `suggestedFile` names the file when the body has none yet.
    void applySchemaResponse(const Core::ResponseBody &body, const QString &origin,
                             const QString &suggestedFile);
    // Load Schema…: the file at `path` (SDL or introspection JSON), read in a worker.
    void loadSchemaFromPath(const QString &path);
    // Fetching failed (transport error, HTTP error, introspection refused).
    void showSchemaError(const QString &message);
    // Fetch schema is running: its button is disabled meanwhile.
    void setFetching(bool fetching);

    void setVariableLookup(VariableLookup lookup);

    // For tests and the window.
    CodeView *queryEditor() const { return m_query; }
    JsonBodyEditor *variablesEditor() const { return m_variables; }
    QComboBox *operationPicker() const { return m_operations; }
    SchemaExplorer *explorer() const { return m_explorer; }
    QLabel *schemaStatus() const { return m_schemaStatus; }
    QLabel *completionDetail() const { return m_completionDetail; }
    const QList<Core::GraphQl::Diagnostic> &diagnostics() const { return m_diagnostics; }
    // The text of the last schema diff (before, after), empty when the schema did not change.
    QPair<QString, QString> lastSchemaChange() const { return m_lastChange; }
    // Opens the completion list at the cursor; false when there is nothing to offer.
    bool showCompletions();
    // Validates now instead of after the typing pause (tests wait for diagnosticsChanged()).
    void validateNow();
    // The message of the marker at a UTF-16 offset into the query, for tooltips.
    QString diagnosticAt(qsizetype offset) const;

signals:
    void edited();
    void schemaFetchRequested();
    void schemaChanged();
    void diagnosticsChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onQueryChanged();
    void onCharAdded(int ch);
    void updateOperations();
    void showDiagnostics(const QList<Core::GraphQl::Diagnostic> &diagnostics);
    void loadSchemaFile();
    void applySchema(std::function<Core::Result<QByteArray>()> read, const QString &origin,
                     const QString &suggestedFile);
    void chooseSchemaFile();
    void showSchemaDiff();
    qsizetype cursorOffset() const; // UTF-16 offset of the caret in the query text
    int bytePosition(qsizetype utf16Offset) const;

    std::shared_ptr<const Core::GraphQl::Schema> m_schema;
    QString m_schemaDir;
    QString m_schemaFile; // the body's schemaFile
    QString m_operationName; // kept when the picker does not show (one operation)
    QString m_queryText; // cache of the query's text for offsets and tooltips
    QList<Core::GraphQl::Diagnostic> m_diagnostics;
    QPair<QString, QString> m_lastChange;
    quint64 m_validationGeneration = 0;
    quint64 m_schemaGeneration = 0;
    bool m_loading = false;

    CodeView *m_query; // owned (child)
    GraphQlLexer *m_lexer; // owned (QObject child of m_query)
    JsonBodyEditor *m_variables; // owned (child)
    QComboBox *m_operations; // owned (child)
    QLabel *m_operationsLabel; // owned (child)
    QLabel *m_schemaStatus; // owned (child)
    QLabel *m_problems; // owned (child)
    QLabel *m_completionDetail; // owned (child)
    QPushButton *m_fetch; // owned (child)
    QPushButton *m_load; // owned (child)
    QToolButton *m_explorerToggle; // owned (child)
    QSplitter *m_splitter; // owned (child)
    SchemaExplorer *m_explorer; // owned (child)
    QTimer *m_validateTimer; // owned (child)
    QTimer *m_operationsTimer; // owned (child)
};

} // namespace Patchbay::Ui
