#pragma once

#include "core/http/response.h"

#include <QFrame>

class QLabel;

namespace Patchbay::Ui {

// Shown instead of a status when no HTTP response arrived: what failed (a title per
// ErrorKind), the client's message, and what to check. Never a made-up status code.
class TransportErrorPanel final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransportErrorPanel)

public:
    explicit TransportErrorPanel(QWidget *parent = nullptr);
    ~TransportErrorPanel() override;

    void setError(Core::ErrorKind kind, const QString &message);
    QString title() const;
    QString message() const;
    QString hint() const;

    static QString titleFor(Core::ErrorKind kind);
    static QString hintFor(Core::ErrorKind kind);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QLabel *m_icon = nullptr; // owned (child)
    QLabel *m_title = nullptr; // owned (child)
    QLabel *m_message = nullptr; // owned (child)
    QLabel *m_hint = nullptr; // owned (child)
    bool m_applyingPalette = false;
};

} // namespace Patchbay::Ui
