#pragma once

namespace Patchbay::Core {

// Makes the calling thread yield to the others of the process (and of the machine) when cores
// are scarce: on Linux its nice value becomes at least `niceness` (threads have their own). A
// thread cannot get its priority back without privileges, so call it only on threads that do
// background work for good (a pool of their own). Elsewhere it does nothing.
void lowerCurrentThreadPriority(int niceness);

} // namespace Patchbay::Core
