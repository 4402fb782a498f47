#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace Patchbay::Core {

// What went wrong, for a person: `code` is stable and machine-readable ("invalid-url"),
// `message` says what happened and what to do about it.
struct Error
{
    QString code;
    QString message;

    friend bool operator==(const Error &, const Error &) = default;
};

// A value or an Error. Functions that can fail return this instead of throwing.
template<typename T> class Result
{
public:
    Result(T value)
        : m_data(std::move(value))
    { }
    Result(Error error)
        : m_data(std::move(error))
    { }

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// For operations that return nothing but can fail.
struct Ok
{
    friend bool operator==(Ok, Ok) = default;
};
using Status = Result<Ok>;

} // namespace Patchbay::Core
