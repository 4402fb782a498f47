#include "ui/mainwindow.h"

#include <QLabel>

namespace Patchbay::Ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Patchbay"));
    auto *placeholder = new QLabel(tr("Patchbay"), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    resize(1200, 800);
}

MainWindow::~MainWindow() = default;

} // namespace Patchbay::Ui
