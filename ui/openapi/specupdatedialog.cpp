#include "ui/openapi/specupdatedialog.h"

#include "core/collections/workspace.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

SpecUpdateDialog::SpecUpdateDialog(Workspace *workspace, const QString &collectionPath,
                                   QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_collection(collectionPath)
    , m_source(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_changes(new QTreeWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Update from spec"));
    resize(760, 520);
    auto *layout = new QVBoxLayout(this);
    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(new QLabel(tr("Description:"), this));
    sourceRow->addWidget(m_source, 1);
    auto *previewButton = new QPushButton(tr("Preview"), this);
    sourceRow->addWidget(previewButton);
    layout->addLayout(sourceRow);
    layout->addWidget(m_status);
    m_changes->setHeaderLabels({tr("Change"), tr("Operation"), tr("Request")});
    m_changes->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    layout->addWidget(m_changes, 1);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Apply)->setText(tr("Apply"));

    const Result<SpecLink> link = readSpecLink(collectionPath);
    m_source->setText(link.ok() ? link->source : QString());
    connect(previewButton, &QPushButton::clicked, this, &SpecUpdateDialog::preview);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &SpecUpdateDialog::apply);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<Result<SpecSyncPlan>>::finished, this,
            [this] { showPlan(m_watcher.result()); });
}

void SpecUpdateDialog::preview()
{
    if (m_watcher.isRunning())
        return;
    m_plan.reset();
    m_changes->clear();
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(false);
    m_status->setText(tr("Reading the description…"));
    const QString source = m_source->text().trimmed();
    const QString collection = m_collection;
    // Reading and importing both versions is work for a worker, never the UI thread.
    m_watcher.setFuture(QtConcurrent::run([source, collection]() -> Result<SpecSyncPlan> {
        Result<LoadedSpec> spec = loadSpecFile(source);
        if (!spec.ok())
            return spec.error();
        return planSpecSync(collection, spec.value());
    }));
}

void SpecUpdateDialog::showPlan(const Result<SpecSyncPlan> &plan)
{
    if (!plan.ok()) {
        m_status->setText(tr("The description could not be read: %1").arg(plan.error().message));
        emit previewReady();
        return;
    }
    m_plan = plan.value();
    for (const SpecChange &change : m_plan->changes) {
        QString kind;
        switch (change.kind) {
        case SpecChange::Kind::Added:
            kind = tr("Added");
            break;
        case SpecChange::Kind::Removed:
            kind = tr("Removed (kept, marked)");
            break;
        case SpecChange::Kind::Updated:
            kind = tr("Updated");
            break;
        case SpecChange::Kind::Kept:
            kind = tr("Kept");
            break;
        }
        auto *item = new QTreeWidgetItem(m_changes, {kind, change.operation, change.request});
        for (const QString &detail : change.details)
            new QTreeWidgetItem(item, {QString(), detail});
        item->setExpanded(true);
    }
    m_status->setText(m_plan->isEmpty()
                          ? tr("The collection is up to date with this description.")
                          : tr("%n change(s); %1 operations unchanged. Nothing is written until "
                               "you apply.",
                               nullptr, int(m_plan->changes.size()))
                                .arg(m_plan->unchanged));
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(!m_plan->isEmpty());
    emit previewReady();
}

void SpecUpdateDialog::apply()
{
    if (!m_plan || m_applier)
        return;
    m_applier = std::make_unique<SpecSyncApplier>(*std::exchange(m_plan, std::nullopt));
    m_buttons->setEnabled(false);
    m_source->setEnabled(false);
    applySlice();
}

void SpecUpdateDialog::applySlice()
{
    // A slice well inside a frame: the window stays responsive however big the update.
    constexpr int SliceMs = 15;
    if (!m_applier->step(*m_workspace, SliceMs)) {
        m_status->setText(tr("Applying: %1 of %2 written…")
                              .arg(QLocale().toString(m_applier->done()),
                                   QLocale().toString(m_applier->total())));
        QTimer::singleShot(0, this, &SpecUpdateDialog::applySlice);
        return;
    }
    const std::unique_ptr<SpecSyncApplier> applier = std::move(m_applier);
    m_buttons->setEnabled(true);
    m_source->setEnabled(true);
    if (applier->error()) {
        m_status->setText(tr("The update stopped: %1 The %2 files written before it keep their "
                             "changes; Preview again to see what is left.")
                              .arg(applier->error()->message)
                              .arg(applier->touched().size()));
        m_buttons->button(QDialogButtonBox::Apply)->setEnabled(false);
        emit applied(applier->touched());
        return;
    }
    emit applied(applier->touched());
    accept();
}

void SpecUpdateDialog::reject()
{
    if (m_applier)
        return;
    QDialog::reject();
}

} // namespace Patchbay::Ui
