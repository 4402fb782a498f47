#pragma once

#include "core/http/response.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <memory>

namespace Patchbay::Core {
class CollectionSpecs;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class ContractWorker;

// The window's contract checks: a response to a request saved in a collection that was imported
// from an API description is checked against the description's schema for its status and
// content type (Core::CollectionSpecs, valijson), on a thread of its own, so that loading a big
// description or validating a big body never stalls the window. Each collection's description
// is loaded once, and again after an update from the spec or a new import changed its link.
class ContractService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContractService)

public:
    // `specs` is shared with the window's matches-spec assertions (thread-safe).
    explicit ContractService(std::shared_ptr<Core::CollectionSpecs> specs,
                             QObject *parent = nullptr);
    ~ContractService() override;

    // Checks `response` to the request saved at `requestPath`; checked() follows with the
    // returned ticket.
    quint64 check(const QString &requestPath, const Core::Response &response);
    // Loads the description of the collection holding `requestPath` on the service's thread,
    // ahead of the first check or matches-spec assertion (which would load it where it runs).
    void warm(const QString &requestPath);

signals:
    // `described`: the description covers the operation, status and content type (else
    // nothing was checked and `message` says why). `matches` when no rule is broken; `message`
    // lists the violations with their JSON pointers.
    void checked(quint64 ticket, bool described, bool matches, const QString &message);

private:
    QThread m_thread;
    ContractWorker *m_worker; // lives in m_thread; deleted when it finishes
    quint64 m_nextTicket = 1;
};

} // namespace Patchbay::Ui
