#include "ui/environments/environmenteditordialog.h"
#include "ui/common/accessibility.h"
#include "ui/common/theme.h"

#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/secrets/secretcache.h"
#include "ui/environments/variabletablemodel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {

constexpr int kScopeRole = Qt::UserRole + 1;

// Edits a secret value in a password field while secrets are hidden.
class VariableValueDelegate final : public QStyledItemDelegate
{
public:
    explicit VariableValueDelegate(const VariableTableModel *model, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_model(model)
    { }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        auto *line = qobject_cast<QLineEdit *>(editor);
        if (line && index.column() == VariableTableModel::ValueColumn
            && index.siblingAtColumn(VariableTableModel::SecretColumn)
                    .data(Qt::CheckStateRole)
                    .toInt()
                == Qt::Checked
            && !m_model->secretsShown())
            line->setEchoMode(QLineEdit::Password);
        return editor;
    }

private:
    const VariableTableModel *m_model; // not owned
};

Core::VariableList withoutSecretValues(Core::VariableList variables)
{
    for (Core::Variable &v : variables) {
        if (v.secret)
            v.value.clear();
    }
    return variables;
}

} // namespace

EnvironmentEditorDialog::EnvironmentEditorDialog(Core::Workspace *workspace,
                                                 Core::SecretCache *secrets,
                                                 const QString &collectionPath, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_secrets(secrets)
    , m_collectionPath(collectionPath)
{
    Q_ASSERT(workspace && secrets);
    setWindowTitle(tr("Environments"));
    setObjectName(QStringLiteral("environmentEditor"));
    if (const Core::CollectionItem *collection = m_workspace->item(collectionPath)) {
        m_collectionId = collection->collection->id;
        setWindowTitle(tr("Environments of %1").arg(collection->name));
    }
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, windowTitle(), question) == QMessageBox::Yes;
    };

    m_banner = new QFrame(this);
    m_banner->setObjectName(QStringLiteral("keyringBanner"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    Theme::useWarningColors(m_banner);
    m_bannerText = new QLabel(
        tr("No keyring: secret values are kept for this session only and will need re-entering "
           "after Patchbay quits. Install and unlock a keyring (e.g. GNOME Keyring or KWallet) "
           "to keep them."),
        m_banner);
    m_bannerText->setWordWrap(true);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(8, 6, 8, 6);
    bannerLayout->addWidget(m_bannerText);

    // Left: scopes.
    auto *left = new QWidget(this);
    m_scopes = new QListWidget(left);
    m_scopes->setObjectName(QStringLiteral("scopeList"));
    m_scopes->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    // Labelled, with the theme's icon beside the label where there is one: without an icon
    // theme (a bare X session) an icon-only button would be an empty square.
    auto makeButton = [left](const QString &name, const QString &icon, const QString &label,
                             const QString &tip) {
        auto *b = new QToolButton(left);
        b->setObjectName(name);
        b->setIcon(QIcon::fromTheme(icon));
        b->setText(label);
        b->setToolButtonStyle(b->icon().isNull() ? Qt::ToolButtonTextOnly
                                                 : Qt::ToolButtonTextBesideIcon);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    m_add = makeButton(QStringLiteral("addEnvironment"), QStringLiteral("list-add"), tr("Add"),
                       tr("Add an environment"));
    m_rename = makeButton(QStringLiteral("renameEnvironment"), QStringLiteral("edit-rename"),
                          tr("Rename"), tr("Rename the environment"));
    m_duplicate = makeButton(QStringLiteral("duplicateEnvironment"), QStringLiteral("edit-copy"),
                             tr("Duplicate"), tr("Duplicate the environment with its values"));
    m_delete = makeButton(QStringLiteral("deleteEnvironment"), QStringLiteral("edit-delete"),
                          tr("Delete"), tr("Delete the environment and its secret values"));
    auto *scopeButtons = new QHBoxLayout;
    for (QToolButton *b : {m_add, m_rename, m_duplicate, m_delete})
        scopeButtons->addWidget(b);
    scopeButtons->addStretch();
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_scopes, 1);
    leftLayout->addLayout(scopeButtons);

    // Right: variables.
    auto *right = new QWidget(this);
    m_model = new VariableTableModel(this);
    m_table = new QTableView(right);
    m_table->setObjectName(QStringLiteral("variablesTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new VariableValueDelegate(m_model, m_table)); // owned by the view
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed
                             | QAbstractItemView::SelectedClicked);
    m_table->verticalHeader()->hide();
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(VariableTableModel::EnabledColumn, QHeaderView::Fixed);
    header->resizeSection(VariableTableModel::EnabledColumn, 32);
    header->resizeSection(VariableTableModel::NameColumn, 180);
    header->setSectionResizeMode(VariableTableModel::ValueColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(VariableTableModel::SecretColumn, QHeaderView::ResizeToContents);

    m_addVariable = makeButton(QStringLiteral("addVariable"), QStringLiteral("list-add"),
                               tr("Add variable"), tr("Add a variable"));
    m_addVariable->setParent(right);
    m_removeVariable = makeButton(QStringLiteral("removeVariable"), QStringLiteral("list-remove"),
                                  tr("Remove"), tr("Remove the selected variables"));
    m_removeVariable->setParent(right);
    m_showSecrets = new QCheckBox(tr("Show secret values"), right);
    m_showSecrets->setObjectName(QStringLiteral("showSecretsToggle"));
    auto *tableButtons = new QHBoxLayout;
    tableButtons->addWidget(m_addVariable);
    tableButtons->addWidget(m_removeVariable);
    tableButtons->addStretch();
    tableButtons->addWidget(m_showSecrets);

    m_message = new QLabel(right);
    m_message->setObjectName(QStringLiteral("validationMessage"));
    m_message->setWordWrap(true);
    QPalette messagePalette = m_message->palette();
    messagePalette.setColor(QPalette::WindowText, Theme::errorText(messagePalette));
    m_message->setPalette(messagePalette);
    m_message->hide();

    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_table, 1);
    rightLayout->addLayout(tableButtons);
    rightLayout->addWidget(m_message);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({200, 520});

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setAccessibleDescription(tr("Save the changes to the environments"));
    Accessibility::describeButtons(buttons);
    Accessibility::describe(m_scopes, tr("Environments"),
                            tr("The global variables and each environment; pick one to edit"));
    Accessibility::describe(m_table, tr("Variables"),
                            tr("Name, value and whether it is secret, for each variable of the "
                               "chosen environment"));
    m_showSecrets->setAccessibleDescription(tr("Show the values of secret variables as text"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    resize(760, 460);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, [this] { save(); });
    connect(m_scopes, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_rebuilding)
            showScope(row);
    });
    connect(m_scopes, &QListWidget::itemChanged, this, &EnvironmentEditorDialog::onItemRenamed);
    connect(m_model, &VariableTableModel::variablesEdited, this,
            &EnvironmentEditorDialog::onScopeEdited);
    connect(m_add, &QToolButton::clicked, this, [this] {
        const QString path = addEnvironment(uniqueEnvironmentName(tr("New environment")));
        if (!path.isEmpty() && m_scopes->currentItem())
            m_scopes->editItem(m_scopes->currentItem());
    });
    connect(m_rename, &QToolButton::clicked, this, [this] {
        if (m_scopes->currentItem())
            m_scopes->editItem(m_scopes->currentItem());
    });
    connect(m_duplicate, &QToolButton::clicked, this,
            [this] { duplicateEnvironment(currentEnvironmentPath()); });
    connect(m_delete, &QToolButton::clicked, this,
            [this] { deleteEnvironment(currentEnvironmentPath()); });
    connect(m_addVariable, &QToolButton::clicked, this, [this] {
        const int row = m_model->appendVariable();
        const QModelIndex name = m_model->index(row, VariableTableModel::NameColumn);
        m_table->setCurrentIndex(name);
        m_table->edit(name);
    });
    connect(m_removeVariable, &QToolButton::clicked, this, [this] {
        QList<int> rows;
        const QModelIndexList selected = m_table->selectionModel()->selectedRows();
        for (const QModelIndex &index : selected)
            rows << index.row();
        if (rows.isEmpty() && m_table->currentIndex().isValid())
            rows << m_table->currentIndex().row();
        std::sort(rows.begin(), rows.end(), std::greater<int>());
        for (int row : rows)
            m_model->removeRows(row, 1);
    });
    connect(m_showSecrets, &QCheckBox::toggled, m_model, &VariableTableModel::setSecretsShown);

    connect(m_secrets, &Core::SecretCache::persistenceChanged, this,
            &EnvironmentEditorDialog::updateKeyringBanner);
    // Values still being read from the keyring fill in as they arrive, unless already edited.
    connect(m_secrets, &Core::SecretCache::loaded, this, [this] {
        for (int row = 0; row < m_scopeData.size(); ++row) {
            Scope &scope = m_scopeData[row];
            const bool untouched = scope.variables == scope.saved;
            fillSecretValues(scope.saved, scope);
            if (untouched) {
                scope.variables = scope.saved;
                if (row == currentRow())
                    m_model->setVariables(scope.variables);
            }
        }
    });

    rebuildScopes(QString());
    m_secrets->load(*m_workspace);
    updateKeyringBanner();
}

EnvironmentEditorDialog::~EnvironmentEditorDialog()
{
    for (Scope &scope : m_scopeData) {
        for (Core::VariableList *list : {&scope.variables, &scope.saved}) {
            for (Core::Variable &v : *list) {
                if (v.secret)
                    v.value.fill(u'\0');
            }
        }
    }
}

QString EnvironmentEditorDialog::keyOf(const Scope &scope)
{
    switch (scope.kind) {
    case ScopeKind::Collection:
        return QStringLiteral(":collection");
    case ScopeKind::Globals:
        return QStringLiteral(":globals");
    case ScopeKind::Environment:
        break;
    }
    return scope.path;
}

QString EnvironmentEditorDialog::secretKey(ScopeKind kind, const QString &environment,
                                           const QString &name) const
{
    const Core::ScopeKind core = kind == ScopeKind::Environment ? Core::ScopeKind::Environment
        : kind == ScopeKind::Globals                            ? Core::ScopeKind::Globals
                                                                : Core::ScopeKind::Collection;
    return Core::secretKeyFor(m_collectionId, core, environment, name);
}

QString EnvironmentEditorDialog::secretKey(const Scope &scope, const QString &name) const
{
    return secretKey(scope.kind, scope.name, name);
}

void EnvironmentEditorDialog::fillSecretValues(Core::VariableList &variables,
                                               const Scope &scope) const
{
    for (Core::Variable &v : variables) {
        if (v.secret && !v.name.isEmpty())
            v.value = m_secrets->value(secretKey(scope, v.name)).value_or(QString());
    }
}

EnvironmentEditorDialog::Scope
EnvironmentEditorDialog::scopeFromWorkspace(ScopeKind kind, const QString &path) const
{
    Scope scope;
    scope.kind = kind;
    scope.path = path;
    switch (kind) {
    case ScopeKind::Collection:
        scope.name = tr("Collection variables");
        if (const Core::CollectionItem *c = m_workspace->item(m_collectionPath))
            scope.saved = c->collection->variables;
        break;
    case ScopeKind::Globals:
        scope.name = tr("Globals");
        scope.saved = m_workspace->globals().environment.variables;
        break;
    case ScopeKind::Environment:
        if (const Core::EnvironmentItem *e = m_workspace->environment(path)) {
            scope.name = e->environment.name;
            scope.saved = e->environment.variables;
        }
        break;
    }
    fillSecretValues(scope.saved, scope);
    scope.variables = scope.saved;
    return scope;
}

void EnvironmentEditorDialog::rebuildScopes(const QString &selectKey)
{
    const QString current = selectKey.isEmpty() && currentRow() >= 0
        ? keyOf(m_scopeData.at(currentRow()))
        : selectKey;
    QHash<QString, Scope> previous;
    for (const Scope &s : std::as_const(m_scopeData))
        previous.insert(keyOf(s), s);

    QList<Scope> scopes;
    auto add = [&](ScopeKind kind, const QString &path) {
        Scope fresh = scopeFromWorkspace(kind, path);
        const auto old = previous.constFind(keyOf(fresh));
        // Unsaved edits of scopes that are still there survive a rebuild.
        if (old != previous.constEnd() && old->variables != old->saved)
            fresh.variables = old->variables;
        scopes.append(fresh);
    };
    add(ScopeKind::Collection, QString());
    if (const Core::CollectionItem *c = m_workspace->item(m_collectionPath)) {
        for (const Core::EnvironmentItem &e : c->environments)
            add(ScopeKind::Environment, e.path);
    }
    add(ScopeKind::Globals, QString());

    m_rebuilding = true;
    m_scopeData = scopes;
    m_scopes->clear();
    int select = 0;
    for (int row = 0; row < m_scopeData.size(); ++row) {
        const Scope &s = m_scopeData.at(row);
        auto *item = new QListWidgetItem(s.name, m_scopes); // owned by the list
        item->setData(kScopeRole, keyOf(s));
        if (s.kind == ScopeKind::Environment) {
            item->setFlags(item->flags() | Qt::ItemIsEditable);
            item->setIcon(QIcon::fromTheme(QStringLiteral("preferences-system-network")));
            if (const Core::EnvironmentItem *e = m_workspace->environment(s.path)) {
                if (e->problem)
                    item->setToolTip(e->problem->message);
            }
        } else {
            QFont font = item->font();
            font.setItalic(true);
            item->setFont(font);
        }
        if (keyOf(s) == current)
            select = row;
    }
    m_scopes->setCurrentRow(select);
    m_rebuilding = false;
    showScope(select);
}

int EnvironmentEditorDialog::currentRow() const
{
    const int row = m_scopes ? m_scopes->currentRow() : -1;
    return row >= 0 && row < m_scopeData.size() ? row : -1;
}

void EnvironmentEditorDialog::showScope(int row)
{
    if (row < 0 || row >= m_scopeData.size()) {
        m_model->setVariables({});
        updateButtons();
        return;
    }
    m_model->setVariables(m_scopeData.at(row).variables);
    setMessage(m_model->problem());
    updateButtons();
}

void EnvironmentEditorDialog::onScopeEdited()
{
    const int row = currentRow();
    if (row < 0)
        return;
    m_scopeData[row].variables = m_model->variables();
    setMessage(m_model->problem());
    updateButtons();
}

bool EnvironmentEditorDialog::selectEnvironment(const QString &path)
{
    for (int row = 0; row < m_scopeData.size(); ++row) {
        if (m_scopeData.at(row).kind == ScopeKind::Environment
            && m_scopeData.at(row).path == path) {
            m_scopes->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

void EnvironmentEditorDialog::selectScope(ScopeKind kind)
{
    for (int row = 0; row < m_scopeData.size(); ++row) {
        if (m_scopeData.at(row).kind == kind) {
            m_scopes->setCurrentRow(row);
            return;
        }
    }
}

EnvironmentEditorDialog::ScopeKind EnvironmentEditorDialog::currentScopeKind() const
{
    const int row = currentRow();
    return row < 0 ? ScopeKind::Collection : m_scopeData.at(row).kind;
}

QString EnvironmentEditorDialog::currentEnvironmentPath() const
{
    const int row = currentRow();
    return row < 0 ? QString() : m_scopeData.at(row).path;
}

QString EnvironmentEditorDialog::checkEnvironmentName(const QString &name,
                                                      const QString &exceptPath) const
{
    if (name.trimmed().isEmpty())
        return tr("An environment needs a name.");
    for (const Scope &s : m_scopeData) {
        if (s.kind == ScopeKind::Environment && s.path != exceptPath
            && s.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return tr("There is already an environment named \"%1\": choose another name.")
                .arg(name.trimmed());
    }
    return {};
}

QString EnvironmentEditorDialog::uniqueEnvironmentName(const QString &base) const
{
    QString name = base;
    for (int n = 2; !checkEnvironmentName(name, QString()).isEmpty(); ++n)
        name = QStringLiteral("%1 %2").arg(base).arg(n);
    return name;
}

QString EnvironmentEditorDialog::addEnvironment(const QString &name)
{
    const QString problem = checkEnvironmentName(name, QString());
    if (!problem.isEmpty()) {
        setMessage(problem);
        return {};
    }
    Core::Environment env;
    env.name = name.trimmed();
    const Core::Result<QString> created = m_workspace->createEnvironment(m_collectionPath, env);
    if (!created.ok()) {
        setMessage(created.error().message);
        return {};
    }
    rebuildScopes(*created);
    emit environmentsChanged();
    return *created;
}

QString EnvironmentEditorDialog::duplicateEnvironment(const QString &path)
{
    const auto it = std::find_if(m_scopeData.cbegin(), m_scopeData.cend(), [&](const Scope &s) {
        return s.kind == ScopeKind::Environment && s.path == path;
    });
    if (it == m_scopeData.cend())
        return {};
    const Scope source = *it;
    Core::Environment env;
    env.name = uniqueEnvironmentName(tr("%1 copy").arg(source.name));
    env.variables = withoutSecretValues(source.variables);
    const Core::Result<QString> created = m_workspace->createEnvironment(m_collectionPath, env);
    if (!created.ok()) {
        setMessage(created.error().message);
        return {};
    }
    for (const Core::Variable &v : source.variables) {
        if (v.secret && !v.name.isEmpty())
            m_secrets->setValue(secretKey(ScopeKind::Environment, env.name, v.name), v.value);
    }
    rebuildScopes(*created);
    emit environmentsChanged();
    return *created;
}

QString EnvironmentEditorDialog::renameEnvironment(const QString &path, const QString &newName)
{
    const auto it = std::find_if(m_scopeData.begin(), m_scopeData.end(), [&](const Scope &s) {
        return s.kind == ScopeKind::Environment && s.path == path;
    });
    if (it == m_scopeData.end())
        return {};
    if (it->name == newName.trimmed())
        return path;
    const QString problem = checkEnvironmentName(newName, path);
    if (!problem.isEmpty()) {
        setMessage(problem);
        return {};
    }
    const QString variablesProblem = VariableTableModel::problemIn(it->variables);
    if (!variablesProblem.isEmpty()) {
        setMessage(variablesProblem);
        return {};
    }
    const Scope old = *it;
    // The file is named after the environment: write the new one, then drop the old one. The
    // variables as edited go with it, and the secrets move to keys with the new name.
    Core::Environment env;
    env.name = newName.trimmed();
    env.variables = withoutSecretValues(old.variables);
    const Core::Result<QString> created = m_workspace->createEnvironment(m_collectionPath, env);
    if (!created.ok()) {
        setMessage(created.error().message);
        return {};
    }
    if (!QFile::remove(old.path)) {
        setMessage(tr("Renamed, but could not remove %1: delete it by hand.").arg(old.path));
    }
    m_workspace->reload(old.path);
    for (const Core::Variable &v : old.variables) {
        if (v.secret && !v.name.isEmpty())
            m_secrets->setValue(secretKey(ScopeKind::Environment, env.name, v.name), v.value);
    }
    for (const Core::Variable &v : old.saved) {
        if (v.secret && !v.name.isEmpty())
            m_secrets->removeValue(secretKey(ScopeKind::Environment, old.name, v.name));
    }
    // The renamed scope now matches its file.
    m_scopeData.erase(it);
    rebuildScopes(*created);
    emit environmentsChanged();
    return *created;
}

bool EnvironmentEditorDialog::deleteEnvironment(const QString &path)
{
    const auto it = std::find_if(m_scopeData.begin(), m_scopeData.end(), [&](const Scope &s) {
        return s.kind == ScopeKind::Environment && s.path == path;
    });
    if (it == m_scopeData.end())
        return false;
    if (m_confirm
        && !m_confirm(tr("Delete the environment \"%1\" and its secret values?").arg(it->name)))
        return false;
    const Scope old = *it;
    if (!QFile::remove(old.path)) {
        setMessage(tr("Could not delete %1. Check its permissions.").arg(old.path));
        return false;
    }
    m_workspace->reload(old.path);
    for (const Core::Variable &v : old.saved) {
        if (v.secret && !v.name.isEmpty())
            m_secrets->removeValue(secretKey(ScopeKind::Environment, old.name, v.name));
    }
    m_scopeData.erase(it);
    rebuildScopes(QStringLiteral(":collection"));
    emit environmentsChanged();
    return true;
}

void EnvironmentEditorDialog::onItemRenamed(QListWidgetItem *item)
{
    if (m_rebuilding || !item)
        return;
    const int row = m_scopes->row(item);
    if (row < 0 || row >= m_scopeData.size() || m_scopeData.at(row).kind != ScopeKind::Environment)
        return;
    const Scope &scope = m_scopeData.at(row);
    if (item->text() == scope.name)
        return;
    const QString path = scope.path;
    const QString oldName = scope.name;
    // Renaming rebuilds the list: finish with this item's signal first.
    const QString newName = item->text();
    QMetaObject::invokeMethod(
        this,
        [this, path, oldName, newName] {
            if (renameEnvironment(path, newName).isEmpty()) {
                for (int r = 0; r < m_scopeData.size(); ++r) {
                    if (m_scopeData.at(r).path == path) {
                        const QSignalBlocker blocker(m_scopes);
                        m_scopes->item(r)->setText(oldName);
                    }
                }
            }
        },
        Qt::QueuedConnection);
}

void EnvironmentEditorDialog::storeSecrets(const Scope &scope, const QString &environmentName,
                                           const Core::VariableList &before)
{
    QStringList keep;
    for (const Core::Variable &v : scope.variables) {
        if (!v.secret || v.name.isEmpty())
            continue;
        const QString key = secretKey(scope.kind, environmentName, v.name);
        keep << key;
        const std::optional<QString> known = m_secrets->value(key);
        if (known != std::optional<QString>(v.value) && !(v.value.isEmpty() && !known))
            m_secrets->setValue(key, v.value);
    }
    for (const Core::Variable &v : before) {
        if (!v.secret || v.name.isEmpty())
            continue;
        const QString key = secretKey(scope.kind, environmentName, v.name);
        if (!keep.contains(key) && m_secrets->hasValue(key))
            m_secrets->removeValue(key);
    }
}

bool EnvironmentEditorDialog::writeScope(Scope &scope)
{
    const Core::VariableList toFile = withoutSecretValues(scope.variables);
    Core::Result<Core::SaveOutcome> outcome = Core::SaveOutcome::Unchanged;
    switch (scope.kind) {
    case ScopeKind::Collection: {
        const Core::CollectionItem *c = m_workspace->item(m_collectionPath);
        if (!c) {
            setMessage(tr("The collection is gone from the workspace; reopen this dialog."));
            return false;
        }
        Core::CollectionInfo info = c->collection;
        info.variables = toFile;
        outcome = m_workspace->saveCollection(m_collectionPath, info);
        break;
    }
    case ScopeKind::Environment: {
        const Core::EnvironmentItem *e = m_workspace->environment(scope.path);
        if (!e) {
            setMessage(tr("%1 is gone; reopen this dialog.").arg(scope.path));
            return false;
        }
        Core::Environment env = e->environment;
        env.variables = toFile;
        outcome = m_workspace->saveEnvironment(scope.path, env);
        break;
    }
    case ScopeKind::Globals: {
        Core::Environment globals = m_workspace->globals().environment;
        globals.variables = toFile;
        outcome = m_workspace->saveGlobals(globals);
        break;
    }
    }
    if (!outcome.ok()) {
        setMessage(tr("Could not save %1: %2").arg(scope.name, outcome.error().message));
        return false;
    }
    storeSecrets(scope, scope.kind == ScopeKind::Environment ? scope.name : QString(), scope.saved);
    scope.saved = scope.variables;
    return true;
}

bool EnvironmentEditorDialog::save()
{
    // Check everything first, so that a bad name anywhere writes nothing.
    for (int row = 0; row < m_scopeData.size(); ++row) {
        const QString problem = VariableTableModel::problemIn(m_scopeData.at(row).variables);
        if (!problem.isEmpty()) {
            m_scopes->setCurrentRow(row);
            setMessage(tr("%1 — %2").arg(m_scopeData.at(row).name, problem));
            return false;
        }
    }
    bool ok = true;
    bool wrote = false;
    for (Scope &scope : m_scopeData) {
        if (scope.variables == scope.saved)
            continue;
        if (!writeScope(scope)) {
            ok = false;
            break;
        }
        wrote = true;
    }
    if (ok)
        setMessage(QString());
    updateButtons();
    if (wrote)
        emit environmentsChanged();
    return ok;
}

bool EnvironmentEditorDialog::hasUnsavedChanges() const
{
    return std::any_of(m_scopeData.cbegin(), m_scopeData.cend(),
                       [](const Scope &s) { return s.variables != s.saved; });
}

void EnvironmentEditorDialog::done(int result)
{
    if (result == QDialog::Rejected && hasUnsavedChanges() && m_confirm
        && !m_confirm(tr("Discard the changes you have not saved?")))
        return;
    QDialog::done(result);
}

QString EnvironmentEditorDialog::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void EnvironmentEditorDialog::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

bool EnvironmentEditorDialog::isKeyringWarningVisible() const
{
    return !m_banner->isHidden();
}

void EnvironmentEditorDialog::setConfirmation(std::function<bool(const QString &)> confirm)
{
    m_confirm = std::move(confirm);
}

void EnvironmentEditorDialog::updateButtons()
{
    const bool environment = currentScopeKind() == ScopeKind::Environment && currentRow() >= 0;
    m_rename->setEnabled(environment);
    m_duplicate->setEnabled(environment);
    m_delete->setEnabled(environment);
    m_add->setEnabled(m_workspace->item(m_collectionPath) != nullptr);
    m_save->setEnabled(hasUnsavedChanges());
}

void EnvironmentEditorDialog::updateKeyringBanner()
{
    m_banner->setVisible(!m_secrets->isPersistent());
    m_banner->setToolTip(m_secrets->persistenceMessage());
}

} // namespace Patchbay::Ui
