#include "core/collections/canonicalyaml.h"

#include <cstdint>

namespace Patchbay::Core {

namespace {

constexpr int kMaxIndent = 16;

struct Line
{
    int indent = 0;
    std::string_view text; // after the indentation
    std::string_view raw; // the whole line, for literal blocks
};

bool isKeyChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

void appendUtf8(std::string &out, uint32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xc0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += char(0xe0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    } else {
        out += char(0xf0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3f));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

const CanonicalNode &CanonicalNode::operator[](const char *key) const
{
    static const CanonicalNode invalid;
    const std::string_view wanted(key);
    for (size_t i = 0; i < m_keys.size(); ++i) {
        if (m_keys[i] == wanted)
            return m_items[i];
    }
    return invalid;
}

class CanonicalParser
{
public:
    bool parse(QByteArrayView yaml, CanonicalNode &root)
    {
        const std::string_view all(yaml.data(), size_t(yaml.size()));
        if (all.empty() || all.find('\r') != std::string_view::npos || all.back() != '\n')
            return false;
        if (all.size() >= 3 && all.substr(0, 3) == "\xef\xbb\xbf")
            return false;
        size_t start = 0;
        while (start < all.size()) {
            const size_t end = all.find('\n', start);
            const std::string_view raw = all.substr(start, end - start);
            size_t indent = 0;
            while (indent < raw.size() && raw[indent] == ' ')
                ++indent;
            m_lines.push_back({int(indent), raw.substr(indent), raw});
            start = end + 1;
        }
        root.m_type = CanonicalNode::Type::Map;
        if (!parseMap(0, root))
            return false;
        return m_pos == m_lines.size();
    }

private:
    // Lines outside literal blocks: no blank lines, tabs, comments or document markers.
    bool structuralLineOk(const Line &line) const
    {
        if (line.text.empty() || line.text.find('\t') != std::string_view::npos)
            return false;
        return line.text[0] != '#' && line.raw.substr(0, 3) != "---"
            && line.raw.substr(0, 3) != "...";
    }

    bool parseMap(int indent, CanonicalNode &out)
    {
        // Our files nest four levels at most; deeper input is someone else's, and recursion
        // must stay bounded for hostile files.
        if (indent > kMaxIndent)
            return false;
        out.m_type = CanonicalNode::Type::Map;
        out.m_mark = {int(m_pos), indent};
        bool any = false;
        while (m_pos < m_lines.size()) {
            Line &line = m_lines[m_pos];
            if (!structuralLineOk(line))
                return false;
            if (line.indent < indent)
                break;
            if (line.indent > indent || line.text.substr(0, 2) == "- ")
                return false;
            size_t k = 0;
            while (k < line.text.size() && isKeyChar(line.text[k]))
                ++k;
            if (k == 0 || k >= line.text.size() || line.text[k] != ':')
                return false;
            std::string key(line.text.substr(0, k));
            for (const std::string &existing : out.m_keys) {
                if (existing == key)
                    return false; // duplicate keys: let yaml-cpp decide
            }
            const std::string_view rest = line.text.substr(k + 1);
            CanonicalNode value;
            value.m_mark = {int(m_pos), indent + int(k) + 2};
            if (rest.empty()) {
                ++m_pos;
                if (m_pos >= m_lines.size() || !structuralLineOk(m_lines[m_pos])
                    || m_lines[m_pos].indent <= indent)
                    return false; // a null value
                const Line &next = m_lines[m_pos];
                const bool ok = next.text.substr(0, 2) == "- " ? parseSequence(next.indent, value)
                                                               : parseMap(next.indent, value);
                if (!ok)
                    return false;
            } else {
                // Exactly one space: more (or a tab) would be part of the scalar here but
                // separation to YAML ("method:  GET" is "GET", "url:  'x'" is x).
                if (rest[0] != ' ' || rest.size() < 2 || rest[1] == ' ' || rest[1] == '\t')
                    return false;
                if (!parseScalar(rest.substr(1), indent, value))
                    return false;
            }
            out.m_keys.push_back(std::move(key));
            out.m_items.push_back(std::move(value));
            any = true;
        }
        return any;
    }

    bool parseSequence(int indent, CanonicalNode &out)
    {
        out.m_type = CanonicalNode::Type::Sequence;
        out.m_mark = {int(m_pos), indent};
        while (m_pos < m_lines.size()) {
            Line &line = m_lines[m_pos];
            if (!structuralLineOk(line))
                return false;
            if (line.indent < indent)
                break;
            if (line.indent > indent || line.text.substr(0, 2) != "- ")
                return false;
            // "- key: value": the item's first key sits two columns further in.
            line.indent += 2;
            line.text = line.text.substr(2);
            CanonicalNode item;
            if (!parseMap(indent + 2, item))
                return false;
            out.m_items.push_back(std::move(item));
        }
        return !out.m_items.empty();
    }

    bool parseScalar(std::string_view text, int keyColumn, CanonicalNode &out)
    {
        out.m_type = CanonicalNode::Type::Scalar;
        switch (text[0]) {
        case '|':
            return parseLiteral(text, keyColumn, out.m_scalar);
        case '\'':
            ++m_pos;
            return parseSingleQuoted(text, out.m_scalar);
        case '"':
            ++m_pos;
            return parseDoubleQuoted(text, out.m_scalar);
        default:
            ++m_pos;
            return parsePlain(text, out.m_scalar);
        }
    }

    static bool parsePlain(std::string_view text, std::string &out)
    {
        static constexpr std::string_view indicators = "-?:,[]{}#&*!|>'\"%@`";
        // "-500" is a plain scalar; "- x" would be a list.
        const bool negative = text[0] == '-' && text.size() > 1 && text[1] != ' ';
        if (!negative && indicators.find(text[0]) != std::string_view::npos)
            return false;
        const char last = text.back();
        if (last == ' ' || last == ':')
            return false;
        if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos)
            return false;
        if (text == "~" || text == "null" || text == "Null" || text == "NULL")
            return false;
        for (const char c : text) {
            if (uint8_t(c) < 0x20 || c == 0x7f)
                return false;
        }
        out.assign(text);
        return true;
    }

    static bool parseSingleQuoted(std::string_view text, std::string &out)
    {
        out.clear();
        for (size_t i = 1; i < text.size(); ++i) {
            const char c = text[i];
            if (c == '\'') {
                if (i + 1 < text.size() && text[i + 1] == '\'') {
                    out += '\'';
                    ++i;
                    continue;
                }
                return i + 1 == text.size();
            }
            if (uint8_t(c) < 0x20 || c == 0x7f)
                return false;
            out += c;
        }
        return false; // unterminated on this line
    }

    static bool parseDoubleQuoted(std::string_view text, std::string &out)
    {
        out.clear();
        for (size_t i = 1; i < text.size(); ++i) {
            const char c = text[i];
            if (c == '"')
                return i + 1 == text.size();
            if (uint8_t(c) < 0x20 || c == 0x7f)
                return false;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (++i >= text.size())
                return false;
            switch (text[i]) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case 'r':
                out += '\r';
                break;
            case '0':
                out += '\0';
                break;
            case 'u': {
                if (i + 4 >= text.size())
                    return false;
                uint32_t cp = 0;
                for (int d = 1; d <= 4; ++d) {
                    const int v = hexValue(text[i + d]);
                    if (v < 0)
                        return false;
                    cp = cp * 16 + uint32_t(v);
                }
                if (cp >= 0xd800 && cp <= 0xdfff)
                    return false;
                appendUtf8(out, cp);
                i += 4;
                break;
            }
            default:
                return false; // other escapes: yaml-cpp knows them all
            }
        }
        return false;
    }

