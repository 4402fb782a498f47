#include "app/cli/commands.h"
// placeholder
int Patchbay::Cli::runSandbox(const QStringList &)
{
    return 3;
}
