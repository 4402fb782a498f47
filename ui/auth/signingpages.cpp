#include "ui/auth/signingpages.h"

#include "ui/auth/secretfield.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QStackedWidget>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

namespace {

void select(QComboBox *combo, int value)
{
    combo->setCurrentIndex(std::max(0, combo->findData(value)));
}

template<typename E> E selected(const QComboBox *combo)
{
    return E(combo->currentData().toInt());
}

} // namespace

SigningPages::SigningPages(QStackedWidget *stack, QObject *parent)
    : QObject(parent)
{
    QFormLayout *form = nullptr;

    m_digestPage = addPage(stack, &form);
    m_digestUser = lineEdit(m_digestPage, "digestUser");
    m_digestPassword = lineEdit(m_digestPage, "digestPassword", true);
    m_digestAuthInt
        = new QCheckBox(tr("Prefer qop=auth-int (also protects the body)"), m_digestPage);
    m_digestAuthInt->setObjectName(QStringLiteral("digestAuthInt"));
    form->addRow(tr("Username:"), m_digestUser);
    form->addRow(tr("Password:"), m_digestPassword);
    form->addRow(QString(), m_digestAuthInt);

    m_awsPage = addPage(stack, &form);
    m_awsAccessKey = lineEdit(m_awsPage, "awsAccessKey");
    m_awsSecretKey = lineEdit(m_awsPage, "awsSecretKey", true);
    m_awsSessionToken = lineEdit(m_awsPage, "awsSessionToken", true);
    m_awsSessionToken->setPlaceholderText(tr("Only for temporary credentials (STS)"));
    m_awsRegion = lineEdit(m_awsPage, "awsRegion");
    m_awsRegion->setPlaceholderText(QStringLiteral("us-east-1"));
    m_awsService = lineEdit(m_awsPage, "awsService");
    m_awsService->setPlaceholderText(QStringLiteral("execute-api"));
    m_awsPlacement = combo(m_awsPage, "awsPlacement",
                           {{tr("Authorization header"), int(AwsSigV4Placement::Header)},
                            {tr("Query string (presigned URL)"), int(AwsSigV4Placement::Query)}});
    m_awsUnsignedPayload
        = new QCheckBox(tr("Unsigned payload (streamed or large bodies)"), m_awsPage);
    m_awsUnsignedPayload->setObjectName(QStringLiteral("awsUnsignedPayload"));
    m_awsSignedHeaders = lineEdit(m_awsPage, "awsSignedHeaders");
    m_awsSignedHeaders->setPlaceholderText(tr("More headers to sign, comma-separated"));
    form->addRow(tr("Access key:"), m_awsAccessKey);
    form->addRow(tr("Secret key:"), m_awsSecretKey);
    form->addRow(tr("Session token:"), m_awsSessionToken);
    form->addRow(tr("Region:"), m_awsRegion);
    form->addRow(tr("Service:"), m_awsService);
    form->addRow(tr("Signature in:"), m_awsPlacement);
    form->addRow(QString(), m_awsUnsignedPayload);
    form->addRow(tr("Signed headers:"), m_awsSignedHeaders);

    m_oauth1Page = addPage(stack, &form);
    m_oauth1Method = combo(m_oauth1Page, "oauth1Method",
                           {{QStringLiteral("HMAC-SHA1"), int(OAuth1SignatureMethod::HmacSha1)},
                            {QStringLiteral("HMAC-SHA256"), int(OAuth1SignatureMethod::HmacSha256)},
                            {QStringLiteral("HMAC-SHA512"), int(OAuth1SignatureMethod::HmacSha512)},
                            {QStringLiteral("RSA-SHA1"), int(OAuth1SignatureMethod::RsaSha1)},
                            {QStringLiteral("RSA-SHA256"), int(OAuth1SignatureMethod::RsaSha256)},
                            {QStringLiteral("RSA-SHA512"), int(OAuth1SignatureMethod::RsaSha512)},
                            {QStringLiteral("PLAINTEXT"), int(OAuth1SignatureMethod::Plaintext)}});
    m_oauth1ConsumerKey = lineEdit(m_oauth1Page, "oauth1ConsumerKey");
    m_oauth1ConsumerSecret = lineEdit(m_oauth1Page, "oauth1ConsumerSecret", true);
    m_oauth1Token = lineEdit(m_oauth1Page, "oauth1Token");
    m_oauth1TokenSecret = lineEdit(m_oauth1Page, "oauth1TokenSecret", true);
    m_oauth1PrivateKey = textEdit(m_oauth1Page, "oauth1PrivateKey", true);
    m_oauth1PrivateKey->setPlaceholderText(tr("RSA-SHA1: the consumer's private key (PEM)"));
    m_oauth1PrivateKeyField = new SecretTextField(m_oauth1PrivateKey, m_oauth1Page);
    m_oauth1Placement = combo(m_oauth1Page, "oauth1Placement",
                              {{tr("Authorization header"), int(OAuth1Placement::Header)},
                               {tr("Form body"), int(OAuth1Placement::Body)},
                               {tr("Query string"), int(OAuth1Placement::Query)}});
    m_oauth1Realm = lineEdit(m_oauth1Page, "oauth1Realm");
    m_oauth1Callback = lineEdit(m_oauth1Page, "oauth1Callback");
    m_oauth1Callback->setPlaceholderText(tr("Request-token call only"));
    m_oauth1Verifier = lineEdit(m_oauth1Page, "oauth1Verifier");
    m_oauth1Verifier->setPlaceholderText(tr("Access-token call only"));
    form->addRow(tr("Signature:"), m_oauth1Method);
    form->addRow(tr("Consumer key:"), m_oauth1ConsumerKey);
    form->addRow(tr("Consumer secret:"), m_oauth1ConsumerSecret);
    form->addRow(tr("Token:"), m_oauth1Token);
    form->addRow(tr("Token secret:"), m_oauth1TokenSecret);
    form->addRow(tr("Private key:"), m_oauth1PrivateKeyField);
    form->addRow(tr("Add to:"), m_oauth1Placement);
    form->addRow(tr("Realm:"), m_oauth1Realm);
    form->addRow(tr("Callback:"), m_oauth1Callback);
    form->addRow(tr("Verifier:"), m_oauth1Verifier);

    m_jwtPage = addPage(stack, &form);
    m_jwtAlgorithm = combo(m_jwtPage, "jwtAlgorithm",
                           {{QStringLiteral("HS256"), int(JwtAlgorithm::HS256)},
                            {QStringLiteral("HS384"), int(JwtAlgorithm::HS384)},
                            {QStringLiteral("HS512"), int(JwtAlgorithm::HS512)},
                            {QStringLiteral("RS256"), int(JwtAlgorithm::RS256)},
                            {QStringLiteral("ES256"), int(JwtAlgorithm::ES256)}});
    m_jwtKey = textEdit(m_jwtPage, "jwtKey", true);
    m_jwtKey->setPlaceholderText(tr("HS*: the shared secret; RS256, ES256: a PEM private key"));
    m_jwtKeyField = new SecretTextField(m_jwtKey, m_jwtPage);
    m_jwtKeyFormat = combo(m_jwtPage, "jwtKeyFormat",
                           {{tr("Text"), int(JwtKeyFormat::Text)},
                            {tr("Base64"), int(JwtKeyFormat::Base64)},
                            {tr("PEM"), int(JwtKeyFormat::Pem)}});
    m_jwtKeyId = lineEdit(m_jwtPage, "jwtKeyId");
    m_jwtClaims = textEdit(m_jwtPage, "jwtClaims");
    m_jwtClaims->setPlaceholderText(QStringLiteral("{\"sub\": \"{{userId}}\"}"));
    m_jwtLifetime = new QSpinBox(m_jwtPage);
    m_jwtLifetime->setObjectName(QStringLiteral("jwtLifetime"));
    m_jwtLifetime->setRange(1, 7 * 24 * 3600);
    m_jwtLifetime->setSuffix(tr(" s"));
    m_jwtPlacement = combo(m_jwtPage, "jwtPlacement",
                           {{tr("Authorization header"), int(JwtPlacement::Header)},
                            {tr("Query parameter"), int(JwtPlacement::Query)}});
    m_jwtHeaderPrefix = lineEdit(m_jwtPage, "jwtHeaderPrefix");
    m_jwtQueryParam = lineEdit(m_jwtPage, "jwtQueryParam");
    form->addRow(tr("Algorithm:"), m_jwtAlgorithm);
    form->addRow(tr("Key:"), m_jwtKeyField);
    form->addRow(tr("Key format:"), m_jwtKeyFormat);
    form->addRow(tr("Key ID (kid):"), m_jwtKeyId);
    form->addRow(tr("Claims:"), m_jwtClaims);
    form->addRow(tr("Lifetime:"), m_jwtLifetime);
    form->addRow(tr("Add to:"), m_jwtPlacement);
    form->addRow(tr("Header prefix:"), m_jwtHeaderPrefix);
    form->addRow(tr("Query parameter:"), m_jwtQueryParam);

    for (QCheckBox *box : {m_digestAuthInt, m_awsUnsignedPayload})
        connect(box, &QCheckBox::toggled, this, &SigningPages::edited);
    connect(m_jwtLifetime, &QSpinBox::valueChanged, this, &SigningPages::edited);
    setAuth(Auth {});
}

