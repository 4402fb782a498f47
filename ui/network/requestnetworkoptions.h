#pragma once

#include "core/http/request.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace Patchbay::Ui {

// The network part of a request's Settings tab: its proxy (the workspace's, none, the system's,
// or its own in curl's -x form), its own CA file and client certificate, HTTP/1.1 only, and
// "don't send or store cookies". Text fields take {{variables}}.
class RequestNetworkOptions final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestNetworkOptions)

public:
    explicit RequestNetworkOptions(QWidget *parent = nullptr);
    ~RequestNetworkOptions() override;

    // Shows the network fields of `settings`; emits nothing.
    void setSettings(const Core::RequestSettings &settings);
    // Writes the network fields into `settings`.
    void applyTo(Core::RequestSettings &settings) const;

    // The line edits that take {{variables}} (for the editor's highlighting).
    QList<QLineEdit *> textFields() const;

    // Parts, for tests.
    QComboBox *proxyCombo() const { return m_proxy; }
    QLineEdit *proxyUrlEdit() const { return m_proxyUrl; }
    QLineEdit *caEdit() const { return m_ca; }
    QLineEdit *certificateEdit() const { return m_certificate; }
    QLineEdit *keyEdit() const { return m_key; }
    QLineEdit *passphraseEdit() const { return m_passphrase; }
    QCheckBox *http1Check() const { return m_http1; }
    QCheckBox *cookiesCheck() const { return m_cookies; }

signals:
    void edited();

private:
    void updateState();

    bool m_loading = false;
    QComboBox *m_proxy = nullptr; // owned (child)
    QLineEdit *m_proxyUrl = nullptr; // owned (child)
    QLineEdit *m_ca = nullptr; // owned (child)
    QLineEdit *m_certificate = nullptr; // owned (child)
    QLineEdit *m_key = nullptr; // owned (child)
    QLineEdit *m_passphrase = nullptr; // owned (child)
    QCheckBox *m_http1 = nullptr; // owned (child)
    QCheckBox *m_cookies = nullptr; // owned (child)
};

} // namespace Patchbay::Ui
