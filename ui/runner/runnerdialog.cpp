#include "ui/runner/runnerdialog.h"

#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/http/httpclient.h"
#include "ui/auth/authservices.h"
#include "ui/common/accessibility.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Patchbay::Ui {

using namespace Core;

namespace {

enum Column { CRequest, CStatus, CTime, CAssertions, CCount };

} // namespace

RunnerDialog::RunnerDialog(const Workspace &workspace, const QString &path,
                           const QString &environmentPath, QNetworkAccessManager *network,
                           QWidget *parent, const SecretLookup &secrets)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_path(path)
    , m_secrets(secrets)
    , m_client(std::make_unique<HttpClient>(network))
    , m_runner(new CollectionRunner(m_client.get(), this))
    , m_results(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_progress(new QLabel(this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_iterations(new QSpinBox(this))
    , m_delay(new QSpinBox(this))
    , m_bail(new QCheckBox(tr("Stop at the first failure"), this))
    , m_trustScripts(
          new QCheckBox(tr("Run imported Postman scripts (only for collections you trust)"), this))
    , m_workspaceCookies(new QCheckBox(tr("Use and update the workspace's cookies"), this))
    , m_environment(new QComboBox(this))
{
    const CollectionItem *item = workspace.item(path);
    const QString title = item ? item->name : QFileInfo(path).fileName();
    setWindowTitle(tr("Run %1").arg(title));
    resize(820, 520);

    // The collection's environments; the one the window uses for it is picked.
    m_environment->setObjectName(QStringLiteral("runEnvironment"));
    m_environment->addItem(tr("No environment"), QString());
    if (const CollectionItem *collection = collectionOf(workspace, path)) {
        for (const EnvironmentItem &env : collection->environments)
            m_environment->addItem(env.environment.name, env.path);
    }
    m_environment->setCurrentIndex(std::max(0, m_environment->findData(environmentPath)));
    m_environment->setToolTip(tr("Where {{variables}} of the run get their values"));

    m_iterations->setRange(1, 1000000);
    m_delay->setRange(0, 600000);
    m_delay->setSuffix(tr(" ms"));
    auto *options = new QFormLayout;
    options->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    options->addRow(tr("&Environment:"), m_environment);
    options->addRow(tr("Iterations:"), m_iterations);
    options->addRow(tr("Delay between requests:"), m_delay);
    options->addRow(QString(), m_bail);
    options->addRow(QString(), m_workspaceCookies);
    m_workspaceCookies->setObjectName(QStringLiteral("workspaceCookies"));
    m_workspaceCookies->setToolTip(tr("Off: the run starts with no cookies and keeps those its "
                                      "responses set to itself, so that it can be repeated. On: "
                                      "it sends the cookies of Tools → Cookies and stores new "
                                      "ones there."));
    options->addRow(QString(), m_trustScripts);
    m_trustScripts->hide(); // shown below when some request has scripts
    m_trustScripts->setToolTip(
        tr("Scripts run in a sandbox with a subset of Postman's pm API, without network or file "
           "access. Leave this off for collections from people you do not trust."));

    m_results->setColumnCount(CCount);
    m_results->setHeaderLabels({tr("Request"), tr("Status"), tr("Time"), tr("Assertions")});
    m_results->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_results->header()->setSectionResizeMode(CRequest, QHeaderView::Stretch);
    m_results->header()->setStretchLastSection(false);
    m_results->setUniformRowHeights(true);
    m_results->setWordWrap(false);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    auto *close = new QPushButton(tr("Close"), this);
    buttons->addWidget(close);
    m_iterations->setAccessibleDescription(tr("How many times the whole run repeats"));
    m_delay->setAccessibleDescription(tr("The pause before each request, in milliseconds"));
    m_bail->setAccessibleDescription(tr("End the run at the first failed request"));
    m_run->setAccessibleDescription(tr("Send every request of the run in order"));
    m_stop->setAccessibleDescription(tr("Stop the run now, cancelling the request in flight"));
    close->setAccessibleDescription(tr("Close this dialog"));
    Accessibility::describe(m_results, tr("Results"),
                            tr("Each request of the run: status, time and assertions passed"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(options);
    layout->addWidget(m_results, 1);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    layout->addLayout(buttons);

    if (const CollectionItem *collection = collectionOf(workspace, path);
        collection && !collection->collection->id.isEmpty())
        m_trustKey = QStringLiteral("runner/trustedScripts/") + collection->collection->id;
    loadItems();
    const bool hasScripts
        = std::any_of(m_items.cbegin(), m_items.cend(), [](const RunItem &runItem) {
              return !runItem.preRequestScripts.isEmpty() || !runItem.testScripts.isEmpty();
          });
    m_trustScripts->setChecked(hasScripts && !m_trustKey.isEmpty()
                               && QSettings().value(m_trustKey).toBool());
    m_stop->setEnabled(false);
    m_run->setDefault(true);
    m_run->setFocus();

    connect(m_environment, &QComboBox::currentIndexChanged, this, &RunnerDialog::loadItems);
    connect(m_runner, &CollectionRunner::exchangeFinished, this, &RunnerDialog::exchangeFinished);
    connect(m_run, &QPushButton::clicked, this, &RunnerDialog::start);
    connect(m_stop, &QPushButton::clicked, this, &RunnerDialog::stop);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_runner, &CollectionRunner::requestFinished, this, &RunnerDialog::onRequestFinished);
    connect(m_runner, &CollectionRunner::finished, this, &RunnerDialog::onFinished);
}

void RunnerDialog::setAuthServices(AuthServices *services)
{
    if (services)
        services->attachRunner(m_runner, this);
}

RunnerDialog::~RunnerDialog()
{
    // The runner (a child) holds a call on m_client: destroy it first.
    delete m_runner;
}

bool RunnerDialog::isRunning() const
{
    return m_runner->isRunning();
}

void RunnerDialog::setSpecCheck(Core::SpecCheck check)
{
    m_runner->setSpecCheck(std::move(check), false);
}

void RunnerDialog::setSandboxAddress(SandboxAddress address)
{
    m_sandbox = std::move(address);
}

QString RunnerDialog::environmentPath() const
{
    return m_environment->currentData().toString();
}

void RunnerDialog::setEnvironmentPath(const QString &path)
{
    m_environment->setCurrentIndex(std::max(0, m_environment->findData(path)));
}

void RunnerDialog::loadItems()
{
    if (m_runner->isRunning())
        return;
    const EnvironmentItem *environment
        = environmentPath().isEmpty() ? nullptr : m_workspace.environment(environmentPath());
    const Result<QList<RunItem>> items = runItemsFromWorkspace(
        m_workspace, m_path, environment ? &environment->environment : nullptr, m_secrets);
    if (items.ok()) {
        m_items = items.value();
        m_itemsError.clear();
        const bool hasScripts
            = std::any_of(m_items.cbegin(), m_items.cend(), [](const RunItem &runItem) {
                  return !runItem.preRequestScripts.isEmpty() || !runItem.testScripts.isEmpty();
              });
        m_trustScripts->setVisible(hasScripts);
        m_summary->setText(tr("%n request(s) to run.", nullptr, int(m_items.size())));
        m_run->setEnabled(true);
    } else {
        m_items.clear();
        m_itemsError = items.error().message;
        m_summary->setText(m_itemsError);
        m_run->setEnabled(false);
    }
}

bool RunnerDialog::usesSandbox() const
{
    // A request, or a variable it uses, names {{$sandboxUrl}}.
    return itemsUseUndefined(m_items, QStringLiteral("$sandboxUrl"));
}

void RunnerDialog::start()
{
    if (m_runner->isRunning() || m_items.isEmpty())
        return;
    m_results->clear();
    RunOptions options;
    options.iterations = m_iterations->value();
    options.delayMs = m_delay->value();
    options.bail = m_bail->isChecked();
    options.workspaceCookies = m_workspaceCookies->isChecked();
    options.runScripts = !m_trustScripts->isHidden() && m_trustScripts->isChecked();
    if (!m_trustKey.isEmpty() && !m_trustScripts->isHidden()) {
        QSettings settings;
        if (options.runScripts)
            settings.setValue(m_trustKey, true);
        else
            settings.remove(m_trustKey);
    }
    if (m_sandbox && usesSandbox()) {
        const QUrl sandbox = m_sandbox();
        if (!sandbox.isEmpty())
            options.variables.append({QStringLiteral("$sandboxUrl"), sandbox.toString()});
    }
    const CollectionItem *item = m_workspace.item(m_path);
    m_runLabel = tr("%1, run at %2")
                     .arg(item ? item->name : QFileInfo(m_path).fileName(),
                          QLocale().toString(QTime::currentTime(), QLocale::LongFormat));
    m_total = qint64(m_items.size()) * options.iterations;
    m_summary->setText(tr("Running..."));
    m_progress->setText(tr("0 of %1").arg(m_total));
    m_run->setEnabled(false);
    m_stop->setEnabled(true);
    m_runner->start(m_items, options);
}

void RunnerDialog::stop()
{
    m_runner->stop();
}

void RunnerDialog::onRequestFinished(const RequestResult &r)
{
    auto *row = new QTreeWidgetItem(m_results); // owned by the view
    const QString name
        = m_iterations->value() > 1 ? tr("[%1] %2").arg(r.iteration + 1).arg(r.name) : r.name;
    row->setText(CRequest, name + QStringLiteral("  ") + r.method + u' ' + r.url);
    row->setToolTip(CRequest, r.method + u' ' + r.url);
    if (r.requestFailed() && r.statusCode == 0)
        row->setText(CStatus,
                     r.errorKind == ErrorKind::InvalidRequest ? tr("not sent")
                                                              : errorKindName(r.errorKind));
    else
        row->setText(CStatus, QStringLiteral("%1 %2").arg(r.statusCode).arg(r.reason));
    row->setText(CTime, tr("%1 ms").arg(r.timeMs, 0, 'f', 1));
    row->setTextAlignment(CTime, Qt::AlignRight | Qt::AlignVCenter);
    const int failed = r.assertionsFailed();
    const int passed = int(r.assertions.size()) - failed;
    row->setText(CAssertions,
                 r.assertions.isEmpty() ? tr("none")
                                        : tr("%1 passed, %2 failed").arg(passed).arg(failed));
    row->setIcon(CRequest,
                 style()->standardIcon(r.passed() ? QStyle::SP_DialogApplyButton
                                                  : QStyle::SP_MessageBoxCritical));
    row->setData(CRequest, Qt::UserRole, r.passed());

    auto child = [row](const QString &text, bool failure) {
        auto *c = new QTreeWidgetItem(row); // owned by its parent row
        c->setText(CRequest, text);
        c->setToolTip(CRequest, text);
        c->setData(CRequest, Qt::UserRole, !failure);
        c->setFirstColumnSpanned(true);
    };
    if (r.requestFailed())
        child(r.errorMessage, true);
    if (r.events >= 0) // an event stream or a GraphQL subscription, read up to the run's bounds
        child(
            tr("%n event(s) (%1)", nullptr, int(qMin<qint64>(r.events, 1 << 30))).arg(r.streamEnd),
            false);
    for (const AssertionOutcome &a : r.assertions)
        child((a.result.passed ? tr("passed: ") : tr("FAILED: ")) + a.result.message,
              !a.result.passed);
    for (const CaptureResult &c : r.captures)
        child(c.captured ? tr("captured %1 = %2").arg(c.variable, c.value)
                         : tr("FAILED capture %1: %2").arg(c.variable, c.message),
              !c.captured);
    if (!r.undefinedVariables.isEmpty() && r.errorKind != Core::ErrorKind::InvalidUrl) {
        child(tr("Not defined, sent as written: %1. Pick an environment or define them in the "
                 "collection.")
                  .arg(r.undefinedVariables.join(QLatin1String(", "))),
              false);
    }
    for (const QString &line : r.scriptLogs)
        child(tr("console: %1").arg(line), false);
    for (const QString &script : r.scriptsNotRun)
        child(tr("%1 not run (tick \"Run imported Postman scripts\" to run it)").arg(script),
              false);
    if (!r.passed())
        row->setExpanded(true);
    m_progress->setText(tr("%1 of %2").arg(r.sequence + 1).arg(m_total));
}

void RunnerDialog::onFinished(const RunSummary &s)
{
    QString text = tr("%1 requests, %2 failed; %3 assertions, %4 failed; %5 ms in all, "
                      "average response %6 ms.")
                       .arg(s.requests)
                       .arg(s.requestsFailed)
                       .arg(s.assertions)
                       .arg(s.assertionsFailed)
                       .arg(s.totalMs, 0, 'f', 0)
                       .arg(s.responseMsAverage(), 0, 'f', 1);
    if (s.capturesFailed > 0)
        text += u' ' + tr("%1 captures failed.").arg(s.capturesFailed);
    if (s.requestsWithScriptsNotRun > 0)
        text += u' '
            + tr("%1 requests have imported scripts that were not run.")
                  .arg(s.requestsWithScriptsNotRun);
    if (s.stopped)
        text += u' ' + tr("Stopped before the end.");
    if (s.bailed)
        text += u' ' + tr("Stopped at the first failure.");
    m_summary->setText((s.passed() ? tr("Passed. ") : tr("Failed. ")) + text);
    m_run->setEnabled(true);
    m_stop->setEnabled(false);
    emit runFinished(s);
}

} // namespace Patchbay::Ui