SigningPages::~SigningPages() = default;

QWidget *SigningPages::addPage(QStackedWidget *stack, QFormLayout **form)
{
    auto *page = new QWidget(stack);
    *form = new QFormLayout(page);
    (*form)->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    (*form)->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    (*form)->setContentsMargins(0, 0, 0, 0);
    stack->addWidget(page);
    m_forms.append(*form);
    return page;
}

QLineEdit *SigningPages::lineEdit(QWidget *page, const char *name, bool secret)
{
    auto *edit = new QLineEdit(page);
    edit->setObjectName(QLatin1String(name));
    edit->setMaximumWidth(560);
    if (secret) {
        makeKeyringSecretField(edit);
        edit->setPlaceholderText(tr("{{secret variable}}, or the secret: kept in the keyring"));
    }
    connect(edit, &QLineEdit::textEdited, this, &SigningPages::edited);
    m_lineEdits.append(edit);
    return edit;
}

QComboBox *SigningPages::combo(QWidget *page, const char *name,
                               const QList<QPair<QString, int>> &items)
{
    auto *box = new QComboBox(page);
    box->setObjectName(QLatin1String(name));
    for (const auto &[text, value] : items)
        box->addItem(text, value);
    box->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    connect(box, &QComboBox::activated, this, &SigningPages::edited);
    return box;
}

