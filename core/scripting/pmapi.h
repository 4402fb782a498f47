#pragma once

#include <QString>

namespace Patchbay::Core {

// The JavaScript half of the Postman sandbox (pm, chai's expect, console, legacy globals). It
// evaluates to a function (globalObject, bridge) -> { begin(info), call(fn), finish() }, where
// the bridge is the ScriptRunner's QObject. Kept apart from scriptrunner.cpp because moc cannot
// read raw string literals.
QString pmApiScript();

} // namespace Patchbay::Core
