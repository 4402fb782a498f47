#include "ui/network/cookietablemodel.h"

#include "core/cookies/cookiejar.h"

#include <QLocale>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

CookieTableModel::CookieTableModel(CookieJar *jar, QObject *parent)
    : QAbstractTableModel(parent)
    , m_jar(jar)
{
    if (m_jar) {
        connect(m_jar, &CookieJar::changed, this, &CookieTableModel::reload);
        m_cookies = m_jar->cookies();
    }
}

CookieTableModel::~CookieTableModel() = default;

void CookieTableModel::reload()
{
    // Rows come and go anywhere (a response stores several, expiry drops others): reset.
    beginResetModel();
    m_cookies = m_jar ? m_jar->cookies() : CookieList();
    endResetModel();
}

QString CookieTableModel::shownDomain(const Cookie &cookie)
{
    return cookie.hostOnly ? cookie.domain : u'.' + cookie.domain;
}

int CookieTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cookies.size());
}

int CookieTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CookieTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Cookie &c = m_cookies.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == DomainColumn)
        return c.hostOnly ? tr("Sent to %1 only").arg(c.domain)
                          : tr("Sent to %1 and its subdomains").arg(c.domain);
    if (role == Qt::ToolTipRole && index.column() == ValueColumn)
        return c.value;
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    const auto yes = [](bool value) { return value ? tr("yes") : QString(); };
    switch (Column(index.column())) {
    case DomainColumn:
        return shownDomain(c);
    case NameColumn:
        return c.name;
    case ValueColumn:
        return c.value;
    case PathColumn:
        return c.path;
    case ExpiresColumn:
        if (role == Qt::EditRole)
            return c.expires;
        return c.isSession() ? tr("Session")
                             : QLocale().toString(c.expires.toLocalTime(), QLocale::ShortFormat);
    case SecureColumn:
        return yes(c.secure);
    case HttpOnlyColumn:
        return yes(c.httpOnly);
    case SameSiteColumn:
        return sameSiteName(c.sameSite);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CookieTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case DomainColumn:
        return tr("Domain");
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    case PathColumn:
        return tr("Path");
    case ExpiresColumn:
        return tr("Expires");
    case SecureColumn:
        return tr("Secure");
    case HttpOnlyColumn:
        return tr("HttpOnly");
    case SameSiteColumn:
        return tr("SameSite");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Patchbay::Ui
