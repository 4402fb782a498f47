#include "ui/auth/autheditor.h"

#include "ui/common/accessibility.h"

#include "ui/auth/authservices.h"
#include "ui/auth/oauth2editor.h"
#include "ui/auth/oauth2tokenpanel.h"
#include "ui/auth/secretfield.h"
#include "ui/auth/signingpages.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Patchbay::Ui {

AuthEditor::AuthEditor(Owner owner, QWidget *parent)
    : QWidget(parent)
    , m_owner(owner)
{
    setObjectName(QStringLiteral("authEditor"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 12, 4, 0);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("authModeCombo"));
    Accessibility::describe(m_mode, tr("Auth type"),
                            tr("How the request proves who is sending it; Inherit uses the "
                               "folder's or collection's auth"));
    if (owner != Owner::Collection)
        m_mode->addItem(tr("Inherit from parent"), int(Core::AuthMode::Inherit));
    for (Core::AuthMode mode :
         {Core::AuthMode::None, Core::AuthMode::Basic, Core::AuthMode::Bearer,
          Core::AuthMode::ApiKey, Core::AuthMode::OAuth2, Core::AuthMode::Digest,
          Core::AuthMode::AwsSigV4, Core::AuthMode::OAuth1, Core::AuthMode::JwtBearer})
        m_mode->addItem(modeTitle(mode), int(mode));
    m_mode->setMinimumWidth(220);
    m_mode->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    form->addRow(tr("Type:"), m_mode);
    outer->addLayout(form);

    m_source = new QLabel(this);
    m_source->setObjectName(QStringLiteral("authSource"));
    m_source->setWordWrap(true);
    m_source->setEnabled(false);
    outer->addWidget(m_source);

    m_stack = new QStackedWidget(this);

    m_inheritPage = new QWidget(m_stack);
    auto *inheritLayout = new QVBoxLayout(m_inheritPage);
    inheritLayout->setContentsMargins(0, 0, 0, 0);
    m_inheritText = new QLabel(m_inheritPage);
    m_inheritText->setObjectName(QStringLiteral("inheritedAuth"));
    m_inheritText->setWordWrap(true);
    m_inheritText->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    inheritLayout->addWidget(m_inheritText);
    inheritLayout->addStretch(1);
    m_stack->addWidget(m_inheritPage);

    auto *none = new QLabel(tr("No credentials are sent."), m_stack);
    none->setEnabled(false);
    none->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_nonePage = none;
    m_stack->addWidget(m_nonePage);

    QFormLayout *basicForm = nullptr;
    formPage(&m_basicPage, &basicForm);
    m_basicUser = new QLineEdit(m_basicPage);
    m_basicUser->setObjectName(QStringLiteral("basicUser"));
    m_basicPassword = new QLineEdit(m_basicPage);
    m_basicPassword->setObjectName(QStringLiteral("basicPassword"));
    makeKeyringSecretField(m_basicPassword);
    basicForm->addRow(tr("Username:"), m_basicUser);
    basicForm->addRow(tr("Password:"), m_basicPassword);

    QFormLayout *bearerForm = nullptr;
    formPage(&m_bearerPage, &bearerForm);
    m_bearerToken = new QLineEdit(m_bearerPage);
    m_bearerToken->setObjectName(QStringLiteral("bearerToken"));
    m_bearerToken->setPlaceholderText(tr("Sent as Authorization: Bearer <token>"));
    makeKeyringSecretField(m_bearerToken);
    bearerForm->addRow(tr("Token:"), m_bearerToken);

    QFormLayout *apiForm = nullptr;
    formPage(&m_apiKeyPage, &apiForm);
    m_apiKeyName = new QLineEdit(m_apiKeyPage);
    m_apiKeyName->setObjectName(QStringLiteral("apiKeyName"));
    m_apiKeyName->setPlaceholderText(QStringLiteral("X-API-Key"));
    m_apiKeyValue = new QLineEdit(m_apiKeyPage);
    m_apiKeyValue->setObjectName(QStringLiteral("apiKeyValue"));
    makeKeyringSecretField(m_apiKeyValue);
    m_apiKeyLocation = new QComboBox(m_apiKeyPage);
    m_apiKeyLocation->setObjectName(QStringLiteral("apiKeyLocation"));
    m_apiKeyLocation->addItem(tr("Header"), int(Core::ApiKeyLocation::Header));
    m_apiKeyLocation->addItem(tr("Query parameter"), int(Core::ApiKeyLocation::Query));
    m_apiKeyLocation->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    apiForm->addRow(tr("Key:"), m_apiKeyName);
    apiForm->addRow(tr("Value:"), m_apiKeyValue);
    apiForm->addRow(tr("Add to:"), m_apiKeyLocation);

    m_oauth2Page = new QScrollArea(m_stack);
    m_oauth2Page->setObjectName(QStringLiteral("oauth2Page"));
    m_oauth2Page->setWidgetResizable(true);
    m_oauth2Page->setFrameShape(QFrame::NoFrame);
    m_oauth2 = new OAuth2Editor(m_oauth2Page);
    m_oauth2Page->setWidget(m_oauth2);
    m_stack->addWidget(m_oauth2Page);

    m_signing = new SigningPages(m_stack, this);

    outer->addWidget(m_stack, 1);

    // The label column lines up with the pages' labels.
    const int labelWidth = fontMetrics().horizontalAdvance(tr("Username:")) + 8;
    QList<QFormLayout *> forms {form, basicForm, bearerForm, apiForm};
    forms += m_signing->forms();
    for (QFormLayout *f : std::as_const(forms)) {
        for (int i = 0; i < f->rowCount(); ++i) {
            if (QLayoutItem *item = f->itemAt(i, QFormLayout::LabelRole))
                if (QWidget *w = item->widget())
                    w->setMinimumWidth(labelWidth);
        }
    }
    for (QLineEdit *edit : {m_basicUser, m_basicPassword, m_apiKeyName, m_apiKeyValue})
        edit->setMaximumWidth(560);

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updatePage();
        onEdited();
    });
    for (QLineEdit *edit :
         {m_basicUser, m_basicPassword, m_bearerToken, m_apiKeyName, m_apiKeyValue})
        connect(edit, &QLineEdit::textEdited, this, &AuthEditor::onEdited);
    connect(m_apiKeyLocation, &QComboBox::currentIndexChanged, this, &AuthEditor::onEdited);
    connect(m_oauth2, &OAuth2Editor::edited, this, &AuthEditor::onEdited);
    connect(m_signing, &SigningPages::edited, this, &AuthEditor::onEdited);
    setAuth(Core::Auth {});
}

