#pragma once
/// The schema migrations, compiled into the binary so the server needs no SQL files at run
/// time. migrations/<dialect>/NNNN_name.sql are their only copy: the build embeds them.

#include <span>
#include <string_view>

namespace cultivate::store {

struct Migration {
  int version;            // NNNN, ascending from 1 without gaps
  std::string_view name;  // file stem, e.g. "0001_init"; recorded in schema_migrations
  std::string_view sql;   // one or more statements, run in one transaction
};

/// The SQLite migrations, ascending by version.
std::span<const Migration> SqliteMigrations();
/// The PostgreSQL migrations, ascending by version: the same names as SqliteMigrations(), one
/// to one, each the same change in PostgreSQL's dialect.
std::span<const Migration> PostgresMigrations();

}  // namespace cultivate::store
