#pragma once

#include <QtGlobal>

#include <deque>
#include <functional>
#include <utility>

namespace Patchbay::Core {

// The last entries of an endless sequence (SSE events, WebSocket messages): at most `capacity`
// entries and, when a weight function is given, at most `maxWeight` in total (e.g. bytes); the
// oldest go first. Entries keep their absolute index (firstIndex() + i) so that views can tell
// how many fell off the front.
template<typename T> class BoundedLog
{
public:
    using Weight = std::function<qint64(const T &)>;

    explicit BoundedLog(qsizetype capacity = 10000, qint64 maxWeight = -1, Weight weight = {})
        : m_capacity(qMax<qsizetype>(1, capacity))
        , m_maxWeight(maxWeight)
        , m_weight(std::move(weight))
    { }

    // Appends and returns how many old entries were dropped to make room. The newest entry is
    // always kept, even if it alone weighs more than maxWeight.
    qsizetype append(T value)
    {
        m_total += m_weight ? m_weight(value) : 0;
        m_items.push_back(std::move(value));
        return trim();
    }

    void setCapacity(qsizetype capacity)
    {
        m_capacity = qMax<qsizetype>(1, capacity);
        trim();
    }
    qsizetype capacity() const { return m_capacity; }

    qsizetype size() const { return qsizetype(m_items.size()); }
    bool isEmpty() const { return m_items.empty(); }
    const T &at(qsizetype i) const { return m_items[size_t(i)]; }
    const T &last() const { return m_items.back(); }
    // Entries ever appended, kept or not.
    qint64 appended() const { return m_first + qint64(m_items.size()); }
    qint64 firstIndex() const { return m_first; } // == how many were dropped
    qint64 weight() const { return m_total; }
    void clear()
    {
        m_first += qint64(m_items.size());
        m_items.clear();
        m_total = 0;
    }

    typename std::deque<T>::const_iterator begin() const { return m_items.begin(); }
    typename std::deque<T>::const_iterator end() const { return m_items.end(); }

private:
    qsizetype trim()
    {
        qsizetype dropped = 0;
        while (qsizetype(m_items.size()) > m_capacity
               || (m_maxWeight >= 0 && m_total > m_maxWeight && m_items.size() > 1)) {
            m_total -= m_weight ? m_weight(m_items.front()) : 0;
            m_items.pop_front();
            ++m_first;
            ++dropped;
        }
        return dropped;
    }

    std::deque<T> m_items;
    qsizetype m_capacity;
    qint64 m_maxWeight;
    Weight m_weight;
    qint64 m_total = 0;
    qint64 m_first = 0;
};

} // namespace Patchbay::Core
