#include "ui/response/responseviewer.h"
#include "ui/common/accessibility.h"

#include "core/http/reasonphrase.h"
#include "ui/response/bodyview.h"
#include "ui/response/headersmodel.h"
#include "ui/response/redirectsmodel.h"
#include "ui/response/statusbadge.h"
#include "ui/response/timingchart.h"
#include "ui/response/tlsview.h"
#include "ui/response/transporterrorpanel.h"

#include "core/update/updateplan.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {

QString formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString formatDuration(double ms)
{
    if (ms < 0)
        return {};
    if (ms >= 1000)
        return ResponseViewer::tr("%1 s").arg(QLocale().toString(ms / 1000, 'f', 2));
    return ResponseViewer::tr("%1 ms").arg(QLocale().toString(ms, 'f', 0));
}

QLabel *quietLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

ResponseViewer::ResponseViewer(QWidget *parent)
    : QWidget(parent)
    , m_pages(new QStackedWidget(this))
    , m_headersModel(new HeadersModel(this))
    , m_redirectsModel(new RedirectsModel(this))
{
    setObjectName(QStringLiteral("responseViewer"));

    m_emptyPage = new QWidget(m_pages);
    m_emptyPage->setObjectName(QStringLiteral("emptyPage"));
    m_emptyLayout = new QVBoxLayout(m_emptyPage);
    m_pages->addWidget(m_emptyPage);
    m_pendingPage = createPendingPage();
    m_pages->addWidget(m_pendingPage);

    m_responsePage = new QWidget(m_pages);
    auto *pageLayout = new QVBoxLayout(m_responsePage);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(0);
    m_summary = createSummary();
    pageLayout->addWidget(m_summary);
    m_errorPanel = new TransportErrorPanel(m_responsePage);
    m_errorHolder = new QWidget(m_responsePage);
    auto *errorLayout = new QVBoxLayout(m_errorHolder);
    errorLayout->setContentsMargins(10, 10, 10, 4);
    errorLayout->addWidget(m_errorPanel);
    pageLayout->addWidget(m_errorHolder);

    m_tabs = new QTabWidget(m_responsePage);
    m_tabs->setObjectName(QStringLiteral("responseTabs"));
    m_tabs->setDocumentMode(true);
    m_body = new BodyView(m_tabs);
    m_tabs->addTab(m_body, tr("Body"));
    m_tabs->addTab(createHeadersTab(), tr("Headers"));
    m_timing = new TimingChart(m_tabs);
    auto *timingScroll = new QScrollArea(m_tabs);
    timingScroll->setWidget(m_timing);
    timingScroll->setWidgetResizable(true);
    timingScroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(timingScroll, tr("Timing"));
    m_tabs->addTab(createRedirectsTab(), tr("Redirects"));
    Accessibility::describeTabs(m_tabs,
                                tr("The parts of the response: body, headers, timing "
                                   "and redirects. Left and Right switch pages."));
    Accessibility::describe(timingScroll, tr("Timing"),
                            tr("When each phase of the exchange happened, in milliseconds"));
    m_tlsView = new TlsView(m_tabs);
    m_tabs->addTab(m_tlsView, tr("TLS"));
    pageLayout->addWidget(m_tabs, 1);
    m_pages->addWidget(m_responsePage);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    // Ctrl+F is the window's "Find in response" (one binding per key, or Qt finds it ambiguous).
    showEmptyState(nullptr);
    clear();
}

ResponseViewer::~ResponseViewer() = default;

