#include "ui/collections/saverequestdialog.h"

#include "core/collections/workspace.h"
#include "ui/common/accessibility.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {

constexpr int PathRole = Qt::UserRole + 1;

void addPlaces(QTreeWidgetItem *parent, const QList<Core::CollectionItem> &children,
               const QIcon &icon)
{
    for (const Core::CollectionItem &child : children) {
        if (child.kind != Core::ItemKind::Folder)
            continue;
        auto *item = new QTreeWidgetItem(parent, {child.name}); // owned by parent
        item->setData(0, PathRole, child.path);
        item->setIcon(0, icon);
        if (child.readOnly || child.problem)
            item->setFlags(item->flags().setFlag(Qt::ItemIsEnabled, false));
        addPlaces(item, child.children, icon);
    }
}

} // namespace

SaveRequestDialog::SaveRequestDialog(Core::Workspace *workspace, const QString &name,
                                     const QString &parentPath, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_newCollection(new QPushButton(tr("New &collection…"), this))
    , m_newFolder(new QPushButton(tr("New &folder…"), this))
    , m_places(new QTreeWidget(this))
    , m_name(new QLineEdit(this))
    , m_warning(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    Q_ASSERT(workspace);
    setWindowTitle(tr("Save Request"));

    m_ask = [](QWidget *parentWidget, const QString &title) {
        QInputDialog input(parentWidget);
        input.setObjectName(QStringLiteral("newPlaceName"));
        input.setWindowTitle(title);
        input.setLabelText(tr("Name:"));
        return input.exec() == QDialog::Accepted ? input.textValue().trimmed() : QString();
    };
    m_places->setHeaderHidden(true);
    m_places->setSelectionMode(QAbstractItemView::SingleSelection);
    fillPlaces();
    m_newCollection->setObjectName(QStringLiteral("newCollectionButton"));
    m_newCollection->setToolTip(tr("Make a new collection to save the request in"));
    m_newFolder->setObjectName(QStringLiteral("newFolderButton"));
    m_newFolder->setToolTip(tr("Make a new folder in the chosen collection or folder"));
    m_newCollection->setAutoDefault(false);
    m_newFolder->setAutoDefault(false);
    Accessibility::describe(m_places, tr("Save in"),
                            tr("The collection or folder the request is saved in"));
    Accessibility::describeButtons(m_buttons);

    m_name->setText(name);
    m_name->setPlaceholderText(tr("Request name"));
    m_warning->setWordWrap(true);
    m_warning->setForegroundRole(QPalette::PlaceholderText);
    m_warning->setVisible(false);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    auto *placeLabel = new QLabel(tr("Save &in:"), this);
    placeLabel->setBuddy(m_places);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(placeLabel);
    layout->addWidget(m_places, 1);
    auto *placeButtons = new QHBoxLayout;
    placeButtons->addWidget(m_newCollection);
    placeButtons->addWidget(m_newFolder);
    placeButtons->addStretch(1);
    layout->addLayout(placeButtons);
    layout->addWidget(m_warning);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (isAcceptable())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &SaveRequestDialog::validate);
    connect(m_places, &QTreeWidget::currentItemChanged, this, &SaveRequestDialog::validate);
    connect(m_newCollection, &QPushButton::clicked, this, &SaveRequestDialog::createCollection);
    connect(m_newFolder, &QPushButton::clicked, this, &SaveRequestDialog::createFolder);

    if (!parentPath.isEmpty())
        setParentPath(parentPath);
    if (!m_places->currentItem() && m_places->topLevelItemCount() > 0)
        m_places->setCurrentItem(m_places->topLevelItem(0));
    m_name->selectAll();
    m_name->setFocus();
    validate();
    resize(420, 420);
}

SaveRequestDialog::~SaveRequestDialog() = default;

void SaveRequestDialog::fillPlaces()
{
    m_places->clear();
    const QIcon folderIcon = style()->standardIcon(QStyle::SP_DirIcon);
    for (const Core::CollectionItem &collection : m_workspace->collections()) {
        auto *item = new QTreeWidgetItem(m_places, {collection.name}); // owned by the tree
        item->setData(0, PathRole, collection.path);
        item->setToolTip(0, collection.path); // tells apart same-named collections of two folders
        item->setIcon(0, folderIcon);
        QFont font = item->font(0);
        font.setBold(true);
        item->setFont(0, font);
        if (collection.readOnly || collection.problem)
            item->setFlags(item->flags().setFlag(Qt::ItemIsEnabled, false));
        addPlaces(item, collection.children, folderIcon);
    }
    m_places->expandAll();
}

void SaveRequestDialog::setNameQuestion(NameQuestion ask)
{
    m_ask = std::move(ask);
}

QString SaveRequestDialog::created(const Core::Result<QString> &result)
{
    if (!result.ok()) {
        QMessageBox::warning(this, windowTitle(), result.error().message);
        return {};
    }
    fillPlaces();
    setParentPath(result.value());
    emit placeCreated(result.value());
    validate();
    m_name->setFocus();
    return result.value();
}

QString SaveRequestDialog::createCollection()
{
    const QString name = m_ask ? m_ask(this, tr("New collection")) : QString();
    if (name.isEmpty())
        return {};
    return created(m_workspace->createCollection(name));
}

QString SaveRequestDialog::createFolder()
{
    const QString parentPlace = parentPath();
    if (parentPlace.isEmpty())
        return {};
    const QString name = m_ask ? m_ask(this, tr("New folder")) : QString();
    if (name.isEmpty())
        return {};
    return created(m_workspace->createFolder(parentPlace, name));
}

QString SaveRequestDialog::parentPath() const
{
    const QTreeWidgetItem *item = m_places->currentItem();
    return item && (item->flags() & Qt::ItemIsEnabled) ? item->data(0, PathRole).toString()
                                                       : QString();
}

void SaveRequestDialog::setParentPath(const QString &path)
{
    for (QTreeWidgetItemIterator it(m_places); *it; ++it) {
        if ((*it)->data(0, PathRole).toString() == path) {
            m_places->setCurrentItem(*it);
            return;
        }
    }
}

QString SaveRequestDialog::name() const
{
    return m_name->text().trimmed();
}

void SaveRequestDialog::setName(const QString &name)
{
    m_name->setText(name);
}

bool SaveRequestDialog::nameExists() const
{
    const Core::CollectionItem *parent = m_workspace->item(parentPath());
    if (!parent || name().isEmpty())
        return false;
    for (const Core::CollectionItem &child : parent->children) {
        if (child.kind == Core::ItemKind::Request
            && QString::compare(child.name, name(), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool SaveRequestDialog::isAcceptable() const
{
    return !name().isEmpty() && !parentPath().isEmpty();
}

void SaveRequestDialog::validate()
{
    QString warning;
    if (m_places->topLevelItemCount() == 0)
        warning = tr("There is no collection yet: make one with New collection.");
    else if (parentPath().isEmpty())
        warning = tr("Choose a collection or folder.");
    else if (name().isEmpty())
        warning = tr("Enter a name.");
    else if (nameExists())
        warning
            = tr("A request named “%1” is already there; this one is saved beside it.").arg(name());
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
    m_newFolder->setEnabled(!parentPath().isEmpty());
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(isAcceptable());
}

} // namespace Patchbay::Ui
