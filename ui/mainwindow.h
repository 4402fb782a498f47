#pragma once

#include <QMainWindow>

namespace Patchbay::Ui {

// The application window: sidebar | request | response.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;
};

} // namespace Patchbay::Ui
