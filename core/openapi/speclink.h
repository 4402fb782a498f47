#pragma once

#include "core/common/result.h"
#include "core/openapi/openapiimport.h"
#include "core/runner/assertion.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <memory>

namespace Patchbay::Core {

class ContractChecker;
class SpecSet;

// What a collection remembers of the API description it was imported from, in
// `COLLECTION/.openapi/link.json` beside a copy of the description's files
// (`.openapi/spec/...`): the base of the next three-way "Update from spec" and what contract
// checks read. Names starting with '.' are not part of the collection tree (docs/FORMAT.md).
struct SpecLinkOperation
{
    SpecOperation operation;
    QString file; // the request file, relative to the collection folder
    bool removed = false; // gone from the description; the file is kept and flagged

    friend bool operator==(const SpecLinkOperation &, const SpecLinkOperation &) = default;
};

struct SpecLink
{
    QString source; // absolute path or URL the description was read from
    QString sha256; // of the source's root file at the last import or update (hex)
    QString snapshotRoot; // the root file of the copy, relative to `.openapi/spec/`
    QList<SpecLinkOperation> operations;

    friend bool operator==(const SpecLink &, const SpecLink &) = default;
};

QString specLinkDir(const QString &collectionDir);
// The collection folder holding `path` (a request file or folder): the nearest ancestor with a
// collection.yaml; empty when there is none.
QString collectionFolderOf(const QString &path);
QString sha256Hex(const QByteArray &bytes);

// Errors: "no-spec-link" when the collection has none, "read-failed", "spec-link-invalid".
Result<SpecLink> readSpecLink(const QString &collectionDir);
// Writes link.json and replaces the copy of the description with `spec`'s files.
Status writeSpecLink(const QString &collectionDir, const SpecLink &link, const SpecSet &spec);
// The copy of the description a link was written with.
QString specSnapshotPath(const QString &collectionDir, const SpecLink &link);

// Contract checks for requests of any collection: loads each collection's copy of its
// description and checks responses with it (runner and window). The copy is loaded again when
// the collection's link.json changed since (an update from the spec, a new import).
// Thread-safe: one load or check at a time.
class CollectionSpecs
{
public:
    CollectionSpecs();
    ~CollectionSpecs();
    Q_DISABLE_COPY_MOVE(CollectionSpecs)

    SpecCheckResult check(const QString &requestPath, const Response &response);
    // Loads the description of the collection holding `requestPath` now (if it has one and it
    // is not loaded yet), so that a later check() need not: a window calls it from a worker
    // when a request of the collection is opened or sent.
    void warm(const QString &requestPath);
    // A SpecCheck that calls check() on this object (which must outlive it).
    SpecCheck asSpecCheck();

private:
    struct Loaded
    {
        std::shared_ptr<ContractChecker> checker; // null: no usable description
        QString linkStamp; // link.json's modification time and size when loaded
    };
    // The entry of `collection`, loaded (again) when its link changed; m_mutex held.
    const Loaded &loaded(const QString &collection);

    QMutex m_mutex; // check() and warm() may come from different threads
    QHash<QString, Loaded> m_checkers; // by collection folder
};

} // namespace Patchbay::Core