QWidget *ResponseViewer::createSummary()
{
    auto *strip = new QWidget(m_responsePage);
    strip->setObjectName(QStringLiteral("responseSummary"));
    auto *layout = new QHBoxLayout(strip);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(10);
    m_badge = new StatusBadge(strip);
    m_reason = new QLabel(strip);
    m_reason->setObjectName(QStringLiteral("reason"));
    QFont bold = m_reason->font();
    bold.setBold(true);
    m_reason->setFont(bold);
    m_version = quietLabel(strip);
    m_version->setObjectName(QStringLiteral("httpVersion"));
    m_time = new QLabel(strip);
    m_time->setObjectName(QStringLiteral("totalTime"));
    m_time->setToolTip(tr("Total time, from sending to the last byte"));
    m_size = new QLabel(strip);
    m_size->setObjectName(QStringLiteral("bodySize"));
    m_tlsWarning = new QLabel(strip);
    m_tlsWarning->setObjectName(QStringLiteral("tlsWarning"));
    m_tlsWarning->setText(QStringLiteral("⚠ ") + tr("Certificate not verified"));
    m_tlsWarning->setAutoFillBackground(true);
    QPalette warn = m_tlsWarning->palette();
    warn.setColor(QPalette::Window, QColor(255, 236, 179));
    warn.setColor(QPalette::WindowText, QColor(80, 50, 0));
    m_tlsWarning->setPalette(warn);
    m_tlsWarning->setContentsMargins(6, 2, 6, 2);
    m_tlsWarning->hide();
    layout->addWidget(m_badge);
    layout->addWidget(m_reason);
    layout->addWidget(m_tlsWarning);
    m_contract = new QLabel(strip);
    m_contract->setObjectName(QStringLiteral("contractBadge"));
    m_contract->setAutoFillBackground(true);
    m_contract->setContentsMargins(6, 2, 6, 2);
    m_contract->setTextFormat(Qt::RichText);
    m_contract->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_contract->hide();
    // The violations (JSON pointers and rules), in a box the user can read and copy from.
    connect(m_contract, &QLabel::linkActivated, this, [this] {
        QMessageBox box(QMessageBox::Information, tr("Contract check"),
                        m_contract->accessibleName(), QMessageBox::Ok, this);
        box.setObjectName(QStringLiteral("contractDetails"));
        box.setInformativeText(
            m_contract->toolTip().toHtmlEscaped().replace(u'\n', QStringLiteral("<br>")));
        box.setTextInteractionFlags(Qt::TextSelectableByMouse);
        box.exec();
    });
    layout->addWidget(m_contract);
    layout->addStretch(1);
    layout->addWidget(m_version);
    layout->addWidget(m_time);
    layout->addWidget(m_size);
    m_editResource = new QToolButton(strip);
    m_editResource->setObjectName(QStringLiteral("editResource"));
    m_editResource->setText(tr("Edit resource…"));
    m_editResource->setToolTip(tr("Edit this JSON and send it back as PUT or PATCH"));
    m_editResource->setEnabled(false);
    connect(m_editResource, &QToolButton::clicked, this, &ResponseViewer::editResourceRequested);
    layout->addWidget(m_editResource);
    return strip;
}

QWidget *ResponseViewer::createPendingPage()
{
    auto *page = new QWidget(m_pages);
    page->setObjectName(QStringLiteral("pendingPage"));
    auto *layout = new QVBoxLayout(page);
    layout->addStretch(2);
    auto *title = new QLabel(tr("Waiting for the response…"), page);
    title->setAlignment(Qt::AlignCenter);
    m_elapsedLabel = new QLabel(page);
    m_elapsedLabel->setObjectName(QStringLiteral("elapsedLabel"));
    m_elapsedLabel->setAlignment(Qt::AlignCenter);
    QFont big = m_elapsedLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    m_elapsedLabel->setFont(big);
    m_elapsedTimer = new QTimer(page);
    m_elapsedTimer->setInterval(100);
    connect(m_elapsedTimer, &QTimer::timeout, this, &ResponseViewer::updateElapsed);
    m_cancel = new QPushButton(tr("Cancel request"), page);
    m_cancel->setObjectName(QStringLiteral("cancelRequestButton"));
    m_cancel->setToolTip(tr("Stop the request in flight (Esc)"));
    connect(m_cancel, &QPushButton::clicked, this, &ResponseViewer::cancelRequested);
    m_progress = new QProgressBar(page);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(360);
    m_progress->setMinimumWidth(200);
    m_progressLabel = quietLabel(page);
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    m_progressLabel->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);
    layout->addWidget(m_elapsedLabel);
    layout->addWidget(m_progress, 0, Qt::AlignHCenter);
    layout->addWidget(m_progressLabel);
    layout->addSpacing(8);
    layout->addWidget(m_cancel, 0, Qt::AlignHCenter);
    layout->addStretch(3);
    return page;
}