    // What our writer never puts in a literal block (it escapes them in a double-quoted
    // scalar): control characters but tab, DEL, C1 controls, U+2028/2029 and the non-characters
    // U+FEFF, U+FFFE, U+FFFF. yaml-cpp refuses or reads some of them otherwise (a NUL was read
    // here and refused there: fuzz_collectionyaml), so such blocks are left to it.
    static bool isPlainLiteralText(std::string_view text)
    {
        for (size_t i = 0; i < text.size(); ++i) {
            const auto c = uint8_t(text[i]);
            if ((c < 0x20 && c != '\t') || c == 0x7f)
                return false;
            const auto next
                = [&](size_t k) { return i + k < text.size() ? uint8_t(text[i + k]) : 0; };
            if (c == 0xc2 && next(1) >= 0x80 && next(1) <= 0x9f)
                return false;
            if (c == 0xe2 && next(1) == 0x80 && (next(2) == 0xa8 || next(2) == 0xa9))
                return false;
            if (c == 0xef && next(1) == 0xbb && next(2) == 0xbf)
                return false;
            if (c == 0xef && next(1) == 0xbf && (next(2) == 0xbe || next(2) == 0xbf))
                return false;
        }
        return true;
    }

    bool parseLiteral(std::string_view header, int keyColumn, std::string &out)
    {
        // "|", "|-", "|+", optionally with an indentation indicator first: "|2", "|2-".
        size_t h = 1;
        int indicator = 0;
        if (h < header.size() && header[h] >= '1' && header[h] <= '9')
            indicator = header[h++] - '0';
        char chomp = ' ';
        if (h < header.size() && (header[h] == '-' || header[h] == '+'))
            chomp = header[h++];
        if (h != header.size())
            return false;
        ++m_pos;
        const size_t n = size_t(indicator ? keyColumn + indicator : keyColumn + 2);
        std::vector<std::string_view> content;
        bool sawContent = false;
        while (m_pos < m_lines.size()) {
            const Line &line = m_lines[m_pos];
            if (line.raw.empty()) {
                content.push_back({});
                ++m_pos;
                continue;
            }
            if (size_t(line.indent) < n) {
                if (line.text.empty())
                    return false; // short all-space line: subtle in YAML, leave it to yaml-cpp
                break;
            }
            // Without an indicator, a line of spaces only before the first content line takes no
            // part in fixing the indentation (the first content line does): leave such blocks
            // to yaml-cpp.
            if (!sawContent && !indicator && line.text.empty())
                return false;
            // Without an indicator the first content line fixes the indentation: it must be ours.
            if (!sawContent && !indicator && size_t(line.indent) != n)
                return false;
            sawContent = true;
            if (!isPlainLiteralText(line.raw.substr(n)))
                return false;
            content.push_back(line.raw.substr(n));
            ++m_pos;
        }
        if (!sawContent)
            return false;
        size_t last = content.size();
        while (last > 0 && content[last - 1].empty())
            --last;
        out.clear();
        for (size_t i = 0; i < last; ++i) {
            if (i > 0)
                out += '\n';
            out += content[i];
        }
        if (chomp == ' ') {
            out += '\n';
        } else if (chomp == '+') {
            out += '\n';
            out.append(content.size() - last, '\n');
        }
        return true;
    }

    std::vector<Line> m_lines;
    size_t m_pos = 0;
};

bool parseCanonicalYaml(QByteArrayView yaml, CanonicalNode &root)
{
    CanonicalParser parser;
    return parser.parse(yaml, root);
}

} // namespace Patchbay::Core
