#pragma once

// libjq's headers have no C++ guards. Included only by core/query's .cpp files: nothing outside
// core/query sees a jv or a jq_state.
extern "C" {
#include <jq.h>
#include <jv.h>
}
