#pragma once

#include <QtGlobal>

namespace Patchbay::Core {

// How much history to keep: once a limit is passed, the oldest entries go. 0 turns a limit
// off. A plain value, so the window's Preferences can pass it without the store knowing them.
// (Kept to the same shape as the retention the `harden` branch adds, with its byte limit.)
struct HistoryRetention
{
    int maxEntries = 100000;
    int maxAgeDays = 0; // entries sent more than this many days ago go
    qint64 maxBytes = 0; // not enforced here; see the note above

    static HistoryRetention unlimited() { return {0, 0, 0}; }
    bool isUnlimited() const { return maxEntries <= 0 && maxAgeDays <= 0 && maxBytes <= 0; }

    friend bool operator==(const HistoryRetention &, const HistoryRetention &) = default;
};

} // namespace Patchbay::Core
