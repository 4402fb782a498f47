#include "app/cli/commands.h"
// placeholder
int Patchbay::Cli::runSend(const QStringList &)
{
    return 3;
}
