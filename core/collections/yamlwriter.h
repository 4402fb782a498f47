#pragma once

// Writing the collection format (collectionformat.cpp, authformat.cpp): one canonical YAML form,
// so that files diff cleanly and the fast reader (canonicalyaml.h) can read them back.

#include "core/environments/variable.h"
#include "core/http/keyvalue.h"

#include <QByteArray>
#include <QString>

namespace Patchbay::Core::CollectionYaml {

class YamlWriter
{
public:
    // `column` is where the key starts; `dash` puts "- " before it (first key of a list item).
    void key(int column, bool dash, const char *name)
    {
        if (dash) {
            m_out += QByteArray(column - 2, ' ');
            m_out += "- ";
        } else {
            m_out += QByteArray(column, ' ');
        }
        m_out += name;
        m_out += ':';
    }

    void section(int column, const char *name)
    {
        key(column, false, name);
        m_out += '\n';
    }

    void integer(int column, bool dash, const char *name, qint64 value)
    {
        key(column, dash, name);
        m_out += ' ' + QByteArray::number(value) + '\n';
    }

    void boolean(int column, bool dash, const char *name, bool value)
    {
        key(column, dash, name);
        m_out += value ? " true\n" : " false\n";
    }

    // Text in the plainest form that reads back the same: plain, quoted or a literal block.
    void string(int column, bool dash, const char *name, const QString &value);

    QByteArray take() { return std::move(m_out); }

private:
    void literalBlock(int column, const QString &value);

    QByteArray m_out;
};

// A list of {name, value, enabled} rows under `name`; nothing when there are none.
void writeKeyValues(YamlWriter &w, int column, const char *name, const KeyValueList &rows);
// Variables; a secret one is written without its value, which lives in the keyring.
void writeVariables(YamlWriter &w, int column, const VariableList &variables);

} // namespace Patchbay::Core::CollectionYaml
