#include "core/cookies/cookiefiles.h"
#include "core/cookies/cookiejar.h"
#include "ui/network/cookieeditdialog.h"
#include "ui/network/cookiesdialog.h"
#include "ui/network/cookietablemodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Patchbay::Core;
using namespace Patchbay::Ui;

namespace {

// Fills the modal cookie dialog that `open` brings up, as a user would, and presses OK.
void whenCookieDialogOpens(const std::function<void(CookieEditDialog *)> &fill)
{
    QTimer::singleShot(0, qApp, [fill] {
        auto *dialog = qobject_cast<CookieEditDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        fill(dialog);
        QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
}

QPushButton *button(QWidget *dialog, const char *name)
{
    return dialog->findChild<QPushButton *>(QLatin1String(name));
}

} // namespace

// The Cookies manager over a real jar: the model (checked by QAbstractItemModelTester), search,
// add, edit, delete, clear a domain, and cookies.txt import and export.
class TestCookiesDialog final : public QObject
{
    Q_OBJECT

private:
    static void fill(CookieJar &jar)
    {
        jar.storeFromResponse(QUrl(QStringLiteral("https://api.example.com/v1/login")),
                              {"sid=abc; Secure; HttpOnly; SameSite=Strict; Path=/",
                               "pref=dark; Domain=example.com; Max-Age=3600"});
        jar.storeFromResponse(QUrl(QStringLiteral("http://shop.test/")), {"cart=3"});
    }

    static int rowOf(CookiesDialog &dialog, const QString &name)
    {
        for (int row = 0; row < dialog.filter()->rowCount(); ++row) {
            if (dialog.filter()->index(row, CookieTableModel::NameColumn).data().toString() == name)
                return row;
        }
        return -1;
    }

    static void select(CookiesDialog &dialog, const QString &name)
    {
        dialog.table()->selectRow(rowOf(dialog, name));
    }

private slots:
    void modelShowsTheJar()
    {
        CookieJar jar;
        CookieTableModel model(&jar);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        fill(jar);
        QCOMPARE(model.rowCount(), 3);
        const auto cell
            = [&model](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(cell(0, CookieTableModel::DomainColumn), QStringLiteral("api.example.com"));
        QCOMPARE(cell(0, CookieTableModel::SecureColumn), QStringLiteral("yes"));
        QCOMPARE(cell(0, CookieTableModel::HttpOnlyColumn), QStringLiteral("yes"));
        QCOMPARE(cell(0, CookieTableModel::SameSiteColumn), QStringLiteral("Strict"));
        QCOMPARE(cell(0, CookieTableModel::ExpiresColumn), QStringLiteral("Session"));
        QCOMPARE(cell(1, CookieTableModel::DomainColumn), QStringLiteral(".example.com"));
        QVERIFY(cell(1, CookieTableModel::ExpiresColumn) != QStringLiteral("Session"));
        jar.removeDomain(QStringLiteral("shop.test"));
        QCOMPARE(model.rowCount(), 2);
        jar.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void searchAddEditDelete()
    {
        CookieJar jar;
        fill(jar);
        CookiesDialog dialog(&jar);
        dialog.show();
        QCOMPARE(dialog.statusLabel()->text(), QStringLiteral("3 cookie(s)"));

        QTest::keyClicks(dialog.searchEdit(), QStringLiteral("EXAMPLE"));
        QCOMPARE(dialog.filter()->rowCount(), 2);
        QCOMPARE(dialog.statusLabel()->text(), QStringLiteral("2 of 3 cookie(s)"));
        dialog.setSearch(QStringLiteral("dark")); // values too
        QCOMPARE(dialog.filter()->rowCount(), 1);
        dialog.setSearch(QString());
        QCOMPARE(dialog.filter()->rowCount(), 3);

        // Add: the selected cookie's domain is offered.
        select(dialog, QStringLiteral("cart"));
        whenCookieDialogOpens([](CookieEditDialog *d) {
            QCOMPARE(d->domainEdit()->text(), QStringLiteral("shop.test"));
            QTest::keyClicks(d->nameEdit(), QStringLiteral("coupon"));
            QTest::keyClicks(d->valueEdit(), QStringLiteral("SAVE10"));
            d->sessionCheck()->setChecked(false);
            d->expiresEdit()->setDateTime(QDateTime::currentDateTime().addDays(2));
            d->sameSiteCombo()->setCurrentIndex(1); // Lax
        });
        QTest::mouseClick(button(&dialog, "addCookie"), Qt::LeftButton);
        QCOMPARE(jar.cookies().size(), 4);
        QCOMPARE(jar.cookieHeaderFor(QUrl(QStringLiteral("http://shop.test/"))),
                 QByteArray("cart=3; coupon=SAVE10"));
        QCOMPARE(jar.cookies().last().sameSite, SameSite::Lax);
        QVERIFY(!jar.cookies().last().isSession());

        // Edit: a new value, and the Domain attribute (subdomains too).
        select(dialog, QStringLiteral("cart"));
        whenCookieDialogOpens([](CookieEditDialog *d) {
            d->valueEdit()->clear();
            QTest::keyClicks(d->valueEdit(), QStringLiteral("7"));
            d->subdomainsCheck()->setChecked(true);
        });
        QTest::mouseClick(button(&dialog, "editCookie"), Qt::LeftButton);
        QCOMPARE(jar.cookieHeaderFor(QUrl(QStringLiteral("http://www.shop.test/"))),
                 QByteArray("cart=7"));
        QCOMPARE(jar.cookies().size(), 4);

        // Renaming makes another cookie: the old one goes.
        select(dialog, QStringLiteral("coupon"));
        whenCookieDialogOpens([](CookieEditDialog *d) {
            d->nameEdit()->clear();
            QTest::keyClicks(d->nameEdit(), QStringLiteral("voucher"));
        });
        QTest::mouseClick(button(&dialog, "editCookie"), Qt::LeftButton);
        QCOMPARE(rowOf(dialog, QStringLiteral("coupon")), -1);
        QVERIFY(rowOf(dialog, QStringLiteral("voucher")) >= 0);

        select(dialog, QStringLiteral("voucher"));
        QTest::mouseClick(button(&dialog, "deleteCookie"), Qt::LeftButton);
        QCOMPARE(jar.cookies().size(), 3);
        QVERIFY(!button(&dialog, "editCookie")->isEnabled()); // nothing selected any more

        // Clear a domain: its subdomains' cookies go too, others stay.
        QCOMPARE(dialog.clearDomain(QStringLiteral("example.com")), 2);
        QVERIFY(dialog.statusLabel()->text().contains(QLatin1String("Removed 2 cookie(s)")));
        QCOMPARE(jar.cookies().size(), 1);
        QCOMPARE(jar.cookies().first().name, QStringLiteral("cart"));
    }

    void cookiesTxtImportAndExport()
    {
        CookieJar jar;
        fill(jar);
        CookiesDialog dialog(&jar);
        dialog.show();
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("cookies.txt"));
        QSignalSpy exported(&dialog, &CookiesDialog::exported);
        dialog.exportFile(file);
        QVERIFY(exported.wait(10000));
        QCOMPARE(exported.first().at(1).toString(), QString());
        const Result<CookieList> written = readCookieFile(file);
        QVERIFY(written.ok());
        QCOMPARE(written->size(), 3);

        jar.clear();
        QCOMPARE(dialog.model()->rowCount(), 0);
        QSignalSpy imported(&dialog, &CookiesDialog::imported);
        dialog.importFile(file);
        QVERIFY(imported.wait(10000));
        QCOMPARE(imported.first().first().toInt(), 3);
        QCOMPARE(dialog.model()->rowCount(), 3);
        QVERIFY(dialog.statusLabel()->text().contains(QLatin1String("Imported 3 cookie(s)")));
        // Every attribute came back: pref's default path (/v1) and its domain, sid's Secure.
        QCOMPARE(jar.cookieHeaderFor(QUrl(QStringLiteral("https://api.example.com/v1/me"))),
                 QByteArray("pref=dark; sid=abc"));
        QCOMPARE(jar.cookieHeaderFor(QUrl(QStringLiteral("http://www.example.com/v1/"))),
                 QByteArray("pref=dark"));

        QSignalSpy failed(&dialog, &CookiesDialog::imported);
        dialog.importFile(dir.filePath(QStringLiteral("missing.txt")));
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().first().toInt(), 0);
        QVERIFY(dialog.statusLabel()->text().startsWith(QLatin1String("Nothing imported")));
    }
};

QTEST_MAIN(TestCookiesDialog)
#include "tst_cookiesdialog.moc"
