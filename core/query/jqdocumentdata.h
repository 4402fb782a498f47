#pragma once

#include "core/query/jqdocument.h"
#include "core/query/libjq.h"

namespace Patchbay::Core {

// The parsed value behind a JqDocument; private to core/query.
struct JqDocument::Data
{
    Data(jv parsed, qint64 bytes)
        : value(parsed)
        , sourceBytes(bytes)
    { }
    ~Data();
    Data(const Data &) = delete;
    Data &operator=(const Data &) = delete;

    jv value; // owned: one reference
    qint64 sourceBytes = 0;
};

} // namespace Patchbay::Core
