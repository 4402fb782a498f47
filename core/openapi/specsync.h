#pragma once

#include "core/common/result.h"
#include "core/interop/importwriter.h"
#include "core/openapi/openapiimport.h"
#include "core/openapi/speclink.h"

#include <QDir>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Patchbay::Core {

class HttpClient;

class SpecSet;
class Workspace;

// A description read from a file or URL, with where it came from.
struct LoadedSpec
{
    QString source; // absolute path or URL
    std::shared_ptr<SpecSet> set;
    OpenApiImport imported;
};

// Loads and imports a local description (with the files its $refs name).
Result<LoadedSpec> loadSpecFile(const QString &path);
// Imports a description already downloaded from `url`; `fetch` gives the files it refers to.
Result<LoadedSpec> loadSpecBytes(const QByteArray &bytes, const QString &url,
                                 const std::function<Result<QByteArray>(const QString &)> &fetch);
// Whether `source` is an http(s) URL (else a file path).
bool isSpecUrl(const QString &source);
// Downloads one file of a description through `client` (waiting in a local event loop, so it
// works on a worker thread with a client of its own), following redirects; HTTP 4xx and 5xx
// are failures. Errors: "download-failed".
Result<QByteArray> downloadSpecFile(HttpClient &client, const QString &url);
// Downloads a description from `url`, with the files its $refs name, and imports it. Makes its
// own QNetworkAccessManager: call it from a worker thread or the command line.
Result<LoadedSpec> loadSpecUrl(const QString &url);

// Writes an imported description into the workspace as a new collection (writeImportedCollection)
// and links the collection to it (`.openapi/`: the operations' files and a copy of the
// description, for sync and contract checks). Returns the collection folder.
Result<QString> writeSpecCollection(Workspace &workspace, const LoadedSpec &spec);
// Its first half, safe on a worker thread (stageImportedCollection): the collection and its link
// built in a staging folder of `workspaceRoot`. publishStagedCollection() finishes it.
Result<StagedCollection> stageSpecCollection(const QString &workspaceRoot,
                                             const QStringList &takenNames, const LoadedSpec &spec);

// One line of the preview of an update: what happens to one operation.
struct SpecChange
{
    enum class Kind { Added, Removed, Updated, Kept };
    Kind kind = Kind::Updated;
    QString operation; // "GET /pets/{petId}"
    QString request; // the request's name
    QString file; // relative to the collection; for Added, where it will be created
    QStringList details; // "parameter limit added", "body: property age added", ...

    friend bool operator==(const SpecChange &, const SpecChange &) = default;
};

// Everything an update would do, computed without writing anything (for the preview).
// Three-way: the copy of the description the collection was last synced with (base), the new
// description (theirs) and the user's files (ours). Operations are matched by operationId,
// else by method and path. A field the user left as imported takes the new value; a field the
// user changed is kept; rows (params, headers) and JSON bodies merge member by member.
// Assertions, captures, scripts and settings are always the user's.
struct SpecSyncPlan
{
    QString collectionDir;
    QList<SpecChange> changes; // every change, Added/Removed/Updated; Kept ones listed too
    int unchanged = 0;

    // What apply writes.
    struct Write
    {
        QString path; // absolute request file
        SavedRequest request;
    };
    struct Create
    {
        QStringList folder;
        SavedRequest request;
        SpecOperation operation;
    };
    QList<Write> writes;
    QList<Create> creates;
    SpecLink link; // the new link, files of created requests filled in by apply
    LoadedSpec spec; // the new description

    bool isEmpty() const { return writes.isEmpty() && creates.isEmpty(); }
    // The preview as text, one line per change (CLI).
    QStringList describe() const;
};

Result<SpecSyncPlan> planSpecSync(const QString &collectionDir, const LoadedSpec &newSpec);
// Writes the plan through `workspace` (whose tree must hold the collection) and the new link.
// Returns the request files written or created.
Result<QStringList> applySpecSync(Workspace &workspace, SpecSyncPlan plan);

// applySpecSync() a slice at a time: a window calls step() from its event loop and paints
// between slices (the Workspace is the UI thread's, so the writes stay there). Stops at the
// first error, having written what came before it.
class SpecSyncApplier
{
public:
    explicit SpecSyncApplier(SpecSyncPlan plan);

    // Writes until `budgetMs` have passed (at least one item) or everything is written, the
    // link last. True when finished.
    bool step(Workspace &workspace, int budgetMs);
    bool isFinished() const { return m_error.has_value() || m_done >= total(); }
    qsizetype done() const { return m_done; }
    qsizetype total() const;
    const std::optional<Error> &error() const { return m_error; }
    const QStringList &touched() const { return m_touched; }

private:
    Status stepOne(Workspace &workspace);

    SpecSyncPlan m_plan;
    QDir m_dir;
    qsizetype m_done = 0;
    QStringList m_touched;
    std::optional<Error> m_error;
};

// The three-way merge of one request (exposed for tests).
SavedRequest mergeRequest(const SavedRequest &base, const SavedRequest &theirs,
                          const SavedRequest &ours, QStringList *details);

} // namespace Patchbay::Core
