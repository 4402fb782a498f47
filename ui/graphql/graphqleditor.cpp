#include "ui/graphql/graphqleditor.h"

#include "core/graphql/graphqlcompletion.h"
#include "core/graphql/graphqlhttp.h"
#include "core/graphql/schemastore.h"
#include "ui/common/codeview.h"
#include "ui/graphql/graphqllexer.h"
#include "ui/graphql/schemadiffdialog.h"
#include "ui/graphql/schemaexplorer.h"
#include "ui/request/jsonbodyeditor.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Patchbay::Ui {

namespace Gql = Core::GraphQl;
using Sci = QsciScintillaBase;

namespace {

constexpr int kErrorIndicator = 9;
constexpr int kWarningIndicator = 10;
constexpr int kMaxMarkers = 500;
// Completion pops up by itself only in documents below this size; Ctrl+Space always works.
constexpr qsizetype kAutoCompleteLimit = 1024 * 1024;

bool isNameChar(int ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
        || ch == '_';
}

QString operationLabel(const Gql::OperationInfo &op)
{
    return op.name.isEmpty() ? QStringLiteral("%1 (anonymous)").arg(op.operation)
                             : QStringLiteral("%1 %2").arg(op.operation, op.name);
}

} // namespace

GraphQlEditor::GraphQlEditor(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(8);
    m_operationsLabel = new QLabel(tr("Operation:"), this);
    m_operations = new QComboBox(this);
    m_operations->setObjectName(QStringLiteral("graphqlOperations"));
    m_operations->setMinimumContentsLength(16);
    m_operations->setAccessibleName(tr("Operation to run"));
    m_operationsLabel->setBuddy(m_operations);
    bar->addWidget(m_operationsLabel);
    bar->addWidget(m_operations);
    bar->addStretch(1);
    m_schemaStatus = new QLabel(tr("No schema"), this);
    m_schemaStatus->setObjectName(QStringLiteral("graphqlSchemaStatus"));
    m_schemaStatus->setTextInteractionFlags(Qt::LinksAccessibleByMouse
                                            | Qt::LinksAccessibleByKeyboard);
    bar->addWidget(m_schemaStatus);
    m_fetch = new QPushButton(tr("Fetch Schema"), this);
    m_fetch->setObjectName(QStringLiteral("graphqlFetchSchema"));
    m_fetch->setToolTip(tr("Ask the server for its schema (introspection), with this request's "
                           "URL, headers, auth and settings"));
    bar->addWidget(m_fetch);
    m_load = new QPushButton(tr("Load Schema…"), this);
    m_load->setObjectName(QStringLiteral("graphqlLoadSchema"));
    m_load->setToolTip(tr("Use a schema file: SDL (.graphql) or an introspection result (.json)"));
    bar->addWidget(m_load);
    m_explorerToggle = new QToolButton(this);
    m_explorerToggle->setObjectName(QStringLiteral("graphqlExplorerToggle"));
    m_explorerToggle->setText(tr("Docs"));
    m_explorerToggle->setToolTip(tr("Show the schema explorer"));
    m_explorerToggle->setCheckable(true);
    bar->addWidget(m_explorerToggle);
    layout->addLayout(bar);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    auto *left = new QSplitter(Qt::Vertical, m_splitter);
    m_query = new CodeView(left);
    m_query->setObjectName(QStringLiteral("graphqlQuery"));
    m_query->setAccessibleName(tr("GraphQL query"));
    m_lexer = new GraphQlLexer(m_query);
    m_lexer->setBaseFont(m_query->font());
    m_lexer->setPalette(m_query->palette());
    m_query->setLexer(m_lexer);
    m_query->SendScintilla(Sci::SCI_AUTOCSETORDER, Sci::SC_ORDER_CUSTOM);
    m_query->SendScintilla(Sci::SCI_AUTOCSETIGNORECASE, 1L);
    m_query->SendScintilla(Sci::SCI_AUTOCSETMAXHEIGHT, 12L);
    m_query->SendScintilla(Sci::SCI_AUTOCSETDROPRESTOFWORD, 1L);
    m_query->SendScintilla(Sci::SCI_INDICSETSTYLE, kErrorIndicator, Sci::INDIC_SQUIGGLE);
    m_query->SendScintilla(Sci::SCI_INDICSETFORE, kErrorIndicator, QColor(0xe0, 0x1b, 0x24));
    m_query->SendScintilla(Sci::SCI_INDICSETSTYLE, kWarningIndicator, Sci::INDIC_SQUIGGLE);
    m_query->SendScintilla(Sci::SCI_INDICSETFORE, kWarningIndicator, QColor(0xc6, 0x7c, 0x00));
    m_query->SendScintilla(Sci::SCI_SETMOUSEDWELLTIME, 400L);
    m_query->viewport()->installEventFilter(this);
    m_query->installEventFilter(this);

    auto *variablesPane = new QWidget(left);
    auto *variablesLayout = new QVBoxLayout(variablesPane);
    variablesLayout->setContentsMargins(0, 4, 0, 0);
    variablesLayout->setSpacing(2);
    auto *variablesLabel = new QLabel(tr("Variables (JSON)"), variablesPane);
    variablesLayout->addWidget(variablesLabel);
    m_variables = new JsonBodyEditor(variablesPane);
    m_variables->setObjectName(QStringLiteral("graphqlVariables"));
    m_variables->setJsonMode(true);
    // The request's JSON body page has the same parts: keep their object names unique so that
    // lookups by name (tests, accessibility tools) find the body's, not these.
    m_variables->textEditor()->setObjectName(QStringLiteral("graphqlVariablesText"));
    if (auto *status = m_variables->findChild<QLabel *>(QStringLiteral("bodyStatus")))
        status->setObjectName(QStringLiteral("graphqlVariablesStatus"));
    if (auto *format = m_variables->findChild<QWidget *>(QStringLiteral("formatBodyButton")))
        format->setObjectName(QStringLiteral("graphqlVariablesFormat"));
    variablesLabel->setBuddy(m_variables->textEditor());
    variablesLayout->addWidget(m_variables, 1);
    left->addWidget(m_query);
    left->addWidget(variablesPane);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 1);

    m_explorer = new SchemaExplorer(m_splitter);
    m_explorer->setObjectName(QStringLiteral("graphqlExplorer"));
    m_explorer->hide();
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_explorer);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    layout->addWidget(m_splitter, 1);

    auto *footer = new QHBoxLayout;
    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("graphqlProblems"));
    m_problems->setWordWrap(true);
    footer->addWidget(m_problems, 1);
    m_completionDetail = new QLabel(this);
    m_completionDetail->setObjectName(QStringLiteral("graphqlCompletionDetail"));
    m_completionDetail->setWordWrap(true);
    m_completionDetail->setTextFormat(Qt::PlainText);
    footer->addWidget(m_completionDetail, 1);
    layout->addLayout(footer);

    m_validateTimer = new QTimer(this);
    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(300);
    connect(m_validateTimer, &QTimer::timeout, this, &GraphQlEditor::validateNow);
    m_operationsTimer = new QTimer(this);
    m_operationsTimer->setSingleShot(true);
    m_operationsTimer->setInterval(150);
    connect(m_operationsTimer, &QTimer::timeout, this, &GraphQlEditor::updateOperations);

    connect(m_query, &QsciScintilla::textChanged, this, &GraphQlEditor::onQueryChanged);
    connect(m_query, &QsciScintillaBase::SCN_CHARADDED, this, &GraphQlEditor::onCharAdded);
    connect(m_query, &QsciScintillaBase::SCN_AUTOCSELECTIONCHANGE, this,
            [this](const char *selection, int, int) {
                const QString label = QString::fromUtf8(selection);
                const Gql::Schema empty;
                const QList<Gql::CompletionItem> items
                    = Gql::completions(m_queryText, cursorOffset(), m_schema ? *m_schema : empty);
                for (const Gql::CompletionItem &item : items) {
                    if (item.label != label)
                        continue;
                    QString text = item.detail.isEmpty()
                        ? item.label
                        : item.label + QLatin1String(": ") + item.detail;
                    if (item.deprecated)
                        text += tr(" (deprecated)");
                    if (!item.description.isEmpty())
                        text += QLatin1String(" — ") + item.description.section(u'\n', 0, 0);
                    m_completionDetail->setText(text);
                    return;
                }
            });
    connect(m_query, &QsciScintillaBase::SCN_AUTOCCANCELLED, m_completionDetail, &QLabel::clear);
    connect(m_query, &QsciScintillaBase::SCN_AUTOCCOMPLETED, m_completionDetail,
            [this](const char *, int, int, int) { m_completionDetail->clear(); });
    connect(m_query, &QsciScintillaBase::SCN_DWELLSTART, this, [this](int position, int x, int y) {
        if (position < 0)
            return;
        const QString message
            = diagnosticAt(QString::fromUtf8(m_query->utf8Text().left(position)).size());
        if (!message.isEmpty())
            QToolTip::showText(m_query->viewport()->mapToGlobal(QPoint(x, y)), message, m_query);
    });
    connect(m_query, &QsciScintillaBase::SCN_DWELLEND, this,
            [](int, int, int) { QToolTip::hideText(); });
    connect(m_variables, &JsonBodyEditor::textEdited, this, &GraphQlEditor::edited);
    connect(m_operations, &QComboBox::activated, this, [this](int index) {
        m_operationName = m_operations->itemData(index).toString();
        emit edited();
    });
    connect(m_fetch, &QPushButton::clicked, this, &GraphQlEditor::schemaFetchRequested);
    connect(m_load, &QPushButton::clicked, this, &GraphQlEditor::chooseSchemaFile);
    connect(m_explorerToggle, &QToolButton::toggled, m_explorer, &QWidget::setVisible);
    connect(m_schemaStatus, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == QLatin1String("diff"))
            showSchemaDiff();
    });
    connect(m_explorer, &SchemaExplorer::insertRequested, this, [this](const QString &text) {
        m_query->insert(text);
        m_query->setFocus();
    });
    updateOperations();
}

