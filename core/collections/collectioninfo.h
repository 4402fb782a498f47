#pragma once

#include "core/environments/variable.h"
#include "core/http/request.h"

#include <QString>

namespace Patchbay::Core {

// The root file of a collection, `collection.yaml`: what applies to every request inside it.
// `id` is stable across renames and clones; secrets in the keyring are keyed by it.
struct CollectionInfo
{
    int formatVersion = 1;
    QString id;
    QString name;
    QString description;
    VariableList variables;
    Auth auth; // inherited by folders and requests whose mode is Inherit; Inherit here = none
    KeyValueList headers; // default headers, sent unless a request sets the same name
    // Scripts imported from other tools (Postman pre-request/test): kept as text, never run.
    QString preRequestScript;
    QString testScript;

    friend bool operator==(const CollectionInfo &, const CollectionInfo &) = default;
};

// The optional `folder.yaml` of a folder (a subdirectory of a collection).
struct FolderInfo
{
    int formatVersion = 1;
    QString name;
    qint64 order = 0;
    QString description;
    VariableList variables;
    Auth auth; // Inherit (the default): the parent folder's or the collection's
    // Scripts imported from other tools (Postman pre-request/test): kept as text, never run.
    QString preRequestScript;
    QString testScript;

    friend bool operator==(const FolderInfo &, const FolderInfo &) = default;
};

} // namespace Patchbay::Core
