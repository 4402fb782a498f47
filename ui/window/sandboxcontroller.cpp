#include "ui/window/sandboxcontroller.h"

#include "core/sandbox/sandboxserver.h"

#include <QAction>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QThread>

#include <optional>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

namespace {

// The port `patchbay-cli sandbox` uses by default, so that both give the same addresses.
constexpr quint16 PreferredSandboxPort = 3000;

const QLatin1String keyRunning("sandbox/running");

} // namespace

SandboxController::SandboxController(QWidget *window, QStatusBar *status, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_status(new QLabel(status)) // owned by the status bar
{
    status->addPermanentWidget(m_status);
}

SandboxController::~SandboxController()
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
    }
}

void SandboxController::setToggleAction(QAction *action)
{
    m_toggle = action;
    connect(action, &QAction::toggled, this, [this](bool on) {
        if (on)
            start();
        else
            stop();
    });
}

void SandboxController::start()
{
    if (m_server)
        return;
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("sandbox"));
    auto *server = new SandboxServer; // owned by m_thread: deleted when it finishes
    server->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, server, &QObject::deleteLater);
    m_thread->start();

    // Binding a loopback port takes microseconds: waiting for it keeps the state simple.
    // The usual port when it is free, else any free one: {{$sandboxUrl}} follows it.
    std::optional<Result<quint16>> started;
    QMetaObject::invokeMethod(
        server,
        [server, &started] {
            started = server->start(PreferredSandboxPort);
            if (!started->ok())
                started = server->start(0);
        },
        Qt::BlockingQueuedConnection);
    if (!started || !started->ok()) {
        const QString message = started ? started->error().message : tr("unknown error");
        m_thread->quit();
        m_thread->wait();
        m_thread.reset();
        QMessageBox::warning(m_window, tr("Sandbox API"),
                             tr("The sandbox API could not start: %1").arg(message));
    } else {
        m_server = server;
        m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(started->value()));
    }
    updateStatus();
}

void SandboxController::stop()
{
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
    m_server = nullptr;
    m_url.clear();
    updateStatus();
}

QUrl SandboxController::ensureRunning()
{
    start();
    return m_url;
}

void SandboxController::rememberForNextStart() const
{
    QSettings().setValue(keyRunning, isRunning());
}

void SandboxController::restoreFromLastSession()
{
    if (QSettings().value(keyRunning, false).toBool())
        start();
}

void SandboxController::updateStatus()
{
    const bool running = isRunning();
    m_status->setText(running ? tr("Sandbox API: %1").arg(m_url.toString())
                              : tr("Sandbox API: off"));
    m_status->setToolTip(running ? tr("The built-in API is serving on this computer. "
                                      "Tools \u2192 Sandbox API stops it.")
                                 : tr("Tools \u2192 Sandbox API starts the built-in API."));
    if (m_toggle) {
        const QSignalBlocker blocker(m_toggle);
        m_toggle->setChecked(running);
    }
    emit stateChanged(running);
}

} // namespace Patchbay::Ui
