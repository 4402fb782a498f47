#pragma once

#include <QDialog>

class QLabel;

namespace Patchbay::Core {
class Workspace;
}

namespace Patchbay::Ui {

class AuthEditor;
class AuthServices;

// The auth of a collection or folder (collection.yaml, folder.yaml): what the requests inside
// inherit. A folder may itself inherit from its parent. Save writes the file at once.
class AuthSettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthSettingsDialog)

public:
    // `path` is a collection or folder directory of `workspace`; `services` may be null.
    AuthSettingsDialog(Core::Workspace *workspace, const QString &path, AuthServices *services,
                       QWidget *parent = nullptr); // none owned
    ~AuthSettingsDialog() override;

    AuthEditor *editor() const { return m_editor; }
    // Writes the edited auth; false with message() when the file cannot be written.
    bool save();
    QString message() const;

signals:
    // The file was written: what inherits from it may show something else now.
    void saved(const QString &path);

protected:
    void accept() override;

private:
    Core::Workspace *m_workspace; // not owned
    QString m_path;
    bool m_isCollection = false;
    AuthEditor *m_editor; // owned (child)
    QLabel *m_message; // owned (child)
};

} // namespace Patchbay::Ui
