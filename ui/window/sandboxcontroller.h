#pragma once

#include <QObject>
#include <QUrl>

#include <memory>

class QAction;
class QLabel;
class QStatusBar;
class QThread;
class QWidget;

namespace Patchbay::Core {
class SandboxServer;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

// The built-in sandbox API as the window runs it: on its own thread (large sandbox responses
// never stall the UI), its address in the status bar, and the Tools → Sandbox API toggle.
class SandboxController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxController)

public:
    // Adds its label to `status`; a failed start is shown over `window`. Both not owned.
    SandboxController(QWidget *window, QStatusBar *status, QObject *parent = nullptr);
    ~SandboxController() override; // stops the server without touching the UI

    bool isRunning() const { return m_server != nullptr; }
    QUrl url() const { return m_url; }
    // Starting binds the usual port (3000) or any free one; a failure is shown in a message box.
    void start();
    void stop();
    // Starts it when it is not running: its address, or empty when it could not start. What
    // {{$sandboxUrl}} stands for in requests and runs.
    QUrl ensureRunning();
    // At a clean quit: whether it runs, so that the next start starts it again.
    void rememberForNextStart() const;
    // At start: starts it again when it was running at the last quit.
    void restoreFromLastSession();
    // The checkable action that starts and stops the sandbox and shows whether it runs.
    void setToggleAction(QAction *action); // not owned
    // Refreshes the label and the action, and emits stateChanged().
    void updateStatus();

signals:
    void stateChanged(bool running);

private:
    QWidget *m_window; // not owned
    QLabel *m_status; // owned by the status bar
    QAction *m_toggle = nullptr; // not owned
    std::unique_ptr<QThread> m_thread; // owned
    Core::SandboxServer *m_server = nullptr; // owned: lives on m_thread, deleted with it
    QUrl m_url;
};

} // namespace Patchbay::Ui
