#pragma once

#include <QComboBox>

class QAction;

namespace Patchbay::Core {
class Workspace;
}

namespace Patchbay::Ui {

// Chooses the active environment of a collection: "No environment" then the collection's
// environments by name. Emits environmentChanged() with the environment file's path (empty
// for none) when the user or setCurrentEnvironment() changes it. manageAction() ("Manage
// Environments…", also in the picker's context menu) emits manageRequested(); put it in the
// toolbar next to the picker.
class EnvironmentPicker final : public QComboBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentPicker)

public:
    explicit EnvironmentPicker(const Core::Workspace *workspace,
                               QWidget *parent = nullptr); // workspace not owned

    // Lists the environments of the collection at `collectionPath` (empty: none), keeping the
    // current one when it is still there.
    void setCollection(const QString &collectionPath);
    QString collectionPath() const { return m_collection; }

    QString currentEnvironment() const;
    // False when `path` is not an environment of the collection.
    bool setCurrentEnvironment(const QString &path);

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
