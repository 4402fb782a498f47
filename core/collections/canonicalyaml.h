#pragma once

#include <QByteArrayView>

#include <string>
#include <string_view>
#include <vector>

namespace Patchbay::Core {

// A fast reader for the YAML subset that collectionformat.cpp writes (docs/FORMAT.md):
// block mappings and lists of mappings indented by two, plain, 'single' and "double" quoted
// one-line scalars and literal blocks. yaml-cpp takes ~150 µs for a small request file, mostly in
// its scanner; this takes a few µs, which is what lets a 10,000-request workspace open in well
// under a second. Anything outside the subset (comments, flow style, anchors, tabs, CRLF,
// unusual indentation...) makes parseCanonicalYaml() return false and the caller uses yaml-cpp,
// so hand-edited files are read exactly as YAML says. Internal to core/collections.
class CanonicalNode
{
public:
    enum class Type { Invalid, Scalar, Map, Sequence };

    struct Position
    {
        int line = 0; // 0-based, as yaml-cpp's
        int column = 0;
    };

    explicit operator bool() const { return m_type != Type::Invalid; }
    bool IsNull() const { return false; } // null values are outside the subset
    bool IsScalar() const { return m_type == Type::Scalar; }
    bool IsMap() const { return m_type == Type::Map; }
    bool IsSequence() const { return m_type == Type::Sequence; }
    const std::string &Scalar() const { return m_scalar; }
    Position Mark() const { return m_mark; }

    const CanonicalNode &operator[](const char *key) const;
    std::vector<CanonicalNode>::const_iterator begin() const { return m_items.begin(); }
    std::vector<CanonicalNode>::const_iterator end() const { return m_items.end(); }

private:
    friend class CanonicalParser;

    Type m_type = Type::Invalid;
    std::string m_scalar;
    std::vector<std::string> m_keys; // Map: keys, parallel to m_items
    std::vector<CanonicalNode> m_items; // Map values or Sequence items
    Position m_mark;
};

// True when `yaml` is entirely in the canonical subset; `root` then holds it.
bool parseCanonicalYaml(QByteArrayView yaml, CanonicalNode &root);

} // namespace Patchbay::Core
