#include "core/http/response.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

namespace Patchbay::Core {

ResponseBody::ResponseBody(QByteArray data)
    : m_data(std::move(data))
{ }

ResponseBody ResponseBody::fromFile(std::shared_ptr<QTemporaryFile> file)
{
    ResponseBody body;
    body.m_file = std::move(file);
    return body;
}

QString ResponseBody::filePath() const
{
    return m_file ? m_file->fileName() : QString();
}

qint64 ResponseBody::size() const
{
    return m_file ? QFileInfo(m_file->fileName()).size() : m_data.size();
}

QByteArray ResponseBody::readAll() const
{
    if (!m_file)
        return m_data;
    QFile f(m_file->fileName());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QByteArray ResponseBody::peek(qint64 maxBytes) const
{
    if (!m_file)
        return m_data.left(maxBytes);
    QFile f(m_file->fileName());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(maxBytes);
}

std::unique_ptr<QIODevice> ResponseBody::open() const
{
    if (m_file) {
        auto f = std::make_unique<QFile>(m_file->fileName());
        if (!f->open(QIODevice::ReadOnly))
            return nullptr;
        return f;
    }
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(m_data);
    buffer->open(QIODevice::ReadOnly);
    return buffer;
}

bool operator==(const ResponseBody &a, const ResponseBody &b)
{
    if (a.m_file || b.m_file)
        return a.m_file == b.m_file;
    return a.m_data == b.m_data;
}

QByteArray Response::header(QByteArrayView name) const
{
    for (const HttpHeader &h : headers) {
        if (name.compare(h.name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return {};
}

QList<QByteArray> Response::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const HttpHeader &h : headers) {
        if (name.compare(h.name, Qt::CaseInsensitive) == 0)
            values.append(h.value);
    }
    return values;
}

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return QStringLiteral("none");
    case ErrorKind::InvalidUrl:
        return QStringLiteral("invalid-url");
    case ErrorKind::InvalidRequest:
        return QStringLiteral("invalid-request");
    case ErrorKind::ConnectionRefused:
        return QStringLiteral("connection-refused");
    case ErrorKind::HostNotFound:
        return QStringLiteral("host-not-found");
    case ErrorKind::Timeout:
        return QStringLiteral("timeout");
    case ErrorKind::Tls:
        return QStringLiteral("tls");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorKind::ConnectionReset:
        return QStringLiteral("connection-reset");
    case ErrorKind::TooManyRedirects:
        return QStringLiteral("too-many-redirects");
    case ErrorKind::InsecureRedirect:
        return QStringLiteral("insecure-redirect");
    case ErrorKind::DecompressionFailed:
        return QStringLiteral("decompression-failed");
    case ErrorKind::Protocol:
        return QStringLiteral("protocol");
    case ErrorKind::Proxy:
        return QStringLiteral("proxy");
    case ErrorKind::Auth:
        return QStringLiteral("auth");
    case ErrorKind::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

ErrorKind errorKindFromName(QStringView name)
{
    for (int i = int(ErrorKind::None); i <= int(ErrorKind::Other); ++i) {
        if (errorKindName(ErrorKind(i)) == name)
            return ErrorKind(i);
    }
    return ErrorKind::Other;
}

} // namespace Patchbay::Core
