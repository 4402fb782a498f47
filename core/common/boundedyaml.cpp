#include "core/common/boundedyaml.h"

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <QLocale>

#include <sstream>
#include <unordered_map>
#include <vector>

namespace Patchbay::Core {

namespace {

// Thrown by the checker from inside yaml-cpp's parser to stop it at once.
struct LimitExceeded
{
    YamlError error;
};

class LimitChecker final : public YAML::EventHandler
{
public:
    LimitChecker(const YamlLimits &limits, const QString &what)
        : m_limits(limits)
        , m_what(what)
    { }

    void OnDocumentStart(const YAML::Mark &) override { }
    void OnDocumentEnd() override { }
    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override { leaf(mark, anchor); }
    void OnScalar(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                  const std::string &) override
    {
        leaf(mark, anchor);
    }
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        if (!m_limits.allowAliases) {
            fail(mark, QStringLiteral("yaml-alias"),
                 QStringLiteral("%1 uses a YAML alias (*name), which this format never does. "
                                "Write the value out instead.")
                     .arg(m_what));
        }
        for (const Frame &frame : m_stack) {
            if (frame.anchor == anchor) {
                fail(mark, QStringLiteral("yaml-alias"),
                     QStringLiteral("%1 uses a YAML alias (*name) inside the value it names, "
                                    "which makes the value endless. Remove the alias.")
                         .arg(m_what));
            }
        }
        countNode(mark);
        const auto size = m_anchorSizes.find(anchor);
        add(mark, size == m_anchorSizes.end() ? 1 : size->second);
    }
    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        open(mark, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        open(mark, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame
    {
        YAML::anchor_t anchor;
        qint64 expanded; // nodes of this subtree with every alias followed
    };

    [[noreturn]] void fail(const YAML::Mark &mark, const QString &code, const QString &message)
    {
        throw LimitExceeded {{code, message, mark.line + 1, mark.column + 1}};
    }

    void countNode(const YAML::Mark &mark)
    {
        if (++m_nodes > m_limits.maxNodes) {
            fail(mark, QStringLiteral("yaml-too-many-nodes"),
                 QStringLiteral("%1 has more than %2 YAML values, more than Patchbay reads from "
                                "one file. Split it, or check that it is the right file.")
                     .arg(m_what, QLocale::c().toString(m_limits.maxNodes)));
        }
    }

    // `expanded` more nodes in the current subtree (and in the whole document).
    void add(const YAML::Mark &mark, qint64 expanded)
    {
        m_expanded += expanded;
        if (m_expanded > m_limits.maxExpandedNodes) {
            fail(mark, QStringLiteral("yaml-alias-expansion"),
                 QStringLiteral("%1 uses YAML aliases (*name) that would expand to more than %2 "
                                "values, the mark of a \"billion laughs\" attack; it was not "
                                "read. Write repeated values out instead of aliasing them.")
                     .arg(m_what, QLocale::c().toString(m_limits.maxExpandedNodes)));
        }
        if (!m_stack.empty())
            m_stack.back().expanded += expanded;
    }

    void leaf(const YAML::Mark &mark, YAML::anchor_t anchor)
    {
        countNode(mark);
        if (anchor != YAML::NullAnchor)
            m_anchorSizes[anchor] = 1;
        add(mark, 1);
    }

    void open(const YAML::Mark &mark, YAML::anchor_t anchor)
    {
        countNode(mark);
        if (int(m_stack.size()) >= m_limits.maxDepth) {
            fail(mark, QStringLiteral("yaml-too-deep"),
                 QStringLiteral("%1 nests mappings and lists deeper than %2 levels. Flatten it, "
                                "or check that it is the right file.")
                     .arg(m_what)
                     .arg(m_limits.maxDepth));
        }
        add(mark, 1);
        m_stack.push_back({anchor, 1});
    }

    void close()
    {
        if (m_stack.empty())
            return;
        const Frame frame = m_stack.back();
        m_stack.pop_back();
        if (frame.anchor != YAML::NullAnchor)
            m_anchorSizes[frame.anchor] = frame.expanded;
        // The frame's nodes were already counted into the document total as they came.
        if (!m_stack.empty())
            m_stack.back().expanded += frame.expanded - 1;
    }

    const YamlLimits &m_limits;
    const QString &m_what;
    std::vector<Frame> m_stack;
    std::unordered_map<YAML::anchor_t, qint64> m_anchorSizes;
    qint64 m_nodes = 0;
    qint64 m_expanded = 0;
};

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

} // namespace

Error YamlError::toError() const
{
    if (line <= 0)
        return Error {code, message};
    return Error {code,
                  QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message)};
}

Result<YAML::Node> loadBoundedYaml(QByteArrayView yaml, const YamlLimits &limits,
                                   const QString &what, YamlError *error)
{
    const auto failure = [error](YamlError e) -> Error {
        if (error)
            *error = e;
        return e.toError();
    };
    if (yaml.size() > limits.maxBytes) {
        return failure({QStringLiteral("yaml-too-large"),
                        QStringLiteral("%1 is larger than %2, more than Patchbay reads from one "
                                       "YAML file. Check that it is the right file, or split it.")
                            .arg(what,
                                 QLocale::c().formattedDataSize(limits.maxBytes, 0,
                                                                QLocale::DataSizeIecFormat)),
                        0, 0});
    }
    const std::string text(yaml.data(), size_t(yaml.size()));
    try {
        {
            std::istringstream in(text);
            YAML::Parser parser(in);
            LimitChecker checker(limits, what);
            parser.HandleNextDocument(checker);
        }
        return YAML::Load(text);
    } catch (const LimitExceeded &e) {
        return failure(e.error);
    } catch (const YAML::Exception &e) {
        return failure(
            {QStringLiteral("yaml-syntax"), fromStd(e.msg), e.mark.line + 1, e.mark.column + 1});
    } catch (const std::exception &e) {
        return failure({QStringLiteral("yaml-syntax"), QString::fromLocal8Bit(e.what()), 0, 0});
    }
}

} // namespace Patchbay::Core
