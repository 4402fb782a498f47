#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Patchbay::Core {
class CookieJar;
}

namespace Patchbay::Ui {

class CookieTableModel;

// Tools → Cookies: the workspace's cookie jar, to view, search, add, edit and delete cookies,
// clear those of a domain (and its subdomains) or all, and import or export a cookies.txt file
// (the Netscape format curl reads with -b and writes with -c). Edits apply to the jar at once;
// files are read and written off the UI thread.
class CookiesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CookiesDialog)

public:
    explicit CookiesDialog(Core::CookieJar *jar, QWidget *parent = nullptr); // jar not owned
    ~CookiesDialog() override;

    // What the buttons do, without their dialogs (tests, scripting).
    void setSearch(const QString &text);
    int clearDomain(const QString &domain); // returns how many went
    void importFile(const QString &path); // imported() follows
    void exportFile(const QString &path); // exported() follows

    CookieTableModel *model() const { return m_model; }
    QSortFilterProxyModel *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QLabel *statusLabel() const { return m_status; }
    QLineEdit *searchEdit() const { return m_search; }

signals:
    // `count` cookies were added; `problem` says why the file could not be read (count 0).
    void imported(int count, const QString &problem);
    void exported(const QString &path, const QString &problem);

private:
    void addCookie();
    void editSelected();
    void deleteSelected();
    void chooseDomainToClear();
    void clearAll();
    void chooseImport();
    void chooseExport();
    void updateState();
    int selectedRow() const; // in the model; -1 when none

    QPointer<Core::CookieJar> m_jar; // not owned
    CookieTableModel *m_model = nullptr; // owned (QObject child)
    QSortFilterProxyModel *m_filter = nullptr; // owned (QObject child)
    QLineEdit *m_search = nullptr; // owned (child)
    QTableView *m_table = nullptr; // owned (child)
    QPushButton *m_edit = nullptr; // owned (child)
    QPushButton *m_delete = nullptr; // owned (child)
    QPushButton *m_clearDomain = nullptr; // owned (child)
    QPushButton *m_clearAll = nullptr; // owned (child)
    QPushButton *m_export = nullptr; // owned (child)
    QLabel *m_status = nullptr; // owned (child)
};

} // namespace Patchbay::Ui