AuthEditor::~AuthEditor() = default;

QString AuthEditor::modeTitle(Core::AuthMode mode)
{
    switch (mode) {
    case Core::AuthMode::Inherit:
        return tr("Inherit from parent");
    case Core::AuthMode::None:
        return tr("No auth");
    case Core::AuthMode::Basic:
        return tr("Basic");
    case Core::AuthMode::Bearer:
        return tr("Bearer token");
    case Core::AuthMode::ApiKey:
        return tr("API key");
    case Core::AuthMode::OAuth2:
        return tr("OAuth 2.0");
    case Core::AuthMode::Digest:
        return tr("Digest");
    case Core::AuthMode::AwsSigV4:
        return tr("AWS Signature v4");
    case Core::AuthMode::OAuth1:
        return tr("OAuth 1.0a");
    case Core::AuthMode::JwtBearer:
        return tr("JWT bearer");
    }
    return {};
}

QWidget *AuthEditor::formPage(QWidget **page, QFormLayout **form)
{
    *page = new QWidget(m_stack);
    *form = new QFormLayout(*page);
    (*form)->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    (*form)->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    (*form)->setContentsMargins(0, 0, 0, 0);
    m_stack->addWidget(*page);
    return *page;
}

Core::Auth AuthEditor::auth() const
{
    Core::Auth a = m_base; // keeps what no page shows
    a.mode = Core::AuthMode(m_mode->currentData().toInt());
    if (m_owner == Owner::Collection && a.mode == Core::AuthMode::None)
        a.mode = m_collectionNone; // as the file said it, so that saving changes nothing
    a.username = m_basicUser->text();
    a.password = m_basicPassword->text();
    a.token = m_bearerToken->text().trimmed();
    a.keyName = m_apiKeyName->text().trimmed();
    a.keyValue = m_apiKeyValue->text();
    a.keyLocation = Core::ApiKeyLocation(m_apiKeyLocation->currentData().toInt());
    a.oauth2 = m_oauth2->config();
    m_signing->apply(a);
    return a;
}

void AuthEditor::setAuth(const Core::Auth &auth)
{
    m_loading = true;
    m_base = auth;
    Core::AuthMode mode = auth.mode;
    // A collection has no parent: its "inherit" (the default) is no auth.
    m_collectionNone = auth.mode == Core::AuthMode::None ? auth.mode : Core::AuthMode::Inherit;
    if (m_owner == Owner::Collection && mode == Core::AuthMode::Inherit)
        mode = Core::AuthMode::None;
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(int(mode))));
    m_basicUser->setText(auth.username);
    m_basicPassword->setText(auth.password);
    m_bearerToken->setText(auth.token);
    m_apiKeyName->setText(auth.keyName);
    m_apiKeyValue->setText(auth.keyValue);
    m_apiKeyLocation->setCurrentIndex(
        std::max(0, m_apiKeyLocation->findData(int(auth.keyLocation))));
    m_oauth2->setConfig(auth.oauth2);
    m_signing->setAuth(auth);
    m_loading = false;
    updatePage();
}

