#pragma once
/// Applying and inspecting migrations on one SQLite connection. Throws SQLite::Exception;
/// SqliteStore catches it at the boundary.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "common/clock.h"
#include "store/migrations.h"

namespace cultivate::store {

/// Versions recorded in schema_migrations, ascending; empty when the table does not exist.
std::vector<int> AppliedVersions(SQLite::Database& db);

/// Applies each migration not yet recorded, in order, each in its own BEGIN IMMEDIATE
/// transaction together with its schema_migrations row (applied_at from `clock`), so two
/// processes migrating at once apply each migration once. Returns the names applied.
std::vector<std::string> ApplyMigrations(SQLite::Database& db,
                                         std::span<const Migration> migrations, const Clock& clock);

}  // namespace cultivate::store
