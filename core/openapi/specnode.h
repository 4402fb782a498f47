#pragma once

#include <simdjson.h>

#include <QString>

#include <string_view>

namespace Patchbay::Core {

// A read-only view of one value of a loaded API description, and the file it came from (a
// relative $ref resolves against that file). A default-constructed node is "missing": every
// accessor answers empty, so walking a broken description never crashes. Internal to
// core/openapi: the views point into the SpecSet's parsed documents and live as long as it.
class SpecNode
{
public:
    SpecNode() = default;
    SpecNode(int file, simdjson::dom::element element)
        : m_element(element)
        , m_file(file)
    { }

    bool isValid() const { return m_file >= 0; }
    int file() const { return m_file; }
    simdjson::dom::element element() const { return m_element; }

    simdjson::dom::element_type type() const
    {
        return isValid() ? m_element.type() : simdjson::dom::element_type::NULL_VALUE;
    }
    bool isObject() const { return isValid() && m_element.is_object(); }
    bool isArray() const { return isValid() && m_element.is_array(); }
    bool isString() const { return isValid() && m_element.is_string(); }
    bool isBool() const { return isValid() && m_element.is_bool(); }
    bool isNumber() const { return isValid() && m_element.is_number(); }
    bool isNull() const { return isValid() && m_element.is_null(); }

    // A member of an object; missing when absent or when this is not an object.
    SpecNode operator[](std::string_view key) const
    {
        if (!isObject())
            return {};
        simdjson::dom::object object;
        simdjson::dom::element child;
        if (m_element.get_object().get(object) != simdjson::SUCCESS
            || object[key].get(child) != simdjson::SUCCESS)
            return {};
        return {m_file, child};
    }
    SpecNode at(size_t index) const
    {
        if (!isArray())
            return {};
        simdjson::dom::array array;
        simdjson::dom::element child;
        if (m_element.get_array().get(array) != simdjson::SUCCESS
            || array.at(index).get(child) != simdjson::SUCCESS)
            return {};
        return {m_file, child};
    }
    size_t size() const
    {
        simdjson::dom::array array;
        if (isArray() && m_element.get_array().get(array) == simdjson::SUCCESS)
            return array.size();
        simdjson::dom::object object;
        if (isObject() && m_element.get_object().get(object) == simdjson::SUCCESS)
            return object.size();
        return 0;
    }
    bool has(std::string_view key) const { return (*this)[key].isValid(); }

    std::string_view view(std::string_view fallback = {}) const
    {
        std::string_view text;
        if (!isString() || m_element.get_string().get(text) != simdjson::SUCCESS)
            return fallback;
        return text;
    }
    QString text() const
    {
        const std::string_view v = view();
        return QString::fromUtf8(v.data(), qsizetype(v.size()));
    }
    QString text(std::string_view key) const { return (*this)[key].text(); }
    bool boolean(bool fallback = false) const
    {
        bool value = fallback;
        if (isBool() && m_element.get_bool().get(value) != simdjson::SUCCESS)
            value = fallback;
        return value;
    }

    // Calls f(std::string_view key, SpecNode value) for each member, in document order.
    template<typename F> void forEachMember(F &&f) const
    {
        simdjson::dom::object object;
        if (!isObject() || m_element.get_object().get(object) != simdjson::SUCCESS)
            return;
        for (const auto field : object)
            f(field.key, SpecNode(m_file, field.value));
    }
    // Calls f(SpecNode item) for each item of an array.
    template<typename F> void forEachItem(F &&f) const
    {
        simdjson::dom::array array;
        if (!isArray() || m_element.get_array().get(array) != simdjson::SUCCESS)
            return;
        for (const simdjson::dom::element item : array)
            f(SpecNode(m_file, item));
    }

private:
    simdjson::dom::element m_element;
    int m_file = -1;
};

inline QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

} // namespace Patchbay::Core
