#pragma once

#include <QList>
#include <QString>

namespace Patchbay::Core {

// One row of a params, headers or form table: the user can switch a row off without losing it.
struct KeyValue
{
    QString name;
    QString value;
    bool enabled = true;

    friend bool operator==(const KeyValue &, const KeyValue &) = default;
};

using KeyValueList = QList<KeyValue>;

} // namespace Patchbay::Core
