#include "ui/network/cookiesdialog.h"

#include "core/cookies/cookiefiles.h"
#include "core/cookies/cookiejar.h"
#include "ui/network/cookieeditdialog.h"
#include "ui/network/cookietablemodel.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

CookiesDialog::CookiesDialog(CookieJar *jar, QWidget *parent)
    : QDialog(parent)
    , m_jar(jar)
    , m_model(new CookieTableModel(jar, this))
    , m_filter(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("cookiesDialog"));
    setWindowTitle(tr("Cookies"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The workspace's cookies: requests send them and store what "
                                "servers set (RFC 6265), unless a request turns cookies off. "
                                "Runs start with none unless asked to use these."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("cookieSearch"));
    m_search->setPlaceholderText(tr("Search domains, names and values"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);

    m_filter->setSourceModel(m_model);
    m_filter->setFilterKeyColumn(-1);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("cookieTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CookieTableModel::DomainColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(CookieTableModel::DomainColumn, 170);
    m_table->setColumnWidth(CookieTableModel::NameColumn, 120);
    m_table->setColumnWidth(CookieTableModel::ValueColumn, 200);
    m_table->setColumnWidth(CookieTableModel::PathColumn, 70);
    m_table->setWordWrap(false); // one line per cookie, also for long expiry dates
    m_table->setColumnWidth(
        CookieTableModel::ExpiresColumn,
        m_table->fontMetrics().horizontalAdvance(QStringLiteral("30 Dec 2027 00:00:00")) + 24);
    m_table->setColumnWidth(CookieTableModel::SecureColumn, 60);
    m_table->setColumnWidth(CookieTableModel::HttpOnlyColumn, 70);
    layout->addWidget(m_table, 1);

    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("&Add…"), this);
    add->setObjectName(QStringLiteral("addCookie"));
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_edit->setObjectName(QStringLiteral("editCookie"));
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteCookie"));
    m_clearDomain = new QPushButton(tr("Clear &Domain…"), this);
    m_clearDomain->setObjectName(QStringLiteral("clearDomain"));
    m_clearAll = new QPushButton(tr("Clear A&ll"), this);
    m_clearAll->setObjectName(QStringLiteral("clearAll"));
    auto *import = new QPushButton(tr("&Import cookies.txt…"), this);
    import->setObjectName(QStringLiteral("importCookies"));
    m_export = new QPushButton(tr("E&xport cookies.txt…"), this);
    m_export->setObjectName(QStringLiteral("exportCookies"));
    for (QPushButton *b : {add, m_edit, m_delete, m_clearDomain, m_clearAll})
        buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(import);
    buttons->addWidget(m_export);
    layout->addLayout(buttons);

    auto *bottom = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("cookieStatus"));
    m_status->setWordWrap(true);
    bottom->addWidget(m_status, 1);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    bottom->addWidget(close);
    layout->addLayout(bottom);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, this, &CookiesDialog::setSearch);
    connect(add, &QPushButton::clicked, this, &CookiesDialog::addCookie);
    connect(m_edit, &QPushButton::clicked, this, &CookiesDialog::editSelected);
    connect(m_table, &QTableView::doubleClicked, this, &CookiesDialog::editSelected);
    connect(m_delete, &QPushButton::clicked, this, &CookiesDialog::deleteSelected);
    connect(m_clearDomain, &QPushButton::clicked, this, &CookiesDialog::chooseDomainToClear);
    connect(m_clearAll, &QPushButton::clicked, this, &CookiesDialog::clearAll);
    connect(import, &QPushButton::clicked, this, &CookiesDialog::chooseImport);
    connect(m_export, &QPushButton::clicked, this, &CookiesDialog::chooseExport);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CookiesDialog::updateState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CookiesDialog::updateState);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &CookiesDialog::updateState);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &CookiesDialog::updateState);
    updateState();
    resize(980, 520);
}

CookiesDialog::~CookiesDialog() = default;

int CookiesDialog::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : m_filter->mapToSource(rows.first()).row();
}

void CookiesDialog::updateState()
{
    const bool selected = selectedRow() >= 0;
    m_edit->setEnabled(selected);
    m_delete->setEnabled(selected);
    const int total = m_model->rowCount();
    m_clearDomain->setEnabled(total > 0);
    m_clearAll->setEnabled(total > 0);
    m_export->setEnabled(total > 0);
    const int shown = m_filter->rowCount();
    m_status->setText(shown == total ? tr("%n cookie(s)", nullptr, total)
                                     : tr("%1 of %n cookie(s)", nullptr, total).arg(shown));
}

