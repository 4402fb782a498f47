#pragma once

#include <QDialog>
#include <QList>
#include <QPointer>

class QLineEdit;
class QListWidget;

namespace Patchbay::Core {
class Workspace;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class RequestTab;

// "Go to request or tab…" (Ctrl+P): the open tabs first, then every saved request of the
// workspace; typing filters them (every word must appear in the method, name or place), Enter
// or a click picks one. The caller then switches to chosenTab() or opens chosenPath().
class QuickSwitcher final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuickSwitcher)

public:
    // `tabs` and `workspace` are read now; not owned.
    QuickSwitcher(const QList<RequestTab *> &tabs, const Core::Workspace &workspace,
                  QWidget *parent = nullptr);
    ~QuickSwitcher() override;

    QLineEdit *filterEdit() const { return m_filter; }
    QListWidget *list() const { return m_list; }
    // What was picked: an open tab, or a saved request's path (for one not open).
    RequestTab *chosenTab() const { return m_chosenTab; }
    QString chosenPath() const { return m_chosenPath; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFilter();
    void choose();

    QLineEdit *m_filter; // owned (child)
    QListWidget *m_list; // owned (child)
    QList<QPointer<RequestTab>> m_tabs;
    QPointer<RequestTab> m_chosenTab;
    QString m_chosenPath;
};

} // namespace Patchbay::Ui
