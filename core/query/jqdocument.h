#pragma once

#include "core/common/result.h"

#include <QByteArrayView>

#include <memory>

namespace Patchbay::Core {

// A JSON document parsed by libjq, so that several jq programs run on it without parsing it
// again (a filter typed key by key over a large response). Copies share the parsed value.
// Not thread-safe: libjq counts references without atomics, so a document and its copies are
// used from one thread at a time (handing one to a worker and back is fine).
class JqDocument
{
public:
    JqDocument();
    ~JqDocument();
    JqDocument(const JqDocument &);
    JqDocument &operator=(const JqDocument &);
    JqDocument(JqDocument &&) noexcept;
    JqDocument &operator=(JqDocument &&) noexcept;

    // One JSON value (RFC 8259 text, as jq reads it: numbers become doubles). Errors:
    // "invalid-json" with libjq's message, "too-large" past 2 GiB.
    static Result<JqDocument> parse(QByteArrayView json);

    bool isNull() const { return !m_data; }
    qint64 sourceBytes() const;

private:
    friend class JqProgram;
    struct Data;
    std::shared_ptr<Data> m_data;
};

} // namespace Patchbay::Core
