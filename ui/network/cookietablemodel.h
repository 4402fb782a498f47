#pragma once

#include "core/cookies/cookie.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace Patchbay::Core {
class CookieJar;
}

namespace Patchbay::Ui {

// The cookies of a CookieJar as a table, one row per cookie in the jar's order, refreshed when
// the jar changes. Domains of cookies that also go to subdomains are shown with a leading dot,
// as cookies.txt writes them.
class CookieTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CookieTableModel)

public:
    enum Column {
        DomainColumn,
        NameColumn,
        ValueColumn,
        PathColumn,
        ExpiresColumn,
        SecureColumn,
        HttpOnlyColumn,
        SameSiteColumn,
        ColumnCount
    };

    explicit CookieTableModel(Core::CookieJar *jar, QObject *parent = nullptr); // jar not owned
    ~CookieTableModel() override;

    Core::Cookie cookie(int row) const { return m_cookies.value(row); }
    // The domain as shown: ".example.com" for a cookie that goes to subdomains too.
    static QString shownDomain(const Core::Cookie &cookie);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void reload();

    QPointer<Core::CookieJar> m_jar; // not owned
    Core::CookieList m_cookies;
};

} // namespace Patchbay::Ui
