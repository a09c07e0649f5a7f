#pragma once
/// The layer check: reads every #include "..." under `root`/src and reports each one that
/// the table in src/layers.txt does not allow, as `src/<file>:<line>: message`.

#include <filesystem>

#include "common/diagnostic.h"

namespace cultivate::testing {

/// Every include under `root`/src that breaks the table; a problem with the table itself
/// (unreadable, a folder missing from it) is reported too.
Diagnostics CheckLayers(const std::filesystem::path& root);

}  // namespace cultivate::testing