GraphQlEditor::~GraphQlEditor() = default;

Core::GraphQlBody GraphQlEditor::body() const
{
    return {m_queryText, m_variables->text(), m_operationName, m_schemaFile};
}

void GraphQlEditor::setBody(const Core::GraphQlBody &body)
{
    m_loading = true;
    const bool newFile = body.schemaFile != m_schemaFile;
    m_operationName = body.operationName;
    m_schemaFile = body.schemaFile;
    if (body.query != m_queryText)
        m_query->setText(body.query);
    m_queryText = body.query;
    m_variables->setText(body.variables);
    updateOperations();
    m_loading = false;
    validateNow();
    if (newFile) {
        if (m_schemaFile.isEmpty())
            setSchema(nullptr, {});
        else
            loadSchemaFile();
    }
}

void GraphQlEditor::setSchemaDirectory(const QString &collectionDir)
{
    if (collectionDir == m_schemaDir)
        return;
    m_schemaDir = collectionDir;
    if (!m_schemaFile.isEmpty())
        loadSchemaFile();
}

void GraphQlEditor::setSchema(std::shared_ptr<const Gql::Schema> schema, const QString &source)
{
    m_schema = std::move(schema);
    ++m_schemaGeneration;
    if (!m_schema) {
        m_schemaStatus->setText(tr("No schema"));
        m_schemaStatus->setToolTip({});
    } else {
        m_schemaStatus->setText(tr("Schema: %n types", nullptr, int(m_schema->types.size())));
        m_schemaStatus->setToolTip(source);
        if (!m_explorerToggle->isChecked() && isVisible())
            m_explorerToggle->setChecked(true);
    }
    m_explorer->setSchema(m_schema);
    validateNow();
    emit schemaChanged();
}

