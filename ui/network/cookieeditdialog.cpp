#include "ui/network/cookieeditdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

CookieEditDialog::CookieEditDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("cookieEditDialog"));
    setWindowTitle(tr("Cookie"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("cookieName"));
    form->addRow(tr("&Name:"), m_name);
    m_value = new QLineEdit(this);
    m_value->setObjectName(QStringLiteral("cookieValue"));
    form->addRow(tr("&Value:"), m_value);
    m_domain = new QLineEdit(this);
    m_domain->setObjectName(QStringLiteral("cookieDomain"));
    m_domain->setPlaceholderText(QStringLiteral("api.example.com"));
    form->addRow(tr("&Domain:"), m_domain);
    m_subdomains = new QCheckBox(tr("Send to its &subdomains too (Domain attribute)"), this);
    form->addRow(QString(), m_subdomains);
    m_path = new QLineEdit(QStringLiteral("/"), this);
    m_path->setObjectName(QStringLiteral("cookiePath"));
    form->addRow(tr("&Path:"), m_path);
    m_session = new QCheckBox(tr("Session cookie (no expiry date)"), this);
    m_session->setChecked(true);
    form->addRow(tr("Expires:"), m_session);
    m_expires = new QDateTimeEdit(QDateTime::currentDateTime().addDays(7), this);
    m_expires->setObjectName(QStringLiteral("cookieExpires"));
    m_expires->setCalendarPopup(true);
    m_expires->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    form->addRow(QString(), m_expires);
    m_secure = new QCheckBox(tr("&Secure: https:// only"), this);
    m_httpOnly = new QCheckBox(tr("&HttpOnly (browsers hide it from scripts)"), this);
    form->addRow(tr("Flags:"), m_secure);
    form->addRow(QString(), m_httpOnly);
    m_sameSite = new QComboBox(this);
    m_sameSite->addItem(tr("Not set"), int(SameSite::Unspecified));
    m_sameSite->addItem(QStringLiteral("Lax"), int(SameSite::Lax));
    m_sameSite->addItem(QStringLiteral("Strict"), int(SameSite::Strict));
    m_sameSite->addItem(QStringLiteral("None"), int(SameSite::None));
    m_sameSite->setToolTip(tr("Kept and shown; a REST client has no \"site\" to apply it to."));
    form->addRow(tr("Same&Site:"), m_sameSite);
    layout->addLayout(form);
    m_problem = new QLabel(this);
    m_problem->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_name, m_domain, m_path})
        connect(edit, &QLineEdit::textChanged, this, &CookieEditDialog::updateState);
    connect(m_session, &QCheckBox::toggled, this, &CookieEditDialog::updateState);
    updateState();
    resize(480, sizeHint().height());
}

CookieEditDialog::~CookieEditDialog() = default;

void CookieEditDialog::updateState()
{
    m_expires->setEnabled(!m_session->isChecked());
    QString problem;
    const QString domain = m_domain->text().trimmed();
    if (m_name->text().trimmed().isEmpty())
        problem = tr("A cookie needs a name.");
    else if (m_name->text().contains(u'=') || m_name->text().contains(u';'))
        problem = tr("A name cannot hold '=' or ';'.");
    else if (domain.isEmpty() || domain.contains(u' ') || domain.contains(u'/'))
        problem = tr("Enter the host name the cookie is for, e.g. api.example.com.");
    else if (!m_path->text().trimmed().startsWith(u'/'))
        problem = tr("A path starts with '/'.");
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void CookieEditDialog::setCookie(const Cookie &cookie)
{
    m_original = cookie;
    m_name->setText(cookie.name);
    m_value->setText(cookie.value);
    m_domain->setText(cookie.domain);
    m_subdomains->setChecked(!cookie.hostOnly);
    m_path->setText(cookie.path);
    m_session->setChecked(cookie.isSession());
    if (!cookie.isSession())
        m_expires->setDateTime(cookie.expires.toLocalTime());
    m_secure->setChecked(cookie.secure);
    m_httpOnly->setChecked(cookie.httpOnly);
    m_sameSite->setCurrentIndex(std::max(0, m_sameSite->findData(int(cookie.sameSite))));
    updateState();
}

Cookie CookieEditDialog::cookie() const
{
    Cookie c = m_original;
    c.name = m_name->text().trimmed();
    c.value = m_value->text();
    QString domain = m_domain->text().trimmed().toLower();
    if (domain.startsWith(u'.')) {
        domain.remove(0, 1);
        c.hostOnly = false;
    } else {
        c.hostOnly = !m_subdomains->isChecked();
    }
    c.domain = domain;
    c.path = m_path->text().trimmed();
    c.expires = m_session->isChecked() ? QDateTime() : m_expires->dateTime().toUTC();
    c.secure = m_secure->isChecked();
    c.httpOnly = m_httpOnly->isChecked();
    c.sameSite = SameSite(m_sameSite->currentData().toInt());
    return c;
}

} // namespace Patchbay::Ui
