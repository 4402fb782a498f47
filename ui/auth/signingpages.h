#pragma once

#include "core/http/request.h"

#include <QList>
#include <QObject>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QStackedWidget;
class QWidget;

namespace Patchbay::Ui {

class SecretTextField;

// The auth editor's pages for the signing schemes: Digest, AWS Signature v4, OAuth 1.0a and
// JWT bearer, one form each, added to the editor's stack (which owns them). Secrets are masked
// fields; like every auth field they take {{variables}}, whose secret values live in the keyring.
class SigningPages final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SigningPages)

public:
    SigningPages(QStackedWidget *stack, QObject *parent = nullptr);
    ~SigningPages() override;

    // The page of `mode`; null for a mode that is not a signing scheme.
    QWidget *page(Core::AuthMode mode) const;
    void setAuth(const Core::Auth &auth);
    // Puts the pages' settings into `auth` (its digest, awsSigV4, oauth1 and jwt).
    void apply(Core::Auth &auth) const;
    // The single-line fields, for {{variable}} hints.
    QList<QLineEdit *> lineEdits() const { return m_lineEdits; }
    // The forms, so that the editor lines their labels up with its own.
    QList<QFormLayout *> forms() const { return m_forms; }

signals:
    void edited();

private:
    QWidget *addPage(QStackedWidget *stack, QFormLayout **form);
    QLineEdit *lineEdit(QWidget *page, const char *name, bool secret = false);
    QComboBox *combo(QWidget *page, const char *name, const QList<QPair<QString, int>> &items);
    QPlainTextEdit *textEdit(QWidget *page, const char *name, bool secret = false);

    QWidget *m_digestPage = nullptr; // owned by the stack, like every widget below
    QWidget *m_awsPage = nullptr;
    QWidget *m_oauth1Page = nullptr;
    QWidget *m_jwtPage = nullptr;
    QList<QLineEdit *> m_lineEdits;
    QList<QFormLayout *> m_forms;

    QLineEdit *m_digestUser = nullptr;
    QLineEdit *m_digestPassword = nullptr;
    QCheckBox *m_digestAuthInt = nullptr;

    QLineEdit *m_awsAccessKey = nullptr;
    QLineEdit *m_awsSecretKey = nullptr;
    QLineEdit *m_awsSessionToken = nullptr;
    QLineEdit *m_awsRegion = nullptr;
    QLineEdit *m_awsService = nullptr;
    QComboBox *m_awsPlacement = nullptr;
    QCheckBox *m_awsUnsignedPayload = nullptr;
    QLineEdit *m_awsSignedHeaders = nullptr;

    QComboBox *m_oauth1Method = nullptr;
    QLineEdit *m_oauth1ConsumerKey = nullptr;
    QLineEdit *m_oauth1ConsumerSecret = nullptr;
    QLineEdit *m_oauth1Token = nullptr;
    QLineEdit *m_oauth1TokenSecret = nullptr;
    QPlainTextEdit *m_oauth1PrivateKey = nullptr;
    SecretTextField *m_oauth1PrivateKeyField = nullptr; // owned (child): m_oauth1PrivateKey masked
    QComboBox *m_oauth1Placement = nullptr;
    QLineEdit *m_oauth1Realm = nullptr;
    QLineEdit *m_oauth1Callback = nullptr;
    QLineEdit *m_oauth1Verifier = nullptr;

    QComboBox *m_jwtAlgorithm = nullptr;
    QPlainTextEdit *m_jwtKey = nullptr;
    SecretTextField *m_jwtKeyField = nullptr; // owned (child): m_jwtKey masked
    QComboBox *m_jwtKeyFormat = nullptr;
    QLineEdit *m_jwtKeyId = nullptr;
    QPlainTextEdit *m_jwtClaims = nullptr;
    QSpinBox *m_jwtLifetime = nullptr;
    QComboBox *m_jwtPlacement = nullptr;
    QLineEdit *m_jwtHeaderPrefix = nullptr;
    QLineEdit *m_jwtQueryParam = nullptr;
};

} // namespace Patchbay::Ui
