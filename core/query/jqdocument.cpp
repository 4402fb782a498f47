#include "core/query/jqdocument.h"

#include "core/query/jqdocumentdata.h"

#include <limits>

namespace Patchbay::Core {

JqDocument::Data::~Data()
{
    jv_free(value);
}

JqDocument::JqDocument() = default;
JqDocument::~JqDocument() = default;
JqDocument::JqDocument(const JqDocument &) = default;
JqDocument &JqDocument::operator=(const JqDocument &) = default;
JqDocument::JqDocument(JqDocument &&) noexcept = default;
JqDocument &JqDocument::operator=(JqDocument &&) noexcept = default;

Result<JqDocument> JqDocument::parse(QByteArrayView json)
{
    if (json.size() > std::numeric_limits<int>::max())
        return Error {QStringLiteral("too-large"),
                      QStringLiteral("The document is too large for jq (over 2 GiB).")};
    jv value = jv_parse_sized(json.data(), int(json.size()));
    if (!jv_is_valid(value)) {
        QString message = QStringLiteral("The body is not JSON");
        if (jv_invalid_has_msg(jv_copy(value))) {
            jv msg = jv_invalid_get_msg(value);
            if (jv_get_kind(msg) == JV_KIND_STRING)
                message += QStringLiteral(" (%1)").arg(QString::fromUtf8(jv_string_value(msg)));
            jv_free(msg);
        } else {
            jv_free(value);
        }
        return Error {QStringLiteral("invalid-json"), message + u'.'};
    }
    JqDocument document;
    document.m_data = std::make_shared<Data>(value, json.size());
    return document;
}

qint64 JqDocument::sourceBytes() const
{
    return m_data ? m_data->sourceBytes : 0;
}

} // namespace Patchbay::Core
