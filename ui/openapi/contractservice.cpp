#include "ui/openapi/contractservice.h"

#include "core/openapi/speclink.h"
#include "core/runner/assertion.h"

namespace Patchbay::Ui {

// Loads and checks on the service's thread.
class ContractWorker final : public QObject
{
    Q_OBJECT

public:
    explicit ContractWorker(std::shared_ptr<Core::CollectionSpecs> specs)
        : m_specs(std::move(specs))
    { }

    void check(quint64 ticket, const QString &requestPath, const Core::Response &response)
    {
        const Core::SpecCheckResult result = m_specs->check(requestPath, response);
        emit checked(ticket, result.described, result.result.passed, result.result.message);
    }
    void warm(const QString &requestPath) { m_specs->warm(requestPath); }

signals:
    void checked(quint64 ticket, bool described, bool matches, const QString &message);

private:
    std::shared_ptr<Core::CollectionSpecs> m_specs;
};

ContractService::ContractService(std::shared_ptr<Core::CollectionSpecs> specs, QObject *parent)
    : QObject(parent)
    , m_worker(new ContractWorker(std::move(specs)))
{
    m_thread.setObjectName(QStringLiteral("patchbay-contracts"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ContractWorker::checked, this, &ContractService::checked);
    m_thread.start(QThread::LowPriority);
}

ContractService::~ContractService()
{
    m_thread.quit();
    m_thread.wait();
}

void ContractService::warm(const QString &requestPath)
{
    ContractWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, requestPath] { worker->warm(requestPath); }, Qt::QueuedConnection);
}

quint64 ContractService::check(const QString &requestPath, const Core::Response &response)
{
    const quint64 ticket = m_nextTicket++;
    ContractWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [worker, ticket, requestPath, response] { worker->check(ticket, requestPath, response); },
        Qt::QueuedConnection);
    return ticket;
}

} // namespace Patchbay::Ui

#include "contractservice.moc"
