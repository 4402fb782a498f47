#include "app/gui/networkscreenshots.h"

#include "core/network/workspacenetwork.h"
#include "ui/mainwindow.h"
#include "ui/network/cookiesdialog.h"
#include "ui/network/networkcontroller.h"
#include "ui/request/requesteditor.h"
#include "ui/response/responseviewer.h"
#include "ui/tabs/requesttab.h"

#include <QApplication>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

#include <cstdio>

namespace {

using Patchbay::Ui::MainWindow;

bool save(QWidget *widget, const QString &path)
{
    const bool ok = widget->grab().save(path);
    std::fprintf(stderr, ok ? "saved %s\n" : "could not save %s\n", qPrintable(path));
    return ok;
}

void saveCookies(MainWindow &window, const QString &path)
{
    Patchbay::Ui::CookiesDialog *dialog = window.networkController()->showCookies();
    dialog->resize(1100, 460);
    dialog->table()->selectRow(1);
    QTimer::singleShot(500, dialog,
                       [dialog, path] { QApplication::exit(save(dialog, path) ? 0 : 1); });
}

} // namespace

void scheduleNetworkScreenshots(MainWindow &window, const QUrl &tlsUrl, const QString &tlsPath,
                                const QString &cookiesPath)
{
    Patchbay::Core::WorkspaceNetwork *network = window.networkController()->workspaceNetwork();
    const auto send = [&window, tlsUrl, tlsPath, cookiesPath] {
        if (tlsPath.isEmpty()) {
            saveCookies(window, cookiesPath);
            return;
        }
        QObject::connect(&window, &MainWindow::exchangeFinished, &window,
                         [&window, tlsPath, cookiesPath] {
                             window.responseViewer()->tabs()->setCurrentIndex(
                                 Patchbay::Ui::ResponseViewer::TlsTab);
                             QTimer::singleShot(800, &window, [&window, tlsPath, cookiesPath] {
                                 if (!save(&window, tlsPath) || cookiesPath.isEmpty())
                                     QApplication::exit(cookiesPath.isEmpty() ? 0 : 1);
                                 else
                                     saveCookies(window, cookiesPath);
                             });
                         });
        Patchbay::Core::Request request;
        request.url = tlsUrl.toString();
        Patchbay::Ui::RequestTab *tab = window.currentTab();
        tab->openUnsaved(request);
        window.sendTab(tab);
    };
    if (network->isLoading())
        QObject::connect(network, &Patchbay::Core::WorkspaceNetwork::loaded, &window, send,
                         Qt::SingleShotConnection);
    else
        QTimer::singleShot(300, &window, send);
}
