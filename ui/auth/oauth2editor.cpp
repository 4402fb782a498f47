#include "ui/auth/oauth2editor.h"

#include "core/auth/oauth2errors.h"
#include "core/collections/authsecrets.h"
#include "ui/auth/oauth2tokenpanel.h"
#include "ui/auth/secretfield.h"
#include "ui/request/keyvaluemodel.h"
#include "ui/request/keyvaluetableview.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>

namespace Patchbay::Ui {

namespace {

Core::KeyValueList filled(const Core::KeyValueList &rows)
{
    Core::KeyValueList out;
    for (const Core::KeyValue &row : rows) {
        if (!row.name.isEmpty() || !row.value.isEmpty())
            out.append(row);
    }
    return out;
}

} // namespace

OAuth2Editor::OAuth2Editor(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("oauth2Editor"));
    m_form = new QFormLayout(this);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_grant = new QComboBox(this);
    m_grant->setObjectName(QStringLiteral("oauth2Grant"));
    m_grant->addItem(tr("Authorization code (browser)"), int(Core::OAuth2Grant::AuthorizationCode));
    m_grant->addItem(tr("Client credentials"), int(Core::OAuth2Grant::ClientCredentials));
    m_grant->addItem(tr("Password"), int(Core::OAuth2Grant::Password));
    m_grant->addItem(tr("Device code"), int(Core::OAuth2Grant::DeviceCode));
    m_grant->addItem(tr("Refresh token"), int(Core::OAuth2Grant::RefreshToken));
    m_grant->addItem(tr("Implicit (legacy)"), int(Core::OAuth2Grant::Implicit));
    m_grant->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_form->addRow(tr("Grant:"), m_grant);

    m_discovery = addLine("oauth2Discovery", tr("Discovery URL:"),
                          tr("Issuer, e.g. https://accounts.example.com (fills the endpoints)"));
    const QString discovered = tr("found by discovery when left empty");
    m_authUrl = addLine("oauth2AuthUrl", tr("Authorization URL:"), discovered);
    m_tokenUrl = addLine("oauth2TokenUrl", tr("Token URL:"), discovered);
    m_deviceUrl = addLine("oauth2DeviceUrl", tr("Device authorization URL:"), discovered);
    m_clientId = addLine("oauth2ClientId", tr("Client ID:"));
    m_clientSecret = addLine("oauth2ClientSecret", tr("Client secret:"),
                             tr("{{clientSecret}}: a secret variable, kept in the keyring"));
    makeSecretField(m_clientSecret);
    m_username = addLine("oauth2Username", tr("Username:"));
    m_password = addLine("oauth2Password", tr("Password:"), tr("{{password}}"));
    makeSecretField(m_password);
    m_refreshToken = addLine("oauth2RefreshToken", tr("Refresh token:"), tr("{{refreshToken}}"));
    makeSecretField(m_refreshToken);
    m_scope = addLine("oauth2Scope", tr("Scopes:"), tr("space-separated, e.g. openid profile"));
    m_advanced = new QToolButton(this);
    m_advanced->setObjectName(QStringLiteral("oauth2Advanced"));
    m_advanced->setText(tr("More settings"));
    m_advanced->setCheckable(true);
    m_advanced->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advanced->setArrowType(Qt::RightArrow);
    m_advanced->setAutoRaise(true);
    m_advanced->setToolTip(tr("Audience, resource, redirect URI, PKCE, client authentication, "
                              "where the token goes and extra parameters"));
    m_form->addRow(QString(), m_advanced);
    connect(m_advanced, &QToolButton::toggled, this, [this](bool shown) {
        m_advanced->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
        updateRows();
    });
    m_audience = addLine("oauth2Audience", tr("Audience:"));
    m_resource = addLine("oauth2Resource", tr("Resource:"));
    m_redirect = addLine("oauth2Redirect", tr("Redirect URI:"),
                         tr("http://127.0.0.1:<a free port>/callback; set a port the provider "
                            "has registered if it needs one"));

    m_pkce = new QComboBox(this);
    m_pkce->setObjectName(QStringLiteral("oauth2Pkce"));
    m_pkce->addItem(tr("PKCE with SHA-256"), int(Core::PkceMethod::S256));
    m_pkce->addItem(tr("PKCE plain"), int(Core::PkceMethod::Plain));
    m_pkce->addItem(tr("No PKCE"), int(Core::PkceMethod::None));
    m_form->addRow(tr("PKCE:"), m_pkce);

    m_clientAuth = new QComboBox(this);
    m_clientAuth->setObjectName(QStringLiteral("oauth2ClientAuth"));
    m_clientAuth->addItem(tr("Basic Authorization header"),
                          int(Core::ClientAuthentication::BasicHeader));
    m_clientAuth->addItem(tr("In the request body"), int(Core::ClientAuthentication::Body));
    m_form->addRow(tr("Client authentication:"), m_clientAuth);

