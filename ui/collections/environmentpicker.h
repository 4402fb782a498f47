#pragma once

#include <QComboBox>

class QAction;

namespace Patchbay::Core {
class Workspace;
}

namespace Patchbay::Ui {

// Chooses the active environment of a collection: "No environment" then the collection's
// environments by name. Emits environmentChanged() with the environment file's path (empty
// for none) when the user or setCurrentEnvironment() changes it. Each collection's choice is
// remembered (in the settings, so across restarts too): showing a collection again brings its
// environment back. manageAction() ("Manage Environments…", also in the picker's context menu)
// emits manageRequested(); put it in the toolbar next to the picker.
class EnvironmentPicker final : public QComboBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentPicker)

public:
    explicit EnvironmentPicker(const Core::Workspace *workspace,
                               QWidget *parent = nullptr); // workspace not owned

    // Lists the environments of the collection at `collectionPath` (empty: none) and selects the
    // one last chosen for it (none when it never had one, or it is gone).
    void setCollection(const QString &collectionPath);
    QString collectionPath() const { return m_collection; }

    QString currentEnvironment() const;
    // False when `path` is not an environment of the collection.
    bool setCurrentEnvironment(const QString &path);

    // The environment last chosen for a collection, "" when none (or it no longer exists).
    QString activeEnvironment(const QString &collectionPath) const;
    // Remembers `environmentPath` as the collection's choice (the first run picks the sample's).
    static void rememberActive(const QString &collectionPath, const QString &environmentPath);

    QAction *manageAction() const { return m_manage; }

signals:
    void environmentChanged(const QString &path);
    void manageRequested();

private:
    const Core::Workspace *m_workspace; // not owned
    QAction *m_manage; // owned (child)
    QString m_collection;
    QString m_current;
};

} // namespace Patchbay::Ui
