#pragma once

#include "core/common/result.h"
#include "core/openapi/speclimits.h"
#include "core/openapi/specnode.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Patchbay::Core {

// The files of one API description, parsed: the root file and every file its $refs reach
// (relative paths or URLs, resolved against the file that holds the $ref). JSON is read by
// simdjson; YAML is turned into JSON text first (yamlToJson). Not thread-safe: one thread uses
// a set at a time (the $ref cache is filled as refs are followed).
class SpecSet
{
public:
    // Gives the bytes of another file of the description (a path or a URL, absolute).
    using Fetcher = std::function<Result<QByteArray>(const QString &uri)>;

    SpecSet();
    ~SpecSet();
    SpecSet(const SpecSet &) = delete;
    SpecSet &operator=(const SpecSet &) = delete;

    // Reads `path` and the local files its $refs name. Errors: "read-failed", "spec-too-large",
    // "spec-syntax" (JSON or YAML with line and column).
    static Result<std::unique_ptr<SpecSet>> loadFile(const QString &path,
                                                     const SpecLimits &limits = {});
    // `uri` is where `bytes` came from (a URL or a path), for relative $refs; `fetch` gives the
    // other files (none: refs to other files are reported as unresolved).
    static Result<std::unique_ptr<SpecSet>> loadBytes(const QByteArray &bytes, const QString &uri,
                                                      const Fetcher &fetch,
                                                      const SpecLimits &limits = {});

    SpecNode root() const;
    int fileCount() const { return int(m_files.size()); }
    QString fileUri(int file) const;
    // The raw bytes of each file, in load order (kept for the collection's spec snapshot).
    QByteArray fileBytes(int file) const;
    bool isYaml(int file) const;
    // Files named by $refs that could not be loaded, with the reason ("common/Error.yaml: ...").
    const QStringList &loadProblems() const { return m_loadProblems; }

    // Follows `node`'s $ref (and the $refs the target holds, up to 32) to the value it names.
    // A node without $ref is returned as it is. On failure returns a missing node and says why
    // in `*problem` ("#/components/schemas/Nope: no such value").
    SpecNode resolve(SpecNode node, QString *problem = nullptr) const;
    // Where a $ref leads, as "file-index#pointer": the same text for the same target, so callers
    // can cache per target and detect cycles. Empty when `node` holds no $ref.
    QString refTarget(SpecNode node) const;

    // A stable key for a resolved value: equal keys mean the same value of the same file.
    static std::pair<const void *, size_t> identity(SpecNode node);

private:
    struct File;
    Result<int> addFile(const QByteArray &bytes, const QString &uri, const SpecLimits &limits);
    void loadReferencedFiles(const Fetcher &fetch, const SpecLimits &limits);
    int fileIndex(const QString &uri) const;
    QString resolveUri(int fromFile, std::string_view reference) const;
    SpecNode lookup(int fromFile, std::string_view ref, QString *problem) const;

    std::vector<std::unique_ptr<File>> m_files;
    QStringList m_loadProblems;
    mutable std::vector<std::unordered_map<std::string_view, SpecNode>> m_refCache; // per file
};

} // namespace Patchbay::Core
