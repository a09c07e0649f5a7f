#pragma once
/// `cultivate backup --db cultivate.db --to FILE`: a consistent copy of a live SQLite store,
/// through SQLite's online backup API. The copy is one snapshot: every save committed before
/// it began is in it, and saves go on meanwhile (WAL readers do not block writers).

#include <string>

#include "common/error.h"

namespace cultivate::store {

/// kInvalid when `to` exists already (a backup never overwrites) or `from` is no SQLite
/// store; kUnavailable when either file cannot be used; kInternal when the copy fails its
/// integrity check (the copy is then removed).
Status BackupSqlite(const std::string& from, const std::string& to);

}  // namespace cultivate::store
