#pragma once

#include "core/common/result.h"
#include "core/query/jqprogram.h"

#include <QString>

#include <list>

namespace Patchbay::Core {

// The two query languages a response filter, an assertion target or a capture path accepts.
enum class QueryLanguage {
    Jq, // a jq program: .items[0].id, [.[] | select(.age > 30) | .name], length
    JsonPath, // starts with $: $.items[0].id, $..name, $.users[?(@.age > 30)].name
};

// `$` first (after spaces) means JSONPath; anything else is jq. jq programs rarely start with
// a variable; write `. as $x | …` or `($ENV)` style forms in another way if one must.
QueryLanguage queryLanguageOf(const QString &expression);

// How JSONPath matches come out: one result per node (assertions and captures take the
// first), or all nodes in one array (what JSONPath tools show).
enum class JsonPathResults { Stream, Array };

// Compiles `expression` as jq, or as JSONPath translated to jq (core/query/jsonpath.h).
Result<JqProgram> compileJsonQuery(const QString &expression,
                                   JsonPathResults jsonPath = JsonPathResults::Stream);

// Compiled queries by text, for code that runs the same few expressions on many responses
// (a collection run): compiling costs libjq about 20 ms, running a small one microseconds.
// Keeps the `capacity` most recently used. Not thread-safe, like JqProgram.
class JsonQueryCache
{
public:
    explicit JsonQueryCache(int capacity = 32)
        : m_capacity(capacity)
    { }

    // The compiled program, or why it does not compile (failures are remembered too). The
    // pointer stays valid until the next call.
    Result<JqProgram *> program(const QString &expression);

private:
    struct Entry
    {
        QString expression;
        JqProgram program; // invalid when it did not compile
        Error error;
    };
    int m_capacity;
    std::list<Entry> m_entries; // most recently used first
};

} // namespace Patchbay::Core