    m_placement = new QComboBox(this);
    m_placement->setObjectName(QStringLiteral("oauth2Placement"));
    m_placement->addItem(tr("Authorization header"), int(Core::TokenPlacement::Header));
    m_placement->addItem(tr("Query parameter"), int(Core::TokenPlacement::Query));
    m_form->addRow(tr("Send token in:"), m_placement);
    m_prefix = addLine("oauth2HeaderPrefix", tr("Header prefix:"), tr("empty: the token alone"));
    m_queryParam = addLine("oauth2QueryParam", tr("Query parameter:"));

    m_authParams = new KeyValueModel(this);
    m_authParams->setNamePlaceholder(tr("Add an authorization parameter"));
    m_authParamsView = new KeyValueTableView(this);
    m_authParamsView->setObjectName(QStringLiteral("oauth2AuthParams"));
    m_authParamsView->setKeyValueModel(m_authParams);
    m_authParamsView->setMaximumHeight(110);
    m_form->addRow(tr("Authorization parameters:"), m_authParamsView);
    m_tokenParams = new KeyValueModel(this);
    m_tokenParams->setNamePlaceholder(tr("Add a token request parameter"));
    m_tokenParamsView = new KeyValueTableView(this);
    m_tokenParamsView->setObjectName(QStringLiteral("oauth2TokenParams"));
    m_tokenParamsView->setKeyValueModel(m_tokenParams);
    m_tokenParamsView->setMaximumHeight(110);
    m_form->addRow(tr("Token parameters:"), m_tokenParamsView);

