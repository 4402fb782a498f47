#include "ui/auth/authsettingsdialog.h"

#include "core/collections/workspace.h"
#include "ui/auth/autheditor.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace Patchbay::Ui {

AuthSettingsDialog::AuthSettingsDialog(Core::Workspace *workspace, const QString &path,
                                       AuthServices *services, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_path(path)
{
    setObjectName(QStringLiteral("authSettingsDialog"));
    const Core::CollectionItem *item = workspace->item(path);
    m_isCollection = item && item->kind == Core::ItemKind::Collection;
    m_editor = new AuthEditor(
        m_isCollection ? AuthEditor::Owner::Collection : AuthEditor::Owner::Folder, this);
    if (item) {
        setWindowTitle(m_isCollection ? tr("Auth of the collection %1").arg(item->name)
                                      : tr("Auth of the folder %1").arg(item->name));
        m_editor->setAuth(m_isCollection ? item->collection->auth : item->folder->auth);
    }
    m_editor->setContext(services, path);

    auto *layout = new QVBoxLayout(this);
    auto *intro
        = new QLabel(m_isCollection ? tr("Requests and folders of this collection that inherit "
                                         "their auth use this.")
                                    : tr("Requests and folders inside this folder that inherit "
                                         "their auth use this."),
                     this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(m_editor, 1);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("authSettingsMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_message->hide();
    layout->addWidget(m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &AuthSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AuthSettingsDialog::reject);
    layout->addWidget(buttons);
    resize(640, 620);
}

AuthSettingsDialog::~AuthSettingsDialog() = default;

bool AuthSettingsDialog::save()
{
    const Core::CollectionItem *item = m_workspace->item(m_path);
    if (!item) {
        m_message->setText(tr("%1 is no longer in the workspace.").arg(m_path));
        m_message->show();
        return false;
    }
    Core::Result<Core::SaveOutcome> written = Core::Error {};
    if (m_isCollection) {
        Core::CollectionInfo info = item->collection.edited();
        info.auth = m_editor->auth();
        written = m_workspace->saveCollection(m_path, info);
    } else {
        Core::FolderInfo info = item->folder.edited();
        if (info.name.isEmpty())
            info.name = item->name;
        info.auth = m_editor->auth();
        written = m_workspace->saveFolder(m_path, info);
    }
    if (!written.ok()) {
        m_message->setText(written.error().message);
        m_message->show();
        return false;
    }
    m_message->hide();
    emit saved(m_path);
    return true;
}

QString AuthSettingsDialog::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void AuthSettingsDialog::accept()
{
    if (save())
        QDialog::accept();
}

} // namespace Patchbay::Ui
