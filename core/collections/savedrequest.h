#pragma once

#include "core/http/request.h"
#include "core/runner/assertion.h"

#include <QList>

#include <QString>

namespace Patchbay::Core {

// A request as saved in a collection: one `NAME.yaml` file (docs/FORMAT.md). `order` sorts
// siblings (then the name); the display name lives here, not in the file name.
struct SavedRequest
{
    int formatVersion = 1; // of the file it was read from; files are always written in ours
    QString name;
    qint64 order = 0;
    QString description;
    Request request;
    // Scripts imported from other tools (Postman pre-request/test): kept as text, never run.
    QString preRequestScript;
    QString testScript;
    // Checks run after each send and variables taken from the response (`tests:` and
    // `captures:` in the file).
    QList<Assertion> assertions;
    QList<Capture> captures;

    friend bool operator==(const SavedRequest &, const SavedRequest &) = default;
};

} // namespace Patchbay::Core
