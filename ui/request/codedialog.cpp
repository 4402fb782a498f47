#include "ui/request/codedialog.h"
#include "ui/common/accessibility.h"

#include "core/interop/authcodegen.h"

#include "ui/common/codeview.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {

const QString kLanguageKey = QStringLiteral("codeDialog/language");

} // namespace

CodeDialog::CodeDialog(const Core::Request &request, QWidget *parent)
    : QDialog(parent)
    , m_request(request)
{
    setWindowTitle(tr("Code"));
    resize(760, 520);

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    for (Core::CodeLanguage language : Core::codeLanguages())
        m_language->addItem(Core::languageName(language), Core::languageKey(language));

    m_view = new CodeView(this);
    m_view->setObjectName(QStringLiteral("code"));
    m_view->setReadOnly(true);

    m_note = new QLabel(this); // regenerate() says what the code holds
    m_note->setWordWrap(true);
    m_note->setObjectName(QStringLiteral("note"));

    m_includeSecrets = new QCheckBox(tr("Include &secret values in the code"), this);
    m_includeSecrets->setObjectName(QStringLiteral("includeSecrets"));
    m_includeSecrets->setToolTip(
        tr("Writes the values of secret variables into the code, where anyone who sees it can "
           "read them. Left off, the code reads them from environment variables."));
    m_includeSecrets->hide(); // shown when the request uses a secret

    m_copy = new QPushButton(tr("&Copy"), this);
    m_copy->setObjectName(QStringLiteral("copy"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_copy, QDialogButtonBox::ActionRole);
    Accessibility::describe(m_view, tr("Generated code"),
                            tr("The request as code in the chosen language, read-only"));
    m_language->setAccessibleDescription(tr("The language or tool to write the request for"));
    m_copy->setAccessibleDescription(tr("Copy the code to the clipboard"));
    Accessibility::describeButtons(buttons);

    auto *top = new QHBoxLayout;
    auto *label = new QLabel(tr("&Language:"), this);
    label->setBuddy(m_language);
    top->addWidget(label);
    top->addWidget(m_language, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_note);
    layout->addWidget(m_includeSecrets);
    layout->addWidget(buttons);

    const std::optional<Core::CodeLanguage> remembered
        = Core::languageFromName(QSettings().value(kLanguageKey).toString());
    if (remembered)
        m_language->setCurrentIndex(m_language->findData(Core::languageKey(*remembered)));

    connect(m_language, &QComboBox::currentIndexChanged, this, &CodeDialog::onLanguageChanged);
    connect(m_copy, &QPushButton::clicked, this, &CodeDialog::onCopy);
    connect(m_includeSecrets, &QCheckBox::toggled, this, &CodeDialog::regenerate);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    regenerate();
}

CodeDialog::~CodeDialog() = default;

void CodeDialog::setRequest(const Core::Request &request)
{
    m_request = request;
    regenerate();
}

void CodeDialog::setSecrets(const Core::SecretReferences &secrets, const Core::Request &withValues)
{
    m_secrets = secrets;
    m_withSecretValues = withValues;
    m_includeSecrets->setChecked(false);
    m_includeSecrets->setVisible(!secrets.isEmpty());
    regenerate();
}

Core::CodeLanguage CodeDialog::language() const
{
    return Core::languageFromName(m_language->currentData().toString())
        .value_or(Core::CodeLanguage::PythonRequests);
}

void CodeDialog::setLanguage(Core::CodeLanguage language)
{
    m_language->setCurrentIndex(m_language->findData(Core::languageKey(language)));
}

QString CodeDialog::code() const
{
    return m_code;
}

void CodeDialog::onLanguageChanged()
{
    QSettings().setValue(kLanguageKey, Core::languageKey(language()));
    regenerate();
}

void CodeDialog::onCopy()
{
    if (!m_codeValid)
        return;
    QGuiApplication::clipboard()->setText(m_code);
    emit copied();
}

void CodeDialog::regenerate()
{
    const bool withValues = !m_secrets.isEmpty() && m_includeSecrets->isChecked();
    QStringList names;
    for (const Core::SecretReference &secret : std::as_const(m_secrets))
        names << secret.environmentVariable;
    QString note = tr("Variables have their values as for Send (undefined ones stay {{name}}); "
                      "files are read from the paths in the request.");
    if (!m_secrets.isEmpty() && !withValues)
        note += u' '
            + tr("Secret values are not in the code: it reads them from the environment "
                 "variables %1.")
                  .arg(names.join(QLatin1String(", ")));
    else if (withValues)
        note += u' ' + tr("The code contains secret values: share it with care.");
    m_note->setText(note);
    const Core::Result<QString> code = withValues
        ? Core::generateCodeWithAuth(m_withSecretValues, language())
        : Core::generateCodeWithAuth(m_request, language(), m_secrets);
    m_codeValid = code.ok();
    m_code = code.ok()
        ? code.value()
        : tr("No code can be written for this request: %1").arg(code.error().message);
    m_view->setUtf8Text(m_code.toUtf8());
    m_copy->setEnabled(m_codeValid);
}

} // namespace Patchbay::Ui