void CookiesDialog::setSearch(const QString &text)
{
    if (m_search->text() != text)
        m_search->setText(text); // comes back here through textChanged
    m_filter->setFilterFixedString(text.trimmed());
    updateState();
}

void CookiesDialog::addCookie()
{
    if (!m_jar)
        return;
    CookieEditDialog dialog(this);
    Cookie fresh;
    const int row = selectedRow();
    if (row >= 0) // a new cookie for the same site, most likely
        fresh.domain = m_model->cookie(row).domain;
    dialog.setCookie(fresh);
    if (dialog.exec() == QDialog::Accepted)
        m_jar->insert(dialog.cookie());
}

void CookiesDialog::editSelected()
{
    const int row = selectedRow();
    if (!m_jar || row < 0)
        return;
    const Cookie before = m_model->cookie(row);
    CookieEditDialog dialog(this);
    dialog.setCookie(before);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Cookie after = dialog.cookie();
    if (!after.sameIdentity(before)) // a new name, domain or path is another cookie
        m_jar->remove(before);
    m_jar->insert(after);
}

void CookiesDialog::deleteSelected()
{
    const int row = selectedRow();
    if (m_jar && row >= 0)
        m_jar->remove(m_model->cookie(row));
}

int CookiesDialog::clearDomain(const QString &domain)
{
    if (!m_jar || domain.trimmed().isEmpty())
        return 0;
    const int removed = m_jar->removeDomain(domain);
    m_status->setText(tr("Removed %n cookie(s) of %1 and its subdomains.", nullptr, removed)
                          .arg(domain.trimmed()));
    return removed;
}

void CookiesDialog::chooseDomainToClear()
{
    QStringList domains;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString domain = m_model->cookie(row).domain;
        if (!domains.contains(domain))
            domains.append(domain);
    }
    domains.sort();
    const int selected = selectedRow();
    const int current = selected >= 0 ? int(domains.indexOf(m_model->cookie(selected).domain)) : 0;
    bool ok = false;
    const QString domain = QInputDialog::getItem(
        this, tr("Clear Domain"), tr("Remove the cookies of this domain and its subdomains:"),
        domains, std::max(0, current), true, &ok);
    if (ok)
        clearDomain(domain);
}

void CookiesDialog::clearAll()
{
    if (!m_jar)
        return;
    if (QMessageBox::question(
            this, tr("Clear All Cookies"),
            tr("Remove all %n cookie(s) of this workspace?", nullptr, m_model->rowCount()))
        != QMessageBox::Yes)
        return;
    m_jar->clear();
}

void CookiesDialog::chooseImport()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Import Cookies"), QDir::homePath(),
                                       tr("Cookie files (*.txt *.json);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void CookiesDialog::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Cookies"), QDir::home().filePath(QStringLiteral("cookies.txt")),
        tr("cookies.txt (*.txt);;All files (*)"));
    if (!path.isEmpty())
        exportFile(path);
}

void CookiesDialog::importFile(const QString &path)
{
    using Read = std::pair<CookieList, QString>; // the cookies, or why there are none
    auto *watcher = new QFutureWatcher<Read>(this); // deletes itself
    connect(watcher, &QFutureWatcher<Read>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const auto [cookies, problem] = watcher->result();
        if (!problem.isEmpty() || !m_jar) {
            m_status->setText(tr("Nothing imported: %1").arg(problem));
            emit imported(0, problem);
            return;
        }
        for (const Cookie &cookie : cookies)
            m_jar->insert(cookie);
        m_status->setText(tr("Imported %n cookie(s) from %1.", nullptr, int(cookies.size()))
                              .arg(QDir::toNativeSeparators(path)));
        emit imported(int(cookies.size()), QString());
    });
    watcher->setFuture(QtConcurrent::run([path] {
        const Result<CookieList> read = readCookieFile(path);
        return read.ok() ? Read {read.value(), QString()} : Read {{}, read.error().message};
    }));
}

void CookiesDialog::exportFile(const QString &path)
{
    if (!m_jar)
        return;
    const CookieList cookies = m_jar->cookies();
    auto *watcher = new QFutureWatcher<QString>(this); // deletes itself
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path, cookies] {
        watcher->deleteLater();
        const QString problem = watcher->result();
        m_status->setText(problem.isEmpty()
                              ? tr("Exported %n cookie(s) to %1 (curl reads it with -b).", nullptr,
                                   int(cookies.size()))
                                    .arg(QDir::toNativeSeparators(path))
                              : problem);
        emit exported(path, problem);
    });
    watcher->setFuture(QtConcurrent::run([path, cookies] {
        const Status written = writeCookieFile(path, cookies);
        return written.ok() ? QString() : written.error().message;
    }));
}

} // namespace Patchbay::Ui
