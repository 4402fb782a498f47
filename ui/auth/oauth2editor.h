#pragma once

#include "core/auth/oauth2config.h"
#include "core/collections/sendcontext.h"
#include "ui/request/variablehighlight.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QToolButton;

namespace Patchbay::Ui {

class AuthServices;
class KeyValueModel;
class KeyValueTableView;
class LineEditVariableHints;
class OAuth2TokenPanel;

// Edits an OAuth 2.0 configuration: the grant decides which fields show; secrets (client
// secret, password, refresh token) are hidden fields that should hold {{secret variables}};
// warnings name what is risky (a plain http token endpoint, a secret typed into a file, the
// legacy implicit grant). The token panel below shows and manages the token these settings get.
class OAuth2Editor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2Editor)

public:
    explicit OAuth2Editor(QWidget *parent = nullptr);
    ~OAuth2Editor() override;

    Core::OAuth2Config config() const;
    // Does not emit edited().
    void setConfig(const Core::OAuth2Config &config);

    // `resolve` turns these settings, as edited, into what would be sent (variables,
    // collection): the token panel acts on that.
    void setContext(AuthServices *services, std::function<Core::ResolvedAuth()> resolve);
    void setVariableLookup(const VariableLookup &lookup);

    OAuth2TokenPanel *tokenPanel() const { return m_tokenPanel; }
    QString warningText() const;

signals:
    void edited();

private:
    QLineEdit *addLine(const char *name, const QString &label, const QString &placeholder = {});
    void onEdited();
    void updateRows();
    void updateWarnings();

    bool m_loading = false;
    QFormLayout *m_form; // owned (layout of this)
    QComboBox *m_grant; // owned (child)
    QLineEdit *m_discovery = nullptr; // owned (child), like every field below
    QLineEdit *m_authUrl = nullptr;
    QLineEdit *m_tokenUrl = nullptr;
    QLineEdit *m_deviceUrl = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_clientSecret = nullptr;
    QLineEdit *m_scope = nullptr;
    QLineEdit *m_audience = nullptr;
    QLineEdit *m_resource = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_refreshToken = nullptr;
    QLineEdit *m_redirect = nullptr;
    QToolButton *m_advanced = nullptr; // "More settings"
    QComboBox *m_pkce = nullptr;
    QComboBox *m_clientAuth = nullptr;
    QComboBox *m_placement = nullptr;
    QLineEdit *m_prefix = nullptr;
    QLineEdit *m_queryParam = nullptr;
    KeyValueModel *m_authParams = nullptr;
    KeyValueTableView *m_authParamsView = nullptr;
    KeyValueModel *m_tokenParams = nullptr;
    KeyValueTableView *m_tokenParamsView = nullptr;
    QLabel *m_warnings = nullptr;
    OAuth2TokenPanel *m_tokenPanel = nullptr;
    QList<LineEditVariableHints *> m_hints; // owned by their line edits
};

} // namespace Patchbay::Ui
