#pragma once

// Reading the collection format (collectionformat.cpp, authformat.cpp). The readers take either
// a yaml-cpp node or a CanonicalNode (the fast reader for files in the form we write); both offer
// the same small API. They throw FormatError, which never leaves the format's files.

#include "core/collections/canonicalyaml.h"
#include "core/environments/variable.h"
#include "core/http/keyvalue.h"

#include <QString>
#include <QStringView>

#include <yaml-cpp/yaml.h>

#include <string>
#include <type_traits>

namespace Patchbay::Core::CollectionYaml {

struct FormatError
{
    QString code;
    QString message;
    int line = 0; // 0-based
    int column = 0;
};

// The readers below take either a yaml-cpp node or a CanonicalNode (the fast reader for files
// in the form we write); both offer the same small API.
template<typename Node>
using NodeValue = std::conditional_t<std::is_base_of_v<YAML::Node, Node>, YAML::Node, const Node &>;

template<typename Node> [[noreturn]] void fail(const Node &node, const QString &message)
{
    throw FormatError {QStringLiteral("invalid-format"), message, int(node.Mark().line),
                       int(node.Mark().column)};
}

inline QString describe(const char *key)
{
    return QLatin1Char('`') + QLatin1String(key) + QLatin1Char('`');
}

inline QString toQString(const std::string &s)
{
    // QString::fromUtf8 drops a leading byte order mark; a value may start with one.
    if (s.size() >= 3 && s.compare(0, 3, "\xef\xbb\xbf") == 0)
        return QChar(0xfeff) + QString::fromUtf8(s.data() + 3, qsizetype(s.size() - 3));
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// The spellings yaml-cpp's convert<bool> accepts.
inline bool parseBool(const std::string &s, bool &value)
{
    static const char *const yes[]
        = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
    static const char *const no[]
        = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
    for (const char *word : yes) {
        if (s == word) {
            value = true;
            return true;
        }
    }
    for (const char *word : no) {
        if (s == word) {
            value = false;
            return true;
        }
    }
    return false;
}

template<typename Node> QString readString(const Node &map, const char *key)
{
    NodeValue<Node> node = map[key];
    if (!node || node.IsNull())
        return {};
    if (!node.IsScalar())
        fail(node, describe(key) + QLatin1String(" must be text"));
    return toQString(node.Scalar());
}

template<typename Node> bool readBool(const Node &map, const char *key, bool fallback)
{
    NodeValue<Node> node = map[key];
    if (!node || node.IsNull())
        return fallback;
    bool value = fallback;
    if (!node.IsScalar() || !parseBool(node.Scalar(), value))
        fail(node, describe(key) + QLatin1String(" must be true or false"));
    return value;
}

template<typename Node> qint64 readInt(const Node &map, const char *key, qint64 fallback)
{
    NodeValue<Node> node = map[key];
    if (!node || node.IsNull())
        return fallback;
    bool ok = false;
    const qint64 value = node.IsScalar() ? toQString(node.Scalar()).toLongLong(&ok) : 0;
    if (!ok)
        fail(node, describe(key) + QLatin1String(" must be a whole number"));
    return value;
}

template<typename Node> bool hasList(const Node &map, const char *key)
{
    NodeValue<Node> node = map[key];
    if (!node || node.IsNull())
        return false;
    if (!node.IsSequence())
        fail(node, describe(key) + QLatin1String(" must be a list"));
    return true;
}

template<typename Node> bool hasMap(const Node &map, const char *key)
{
    NodeValue<Node> node = map[key];
    if (!node || node.IsNull())
        return false;
    if (!node.IsMap())
        fail(node, describe(key) + QLatin1String(" must be a mapping of keys to values"));
    return true;
}

template<typename Node> void requireMapItem(const Node &item, const char *list)
{
    if (!item.IsMap())
        fail(item,
             QLatin1String("each entry of ") + describe(list)
                 + QLatin1String(" must be a mapping (name, value, ...)"));
}

// `valuesOptional`: a row without `value` (or with a null one) is a query key without a value.
template<typename Node>
KeyValueList readKeyValues(const Node &map, const char *key, bool valuesOptional = false)
{
    KeyValueList rows;
    if (!hasList(map, key))
        return rows;
    NodeValue<Node> list = map[key];
    for (const auto &item : list) {
        requireMapItem(item, key);
        KeyValue row {readString(item, "name"), readString(item, "value"),
                      readBool(item, "enabled", true)};
        if (valuesOptional) {
            NodeValue<Node> value = item["value"];
            row.hasValue = value && !value.IsNull();
        }
        rows.append(row);
    }
    return rows;
}

template<typename Node> VariableList readVariables(const Node &map)
{
    VariableList variables;
    if (!hasList(map, "variables"))
        return variables;
    NodeValue<Node> list = map["variables"];
    for (const auto &item : list) {
        requireMapItem(item, "variables");
        Variable v;
        v.name = readString(item, "name");
        v.secret = readBool(item, "secret", false);
        // A secret's value never comes from a file, even if someone wrote one there.
        if (!v.secret)
            v.value = readString(item, "value");
        v.enabled = readBool(item, "enabled", true);
        variables.append(v);
    }
    return variables;
}

// Reads an enumerated setting by its file name; `expected` lists the names for the message.
template<typename Node, typename E>
E readEnum(const Node &map, const char *key, E fallback, bool (*fromName)(QStringView, E *),
           const char *expected)
{
    const QString name = readString(map, key);
    if (name.isEmpty())
        return fallback;
    E value = fallback;
    if (!fromName(name, &value))
        fail(map[key],
             describe(key) + QLatin1String(" must be ") + QLatin1String(expected)
                 + QLatin1String(", not \"") + name + u'"');
    return value;
}

} // namespace Patchbay::Core::CollectionYaml
