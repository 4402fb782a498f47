#include "core/http/responsebodywriter.h"

#include <QDir>
#include <QTemporaryFile>

namespace Patchbay::Core {

ResponseBodyWriter::ResponseBodyWriter(qint64 threshold)
    : m_threshold(threshold)
{ }

Status ResponseBodyWriter::append(QByteArrayView data)
{
    if (data.isEmpty())
        return Ok {};
    if (!m_file && m_size + data.size() > m_threshold) {
        if (Status moved = moveToFile(); !moved)
            return moved;
    }
    if (m_file) {
        if (m_file->write(data.data(), data.size()) != data.size())
            return Error {QStringLiteral("other"), m_file->errorString()};
    } else {
        m_memory.append(data);
    }
    m_size += data.size();
    return Ok {};
}

Status ResponseBodyWriter::moveToFile()
{
    auto file = std::make_shared<QTemporaryFile>(QDir::tempPath()
                                                 + QStringLiteral("/patchbay-body-XXXXXX"));
    if (!file->open())
        return Error {QStringLiteral("other"), file->errorString()};
    if (file->write(m_memory) != m_memory.size())
        return Error {QStringLiteral("other"), file->errorString()};
    m_memory.clear();
    m_memory.squeeze();
    m_file = std::move(file);
    return Ok {};
}

ResponseBody ResponseBodyWriter::take()
{
    ResponseBody body;
    if (m_file) {
        // ResponseBody reads the file by name: everything must have reached the file first.
        m_file->flush();
        body = ResponseBody::fromFile(std::move(m_file));
    } else {
        body = ResponseBody(std::move(m_memory));
    }
    m_file.reset();
    m_memory = QByteArray();
    m_size = 0;
    return body;
}

} // namespace Patchbay::Core