QPlainTextEdit *SigningPages::textEdit(QWidget *page, const char *name, bool secret)
{
    auto *edit = new QPlainTextEdit(page);
    edit->setObjectName(QLatin1String(name));
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setTabChangesFocus(true);
    edit->setMaximumHeight(secret ? 90 : 120);
    edit->setMaximumWidth(560);
    connect(edit, &QPlainTextEdit::textChanged, this, [this, edit] {
        if (!edit->signalsBlocked())
            emit edited();
    });
    return edit;
}

QWidget *SigningPages::page(AuthMode mode) const
{
    switch (mode) {
    case AuthMode::Digest:
        return m_digestPage;
    case AuthMode::AwsSigV4:
        return m_awsPage;
    case AuthMode::OAuth1:
        return m_oauth1Page;
    case AuthMode::JwtBearer:
        return m_jwtPage;
    default:
        return nullptr;
    }
}

void SigningPages::setAuth(const Auth &auth)
{
    const QSignalBlocker blockers[]
        = {QSignalBlocker(m_oauth1PrivateKey), QSignalBlocker(m_jwtKey),
           QSignalBlocker(m_jwtClaims),        QSignalBlocker(m_jwtLifetime),
           QSignalBlocker(m_digestAuthInt),    QSignalBlocker(m_awsUnsignedPayload)};
    Q_UNUSED(blockers);
    m_digestUser->setText(auth.digest.username);
    m_digestPassword->setText(auth.digest.password);
    m_digestAuthInt->setChecked(auth.digest.preferAuthInt);

    const AwsSigV4Config &aws = auth.awsSigV4;
    m_awsAccessKey->setText(aws.accessKeyId);
    m_awsSecretKey->setText(aws.secretAccessKey);
    m_awsSessionToken->setText(aws.sessionToken);
    m_awsRegion->setText(aws.region);
    m_awsService->setText(aws.service);
    select(m_awsPlacement, int(aws.placement));
    m_awsUnsignedPayload->setChecked(aws.unsignedPayload);
    m_awsSignedHeaders->setText(aws.extraSignedHeaders.join(QLatin1String(", ")));

    const OAuth1Config &o = auth.oauth1;
    select(m_oauth1Method, int(o.signatureMethod));
    m_oauth1ConsumerKey->setText(o.consumerKey);
    m_oauth1ConsumerSecret->setText(o.consumerSecret);
    m_oauth1Token->setText(o.token);
    m_oauth1TokenSecret->setText(o.tokenSecret);
    m_oauth1PrivateKey->setPlainText(o.privateKeyPem);
    m_oauth1PrivateKeyField->conceal();
    select(m_oauth1Placement, int(o.placement));
    m_oauth1Realm->setText(o.realm);
    m_oauth1Callback->setText(o.callback);
    m_oauth1Verifier->setText(o.verifier);

    const JwtBearerConfig &j = auth.jwt;
    select(m_jwtAlgorithm, int(j.algorithm));
    m_jwtKey->setPlainText(j.key);
    m_jwtKeyField->conceal();
    select(m_jwtKeyFormat, int(j.keyFormat));
    m_jwtKeyId->setText(j.keyId);
    m_jwtClaims->setPlainText(j.claimsTemplate);
    m_jwtLifetime->setValue(j.lifetimeSeconds);
    select(m_jwtPlacement, int(j.placement));
    m_jwtHeaderPrefix->setText(j.headerPrefix);
    m_jwtQueryParam->setText(j.queryParamName);
}

