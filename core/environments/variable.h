#pragma once

#include <QList>
#include <QString>

namespace Patchbay::Core {

// A named value that `{{name}}` in a request refers to. A secret variable's value lives in the
// OS keyring (SecretStore), never in a collection file: files only say `secret: true`.
struct Variable
{
    QString name;
    QString value;
    bool enabled = true;
    bool secret = false;

    friend bool operator==(const Variable &, const Variable &) = default;
};

using VariableList = QList<Variable>;

} // namespace Patchbay::Core
