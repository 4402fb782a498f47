#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace Patchbay::Ui {

class CodeView;

// A find bar under a CodeView: text, previous / next, match case. Enter finds the next match,
// Shift+Enter the previous one, Esc closes the bar and returns focus to the view.
class FindBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindBar)

public:
    explicit FindBar(QWidget *parent = nullptr);
    ~FindBar() override;

    void setView(CodeView *view);
    CodeView *view() const { return m_view; }

    // Shows the bar and focuses the text field, seeded with the view's one-line selection.
    void activate();
    QString text() const;
    void setText(const QString &text);
    bool isCaseSensitive() const;
    void setCaseSensitive(bool on);

    // Returns whether a match was found (and selected).
    bool findNext();
    bool findPrevious();

signals:
    void closed();

private:
    bool find(bool backwards);
    void close();

    CodeView *m_view = nullptr; // not owned
    QLineEdit *m_edit = nullptr; // owned (child)
    QToolButton *m_previous = nullptr; // owned (child)
    QToolButton *m_next = nullptr; // owned (child)
    QCheckBox *m_caseSensitive = nullptr; // owned (child)
    QLabel *m_status = nullptr; // owned (child)
    QToolButton *m_close = nullptr; // owned (child)
};

} // namespace Patchbay::Ui
