#pragma once

#include "core/environments/variable.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QFrame;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QTableView;
class QToolButton;

namespace Patchbay::Core {
class SecretCache;
class Workspace;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class VariableTableModel;

// Edits the variables of a collection, of each of its environments and the workspace globals.
// The list on the left picks the scope (environments can be added, renamed, duplicated and
// deleted there, which changes their files at once); the table on the right edits its variables
// until Save. Values of secret variables go to the keyring through the SecretCache and never
// into the files; a banner says when there is no keyring and they only last this session.
class EnvironmentEditorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentEditorDialog)

public:
    // Neither is owned; both must outlive the dialog.
    EnvironmentEditorDialog(Core::Workspace *workspace, Core::SecretCache *secrets,
                            const QString &collectionPath, QWidget *parent = nullptr);
    ~EnvironmentEditorDialog() override;

    enum class ScopeKind { Collection, Environment, Globals };

    // Shows the environment at `path` (false when it is not one of the collection's), or the
    // collection variables or globals.
    bool selectEnvironment(const QString &path);
    void selectScope(ScopeKind kind);
    ScopeKind currentScopeKind() const;
    QString currentEnvironmentPath() const;

    // Environment operations, as the buttons do them. Each writes at once and returns the new
    // path (empty on failure, with message() saying why).
    QString addEnvironment(const QString &name);
    QString renameEnvironment(const QString &path, const QString &newName);
    QString duplicateEnvironment(const QString &path);
    bool deleteEnvironment(const QString &path);

    // Writes every changed scope; false (nothing written for the failing scope) with message()
    // when a name is invalid or a file cannot be written.
    bool save();
    bool hasUnsavedChanges() const;

    // The inline problem shown under the table, empty when all is well.
    QString message() const;
    bool isKeyringWarningVisible() const;

    QListWidget *scopeList() const { return m_scopes; }
    QTableView *variablesView() const { return m_table; }
    VariableTableModel *variablesModel() const { return m_model; }

    // Asks before deleting an environment; tests replace the message box.
    void setConfirmation(std::function<bool(const QString &question)> confirm);

signals:
    // Files were written, created, renamed or removed: pickers and highlighting may refresh.
    void environmentsChanged();

protected:
    void done(int result) override;

private:
    struct Scope
    {
        ScopeKind kind = ScopeKind::Collection;
        QString path; // environment file; empty otherwise
        QString name;
        Core::VariableList variables; // as edited, secret values included
        Core::VariableList saved; // as last loaded or saved
    };

    void rebuildScopes(const QString &selectKey);
    Scope scopeFromWorkspace(ScopeKind kind, const QString &path) const;
    static QString keyOf(const Scope &scope);
    int currentRow() const;
    void showScope(int row);
    void onScopeEdited();
    void onItemRenamed(QListWidgetItem *item);
    void fillSecretValues(Core::VariableList &variables, const Scope &scope) const;
    QString secretKey(const Scope &scope, const QString &name) const;
    QString secretKey(ScopeKind kind, const QString &environment, const QString &name) const;
    bool writeScope(Scope &scope);
    void storeSecrets(const Scope &scope, const QString &environmentName,
                      const Core::VariableList &before);
    QString checkEnvironmentName(const QString &name, const QString &exceptPath) const;
    QString uniqueEnvironmentName(const QString &base) const;
    void setMessage(const QString &text);
    void updateButtons();
    void updateKeyringBanner();

    Core::Workspace *m_workspace; // not owned
    Core::SecretCache *m_secrets; // not owned
    QString m_collectionPath;
    QString m_collectionId;
    QList<Scope> m_scopeData; // same order as m_scopes' rows
    std::function<bool(const QString &)> m_confirm;
    bool m_rebuilding = false;

    QFrame *m_banner = nullptr; // owned (child)
    QLabel *m_bannerText = nullptr; // owned (child)
    QListWidget *m_scopes = nullptr; // owned (child)
    QToolButton *m_add = nullptr; // owned (child)
    QToolButton *m_rename = nullptr; // owned (child)
    QToolButton *m_duplicate = nullptr; // owned (child)
    QToolButton *m_delete = nullptr; // owned (child)
    QTableView *m_table = nullptr; // owned (child)
    VariableTableModel *m_model = nullptr; // owned (child)
    QToolButton *m_addVariable = nullptr; // owned (child)
    QToolButton *m_removeVariable = nullptr; // owned (child)
    QCheckBox *m_showSecrets = nullptr; // owned (child)
    QLabel *m_message = nullptr; // owned (child)
    QPushButton *m_save = nullptr; // owned (child)
};

} // namespace Patchbay::Ui
