#include "ui/collections/environmentpicker.h"

#include "core/collections/workspace.h"

#include <QAction>
#include <QSettings>
#include <QSignalBlocker>

namespace Patchbay::Ui {

namespace {

// Collection path -> environment file path, for every collection that has a choice.
const QLatin1String keyActive("environments/active");

} // namespace

void EnvironmentPicker::rememberActive(const QString &collectionPath,
                                       const QString &environmentPath)
{
    if (collectionPath.isEmpty())
        return;
    QSettings settings;
    QVariantMap active = settings.value(keyActive).toMap();
    if (environmentPath.isEmpty())
        active.remove(collectionPath);
    else
        active.insert(collectionPath, environmentPath);
    settings.setValue(keyActive, active);
}

QString EnvironmentPicker::activeEnvironment(const QString &collectionPath) const
{
    const QString path = QSettings().value(keyActive).toMap().value(collectionPath).toString();
    const Core::CollectionItem *collection = m_workspace->item(collectionPath);
    if (!collection || path.isEmpty())
        return {};
    for (const Core::EnvironmentItem &environment : collection->environments) {
        if (environment.path == path)
            return path;
    }
    return {};
}

EnvironmentPicker::EnvironmentPicker(const Core::Workspace *workspace, QWidget *parent)
    : QComboBox(parent)
    , m_workspace(workspace)
    , m_manage(new QAction(QIcon::fromTheme(QStringLiteral("document-properties")),
                           tr("Manage Environments…"), this))
{
    Q_ASSERT(workspace);
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setToolTip(tr("Active environment"));
    m_manage->setObjectName(QStringLiteral("manageEnvironmentsAction"));
    m_manage->setToolTip(tr("Edit the variables of the collection, its environments and globals"));
    connect(m_manage, &QAction::triggered, this, &EnvironmentPicker::manageRequested);
    addAction(m_manage);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    addItem(tr("No environment"), QString());
    connect(this, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QString path = itemData(index).toString();
        if (path == m_current)
            return;
        m_current = path;
        rememberActive(m_collection, path);
        emit environmentChanged(path);
    });
}

void EnvironmentPicker::setCollection(const QString &collectionPath)
{
    m_collection = collectionPath;
    const QString previous = activeEnvironment(collectionPath);
    {
        const QSignalBlocker blocker(this);
        clear();
        addItem(tr("No environment"), QString());
        if (const Core::CollectionItem *collection = m_workspace->item(collectionPath)) {
            for (const Core::EnvironmentItem &environment : collection->environments) {
                addItem(environment.environment.name, environment.path);
                if (environment.problem)
                    setItemData(count() - 1, environment.problem->message, Qt::ToolTipRole);
            }
        }
        const int index = findData(previous);
        setCurrentIndex(index >= 0 ? index : 0);
    }
    const QString now = itemData(currentIndex()).toString();
    if (now != m_current) {
        m_current = now;
        emit environmentChanged(now);
    }
}

QString EnvironmentPicker::currentEnvironment() const
{
    return m_current;
}

bool EnvironmentPicker::setCurrentEnvironment(const QString &path)
{
    const int index = findData(path);
    if (index < 0)
        return false;
    setCurrentIndex(index);
    return true;
}

} // namespace Patchbay::Ui
