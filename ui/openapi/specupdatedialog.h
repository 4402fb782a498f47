#pragma once

#include "core/openapi/specsync.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTreeWidget;

namespace Patchbay::Core {
class Workspace;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

// "Update from spec…": reads the changed description in a worker, shows every change the
// three-way sync would make (added, removed, updated with details) and writes only on Apply,
// in slices of a few milliseconds with its progress shown, so the window keeps painting.
class SpecUpdateDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpecUpdateDialog)

public:
    // `workspace` is not owned and must hold `collectionPath`.
    SpecUpdateDialog(Core::Workspace *workspace, const QString &collectionPath,
                     QWidget *parent = nullptr);

    // The preview being shown (after the worker finished), for tests.
    const std::optional<Core::SpecSyncPlan> &plan() const { return m_plan; }
    // Reads the description at the source field's path and computes the preview.
    void preview();
    // Not while Apply is writing: half an update would leave the link behind the files.
    void reject() override;

signals:
    void previewReady();
    // Apply wrote these request files.
    void applied(const QStringList &paths);

private:
    void showPlan(const Core::Result<Core::SpecSyncPlan> &plan);
    void apply();
    void applySlice();

    Core::Workspace *m_workspace; // not owned
    QString m_collection;
    QLineEdit *m_source; // owned (child)
    QLabel *m_status; // owned (child)
    QTreeWidget *m_changes; // owned (child)
    QDialogButtonBox *m_buttons; // owned (child)
    QFutureWatcher<Core::Result<Core::SpecSyncPlan>> m_watcher;
    std::optional<Core::SpecSyncPlan> m_plan;
    std::unique_ptr<Core::SpecSyncApplier> m_applier; // while Apply is writing
};

} // namespace Patchbay::Ui
