#pragma once

#include "core/history/historyentry.h"

#include <QTimer>
#include <QWidget>

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QStackedWidget;
class QToolButton;
class QTreeView;

namespace Patchbay::Core {
class HistoryStore;
}

namespace Patchbay::Ui {

class HistoryModel;

// The history sidebar: a filter (text, and by hand or by runs), the day-grouped list of sent
// requests and actions on them. A plain click fetches the entry and emits entryPreviewed(); a
// double click, Enter or "Open" emits entryActivated(). Ctrl+click and Shift+click only select
// (for Compare).
class HistoryPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPanel)

public:
    static constexpr int FilterDebounceMs = 120;

    explicit HistoryPanel(Core::HistoryStore *store, QWidget *parent = nullptr);
    ~HistoryPanel() override;

    HistoryModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    // All requests, those sent by hand, or those sent by collection runs.
    QComboBox *originBox() const { return m_origin; }
    QLabel *emptyLabel() const { return m_emptyLabel; }

    // Asks before "Clear history"; the default shows a QMessageBox. Tests inject an answer.
    using ConfirmFunction = std::function<bool(QWidget *parent)>;
    void setClearConfirmation(ConfirmFunction confirm);

    // The actions of the context menu and toolbar, for the main window's menus too.
    QAction *openAction() const { return m_openAction; }
    QAction *deleteAction() const { return m_deleteAction; }
    QAction *copyUrlAction() const { return m_copyUrlAction; }
    QAction *clearAction() const { return m_clearAction; }
    QAction *editResourceAction() const { return m_editResourceAction; }
    QAction *compareAction() const { return m_compareAction; }
    QAction *idempotencyAction() const { return m_idempotencyAction; }

    // The selected entries (several with Ctrl or Shift), in list order.
    QList<Core::HistoryEntrySummary> selectedSummaries() const;

    // Fetches the entry; then entryActivated() (`keep`) or entryPreviewed().
    void openEntry(const QModelIndex &index, bool keep = true);
    void deleteSelected();
    void copySelectedUrl();
    // Asks for confirmation, then clears the store.
    void clearHistory();
    // Fetch the selected entries, then emit the matching signal.
    void editSelectedResource();
    void compareSelected();
    void checkSelectedIdempotency();

signals:
    // The full stored entry (request as sent, secrets redacted, and the stored response), to
    // open for good (double click, Enter, Open)...
    void entryActivated(const Patchbay::Core::HistoryEntry &entry);
    // ... or to show until the next click replaces it (a plain single click).
    void entryPreviewed(const Patchbay::Core::HistoryEntry &entry);
    // "Edit resource…" on one entry: edit its response and send it back.
    void editResourceRequested(const Patchbay::Core::HistoryEntry &entry);
    // "Compare responses" with exactly two entries selected (older first).
    void compareRequested(const Patchbay::Core::HistoryEntry &left,
                          const Patchbay::Core::HistoryEntry &right);
    // "Check idempotency…" on one PUT entry.
    void idempotencyCheckRequested(const Patchbay::Core::HistoryEntry &entry);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override; // Enter keeps

private:
    void onEntryFetched(quint64 token, const Core::HistoryEntry &entry);
    void applyFilter();
    void expandDays(int first, int last);
    void loadMoreIfNearEnd();
    void updateState();
    void showContextMenu(const QPoint &pos);
    QModelIndex currentEntry() const;
    void updateSelectionActions();
    enum class FetchPurpose { Edit, Compare, Idempotency };
    void fetchFor(FetchPurpose purpose, const QList<qint64> &ids);

    Core::HistoryStore *m_store; // not owned
    HistoryModel *m_model; // owned (QObject child)
    QLineEdit *m_filter; // owned (widget child)
    QComboBox *m_origin; // owned (widget child)
    QToolButton *m_clearButton; // owned (widget child)
    QLabel *m_errorLabel; // owned (widget child)
    QStackedWidget *m_stack; // owned (widget child)
    QTreeView *m_view; // owned (widget child)
    QLabel *m_emptyLabel; // owned (widget child)
    QAction *m_openAction; // owned (QObject child)
    QAction *m_deleteAction; // owned (QObject child)
    QAction *m_copyUrlAction; // owned (QObject child)
    QAction *m_clearAction; // owned (QObject child)
    QAction *m_editResourceAction; // owned (QObject child)
    QAction *m_compareAction; // owned (QObject child)
    QAction *m_idempotencyAction; // owned (QObject child)
    QTimer m_debounce;
    ConfirmFunction m_confirmClear;
    quint64 m_openToken = 0;
    qint64 m_openId = 0;
    bool m_openKeep = false;
    Qt::KeyboardModifiers m_pressModifiers; // of the last mouse press in the list
    // Fetches for the selection actions: which entries are awaited and which have arrived.
    FetchPurpose m_fetchPurpose = FetchPurpose::Edit;
    QList<quint64> m_fetchTokens;
    QList<Core::HistoryEntry> m_fetched;
};

} // namespace Patchbay::Ui
