#include "core/query/jsonquery.h"

#include "core/query/jsonpath.h"

namespace Patchbay::Core {

QueryLanguage queryLanguageOf(const QString &expression)
{
    for (const QChar c : expression) {
        if (c.isSpace())
            continue;
        return c == u'$' ? QueryLanguage::JsonPath : QueryLanguage::Jq;
    }
    return QueryLanguage::Jq;
}

Result<JqProgram> compileJsonQuery(const QString &expression, JsonPathResults jsonPath)
{
    if (queryLanguageOf(expression) == QueryLanguage::Jq)
        return JqProgram::compile(expression);
    const Result<QString> translated = jsonPathToJq(expression);
    if (!translated.ok())
        return translated.error();
    // Helper definitions come first in the translation; wrapping happens after them.
    QString program = translated.value();
    if (jsonPath == JsonPathResults::Array) {
        const qsizetype body = program.indexOf(QLatin1String(". as $__root | "));
        program = program.left(body) + u'[' + program.mid(body) + u']';
    }
    Result<JqProgram> compiled = JqProgram::compile(program);
    if (!compiled.ok())
        return Error {
            compiled.error().code,
            QStringLiteral("The JSONPath could not be run: %1").arg(compiled.error().message)};
    return compiled;
}

Result<JqProgram *> JsonQueryCache::program(const QString &expression)
{
    auto it = m_entries.begin();
    while (it != m_entries.end() && it->expression != expression)
        ++it;
    if (it != m_entries.end()) {
        m_entries.splice(m_entries.begin(), m_entries, it);
    } else {
        Result<JqProgram> compiled = compileJsonQuery(expression);
        Entry entry {expression, {}, {}};
        if (compiled.ok())
            entry.program = std::move(compiled).value();
        else
            entry.error = compiled.error();
        m_entries.push_front(std::move(entry));
        while (int(m_entries.size()) > m_capacity)
            m_entries.pop_back();
    }
    Entry &front = m_entries.front();
    if (!front.program.isValid())
        return front.error;
    return &front.program;
}

} // namespace Patchbay::Core