    m_warnings = new QLabel(this);
    m_warnings->setObjectName(QStringLiteral("oauth2Warnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet(QStringLiteral("color: #b35c00;"));
    m_form->addRow(m_warnings);

    m_tokenPanel = new OAuth2TokenPanel(this);
    m_form->addRow(m_tokenPanel);

    for (QComboBox *combo : {m_grant, m_pkce, m_clientAuth, m_placement})
        connect(combo, &QComboBox::currentIndexChanged, this, &OAuth2Editor::onEdited);
    for (KeyValueModel *model : {m_authParams, m_tokenParams})
        connect(model, &KeyValueModel::rowsEdited, this, &OAuth2Editor::onEdited);
    setConfig(Core::OAuth2Config {});
}

OAuth2Editor::~OAuth2Editor() = default;

QLineEdit *OAuth2Editor::addLine(const char *name, const QString &label, const QString &placeholder)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(QLatin1String(name));
    edit->setPlaceholderText(placeholder);
    m_form->addRow(label, edit);
    connect(edit, &QLineEdit::textEdited, this, &OAuth2Editor::onEdited);
    return edit;
}

Core::OAuth2Config OAuth2Editor::config() const
{
    Core::OAuth2Config c;
    c.grant = Core::OAuth2Grant(m_grant->currentData().toInt());
    c.discoveryUrl = m_discovery->text().trimmed();
    c.authUrl = m_authUrl->text().trimmed();
    c.tokenUrl = m_tokenUrl->text().trimmed();
    c.deviceAuthUrl = m_deviceUrl->text().trimmed();
    c.clientId = m_clientId->text().trimmed();
    c.clientSecret = m_clientSecret->text();
    c.scope = m_scope->text();
    c.audience = m_audience->text().trimmed();
    c.resource = m_resource->text().trimmed();
    c.username = m_username->text();
    c.password = m_password->text();
    c.refreshToken = m_refreshToken->text().trimmed();
    c.redirectUri = m_redirect->text().trimmed();
    c.pkce = Core::PkceMethod(m_pkce->currentData().toInt());
    c.clientAuth = Core::ClientAuthentication(m_clientAuth->currentData().toInt());
    c.authParams = filled(m_authParams->rows());
    c.tokenParams = filled(m_tokenParams->rows());
    c.placement = Core::TokenPlacement(m_placement->currentData().toInt());
    c.headerPrefix = m_prefix->text().trimmed();
    c.queryParam = m_queryParam->text().trimmed();
    return c;
}

void OAuth2Editor::setConfig(const Core::OAuth2Config &c)
{
    m_loading = true;
    const auto select = [](QComboBox *combo, int value) {
        combo->setCurrentIndex(std::max(0, combo->findData(value)));
    };
    select(m_grant, int(c.grant));
    m_discovery->setText(c.discoveryUrl);
    m_authUrl->setText(c.authUrl);
    m_tokenUrl->setText(c.tokenUrl);
    m_deviceUrl->setText(c.deviceAuthUrl);
    m_clientId->setText(c.clientId);
    m_clientSecret->setText(c.clientSecret);
    m_scope->setText(c.scope);
    m_audience->setText(c.audience);
    m_resource->setText(c.resource);
    m_username->setText(c.username);
    m_password->setText(c.password);
    m_refreshToken->setText(c.refreshToken);
    m_redirect->setText(c.redirectUri);
    select(m_pkce, int(c.pkce));
    select(m_clientAuth, int(c.clientAuth));
    m_authParams->setRows(c.authParams);
    m_tokenParams->setRows(c.tokenParams);
    select(m_placement, int(c.placement));
    m_prefix->setText(c.headerPrefix);
    m_queryParam->setText(c.queryParam);
    m_loading = false;
    // Settings away from their defaults are never hidden.
    const Core::OAuth2Config d;
    const bool advanced = c.audience != d.audience || c.resource != d.resource
        || c.redirectUri != d.redirectUri || c.pkce != d.pkce || c.clientAuth != d.clientAuth
        || c.placement != d.placement || c.headerPrefix != d.headerPrefix
        || c.queryParam != d.queryParam || !c.authParams.isEmpty() || !c.tokenParams.isEmpty();
    {
        const QSignalBlocker blocker(m_advanced);
        m_advanced->setChecked(advanced);
        m_advanced->setArrowType(advanced ? Qt::DownArrow : Qt::RightArrow);
    }
    updateRows();
    updateWarnings();
    m_tokenPanel->settingsChanged();
}

void OAuth2Editor::setContext(AuthServices *services, std::function<Core::ResolvedAuth()> resolve)
{
    m_tokenPanel->setContext(services, std::move(resolve));
}

void OAuth2Editor::setVariableLookup(const VariableLookup &lookup)
{
    if (m_hints.isEmpty()) {
        for (QLineEdit *edit :
             {m_discovery, m_authUrl, m_tokenUrl, m_deviceUrl, m_clientId, m_clientSecret, m_scope,
              m_audience, m_resource, m_username, m_password, m_refreshToken, m_redirect})
            m_hints.append(new LineEditVariableHints(edit)); // owned by the edit
    }
    for (LineEditVariableHints *hints : std::as_const(m_hints))
        hints->setLookup(lookup);
    m_authParamsView->setVariableLookup(lookup);
    m_tokenParamsView->setVariableLookup(lookup);
}

QString OAuth2Editor::warningText() const
{
    return m_warnings->text();
}

void OAuth2Editor::onEdited()
{
    if (m_loading)
        return;
    updateRows();
    updateWarnings();
    m_tokenPanel->settingsChanged();
    emit edited();
}

void OAuth2Editor::updateRows()
{
    using G = Core::OAuth2Grant;
    const auto grant = G(m_grant->currentData().toInt());
    const bool code = grant == G::AuthorizationCode;
    const bool browser = code || grant == G::Implicit;
    const bool device = grant == G::DeviceCode;
    const bool query
        = Core::TokenPlacement(m_placement->currentData().toInt()) == Core::TokenPlacement::Query;
    const auto show
        = [this](QWidget *field, bool visible) { m_form->setRowVisible(field, visible); };
    // The rarer settings show under "More settings".
    const bool more = m_advanced->isChecked();
    const auto showMore
        = [&show, more](QWidget *field, bool visible) { show(field, visible && more); };
    show(m_discovery, grant != G::Implicit && grant != G::RefreshToken);
    show(m_authUrl, browser);
    show(m_tokenUrl, grant != G::Implicit);
    show(m_deviceUrl, device);
    show(m_clientSecret, grant != G::Implicit);
    show(m_username, grant == G::Password);
    show(m_password, grant == G::Password);
    show(m_refreshToken, grant == G::RefreshToken);
    showMore(m_audience, grant != G::RefreshToken);
    showMore(m_resource, grant != G::RefreshToken && !device);
    showMore(m_redirect, browser);
    showMore(m_pkce, code);
    showMore(m_clientAuth, grant != G::Implicit);
    showMore(m_placement, true);
    showMore(m_prefix, !query);
    showMore(m_queryParam, query);
    showMore(m_authParamsView, browser);
    showMore(m_tokenParamsView, grant != G::Implicit);
}

void OAuth2Editor::updateWarnings()
{
    QStringList warnings;
    const Core::OAuth2Config c = config();
    if (c.grant == Core::OAuth2Grant::Implicit)
        warnings << tr("The implicit grant is legacy and Patchbay does not run it: switch to "
                       "authorization code, which uses PKCE.");
    for (const QString &url : {c.tokenUrl, c.authUrl, c.deviceAuthUrl, c.discoveryUrl}) {
        if (Core::isInsecureEndpoint(url)) {
            warnings << tr("%1 uses plain http: secrets and tokens would cross the network "
                           "unencrypted. Use https.")
                            .arg(url);
            break;
        }
    }
    const bool literal
        = (c.grant != Core::OAuth2Grant::Implicit && Core::isLiteralSecret(c.clientSecret))
        || (c.grant == Core::OAuth2Grant::Password && Core::isLiteralSecret(c.password))
        || (c.grant == Core::OAuth2Grant::RefreshToken && Core::isLiteralSecret(c.refreshToken));
    if (literal)
        warnings << tr("A secret typed here is kept in the keyring when you save: the file gets "
                       "a {{variable}} that refers to it. Without a keyring, the value lasts "
                       "until Patchbay quits.");
    m_warnings->setText(warnings.join(u'\n'));
    m_warnings->setVisible(!warnings.isEmpty());
}

} // namespace Patchbay::Ui
