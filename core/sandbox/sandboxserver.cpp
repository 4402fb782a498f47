// placeholder, replaced by the real implementation
#include "core/sandbox/sandboxserver.h"
