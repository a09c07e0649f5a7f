// Open and Migrate: from a spec to a Store. See store.h for the spec syntax.

#include "store/store.h"

#include <filesystem>
#include <string_view>

#include "store/memory/memory_store.h"
#include "store/sqlite/sqlite_store.h"
#if CULTIVATE_HAVE_POSTGRES
#include "store/postgres/postgres_store.h"
#endif

namespace cultivate::store {
namespace {

struct Spec {
  enum class Kind { kMemory, kSqlite, kPostgres } kind;
  std::string path;  // kSqlite: the database file; kPostgres: the libpq URI
};

Result<Spec> ParseSpec(const std::string& spec) {
  std::string_view s = spec;
  if (s == "memory:") return Spec{Spec::Kind::kMemory, ""};
  if (s.starts_with("postgresql://") || s.starts_with("postgres://"))
    return Spec{Spec::Kind::kPostgres, spec};
  if (s.starts_with("sqlite:")) s.remove_prefix(std::string_view("sqlite:").size());
  if (s.empty()) return Fail(Error::Invalid("store spec '" + spec + "' names no database file"));
  if (s == ":memory:" || s.starts_with("file:")) {
    return Fail(Error::Invalid("store spec '" + spec +
                               "': give a file path, or `memory:` for the in-memory store"));
  }
  return Spec{Spec::Kind::kSqlite, std::string(s)};
}

// Either store just opened: migrated when asked, else refused unless its schema is current.
template <typename S>
Result<std::unique_ptr<Store>> MigratedOrCurrent(Result<std::unique_ptr<S>> store, bool migrate) {
  if (!store) return Fail(store.error());
  if (migrate) {
    if (auto applied = (*store)->Migrate(); !applied) return Fail(applied.error());
  } else if (auto current = (*store)->CheckSchema(); !current) {
    return Fail(current.error());
  }
  return std::unique_ptr<Store>(std::move(*store));
}

#if CULTIVATE_HAVE_POSTGRES
Result<std::unique_ptr<Store>> OpenPostgres(const std::string& spec, bool migrate) {
  return MigratedOrCurrent(PostgresStore::Open(spec), migrate);
}

Result<std::vector<std::string>> MigratePostgres(const std::string& spec) {
  auto store = PostgresStore::Open(spec);
  if (!store) return Fail(store.error());
  return (*store)->Migrate();
}
#else
// The spec is not repeated: it may hold a password.
Error NoPostgres() {
  return Error::Invalid("a postgresql:// store spec: this build of cultivate has no PostgreSQL "
                        "support (it was built without libpqxx)");
}

Result<std::unique_ptr<Store>> OpenPostgres(const std::string&, bool) {
  return Fail(NoPostgres());
}

Result<std::vector<std::string>> MigratePostgres(const std::string&) { return Fail(NoPostgres()); }
#endif

}  // namespace

std::string DisplaySpec(const std::string& spec) {
  std::string out = spec;
  // postgresql://user:password@host/...: the password sits between the first ':' after the
  // scheme and the '@' that ends the user info.
  if (auto scheme = out.find("://"); scheme != std::string::npos) {
    auto start = scheme + 3;
    auto at = out.find('@', start);
    auto slash = out.find('/', start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      auto colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // ...?password=secret&... or password=secret in a key=value string.
  for (std::size_t pos = out.find("password="); pos != std::string::npos;
       pos = out.find("password=", pos + 1)) {
    auto value = pos + std::string_view("password=").size();
    auto end = out.find_first_of("& ", value);
    out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
  }
  return out;
}

Result<std::unique_ptr<Store>> Open(const std::string& spec, bool migrate) {
  auto parsed = ParseSpec(spec);
  if (!parsed) return Fail(parsed.error());
  switch (parsed->kind) {
    case Spec::Kind::kMemory:
      return std::make_unique<MemoryStore>();
    case Spec::Kind::kPostgres:
      return OpenPostgres(parsed->path, migrate);
    case Spec::Kind::kSqlite:
      break;
  }
  const std::string& path = parsed->path;
  std::error_code ec;
  if (!migrate && !std::filesystem::exists(path, ec) && !ec) {
    return Fail(
        Error::Unavailable("no database at " + path + ": run `cultivate migrate` to create it"));
  }
  return MigratedOrCurrent(SqliteStore::Open(path, {.create = migrate}), migrate);
}

Result<std::vector<std::string>> Migrate(const std::string& spec) {
  auto parsed = ParseSpec(spec);
  if (!parsed) return Fail(parsed.error());
  switch (parsed->kind) {
    case Spec::Kind::kMemory:
      return std::vector<std::string>();  // nothing persists, so there is no schema
    case Spec::Kind::kPostgres:
      return MigratePostgres(parsed->path);
    case Spec::Kind::kSqlite:
      break;
  }
  auto store = SqliteStore::Open(parsed->path, {.create = true});
  if (!store) return Fail(store.error());
  return (*store)->Migrate();
}

}  // namespace cultivate::store