void SigningPages::apply(Auth &auth) const
{
    auth.digest.username = m_digestUser->text();
    auth.digest.password = m_digestPassword->text();
    auth.digest.preferAuthInt = m_digestAuthInt->isChecked();

    AwsSigV4Config &aws = auth.awsSigV4;
    aws.accessKeyId = m_awsAccessKey->text().trimmed();
    aws.secretAccessKey = m_awsSecretKey->text();
    aws.sessionToken = m_awsSessionToken->text().trimmed();
    aws.region = m_awsRegion->text().trimmed();
    aws.service = m_awsService->text().trimmed();
    aws.placement = selected<AwsSigV4Placement>(m_awsPlacement);
    aws.unsignedPayload = m_awsUnsignedPayload->isChecked();
    aws.extraSignedHeaders.clear();
    for (const QString &name : m_awsSignedHeaders->text().split(u',', Qt::SkipEmptyParts)) {
        if (!name.trimmed().isEmpty())
            aws.extraSignedHeaders << name.trimmed();
    }

    OAuth1Config &o = auth.oauth1;
    o.signatureMethod = selected<OAuth1SignatureMethod>(m_oauth1Method);
    o.consumerKey = m_oauth1ConsumerKey->text().trimmed();
    o.consumerSecret = m_oauth1ConsumerSecret->text();
    o.token = m_oauth1Token->text().trimmed();
    o.tokenSecret = m_oauth1TokenSecret->text();
    o.privateKeyPem = m_oauth1PrivateKey->toPlainText();
    o.placement = selected<OAuth1Placement>(m_oauth1Placement);
    o.realm = m_oauth1Realm->text();
    o.callback = m_oauth1Callback->text().trimmed();
    o.verifier = m_oauth1Verifier->text().trimmed();

    JwtBearerConfig &j = auth.jwt;
    j.algorithm = selected<JwtAlgorithm>(m_jwtAlgorithm);
    j.key = m_jwtKey->toPlainText();
    j.keyFormat = selected<JwtKeyFormat>(m_jwtKeyFormat);
    j.keyId = m_jwtKeyId->text().trimmed();
    j.claimsTemplate = m_jwtClaims->toPlainText();
    j.lifetimeSeconds = m_jwtLifetime->value();
    j.placement = selected<JwtPlacement>(m_jwtPlacement);
    j.headerPrefix = m_jwtHeaderPrefix->text();
    j.queryParamName = m_jwtQueryParam->text().trimmed();
}

} // namespace Patchbay::Ui
