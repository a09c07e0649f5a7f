// Open and Migrate: from a spec to a Store. See store.h for the spec syntax.

#include "store/store.h"

#include <filesystem>
#include <string_view>

#include "store/memory/memory_store.h"
#include "store/sqlite/sqlite_store.h"

namespace cultivate::store {
namespace {

struct Spec {
  enum class Kind { kMemory, kSqlite, kPostgres } kind;
  std::string path;  // kSqlite: the database file
};

Result<Spec> ParseSpec(const std::string& spec) {
  std::string_view s = spec;
  if (s == "memory:") return Spec{Spec::Kind::kMemory, ""};
  if (s.starts_with("postgresql://") || s.starts_with("postgres://"))
    return Spec{Spec::Kind::kPostgres, ""};
  if (s.starts_with("sqlite:")) s.remove_prefix(std::string_view("sqlite:").size());
  if (s.empty()) return Fail(Error::Invalid("store spec '" + spec + "' names no database file"));
  if (s == ":memory:" || s.starts_with("file:")) {
    return Fail(Error::Invalid("store spec '" + spec +
                               "': give a file path, or `memory:` for the in-memory store"));
  }
  return Spec{Spec::Kind::kSqlite, std::string(s)};
}

Error NoPostgres(const std::string& spec) {
  return Error::Invalid("store spec '" + spec +
                        "': PostgreSQL is not supported by this build of cultivate yet");
}

}  // namespace

Result<std::unique_ptr<Store>> Open(const std::string& spec, bool migrate) {
  auto parsed = ParseSpec(spec);
  if (!parsed) return Fail(parsed.error());
  switch (parsed->kind) {
    case Spec::Kind::kMemory:
      return std::make_unique<MemoryStore>();
    case Spec::Kind::kPostgres:
      return Fail(NoPostgres(spec));
    case Spec::Kind::kSqlite:
      break;
  }
  const std::string& path = parsed->path;
  std::error_code ec;
  if (!migrate && !std::filesystem::exists(path, ec) && !ec) {
    return Fail(
        Error::Unavailable("no database at " + path + ": run `cultivate migrate` to create it"));
  }
  auto store = SqliteStore::Open(path, {.create = migrate});
  if (!store) return Fail(store.error());
  if (migrate) {
    if (auto applied = (*store)->Migrate(); !applied) return Fail(applied.error());
  } else if (auto current = (*store)->CheckSchema(); !current) {
    return Fail(current.error());
  }
  return std::unique_ptr<Store>(std::move(*store));
}

Result<std::vector<std::string>> Migrate(const std::string& spec) {
  auto parsed = ParseSpec(spec);
  if (!parsed) return Fail(parsed.error());
  switch (parsed->kind) {
    case Spec::Kind::kMemory:
      return std::vector<std::string>();  // nothing persists, so there is no schema
    case Spec::Kind::kPostgres:
      return Fail(NoPostgres(spec));
    case Spec::Kind::kSqlite:
      break;
  }
  auto store = SqliteStore::Open(parsed->path, {.create = true});
  if (!store) return Fail(store.error());
  return (*store)->Migrate();
}

}  // namespace cultivate::store
