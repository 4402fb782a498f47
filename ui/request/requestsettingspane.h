#pragma once

#include "core/http/request.h"
#include "ui/request/variablehighlight.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace Patchbay::Ui {

class RequestNetworkOptions;

// The Settings tab of RequestEditor: timeout (in seconds or milliseconds), redirects, TLS
// verification and the request's network options (proxy, certificates, cookies).
class RequestSettingsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestSettingsPane)

public:
    explicit RequestSettingsPane(QWidget *parent = nullptr);

    // Writes the tab's settings into `settings`, leaving the rest as it is.
    void applyTo(Core::RequestSettings &settings) const;
    // Shows `settings`; does not emit edited().
    void setSettings(const Core::RequestSettings &settings);
    bool verifiesTls() const;
    void setVariableLookup(const VariableLookup &lookup);
    RequestNetworkOptions *networkOptions() const { return m_network; }

signals:
    // The user changed a setting.
    void edited();
    // TLS verification was turned on or off (also by setSettings()).
    void tlsVerificationChanged(bool verify);

private:
    void describeControls();

    QSpinBox *m_timeout = nullptr; // owned (child)
    QComboBox *m_timeoutUnit = nullptr; // owned (child)
    QCheckBox *m_followRedirects = nullptr; // owned (child)
    QSpinBox *m_maxRedirects = nullptr; // owned (child)
    QCheckBox *m_verifyTls = nullptr; // owned (child)
    RequestNetworkOptions *m_network = nullptr; // owned (child)
    QList<LineEditVariableHints *> m_variableHints; // owned by their line edits
    bool m_loading = false; // setSettings() or a unit change in progress: no edited()
};

} // namespace Patchbay::Ui
