#pragma once

#include "core/network/tlsinfo.h"

#include <QWidget>

class QFrame;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace Patchbay::Ui {

// The TLS tab of a response: a warning when the server's certificate was not verified (and
// why), the session (protocol, cipher, ALPN, the client certificate presented) and the chain
// the server sent, each certificate with its subject, issuer, alternative names, validity and
// SHA-256 fingerprint. Plain http:// responses say there was no TLS.
class TlsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsView)

public:
    explicit TlsView(QWidget *parent = nullptr);
    ~TlsView() override;

    void setTls(const Core::TlsInfo &tls);
    void clear();

    // Parts, for tests.
    QFrame *warning() const { return m_warning; }
    QLabel *warningText() const { return m_warningText; }
    QLabel *session() const { return m_session; }
    QTreeWidget *chain() const { return m_chain; }
    // What the view shows, as "Label: value" lines (the chain's fields included).
    QString text() const;

private:
    void copySelectedPem();

    Core::TlsInfo m_tls;
    QFrame *m_warning = nullptr; // owned (child)
    QLabel *m_warningText = nullptr; // owned (child)
    QLabel *m_session = nullptr; // owned (child)
    QTreeWidget *m_chain = nullptr; // owned (child)
    QPushButton *m_copyPem = nullptr; // owned (child)
};

} // namespace Patchbay::Ui