QWidget *ResponseViewer::createHeadersTab()
{
    auto *tab = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 4, 8, 4);
    bar->addStretch(1);
    auto *copySelected = new QToolButton(tab);
    copySelected->setText(tr("Copy Selected"));
    copySelected->setAutoRaise(true);
    auto *copyAll = new QToolButton(tab);
    copyAll->setText(tr("Copy All"));
    copyAll->setAutoRaise(true);
    copySelected->setAccessibleDescription(tr("Copy the selected headers as text"));
    copyAll->setAccessibleDescription(tr("Copy every header as text"));
    bar->addWidget(copySelected);
    bar->addWidget(copyAll);
    layout->addLayout(bar);

    m_headersTable = new QTableView(tab);
    m_headersTable->setObjectName(QStringLiteral("headersTable"));
    m_headersTable->setModel(m_headersModel);
    Accessibility::describe(m_headersTable, tr("Response headers"),
                            tr("Name and value of each header the server sent"));
    m_headersTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headersTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_headersTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headersTable->setAlternatingRowColors(true);
    m_headersTable->setWordWrap(false);
    m_headersTable->setFrameShape(QFrame::NoFrame);
    m_headersTable->verticalHeader()->hide();
    m_headersTable->horizontalHeader()->setStretchLastSection(true);
    m_headersTable->horizontalHeader()->setHighlightSections(false);
    m_headersTable->setContextMenuPolicy(Qt::CustomContextMenu);
    layout->addWidget(m_headersTable, 1);

    connect(copySelected, &QToolButton::clicked, this, [this] { copyHeaders(false); });
    connect(copyAll, &QToolButton::clicked, this, [this] { copyHeaders(true); });
    auto *copy = new QShortcut(QKeySequence::Copy, m_headersTable);
    copy->setContext(Qt::WidgetShortcut);
    connect(copy, &QShortcut::activated, this, [this] { copyHeaders(false); });
    connect(m_headersTable, &QTableView::customContextMenuRequested, this,
            [this](const QPoint &pos) {
                QMenu menu(this);
                menu.addAction(tr("Copy Selected"), this, [this] { copyHeaders(false); });
                menu.addAction(tr("Copy All"), this, [this] { copyHeaders(true); });
                menu.exec(m_headersTable->viewport()->mapToGlobal(pos));
            });
    return tab;
}

QWidget *ResponseViewer::createRedirectsTab()
{
    m_redirectsTable = new QTableView(m_tabs);
    m_redirectsTable->setObjectName(QStringLiteral("redirectsTable"));
    m_redirectsTable->setModel(m_redirectsModel);
    Accessibility::describe(m_redirectsTable, tr("Redirects"),
                            tr("Each redirect followed: status, method, URL, where it pointed and "
                               "the credentials dropped"));
    m_redirectsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_redirectsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_redirectsTable->setAlternatingRowColors(true);
    m_redirectsTable->setWordWrap(false);
    m_redirectsTable->setFrameShape(QFrame::NoFrame);
    m_redirectsTable->horizontalHeader()->setStretchLastSection(true);
    m_redirectsTable->horizontalHeader()->setHighlightSections(false);
    return m_redirectsTable;
}

QString ResponseViewer::selectedHeadersText() const
{
    QList<int> rows;
    const QModelIndexList selected = m_headersTable->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    return m_headersModel->toText(rows);
}

void ResponseViewer::copyHeaders(bool all)
{
    const QString text = all ? m_headersModel->toText() : selectedHeadersText();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

void ResponseViewer::showEmptyState(QWidget *content)
{
    delete m_emptyContent;
    m_emptyContent = content;
    if (!m_emptyContent) {
        auto *label = quietLabel(m_emptyPage);
        label->setText(tr("Send a request to see its response here."));
        label->setAlignment(Qt::AlignCenter);
        m_emptyContent = label;
    } else {
        m_emptyContent->setParent(m_emptyPage);
    }
    m_emptyLayout->addWidget(m_emptyContent);
    m_emptyContent->show();
}

void ResponseViewer::clear()
{
    m_elapsedTimer->stop();
    m_hasResponse = false;
    m_response = Core::Response();
    m_editResource->setEnabled(false);
    m_body->clear();
    m_headersModel->setHeaders({});
    m_redirectsModel->setRedirects({});
    m_timing->clear();
    m_tlsView->clear();
    m_tlsWarning->hide();
    m_contract->hide();
    m_pages->setCurrentWidget(m_emptyPage);
}

void ResponseViewer::setContract(Contract state, const QString &details)
{
    if (state == Contract::Unchecked) {
        m_contract->hide();
        return;
    }
    const bool matches = state == Contract::Matches;
    const QString verdict = matches ? QStringLiteral("✓ ") + tr("Matches the spec")
                                    : QStringLiteral("✗ ") + tr("Breaks the spec");
    m_contract->setText(verdict.toHtmlEscaped() + QStringLiteral(" · <a href=\"details\">")
                        + tr("Details") + QStringLiteral("</a>"));
    m_contract->setAccessibleName(verdict);
    m_contract->setToolTip(details);
    QPalette palette = m_contract->palette();
    palette.setColor(QPalette::Window, matches ? QColor(220, 242, 222) : QColor(253, 222, 220));
    palette.setColor(QPalette::WindowText, matches ? QColor(20, 80, 30) : QColor(120, 20, 20));
    m_contract->setPalette(palette);
    m_contract->show();
}

void ResponseViewer::showPending()
{
    m_contract->hide();
    m_progress->setRange(0, 0);
    m_progressLabel->setText(tr("Connecting…"));
    m_sentAt.start();
    updateElapsed();
    m_elapsedTimer->start();
    m_cancel->setEnabled(true);
    m_pages->setCurrentWidget(m_pendingPage);
}

bool ResponseViewer::isPending() const
{
    return m_pages->currentWidget() == m_pendingPage;
}

void ResponseViewer::updateElapsed()
{
    const qint64 ms = m_sentAt.isValid() ? m_sentAt.elapsed() : 0;
    m_elapsedLabel->setText(ms < 10000 ? tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 1))
                                       : tr("%1 s").arg(QLocale().toString(ms / 1000)));
}

