#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Patchbay::Core {

// Pretty-prints JSON text in one pass without building a tree, so key order, duplicate keys and
// number literals stay exactly as the server sent them. Feed it chunks as they arrive; it never
// validates (invalid input comes out re-indented as well as it can be).
class JsonFormatter
{
public:
    explicit JsonFormatter(int indent = 2)
        : m_indent(indent)
    { }

    // Formats `chunk` and appends the result to `out`.
    void feed(QByteArrayView chunk, QByteArray &out);

    int depth() const { return m_depth; }

private:
    void newline(QByteArray &out) const;

    int m_indent;
    int m_depth = 0;
    bool m_inString = false;
    bool m_escape = false;
    bool m_afterOpen = false; // just wrote '{' or '[': the line break waits for the next token
};

// Convenience for whole documents.
QByteArray prettyPrintJson(QByteArrayView json, int indent = 2);

// Rewrites JSON text on one line without insignificant whitespace, keeping everything else.
QByteArray compactJson(QByteArrayView json);

} // namespace Patchbay::Core
