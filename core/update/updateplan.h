#pragma once

#include "core/common/result.h"
#include "core/http/request.h"
#include "core/http/response.h"
#include "core/json/jsonvalue.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

// How an edited resource goes back to the server.
enum class UpdateKind {
    Put, // PUT with the whole edited document
    MergePatch, // PATCH, application/merge-patch+json (RFC 7396)
    JsonPatch, // PATCH, application/json-patch+json (RFC 6902)
    PlainPartial, // PATCH, application/json with the changed top-level members (json-server)
};

QString updateKindName(UpdateKind kind); // "put", "merge-patch", "json-patch", "plain-partial"
QByteArray updateKindContentType(UpdateKind kind);
QString updateKindMethod(UpdateKind kind); // "PUT" or "PATCH"

// Lost-update protection: the validators of the GET and whether to send them back.
struct Preconditions
{
    QString etag; // as the server sent it, quotes and W/ included
    QString lastModified; // HTTP-date as the server sent it
    bool sendIfMatch = false;
    bool sendIfUnmodifiedSince = false;

    bool isWeakEtag() const { return etag.startsWith(QLatin1String("W/")); }
    friend bool operator==(const Preconditions &, const Preconditions &) = default;
};

// ETag -> If-Match (on when there is an ETag), Last-Modified -> If-Unmodified-Since (on only when
// there is no ETag: RFC 9110 has servers ignore it next to If-Match).
Preconditions preconditionsFrom(const Response &getResponse);

// Something the user should confirm before sending; `pointers` names the places concerned.
struct UpdateWarning
{
    enum class Kind {
        NothingChanged, // the edited document equals the original
        DroppedFields, // a PUT without members the GET returned
        ArrayReplaced, // a merge patch sends an array whole
        NullNotExpressible, // a merge patch cannot set a member to null: it would delete it
        RemovalNotExpressible, // a plain partial body cannot remove members
        JsonPatchAsPlainJson, // a JSON Patch document labelled application/json
        WeakEtag, // If-Match with a weak ETag never matches on a conforming server
    };
    Kind kind = Kind::NothingChanged;
    QStringList pointers;
    QString message; // what happens and what to do

    friend bool operator==(const UpdateWarning &, const UpdateWarning &) = default;
};

struct UpdateOptions
{
    bool jsonPatchTests = false; // start a JSON Patch with `test` ops of the replaced values
    friend bool operator==(const UpdateOptions &, const UpdateOptions &) = default;
};

// The request to send for an edit, and what to warn about before sending it.
struct UpdatePlan
{
    UpdateKind kind = UpdateKind::Put;
    Request request;
    QList<UpdateWarning> warnings;

    bool hasWarning(UpdateWarning::Kind kind) const;
    friend bool operator==(const UpdatePlan &, const UpdatePlan &) = default;
};

// Builds the update for `get` (its URL, params, auth, settings and non-conditional headers are
// kept) that turns `original` into `edited`. The body is JSON text that keeps the key order and
// number literals of `edited`.
// Errors: Error{"update-not-object", ...} for a merge patch or plain partial body when the
// documents are not objects.
Result<UpdatePlan> buildUpdateRequest(const Request &get, const JsonValue &original,
                                      const JsonValue &edited, UpdateKind kind,
                                      const Preconditions &preconditions,
                                      const UpdateOptions &options = {});

// Warnings about a request built by hand: a JSON Patch document sent as application/json.
QList<UpdateWarning> lintUpdateRequest(const Request &request);

// `request` without If-Match, If-Unmodified-Since, If-None-Match and If-Modified-Since.
Request withoutPreconditions(Request request);

// Bodies larger than this are not offered for editing (the workbench holds several copies).
inline constexpr qint64 kMaxEditableBodyBytes = 8 * 1024 * 1024;

// True when `response` has a body the workbench can edit: valid JSON whose top level is an
// object or an array, at most kMaxEditableBodyBytes. One validating pass, no tree.
bool isEditableResource(const Response &response);

// The effective Content-Type of a request body ("" when none), without parameters.
QString requestContentType(const Request &request);

} // namespace Patchbay::Core
