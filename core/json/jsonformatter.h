#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Patchbay::Core {

// Pretty-prints JSON text in one pass without building a tree, so key order, duplicate keys and
// number literals stay exactly as the server sent them. Feed it chunks as they arrive; it never
// validates (invalid input comes out re-indented as well as it can be).
//
// Output stays linear in the input: nesting deeper than maxIndentDepth() is written flat (no
// line breaks, no indentation), so N opening brackets give about N bytes, not N² (isFlattened()
// says it happened, for a note to the user). An output budget (setOutputBudget) stops the
// formatter inside a chunk, so one chunk can never produce more than the caller can hold.
class JsonFormatter
{
public:
    // Levels indented before the rest is written flat.
    static constexpr int kDefaultMaxIndentDepth = 32;

    explicit JsonFormatter(int indent = 2)
        : m_indent(indent)
    { }

    // Formats `chunk` and appends the result to `out`. Once the output budget is spent, appends
    // nothing more.
    void feed(QByteArrayView chunk, QByteArray &out);

    int depth() const { return m_depth; }

    void setMaxIndentDepth(int depth) { m_maxIndentDepth = depth < 0 ? 0 : depth; }
    int maxIndentDepth() const { return m_maxIndentDepth; }
    // Whether some nesting was deeper than maxIndentDepth() and was written flat.
    bool isFlattened() const { return m_flattened; }

    // At most `bytes` of output in total over all feeds; negative means no limit (the default).
    void setOutputBudget(qint64 bytes) { m_budget = bytes; }
    // The budget was reached: the output so far is cut at exactly the budget.
    bool isOutOfBudget() const { return m_outOfBudget; }
    qint64 bytesWritten() const { return m_written; }

private:
    void newline(QByteArray &out);

    int m_indent;
    int m_depth = 0;
    int m_maxIndentDepth = kDefaultMaxIndentDepth;
    bool m_inString = false;
    bool m_escape = false;
    bool m_afterOpen = false; // just wrote '{' or '[': the line break waits for the next token
    bool m_flattened = false;
    bool m_outOfBudget = false;
    qint64 m_budget = -1;
    qint64 m_written = 0;
};

// Convenience for whole documents (with the default depth cap and no budget).
QByteArray prettyPrintJson(QByteArrayView json, int indent = 2);

// Rewrites JSON text on one line without insignificant whitespace, keeping everything else.
QByteArray compactJson(QByteArrayView json);

} // namespace Patchbay::Core
