#include "ui/mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Patchbay"));
    QApplication::setOrganizationName(QStringLiteral("Patchbay"));
    QApplication::setApplicationVersion(QStringLiteral(PATCHBAY_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.patchbay.Patchbay"));

    Patchbay::Ui::MainWindow window;
    window.show();
    return app.exec();
}
