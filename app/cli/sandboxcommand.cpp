#include "app/cli/commands.h"

#include "core/sandbox/sandboxserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

constexpr quint16 defaultPort = 3000;

// Self-pipe: the signal handler only writes a byte; the event loop does the shutdown.
int signalFds[2] = {-1, -1};

extern "C" void handleStopSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalFds[1], &byte, 1);
}

// Installs SIGINT/SIGTERM handlers for its lifetime and restores the previous ones after.
class StopSignals
{
public:
    StopSignals()
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalFds) != 0)
            return;
        struct sigaction action = {};
        action.sa_handler = handleStopSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGINT, &action, &m_oldInt);
        sigaction(SIGTERM, &action, &m_oldTerm);
        m_installed = true;
    }
    ~StopSignals()
    {
        if (!m_installed)
            return;
        sigaction(SIGINT, &m_oldInt, nullptr);
        sigaction(SIGTERM, &m_oldTerm, nullptr);
        ::close(signalFds[0]);
        ::close(signalFds[1]);
        signalFds[0] = signalFds[1] = -1;
    }
    StopSignals(const StopSignals &) = delete;
    StopSignals &operator=(const StopSignals &) = delete;

    bool isInstalled() const { return m_installed; }
    int readFd() const { return signalFds[0]; }

private:
    struct sigaction m_oldInt = {};
    struct sigaction m_oldTerm = {};
    bool m_installed = false;
};

} // namespace

int Patchbay::Cli::runSandbox(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Runs the built-in sandbox API (users, posts, todos with PUT/PATCH/ETag "
                       "semantics, plus httpbin-like helpers) until Ctrl+C or SIGTERM."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    const QCommandLineOption portOption(
        {QStringLiteral("p"), QStringLiteral("port")},
        QStringLiteral("Port to listen on; 0 picks a free one (default %1).").arg(defaultPort),
        QStringLiteral("port"), QString::number(defaultPort));
    const QCommandLineOption hostOption(QStringLiteral("host"),
                                        QStringLiteral("Address to listen on (default 127.0.0.1)."),
                                        QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption remoteOption(
        QStringLiteral("allow-remote"),
        QStringLiteral(
            "Allow a non-loopback --host: anyone who can reach it can change the data."));
    parser.addOption(helpOption);
    parser.addOption(portOption);
    parser.addOption(hostOption);
    parser.addOption(remoteOption);

    if (!parser.parse(args)) {
        err << "patchbay-cli sandbox: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(helpOption)) {
        out << parser.helpText();
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err << "patchbay-cli sandbox: unexpected argument '" << parser.positionalArguments().first()
            << "'\n";
        return 2;
    }

    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        err << "patchbay-cli sandbox: --port must be a number from 0 to 65535, not '"
            << parser.value(portOption) << "'\n";
        return 2;
    }
    const QString hostText = parser.value(hostOption);
    QHostAddress host = hostText == QLatin1String("localhost")
        ? QHostAddress(QHostAddress::LocalHost)
        : QHostAddress(hostText);
    if (host.isNull()) {
        err << "patchbay-cli sandbox: --host '" << hostText
            << "' is not an IP address (try 127.0.0.1)\n";
        return 2;
    }
    if (!host.isLoopback() && !parser.isSet(remoteOption)) {
        err << "patchbay-cli sandbox: refusing to listen on " << hostText
            << ": it is not a loopback address and the sandbox has no authentication. Add "
               "--allow-remote if you really want that.\n";
        return 2;
    }

    StopSignals stopSignals;
    if (!stopSignals.isInstalled()) {
        err << "patchbay-cli sandbox: cannot set up signal handling\n";
        return 1;
    }

    Core::SandboxServer server;
    const Core::Result<quint16> started = server.start(quint16(port), host);
    if (!started.ok()) {
        err << "patchbay-cli sandbox: " << started.error().message << '\n';
        return 1;
    }
    out << "Sandbox API listening on " << server.baseUrl().toString() << '\n';
    out << "Press Ctrl+C to stop. POST /__reset restores the seed data.\n";
    out.flush();

    QSocketNotifier notifier(stopSignals.readFd(), QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &server, [&] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(stopSignals.readFd(), &byte, 1);
        notifier.setEnabled(false);
        server.stop();
        QCoreApplication::exit(0);
    });
    const int code = QCoreApplication::exec();
    out << "Sandbox stopped.\n";
    out.flush();
    return code;
}
