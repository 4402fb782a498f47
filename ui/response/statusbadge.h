#pragma once

#include <QWidget>

namespace Patchbay::Ui {

// The HTTP status code as a coloured pill: 2xx green, 3xx blue, 4xx orange, 5xx red, with
// white text that reads on both light and dark palettes.
class StatusBadge final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBadge)

public:
    enum class StatusClass { Informational, Success, Redirect, ClientError, ServerError, Unknown };
    Q_ENUM(StatusClass)

    explicit StatusBadge(QWidget *parent = nullptr);
    ~StatusBadge() override;

    void setStatusCode(int code);
    int statusCode() const { return m_code; }
    QString text() const;
    StatusClass statusClass() const { return classOf(m_code); }
    QColor color() const;

    static StatusClass classOf(int code);
    static QColor colorFor(StatusClass statusClass, const QPalette &palette);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int m_code = 0;
};

} // namespace Patchbay::Ui
