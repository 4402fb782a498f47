#pragma once

#include <QStringList>

// Each subcommand of patchbay-cli: receives its own arguments (after the subcommand name),
// returns the process exit code. They run inside the QCoreApplication created by main().
namespace Patchbay::Cli {

int runSend(const QStringList &args);
int runSandbox(const QStringList &args);
int runPatch(const QStringList &args);
int runImport(const QStringList &args);
int runExport(const QStringList &args);
int runCodegen(const QStringList &args);
int runRun(const QStringList &args);
int runWs(const QStringList &args);

} // namespace Patchbay::Cli