void ResponseViewer::setProgress(qint64 received, qint64 total)
{
    if (total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(std::min<qint64>(1000, received * 1000 / total)));
        m_progressLabel->setText(tr("%1 of %2 received (%3%)")
                                     .arg(formatSize(received), formatSize(total))
                                     .arg(std::min<qint64>(100, received * 100 / total)));
    } else {
        m_progress->setRange(0, 0);
        m_progressLabel->setText(tr("%1 received").arg(formatSize(received)));
    }
}

void ResponseViewer::showResponse(const Core::Response &response)
{
    m_contract->hide();
    m_elapsedTimer->stop();
    m_response = response;
    m_hasResponse = true;
    if (response.isError()) {
        m_summary->hide();
        m_errorPanel->setError(response.errorKind, response.errorMessage);
        m_errorHolder->show();
    } else {
        m_errorHolder->hide();
        m_summary->show();
        m_badge->setStatusCode(response.statusCode);
        // HTTP/2 sends no reason phrase: show the standard one.
        m_reason->setText(response.reason.isEmpty()
                              ? QString::fromLatin1(Core::httpReasonPhrase(response.statusCode))
                              : response.reason);
        m_version->setText(response.httpVersion.isEmpty()
                               ? QString()
                               : QStringLiteral("HTTP/") + response.httpVersion);
        const QString time = formatDuration(response.timing.totalMs());
        m_time->setText(time.isEmpty() ? QString() : tr("Time %1").arg(time));
        const qint64 size = response.body.size();
        QString sizeText = tr("Size %1").arg(formatSize(size));
        if (response.wireBodyBytes >= 0 && response.wireBodyBytes != size)
            sizeText += tr(" (%1 on the wire)").arg(formatSize(response.wireBodyBytes));
        m_size->setText(sizeText);
    }
    m_headersModel->setHeaders(response.headers);
    m_tabs->setTabText(HeadersTab,
                       response.headers.isEmpty()
                           ? tr("Headers")
                           : tr("Headers (%1)").arg(response.headers.size()));
    m_timing->setTiming(response.timing, response.proxy);
    m_tlsView->setTls(response.tls);
    const bool notVerified = !response.tls.isEmpty() && !response.tls.verified;
    m_tlsWarning->setVisible(notVerified);
    m_tlsWarning->setToolTip(notVerified ? response.tls.notVerifiedReason : QString());
    m_tabs->setTabText(TlsTab, notVerified ? QStringLiteral("⚠ ") + tr("TLS") : tr("TLS"));
    m_redirectsModel->setRedirects(response.redirects);
    m_tabs->setTabText(RedirectsTab,
                       response.redirects.isEmpty()
                           ? tr("Redirects")
                           : tr("Redirects (%1)").arg(response.redirects.size()));
    m_headersTable->resizeColumnToContents(HeadersModel::NameColumn);
    m_redirectsTable->resizeColumnsToContents();
    m_body->setResponse(response);
    m_editResource->setEnabled(Core::isEditableResource(response));
    m_pages->setCurrentWidget(m_responsePage);
}

QString ResponseViewer::summaryText() const
{
    QStringList parts;
    for (const QLabel *label : {m_reason, m_version, m_time, m_size}) {
        if (!label->text().isEmpty())
            parts.append(label->text());
    }
    return parts.join(QLatin1Char(' '));
}

void ResponseViewer::focusFind()
{
    if (!m_hasResponse)
        return;
    m_tabs->setCurrentIndex(BodyTab);
    m_body->focusFind();
}

} // namespace Patchbay::Ui
