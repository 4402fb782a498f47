#include "ui/request/requestsettingspane.h"

#include "ui/common/accessibility.h"
#include "ui/network/requestnetworkoptions.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Patchbay::Ui {

RequestSettingsPane::RequestSettingsPane(QWidget *parent)
    : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 12, 4, 0);
    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto *timeoutRow = new QHBoxLayout;
    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(QStringLiteral("timeoutSpin"));
    m_timeout->setRange(0, 3600000);
    m_timeout->setSpecialValueText(tr("Never"));
    m_timeout->setAccelerated(true);
    m_timeout->setMinimumWidth(110);
    m_timeoutUnit = new QComboBox(this);
    m_timeoutUnit->setObjectName(QStringLiteral("timeoutUnit"));
    m_timeoutUnit->addItem(tr("seconds"), 1000);
    m_timeoutUnit->addItem(tr("milliseconds"), 1);
    timeoutRow->addWidget(m_timeout);
    timeoutRow->addWidget(m_timeoutUnit);
    timeoutRow->addStretch(1);
    form->addRow(tr("Timeout:"), timeoutRow);
    auto *timeoutHint = new QLabel(tr("The request fails when no data moves for this long."), this);
    timeoutHint->setEnabled(false);
    form->addRow(QString(), timeoutHint);

    auto *redirectRow = new QHBoxLayout;
    m_followRedirects = new QCheckBox(tr("Follow redirects, at most"), this);
    m_followRedirects->setObjectName(QStringLiteral("followRedirects"));
    m_maxRedirects = new QSpinBox(this);
    m_maxRedirects->setObjectName(QStringLiteral("maxRedirects"));
    m_maxRedirects->setRange(0, 100);
    m_maxRedirects->setSuffix(tr(" hops"));
    redirectRow->addWidget(m_followRedirects);
    redirectRow->addWidget(m_maxRedirects);
    redirectRow->addStretch(1);
    form->addRow(tr("Redirects:"), redirectRow);

    m_verifyTls = new QCheckBox(tr("Verify TLS certificates"), this);
    m_verifyTls->setObjectName(QStringLiteral("verifyTls"));
    form->addRow(tr("Security:"), m_verifyTls);
    outer->addLayout(form);
    m_network = new RequestNetworkOptions(this);
    outer->addWidget(m_network);
    outer->addStretch(1);
    describeControls();

    const auto onEdited = [this] {
        if (!m_loading)
            emit edited();
    };
    connect(m_network, &RequestNetworkOptions::edited, this, onEdited);
    connect(m_timeoutUnit, &QComboBox::currentIndexChanged, this, [this, onEdited] {
        // Keep the same duration when switching units.
        const int unit = m_timeoutUnit->currentData().toInt();
        const int previousUnit = unit == 1 ? 1000 : 1;
        const qint64 ms = qint64(m_timeout->value()) * previousUnit;
        if (!m_loading) {
            m_loading = true;
            m_timeout->setValue(int(unit == 1 ? ms : (ms + 999) / 1000));
            m_loading = false;
        }
        onEdited();
    });
    connect(m_timeout, &QSpinBox::valueChanged, this, onEdited);
    connect(m_followRedirects, &QCheckBox::toggled, this, [this, onEdited] {
        m_maxRedirects->setEnabled(m_followRedirects->isChecked());
        onEdited();
    });
    connect(m_maxRedirects, &QSpinBox::valueChanged, this, onEdited);
    connect(m_verifyTls, &QCheckBox::toggled, this, [this, onEdited](bool verify) {
        emit tlsVerificationChanged(verify);
        onEdited();
    });
}

void RequestSettingsPane::applyTo(Core::RequestSettings &settings) const
{
    settings.timeoutMs = m_timeout->value() * m_timeoutUnit->currentData().toInt();
    settings.followRedirects = m_followRedirects->isChecked();
    settings.maxRedirects = m_maxRedirects->value();
    settings.verifyTls = m_verifyTls->isChecked();
    m_network->applyTo(settings);
}

void RequestSettingsPane::setSettings(const Core::RequestSettings &settings)
{
    m_loading = true;
    const bool wholeSeconds = settings.timeoutMs % 1000 == 0;
    m_timeoutUnit->setCurrentIndex(wholeSeconds ? 0 : 1);
    m_timeout->setValue(wholeSeconds ? settings.timeoutMs / 1000 : settings.timeoutMs);
    m_followRedirects->setChecked(settings.followRedirects);
    m_maxRedirects->setValue(settings.maxRedirects);
    m_verifyTls->setChecked(settings.verifyTls);
    m_network->setSettings(settings);
    m_maxRedirects->setEnabled(m_followRedirects->isChecked());
    m_loading = false;
    emit tlsVerificationChanged(m_verifyTls->isChecked());
}

bool RequestSettingsPane::verifiesTls() const
{
    return m_verifyTls->isChecked();
}

void RequestSettingsPane::setVariableLookup(const VariableLookup &lookup)
{
    if (m_variableHints.isEmpty()) {
        for (QLineEdit *edit : m_network->textFields())
            m_variableHints.append(new LineEditVariableHints(edit)); // owned by the edit
    }
    for (LineEditVariableHints *hints : std::as_const(m_variableHints))
        hints->setLookup(lookup);
}

// What a screen reader says for the settings.
void RequestSettingsPane::describeControls()
{
    using Accessibility::describe;
    describe(m_timeout, tr("Timeout"), tr("How long to wait for the response before giving up"));
    m_timeoutUnit->setAccessibleDescription(tr("The unit of the timeout"));
    m_followRedirects->setAccessibleDescription(
        tr("Follow 3xx redirects, without sending credentials to another host"));
    describe(m_maxRedirects, tr("Most redirects"), tr("How many redirects to follow at most"));
    m_verifyTls->setAccessibleDescription(
        tr("Refuse servers whose TLS certificate cannot be verified"));
}

} // namespace Patchbay::Ui