void GraphQlEditor::applySchemaResponse(const Core::ResponseBody &body, const QString &origin,
                                        const QString &suggestedFile)
{
    applySchema([body]() -> Core::Result<QByteArray> { return body.readAll(); }, origin,
                suggestedFile);
}

void GraphQlEditor::loadSchemaFromPath(const QString &path)
{
    const QString name = QFileInfo(path).completeBaseName().toLower();
    applySchema(
        [path]() -> Core::Result<QByteArray> {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return Core::Error {
                    QStringLiteral("io"),
                    QStringLiteral("Could not read %1: %2.").arg(path, file.errorString())};
            return file.readAll();
        },
        path, Gql::defaultSchemaFile(name.isEmpty() ? QStringLiteral("schema") : name));
}

void GraphQlEditor::applySchema(std::function<Core::Result<QByteArray>()> read,
                                const QString &origin, const QString &suggestedFile)
{
    const QString file = m_schemaFile.isEmpty() ? suggestedFile : m_schemaFile;
    const QString dir = m_schemaDir;
    m_schemaStatus->setText(tr("Reading the schema…"));
    const quint64 generation = ++m_schemaGeneration;
    auto *watcher = new QFutureWatcher<Core::Result<Gql::StoredSchema>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation, file, origin] {
                watcher->deleteLater();
                if (generation != m_schemaGeneration)
                    return; // a newer schema arrived meanwhile
                const Core::Result<Gql::StoredSchema> stored = watcher->result();
                setFetching(false);
                if (!stored) {
                    showSchemaError(stored.error().message);
                    return;
                }
                const bool fileChanged = !stored->path.isEmpty() && m_schemaFile != file;
                if (fileChanged)
                    m_schemaFile = file;
                setSchema(std::make_shared<const Gql::Schema>(stored->schema),
                          stored->path.isEmpty() ? origin : stored->path);
                if (stored->changed()) {
                    m_lastChange = {stored->previousSdl, stored->sdl};
                    const Core::LineDiff diff = Gql::schemaDiff(stored->previousSdl, stored->sdl);
                    m_schemaStatus->setText(
                        tr("Schema: %n types · changed (+%1 −%2) <a href=\"diff\">Show "
                           "changes</a>",
                           nullptr, int(stored->schema.types.size()))
                            .arg(diff.addedCount())
                            .arg(diff.removedCount()));
                } else {
                    m_lastChange = {};
                }
                if (fileChanged)
                    emit edited();
            });
    watcher->setFuture(QtConcurrent::run([read, dir, file]() -> Core::Result<Gql::StoredSchema> {
        const Core::Result<QByteArray> bytes = read();
        if (!bytes)
            return bytes.error();
        return Gql::storeSchema(bytes.value(), dir, file);
    }));
}

