#pragma once

#include <QList>
#include <QString>

namespace Patchbay::Core {

// One row of a params, headers or form table: the user can switch a row off without losing it.
// A query key written without '=' (`?flag&x=1`) has no value, which is not the same as an empty
// one (`?flag=`): `hasValue` keeps the difference so that the query is sent as written.
struct KeyValue
{
    QString name;
    QString value;
    bool enabled = true;
    bool hasValue = true; // false: the name alone, without '=' (query params only)

    friend bool operator==(const KeyValue &, const KeyValue &) = default;
};

using KeyValueList = QList<KeyValue>;

} // namespace Patchbay::Core
