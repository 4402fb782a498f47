#pragma once

// The `auth` section of request, folder and collection files (docs/FORMAT.md#auth): written by
// collectionformat.cpp's writers, read by its readers, on either YAML reader.

#include "core/collections/canonicalyaml.h"
#include "core/collections/yamlwriter.h"
#include "core/http/request.h"

#include <yaml-cpp/yaml.h>

namespace Patchbay::Core::CollectionYaml {

// Nothing when `auth` is the default (inherit, no settings).
void writeAuth(YamlWriter &w, int column, const Auth &auth);
// The `auth` mapping of `map`, or the default; throws FormatError (yamlreading.h).
template<typename Node> Auth readAuth(const Node &map);
extern template Auth readAuth<YAML::Node>(const YAML::Node &map);
extern template Auth readAuth<CanonicalNode>(const CanonicalNode &map);

} // namespace Patchbay::Core::CollectionYaml