void GraphQlEditor::showSchemaError(const QString &message)
{
    setFetching(false);
    m_schemaStatus->setText(tr("Schema not loaded"));
    m_schemaStatus->setToolTip(message);
    m_problems->setText(message);
}

void GraphQlEditor::setFetching(bool fetching)
{
    m_fetch->setEnabled(!fetching);
    if (fetching)
        m_schemaStatus->setText(tr("Fetching the schema…"));
}

void GraphQlEditor::setVariableLookup(VariableLookup lookup)
{
    m_variables->setVariableLookup(std::move(lookup));
}

bool GraphQlEditor::showCompletions()
{
    const Gql::Schema empty;
    const qsizetype offset = cursorOffset();
    const QList<Gql::CompletionItem> items
        = Gql::completions(m_queryText, offset, m_schema ? *m_schema : empty);
    if (items.isEmpty()) {
        if (m_query->isListActive())
            m_query->cancelList();
        return false;
    }
    const Gql::CompletionContext ctx
        = Gql::completionContext(m_queryText, offset, m_schema ? *m_schema : empty);
    QStringList labels;
    for (const Gql::CompletionItem &item : items)
        labels.append(item.label);
    const QByteArray list = labels.join(u' ').toUtf8();
    m_query->SendScintilla(Sci::SCI_AUTOCSHOW, long(ctx.prefix.toUtf8().size()), list.constData());
    return true;
}

void GraphQlEditor::validateNow()
{
    m_validateTimer->stop();
    const QString text = m_queryText;
    const std::shared_ptr<const Gql::Schema> schema = m_schema;
    const quint64 generation = ++m_validationGeneration;
    auto *watcher = new QFutureWatcher<QList<Gql::Diagnostic>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_validationGeneration)
            showDiagnostics(watcher->result());
    });
    watcher->setFuture(
        QtConcurrent::run([text, schema] { return Gql::validateDocument(text, schema.get()); }));
}

QString GraphQlEditor::diagnosticAt(qsizetype offset) const
{
    QStringList out;
    for (const Gql::Diagnostic &d : m_diagnostics) {
        if (offset >= d.position.offset && offset < d.position.offset + d.length)
            out.append(d.message);
    }
    return out.join(u'\n');
}

