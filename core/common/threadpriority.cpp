#include "core/common/threadpriority.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace Patchbay::Core {

void lowerCurrentThreadPriority(int niceness)
{
#ifdef Q_OS_LINUX
    // PRIO_PROCESS with a thread id sets that thread's nice value only (setpriority(2), NOTES).
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, tid);
    if (errno == 0 && current < niceness)
        ::setpriority(PRIO_PROCESS, tid, qMin(niceness, 19));
#else
    Q_UNUSED(niceness);
#endif
}

} // namespace Patchbay::Core
