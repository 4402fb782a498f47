#pragma once

#include "core/common/result.h"
#include "core/openapi/speclimits.h"

#include <QByteArrayView>

#include <string>

namespace Patchbay::Core {

// Turns the first document of a YAML 1.2 stream into compact JSON text with the same meaning
// (core schema: plain null/true/false/numbers are typed, everything else is a string; mapping
// keys are always strings). Aliases are expanded, within `limits`. The text is what an API
// description needs; YAML-only features (tags other than the core ones, complex keys, merge
// keys) are written as their plain meaning or fail with a message naming the line.
// Errors: "yaml-syntax" with line and column, "yaml-too-large", "yaml-too-deep".
Result<std::string> yamlToJson(QByteArrayView yaml, const SpecLimits &limits = {});

} // namespace Patchbay::Core