void AuthEditor::setContext(AuthServices *services, const QString &path)
{
    m_services = services;
    m_path = path;
    m_oauth2->setContext(
        services,
        services ? std::function<Core::ResolvedAuth()>([this] { return resolvedForTokens(); })
                 : std::function<Core::ResolvedAuth()>());
    refreshInherited();
}

Core::ResolvedAuth AuthEditor::resolvedForTokens() const
{
    Core::Auth own = auth();
    own.mode = Core::AuthMode::OAuth2; // the settings on screen, whatever the mode says
    return m_services ? m_services->resolve(m_path, own) : Core::ResolvedAuth {};
}

void AuthEditor::setVariableLookup(const VariableLookup &lookup)
{
    if (m_hints.isEmpty()) {
        QList<QLineEdit *> edits {m_basicUser, m_basicPassword, m_bearerToken, m_apiKeyName,
                                  m_apiKeyValue};
        edits += m_signing->lineEdits();
        for (QLineEdit *edit : std::as_const(edits))
            m_hints.append(new LineEditVariableHints(edit)); // owned by the edit
    }
    for (LineEditVariableHints *hints : std::as_const(m_hints))
        hints->setLookup(lookup);
    m_oauth2->setVariableLookup(lookup);
}

QString AuthEditor::summary() const
{
    const auto mode = Core::AuthMode(m_mode->currentData().toInt());
    if (mode == Core::AuthMode::Inherit && m_services) {
        const Core::ResolvedAuth inherited = m_services->resolve(m_path, auth());
        if (inherited.auth.mode != Core::AuthMode::None)
            return tr("Inherited · %1").arg(modeTitle(inherited.auth.mode));
    }
    return m_mode->currentText();
}

QString AuthEditor::sourceText() const
{
    return m_inheritText->text();
}

void AuthEditor::refreshInherited()
{
    if (m_owner == Owner::Collection)
        return;
    Core::Auth probe;
    probe.mode = Core::AuthMode::Inherit;
    const Core::ResolvedAuth inherited
        = m_services ? m_services->resolve(m_path, probe) : Core::ResolvedAuth {};
    QString text;
    switch (inherited.source.kind) {
    case Core::AuthSource::Kind::Folder:
        text = tr("Uses the auth of the folder “%1”: %2.")
                   .arg(inherited.source.name, modeTitle(inherited.auth.mode));
        break;
    case Core::AuthSource::Kind::Collection:
        text = tr("Uses the auth of the collection “%1”: %2.")
                   .arg(inherited.source.name, modeTitle(inherited.auth.mode));
        break;
    case Core::AuthSource::Kind::Nothing:
    case Core::AuthSource::Kind::Own:
        text = m_path.isEmpty() && m_owner == Owner::Request
            ? tr("An unsaved request has no folder or collection to inherit from: no "
                 "credentials are sent. Save it in a collection, or pick a type.")
            : tr("Nothing above sets auth: no credentials are sent.");
        break;
    }
    if (inherited.auth.mode == Core::AuthMode::OAuth2)
        text += u' '
            + tr("Its token is managed in the auth settings of that %1 (right-click it in the "
                 "sidebar → Auth…).")
                  .arg(inherited.source.kind == Core::AuthSource::Kind::Folder ? tr("folder")
                                                                               : tr("collection"));
    m_inheritText->setText(text);
    updatePage();
}

void AuthEditor::showEvent(QShowEvent *event)
{
    refreshInherited();
    QWidget::showEvent(event);
}

void AuthEditor::onEdited()
{
    if (m_loading)
        return;
    emit edited();
}

void AuthEditor::updatePage()
{
    const auto mode = Core::AuthMode(m_mode->currentData().toInt());
    switch (mode) {
    case Core::AuthMode::Inherit:
        m_stack->setCurrentWidget(m_inheritPage);
        break;
    case Core::AuthMode::Basic:
        m_stack->setCurrentWidget(m_basicPage);
        break;
    case Core::AuthMode::Bearer:
        m_stack->setCurrentWidget(m_bearerPage);
        break;
    case Core::AuthMode::ApiKey:
        m_stack->setCurrentWidget(m_apiKeyPage);
        break;
    case Core::AuthMode::OAuth2:
        m_stack->setCurrentWidget(m_oauth2Page);
        break;
    case Core::AuthMode::Digest:
    case Core::AuthMode::AwsSigV4:
    case Core::AuthMode::OAuth1:
    case Core::AuthMode::JwtBearer:
        m_stack->setCurrentWidget(m_signing->page(mode));
        break;
    default:
        m_stack->setCurrentWidget(m_nonePage);
        break;
    }
    const QString own = m_owner == Owner::Request ? tr("this request")
        : m_owner == Owner::Folder                ? tr("this folder")
                                                  : tr("this collection");
    m_source->setText(mode == Core::AuthMode::Inherit
                          ? QString()
                          : tr("In effect: %1 of %2.").arg(modeTitle(mode), own));
    m_source->setVisible(!m_source->text().isEmpty() && m_owner != Owner::Collection);
}

} // namespace Patchbay::Ui