bool GraphQlEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_query && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Space && (key->modifiers() & Qt::ControlModifier)) {
            showCompletions();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void GraphQlEditor::onQueryChanged()
{
    m_queryText = m_query->text();
    m_operationsTimer->start();
    m_validateTimer->start();
    if (!m_loading)
        emit edited();
}

void GraphQlEditor::onCharAdded(int ch)
{
    if (m_queryText.size() > kAutoCompleteLimit)
        return;
    if (isNameChar(ch)) {
        if (!m_query->isListActive())
            showCompletions();
    } else if (ch == '(' || ch == '@' || ch == '{' || ch == '\n') {
        // After "{" or a line break inside a selection, offer its fields.
        if (ch == '(' || ch == '@')
            showCompletions();
    }
}

void GraphQlEditor::updateOperations()
{
    const QList<Gql::OperationInfo> ops = Gql::listOperations(m_queryText);
    m_operations->clear();
    int current = -1;
    for (const Gql::OperationInfo &op : ops) {
        if (op.name.isEmpty())
            continue; // only named operations can be picked
        m_operations->addItem(operationLabel(op), op.name);
        if (op.name == m_operationName)
            current = m_operations->count() - 1;
    }
    if (ops.size() > 1 && current < 0 && m_operations->count() > 0 && !m_loading) {
        // Several operations need a name to run one: the first, until the user picks.
        current = 0;
        m_operationName = m_operations->itemData(0).toString();
        emit edited();
    }
    m_operations->setCurrentIndex(current);
    const bool show = ops.size() > 1;
    m_operations->setVisible(show);
    m_operationsLabel->setVisible(show);
}

void GraphQlEditor::showDiagnostics(const QList<Gql::Diagnostic> &diagnostics)
{
    m_diagnostics = diagnostics;
    const long length = m_query->SendScintilla(Sci::SCI_GETLENGTH);
    for (int indicator : {kErrorIndicator, kWarningIndicator}) {
        m_query->SendScintilla(Sci::SCI_SETINDICATORCURRENT, indicator);
        m_query->SendScintilla(Sci::SCI_INDICATORCLEARRANGE, 0L, length);
    }
    const QByteArray utf8 = m_queryText.toUtf8();
    int errors = 0;
    int warnings = 0;
    for (const Gql::Diagnostic &d : diagnostics.mid(0, kMaxMarkers)) {
        const bool warning = d.severity == Gql::Diagnostic::Severity::Warning;
        (warning ? warnings : errors)++;
        const int from = bytePosition(d.position.offset);
        const int to = bytePosition(d.position.offset + d.length);
        m_query->SendScintilla(Sci::SCI_SETINDICATORCURRENT,
                               warning ? kWarningIndicator : kErrorIndicator);
        m_query->SendScintilla(Sci::SCI_INDICATORFILLRANGE, long(from),
                               long(qMax(1, qMin<int>(to, int(length)) - from)));
    }
    if (diagnostics.isEmpty()) {
        m_problems->clear();
    } else {
        const Gql::Diagnostic &first = diagnostics.first();
        m_problems->setText(tr("Line %1: %2").arg(first.position.line + 1).arg(first.message)
                            + (diagnostics.size() > 1
                                   ? tr(" (%n problems)", nullptr, int(diagnostics.size()))
                                   : QString()));
    }
    emit diagnosticsChanged();
}

void GraphQlEditor::loadSchemaFile()
{
    if (m_schemaDir.isEmpty() || m_schemaFile.isEmpty())
        return;
    const QString dir = m_schemaDir;
    const QString file = m_schemaFile;
    const quint64 generation = ++m_schemaGeneration;
    auto *watcher = new QFutureWatcher<Core::Result<Gql::Schema>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, dir, file] {
        watcher->deleteLater();
        if (generation != m_schemaGeneration)
            return;
        const Core::Result<Gql::Schema> schema = watcher->result();
        if (!schema) {
            showSchemaError(schema.error().message);
            return;
        }
        setSchema(std::make_shared<const Gql::Schema>(schema.value()), dir + u'/' + file);
    });
    watcher->setFuture(QtConcurrent::run([dir, file] { return Gql::loadSchema(dir, file); }));
}

void GraphQlEditor::chooseSchemaFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Load a GraphQL Schema"), m_schemaDir,
        tr("GraphQL schemas (*.graphql *.graphqls *.gql *.json);;All files (*)"));
    if (!path.isEmpty())
        loadSchemaFromPath(path);
}

void GraphQlEditor::showSchemaDiff()
{
    if (m_lastChange.first.isEmpty())
        return;
    auto *dialog = new SchemaDiffDialog(m_lastChange.first, m_lastChange.second, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

qsizetype GraphQlEditor::cursorOffset() const
{
    const long position = m_query->SendScintilla(Sci::SCI_GETCURRENTPOS);
    return QString::fromUtf8(m_query->utf8Text().left(position)).size();
}

int GraphQlEditor::bytePosition(qsizetype utf16Offset) const
{
    return int(QStringView(m_queryText).left(utf16Offset).toUtf8().size());
}

} // namespace Patchbay::Ui
