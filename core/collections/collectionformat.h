#pragma once

#include "core/collections/collectioninfo.h"
#include "core/collections/savedrequest.h"
#include "core/common/result.h"
#include "core/environments/environment.h"

#include <QByteArray>
#include <QByteArrayView>

namespace Patchbay::Core {

// Pure functions between the collection files and their values (docs/FORMAT.md).
// Writing is deterministic (fixed key order, stable quoting, literal blocks for multi-line text)
// so that reading then writing a file we wrote gives the same bytes and git diffs stay small.

// The newest format version this Patchbay reads. Files are written in the oldest version that
// holds them, so that older Patchbays go on reading (and writing) what they understand:
// kBaseFormatVersion, or 2 for a request of another kind than http (requestFormatVersion()).
inline constexpr int kCollectionFormatVersion = 2;
inline constexpr int kBaseFormatVersion = 1;
inline constexpr qint64 kMaxCollectionFileSize = 10 * 1024 * 1024;

struct YamlLimits;
// What yaml-cpp may read from one collection file (docs/RELIABILITY.md, "Limits").
YamlLimits collectionYamlLimits();

// Where a file failed to parse; 1-based, 0 when unknown.
struct ParseLocation
{
    int line = 0;
    int column = 0;

    friend bool operator==(const ParseLocation &, const ParseLocation &) = default;
};

// Error codes: "file-too-large", "yaml-syntax", "invalid-format", "newer-format", and the
// limits of collectionYamlLimits() ("yaml-too-deep", "yaml-too-many-nodes",
// "yaml-alias-expansion", "yaml-alias"; see core/common/boundedyaml.h).
// A file with a newer format version than kCollectionFormatVersion is read as far as it can be;
// its formatVersion says so and callers treat it as read-only.
// Which reader parses: Auto uses a fast reader for files in the exact form we write and
// yaml-cpp for anything else; the others are for tests (Canonical fails with "not-canonical"
// when the fast reader declines).
enum class YamlReader { Auto, YamlCpp, Canonical };

// The version requestToYaml() writes for `request`: 2 when its kind is not http, because a
// version-1 reader ignores `kind:` and would show (and save) a WebSocket request as an HTTP GET.
// A version-1 reader shows a version-2 file read-only, as far as it can read it, and never
// rewrites it (docs/FORMAT.md#versioning).
int requestFormatVersion(const SavedRequest &request);

QByteArray requestToYaml(const SavedRequest &request);
Result<SavedRequest> requestFromYaml(QByteArrayView yaml, ParseLocation *errorAt = nullptr,
                                     YamlReader reader = YamlReader::Auto);

QByteArray collectionToYaml(const CollectionInfo &collection);
Result<CollectionInfo> collectionFromYaml(QByteArrayView yaml, ParseLocation *errorAt = nullptr);

QByteArray folderToYaml(const FolderInfo &folder);
Result<FolderInfo> folderFromYaml(QByteArrayView yaml, ParseLocation *errorAt = nullptr);

// Secret variables are written as `secret: true` without their value, whatever `value` holds.
QByteArray environmentToYaml(const Environment &environment);
Result<Environment> environmentFromYaml(QByteArrayView yaml, ParseLocation *errorAt = nullptr);

// Lower-case names used in the files, e.g. "form-urlencoded", "apikey".
QString bodyModeName(BodyMode mode);
QString authModeName(AuthMode mode);
// False for an unknown name (and, until they are wired in, the signing modes').
bool authModeFromName(QStringView name, AuthMode *mode);

} // namespace Patchbay::Core
