#include "app/cli/commands.h"
// placeholder
int Patchbay::Cli::runPatch(const QStringList &)
{
    return 3;
}
