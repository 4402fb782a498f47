#pragma once

#include "core/cookies/cookie.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Patchbay::Ui {

// Adds or edits one cookie of the Cookies manager: every field the jar keeps.
class CookieEditDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CookieEditDialog)

public:
    explicit CookieEditDialog(QWidget *parent = nullptr);
    ~CookieEditDialog() override;

    void setCookie(const Core::Cookie &cookie);
    Core::Cookie cookie() const;

    // Parts, for tests.
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *valueEdit() const { return m_value; }
    QLineEdit *domainEdit() const { return m_domain; }
    QCheckBox *subdomainsCheck() const { return m_subdomains; }
    QLineEdit *pathEdit() const { return m_path; }
    QCheckBox *sessionCheck() const { return m_session; }
    QDateTimeEdit *expiresEdit() const { return m_expires; }
    QCheckBox *secureCheck() const { return m_secure; }
    QCheckBox *httpOnlyCheck() const { return m_httpOnly; }
    QComboBox *sameSiteCombo() const { return m_sameSite; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void updateState();

    Core::Cookie m_original;
    QLineEdit *m_name = nullptr; // owned (child)
    QLineEdit *m_value = nullptr; // owned (child)
    QLineEdit *m_domain = nullptr; // owned (child)
    QCheckBox *m_subdomains = nullptr; // owned (child)
    QLineEdit *m_path = nullptr; // owned (child)
    QCheckBox *m_session = nullptr; // owned (child)
    QDateTimeEdit *m_expires = nullptr; // owned (child)
    QCheckBox *m_secure = nullptr; // owned (child)
    QCheckBox *m_httpOnly = nullptr; // owned (child)
    QComboBox *m_sameSite = nullptr; // owned (child)
    QLabel *m_problem = nullptr; // owned (child)
    QDialogButtonBox *m_buttons = nullptr; // owned (child)
};

} // namespace Patchbay::Ui
