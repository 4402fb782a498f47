#pragma once

#include "core/common/result.h"

#include <QDialog>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace Patchbay::Core {
class Workspace;
}

namespace Patchbay::Ui {

// "Save As": choose a collection or folder and a name. The caller then creates the request
// with Core::Workspace::createRequest(parentPath(), ...). Warns (without refusing) when the
// chosen place already holds a request of that name. "New collection…" and "New folder…" make a
// place on disk at once (placeCreated()), which stays even if the save is then cancelled.
class SaveRequestDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SaveRequestDialog)

public:
    // `parentPath` preselects a collection or folder (e.g. the one selected in the sidebar).
    SaveRequestDialog(Core::Workspace *workspace, const QString &name,
                      const QString &parentPath = {},
                      QWidget *parent = nullptr); // workspace not owned
    ~SaveRequestDialog() override;

    // The chosen collection or folder, or empty when none is selected.
    QString parentPath() const;
    void setParentPath(const QString &path);
    // The name, trimmed.
    QString name() const;
    void setName(const QString &name);

    // True when the chosen place holds a request with this name (case-insensitive).
    bool nameExists() const;
    // OK is enabled only with a place and a non-empty name.
    bool isAcceptable() const;

    QTreeWidget *placesView() const { return m_places; }
    QLineEdit *nameEdit() const { return m_name; }
    QLabel *warningLabel() const { return m_warning; }
    QPushButton *newCollectionButton() const { return m_newCollection; }
    QPushButton *newFolderButton() const { return m_newFolder; }

    // Asks for a name (a QInputDialog named "newPlaceName"; the default shows it), then makes a
    // collection, or a folder in the chosen place, and selects it. Returns its path, or empty.
    using NameQuestion = std::function<QString(QWidget *parent, const QString &title)>;
    void setNameQuestion(NameQuestion ask);
    QString createCollection();
    QString createFolder();

signals:
    // A collection or folder was made on disk.
    void placeCreated(const QString &path);

private:
    void validate();
    void fillPlaces();
    QString created(const Core::Result<QString> &result);

    Core::Workspace *m_workspace; // not owned
    NameQuestion m_ask;
    QPushButton *m_newCollection; // owned (widget child)
    QPushButton *m_newFolder; // owned (widget child)
    QTreeWidget *m_places; // owned (widget child)
    QLineEdit *m_name; // owned (widget child)
    QLabel *m_warning; // owned (widget child)
    QDialogButtonBox *m_buttons; // owned (widget child)
};

} // namespace Patchbay::Ui
