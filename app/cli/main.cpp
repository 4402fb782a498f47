#include "app/cli/commands.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <functional>

namespace {

struct Command
{
    const char *name;
    const char *summary;
    std::function<int(const QStringList &)> run;
};

const Command commands[] = {
    {"send", "send one HTTP request and print the response", Patchbay::Cli::runSend},
    {"ws", "connect to a WebSocket server, send messages, print what comes back",
     Patchbay::Cli::runWs},
    {"run", "run a collection's requests and check their tests (CI-friendly reports)",
     Patchbay::Cli::runRun},
    {"sandbox", "run the built-in sandbox API on 127.0.0.1 until interrupted",
     Patchbay::Cli::runSandbox},
    {"patch", "diff two JSON documents or apply a JSON Patch / merge patch",
     Patchbay::Cli::runPatch},
    {"import", "import a Postman, Insomnia, Bruno, .http, curl or OpenAPI file into a workspace",
     Patchbay::Cli::runImport},
    {"export", "export a collection as a Postman collection or an .http file",
     Patchbay::Cli::runExport},
    {"codegen", "print code (Python, curl, HTTPie, fetch, Qt) that sends a saved request",
     Patchbay::Cli::runCodegen},
};

void printUsage(FILE *stream)
{
    QTextStream out(stream);
    out << "Usage: patchbay-cli COMMAND [OPTIONS]\n\nCommands:\n";
    for (const Command &c : commands)
        out << "  " << QString::fromLatin1(c.name).leftJustified(10) << c.summary << '\n';
    out << "\nRun 'patchbay-cli COMMAND --help' for the options of a command.\n";
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("patchbay-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PATCHBAY_VERSION));

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args.at(1) == QLatin1String("--help")
        || args.at(1) == QLatin1String("-h")) {
        printUsage(args.size() < 2 ? stderr : stdout);
        return args.size() < 2 ? 2 : 0;
    }
    if (args.at(1) == QLatin1String("--version")) {
        QTextStream(stdout) << "patchbay-cli " << PATCHBAY_VERSION << '\n';
        return 0;
    }
    const QString name = args.at(1);
    for (const Command &c : commands) {
        if (name == QLatin1String(c.name)) {
            // The subcommand sees "patchbay-cli NAME" as its program name.
            QStringList rest = args.mid(2);
            rest.prepend(args.at(0) + u' ' + name);
            return c.run(rest);
        }
    }
    QTextStream(stderr) << "patchbay-cli: unknown command '" << name << "'\n\n";
    printUsage(stderr);
    return 2;
}
