#pragma once

#include "core/http/request.h"
#include "core/http/response.h"
#include "core/update/idempotencycheck.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QLabel;
class QNetworkAccessManager;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Patchbay::Core {
class HttpClient;
}

namespace Patchbay::Ui {

// Sends the same request N times, then GETs the resource, and says whether it behaved
// idempotently (same status, same body, same resource).
class IdempotencyDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdempotencyDialog)

public:
    // `get` is the resource to check afterwards; empty URL means the request's own URL.
    IdempotencyDialog(QNetworkAccessManager *network, const Core::Request &request,
                      const Core::Request &get = {}, QWidget *parent = nullptr); // not owned
    ~IdempotencyDialog() override;

    // How the requests are authorised (IdempotencyCheck::setAuthContext); by default with the
    // dialog's own client.
    void setAuthContext(const Core::AuthCall::Context &context);
    void run();

    QSpinBox *countSpin() const { return m_count; }
    QCheckBox *dropPreconditionsCheck() const { return m_dropPreconditions; }
    QPushButton *runButton() const { return m_run; }
    QTableWidget *table() const { return m_table; }
    QLabel *verdictLabel() const { return m_verdict; }
    const Core::IdempotencyCheck *check() const { return m_check; }

signals:
    void exchangeFinished(const Patchbay::Core::Request &sent,
                          const Patchbay::Core::Response &response);
    void checkFinished(const Patchbay::Core::IdempotencyReport &report);

private:
    void addRow(const QString &what, const Core::IdempotencyAttempt &attempt);
    void onFinished(const Core::IdempotencyReport &report);

    Core::Request m_request;
    Core::Request m_get;
    std::unique_ptr<Core::HttpClient> m_client; // owned
    Core::IdempotencyCheck *m_check = nullptr; // owned (QObject child)
    QSpinBox *m_count = nullptr; // owned (child)
    QCheckBox *m_dropPreconditions = nullptr; // owned (child)
    QPushButton *m_run = nullptr; // owned (child)
    QTableWidget *m_table = nullptr; // owned (child)
    QLabel *m_verdict = nullptr; // owned (child)
};

} // namespace Patchbay::Ui
