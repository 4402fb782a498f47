#include "ui/update/idempotencydialog.h"

#include "core/history/historyentry.h"
#include "core/http/httpclient.h"
#include "core/update/jsonchanges.h"
#include "core/update/updateplan.h"
#include "ui/common/accessibility.h"
#include "ui/update/diffmarkers.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Patchbay::Ui {

IdempotencyDialog::IdempotencyDialog(QNetworkAccessManager *network, const Core::Request &request,
                                     const Core::Request &get, QWidget *parent)
    : QDialog(parent)
    , m_request(request)
    , m_get(get)
    , m_client(std::make_unique<Core::HttpClient>(network))
{
    if (m_get.url.isEmpty()) {
        m_get = request;
        m_get.body = Core::RequestBody {};
    }
    m_get.method = QStringLiteral("GET");
    setWindowTitle(tr("Check idempotency — %1 %2").arg(request.method, Core::displayUrl(request)));
    m_check = new Core::IdempotencyCheck(m_client.get(), this);

    m_count = new QSpinBox(this);
    m_count->setRange(1, 100);
    m_count->setValue(3);
    m_dropPreconditions = new QCheckBox(tr("Leave out If-Match and If-Unmodified-Since"), this);
    m_dropPreconditions->setChecked(true);
    m_dropPreconditions->setToolTip(
        tr("With them, every repeat after the first is refused with 412 by design"));
    m_run = new QPushButton(tr("Run"), this);
    m_table = new QTableWidget(0, 4, this);
    m_table->setHorizontalHeaderLabels({tr("Request"), tr("Status"), tr("Body hash"), tr("Note")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_verdict = new QLabel(tr("Sends the %1 N times, then GETs the resource, and compares the "
                              "answers. This changes data on the server.")
                               .arg(request.method),
                           this);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Send it this many times:"), m_count);
    form->addRow(QString(), m_dropPreconditions);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_run, QDialogButtonBox::ActionRole);
    m_count->setAccessibleDescription(tr("How many times the request is sent before the GET"));
    m_run->setAccessibleDescription(tr("Send the request that many times, then compare"));
    Accessibility::describe(m_table, tr("Results"),
                            tr("Each request sent: its status, a hash of its body and a note"));
    Accessibility::describeButtons(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_verdict);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_run, &QPushButton::clicked, this, &IdempotencyDialog::run);
    connect(m_check, &Core::IdempotencyCheck::exchangeFinished, this,
            &IdempotencyDialog::exchangeFinished);
    connect(m_check, &Core::IdempotencyCheck::progress, this, [this](int done, int total) {
        m_verdict->setText(tr("Running: %1 of %2 requests answered…").arg(done).arg(total));
    });
    connect(m_check, &Core::IdempotencyCheck::finished, this, &IdempotencyDialog::onFinished);
    resize(640, 420);
}

IdempotencyDialog::~IdempotencyDialog() = default;

void IdempotencyDialog::setAuthContext(const Core::AuthCall::Context &context)
{
    m_check->setAuthContext(context);
}

void IdempotencyDialog::run()
{
    m_table->setRowCount(0);
    m_run->setEnabled(false);
    const Core::Request request
        = m_dropPreconditions->isChecked() ? Core::withoutPreconditions(m_request) : m_request;
    m_check->start(request, Core::withoutPreconditions(m_get), m_count->value());
}

void IdempotencyDialog::addRow(const QString &what, const Core::IdempotencyAttempt &attempt)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(what));
    m_table->setItem(row, 1,
                     new QTableWidgetItem(attempt.errorKind == Core::ErrorKind::None
                                              ? QString::number(attempt.statusCode)
                                              : Core::errorKindName(attempt.errorKind)));
    m_table->setItem(row, 2, new QTableWidgetItem(QString::fromLatin1(attempt.bodyHash.left(16))));
    m_table->setItem(row, 3, new QTableWidgetItem(attempt.errorMessage));
}

void IdempotencyDialog::onFinished(const Core::IdempotencyReport &report)
{
    m_run->setEnabled(true);
    for (const Core::IdempotencyAttempt &a : report.attempts) {
        addRow(tr("%1 #%2").arg(a.method).arg(a.index), a);
        if (a.index == 1 && report.getAfterFirst.statusCode != 0)
            addRow(tr("GET after the first"), report.getAfterFirst);
    }
    if (report.getAfterLast.statusCode != 0)
        addRow(tr("GET after the last"), report.getAfterLast);

    QStringList problems;
    if (!report.error.isEmpty())
        problems.append(tr("the check stopped: %1").arg(report.error));
    if (!report.statusSame)
        problems.append(tr("the status changed between attempts"));
    if (!report.bodySame)
        problems.append(tr("the response body changed between attempts"));
    if (!report.getSame)
        problems.append(tr("the resource read by GET changed between the first and the last "
                           "attempt"));
    const bool ok = report.isIdempotent();
    m_verdict->setText(ok ? tr("Idempotent: %n attempt(s) gave the same status and body, and the "
                               "resource stayed the same.",
                               nullptr, int(report.attempts.size()))
                          : tr("Not idempotent: %1.").arg(problems.join(QLatin1String("; "))));
    QPalette palette = m_verdict->palette();
    palette.setColor(QPalette::WindowText,
                     verifyStatusColour(ok ? int(Core::VerifyItem::Status::Applied)
                                           : int(Core::VerifyItem::Status::Different)));
    m_verdict->setPalette(palette);
    emit checkFinished(report);
}

} // namespace Patchbay::Ui
