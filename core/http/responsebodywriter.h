#pragma once

#include "core/common/result.h"
#include "core/http/response.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

class QTemporaryFile;

namespace Patchbay::Core {

// Collects a decoded response body as it arrives: in memory while it is at most `threshold`
// bytes, then in a QTemporaryFile, so that a multi-gigabyte download never sits in memory.
class ResponseBodyWriter
{
public:
    explicit ResponseBodyWriter(qint64 threshold = 8 * 1024 * 1024);

    // Fails only when the temporary file cannot be created or written (e.g. a full disk).
    Status append(QByteArrayView data);
    qint64 size() const { return m_size; }
    bool isInFile() const { return m_file != nullptr; }
    // The body so far; the writer starts over empty.
    ResponseBody take();

private:
    Status moveToFile();

    qint64 m_threshold;
    qint64 m_size = 0;
    QByteArray m_memory;
    std::shared_ptr<QTemporaryFile> m_file;
};

} // namespace Patchbay::Core
