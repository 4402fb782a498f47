#pragma once

#include <QAbstractButton>
#include <QLabel>

class QTimer;

namespace Patchbay::Ui {

// The method at the start of a request tab, in its colour. A widget of its own (not an icon),
// so that the tab bar lays it out beside the title (they never overlap on a narrow tab) and it
// scales with the title's font at any display scale.
class MethodBadge final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MethodBadge)

public:
    explicit MethodBadge(QWidget *parent = nullptr);

    void setMethod(const QString &method);
    QString method() const { return m_method; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateLook();

    QString m_method;
};

// The button at the end of a request tab: closes it (×), and says what the tab cannot show once
// its title is elided: a dot for unsaved edits (× again under the mouse) and a turning arc while
// its request is in flight.
class TabStateButton final : public QAbstractButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TabStateButton)

public:
    explicit TabStateButton(QWidget *parent = nullptr);

    void setDirty(bool dirty);
    bool isDirty() const { return m_dirty; }
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void updateToolTip();

    bool m_dirty = false;
    bool m_busy = false;
    int m_angle = 0;
    QTimer *m_spin; // owned (child)
};

} // namespace Patchbay::Ui
