#pragma once

#include <QString>
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

// OpenAPI / Swagger descriptions (specimport.cpp): a URL, or a file that is one.
bool isSpecSource(const QString &source);
// Imports into the workspace `into`, or with `updateCollection` syncs that collection.
int runSpecImport(const QString &source, const QString &into, const QString &updateCollection,
                  bool dryRun);

} // namespace Patchbay::Cli
