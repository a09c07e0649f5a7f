// The migrations, compiled in at build time: CMakeLists.txt turns each
// migrations/<dialect>/NNNN_name.sql into an entry of the generated <dialect>_migrations.inc,
// so the .sql files are the only copy. migrations_test.cc checks the names and the versions.

#include "store/migrations.h"

#include <array>

namespace cultivate::store {
namespace {

constexpr std::array kSqlite = {
#include "store/sqlite_migrations.inc"
};

constexpr std::array kPostgres = {
#include "store/postgresql_migrations.inc"
};

}  // namespace

std::span<const Migration> SqliteMigrations() { return kSqlite; }
std::span<const Migration> PostgresMigrations() { return kPostgres; }

}  // namespace cultivate::store
