#include "ui/window/firstrun.h"

#include "core/collections/copytree.h"
#include "ui/collections/environmentpicker.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

Workspace openDefaultWorkspace(QString *problem)
{
    const QString root
        = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/workspace";
    QDir().mkpath(root);
    QSettings settings;
    if (!settings.value(QStringLiteral("firstRun/sampleInstalled")).toBool()) {
        const QString sample = root + u"/sandbox-updates";
        const Status copied = copyTree(QStringLiteral(":/sample/sandbox-updates"), sample);
        if (copied.ok() || copied.error().code == QLatin1String("target-not-empty"))
            settings.setValue(QStringLiteral("firstRun/sampleInstalled"), true);
        else
            *problem = copied.error().message;
        // Its "Sandbox" environment ({{baseUrl}} = the sandbox's address) is active from the
        // start, so that the sample runs in one click.
        if (copied.ok())
            EnvironmentPicker::rememberActive(
                sample, sample + QStringLiteral("/environments/sandbox.yaml"));
    }
    Result<Workspace> workspace = Workspace::open(root);
    if (!workspace.ok()) {
        *problem = workspace.error().message;
        return Workspace();
    }
    return std::move(workspace).value();
}

} // namespace Patchbay::Ui
