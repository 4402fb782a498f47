#pragma once

#include "core/http/response.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QToolButton;
class QVBoxLayout;

namespace Patchbay::Ui {

class BodyView;
class HeadersModel;
class RedirectsModel;
class StatusBadge;
class TimingChart;
class TlsView;
class TransportErrorPanel;

// The response pane: a summary strip (status badge, reason, HTTP version, time, size, and a
// warning while TLS was not verified) or a transport-error panel, then tabs for the body,
// headers, timing, redirects and TLS. Stays
// responsive on bodies of tens of MiB: see BodyView.
class ResponseViewer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponseViewer)

public:
    enum Tab { BodyTab, HeadersTab, TimingTab, RedirectsTab, TlsTab };

    explicit ResponseViewer(QWidget *parent = nullptr);
    ~ResponseViewer() override;

    // A request is in flight: the time since it left, the bytes received so far (with the share
    // of the whole when the server said how much), and a Cancel button (cancelRequested()).
    void showPending();
    void setProgress(qint64 received, qint64 total);
    bool isPending() const;
    void showResponse(const Core::Response &response);
    // Back to the empty state.
    void clear();
    // Shows `content` (owned from now on; replaces an earlier one) when there is no response,
    // e.g. a first-run prompt. Null restores the default text.
    void showEmptyState(QWidget *content = nullptr);
    void focusFind();

    bool hasResponse() const { return m_hasResponse; }
    const Core::Response &response() const { return m_response; }

    // Parts, for the main window and tests.
    BodyView *bodyView() const { return m_body; }
    StatusBadge *statusBadge() const { return m_badge; }
    TransportErrorPanel *errorPanel() const { return m_errorPanel; }
    HeadersModel *headersModel() const { return m_headersModel; }
    QTableView *headersTable() const { return m_headersTable; }
    TimingChart *timingChart() const { return m_timing; }
    RedirectsModel *redirectsModel() const { return m_redirectsModel; }
    TlsView *tlsView() const { return m_tlsView; }
    // "Not verified" in the summary strip, shown while the certificate was not checked.
    QLabel *tlsWarning() const { return m_tlsWarning; }
    QTabWidget *tabs() const { return m_tabs; }
    QString summaryText() const; // reason, version, time and size as shown
    // "Edit resource…": enabled only while the shown body is a JSON object or array.
    QToolButton *editResourceButton() const { return m_editResource; }

    // The contract check of the shown response (ContractService): "Matches the spec" or
    // "Breaks the spec" in the summary strip, the details in its tooltip. Hidden for a
    // response nothing was checked for, and by the next response.
    enum class Contract { Unchecked, Matches, Violates };
    void setContract(Contract state, const QString &details);
    QLabel *contractBadge() const { return m_contract; }

    // "Name: value" lines of the selected header rows (all when none is selected).
    QString selectedHeadersText() const;

signals:
    // The user wants to edit the shown JSON resource and send it back (see EditResourceDialog).
    void editResourceRequested();
    // The Cancel button of the pending page.
    void cancelRequested();

private:
    QWidget *createSummary();
    QWidget *createPendingPage();
    void updateElapsed();
    QWidget *createHeadersTab();
    QWidget *createRedirectsTab();
    void copyHeaders(bool all);

    Core::Response m_response;
    bool m_hasResponse = false;

    QStackedWidget *m_pages = nullptr; // owned (child)
    QWidget *m_emptyPage = nullptr; // owned (child)
    QVBoxLayout *m_emptyLayout = nullptr; // owned by m_emptyPage
    QWidget *m_emptyContent = nullptr; // owned (child of m_emptyPage)
    QWidget *m_pendingPage = nullptr; // owned (child)
    QProgressBar *m_progress = nullptr; // owned (child)
    QLabel *m_progressLabel = nullptr; // owned (child)
    QLabel *m_elapsedLabel = nullptr; // owned (child)
    QPushButton *m_cancel = nullptr; // owned (child)
    QTimer *m_elapsedTimer = nullptr; // owned (child)
    QElapsedTimer m_sentAt;
    QWidget *m_responsePage = nullptr; // owned (child)
    QWidget *m_summary = nullptr; // owned (child)
    StatusBadge *m_badge = nullptr; // owned (child)
    QLabel *m_reason = nullptr; // owned (child)
    QLabel *m_version = nullptr; // owned (child)
    QLabel *m_time = nullptr; // owned (child)
    QLabel *m_size = nullptr; // owned (child)
    QToolButton *m_editResource = nullptr; // owned (child)
    QWidget *m_errorHolder = nullptr; // owned (child)
    TransportErrorPanel *m_errorPanel = nullptr; // owned (child)
    QTabWidget *m_tabs = nullptr; // owned (child)
    BodyView *m_body = nullptr; // owned (child)
    HeadersModel *m_headersModel = nullptr; // owned (QObject child)
    QTableView *m_headersTable = nullptr; // owned (child)
    TimingChart *m_timing = nullptr; // owned (child)
    RedirectsModel *m_redirectsModel = nullptr; // owned (QObject child)
    QTableView *m_redirectsTable = nullptr; // owned (child)
    TlsView *m_tlsView = nullptr; // owned (child)
    QLabel *m_tlsWarning = nullptr; // owned (child)
    QLabel *m_contract = nullptr; // owned (child)
};

} // namespace Patchbay::Ui
