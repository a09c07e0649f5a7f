#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <utility>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/migrations.h"
#include "store/sqlite/plan_rows.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/sqlite_error.h"
#include "store/sqlite/transaction.h"
#include "store/validation.h"

namespace cultivate::store {
namespace {

// Set when the database has migrations this build does not know: it must not touch it.
std::optional<Error> NewerThanKnown(const std::string& path, const std::vector<int>& applied) {
  int known = SqliteMigrations().back().version;
  if (applied.empty() || applied.back() <= known) return std::nullopt;
  return Error::Unavailable("database " + path + " has schema version " +
                            std::to_string(applied.back()) + ", newer than this cultivate knows (" +
                            std::to_string(known) + "): upgrade cultivate");
}

Error NoResponse(Id id) { return Error::NotFound("no response " + std::to_string(id)); }

bool ResponseExists(sqlite::Connection& db, Id id) {
  auto query_use = db.Cached("SELECT 1 FROM responses WHERE id = ?");
  SQLite::Statement& query = *query_use;
  query.bind(1, id);
  return query.executeStep();
}

// Touches a response's updated_at and bumps its revision and its round's (so cached results
// of either are known stale), inside the write's transaction. kNotFound when there is no
// such response; kConflict when its round is closed: checked here, in the same transaction
// as the write, so a save can never land in a round after it closed.
Status Touch(sqlite::Connection& db, Id id, std::int64_t now) {
  auto round_use = db.Cached(
      "SELECT s.round_id, r.closed_at FROM responses s LEFT JOIN rounds r "
      "ON r.id = s.round_id WHERE s.id = ?");
  SQLite::Statement& round = *round_use;
  round.bind(1, id);
  if (!round.executeStep()) return Fail(NoResponse(id));
  if (!round.getColumn(1).isNull()) return Fail(Error::Conflict("the response's round is closed"));
  bool in_round = !round.getColumn(0).isNull();
  Id round_id = in_round ? round.getColumn(0).getInt64() : 0;
  round.reset();
  auto touch_use =
      db.Cached("UPDATE responses SET updated_at = ?, revision = revision + 1 WHERE id = ?");
  SQLite::Statement& touch = *touch_use;
  touch.bind(1, now);
  touch.bind(2, id);
  touch.exec();
  if (in_round) {
    auto bump_use = db.Cached("UPDATE rounds SET revision = revision + 1 WHERE id = ?");
    SQLite::Statement& bump = *bump_use;
    bump.bind(1, round_id);
    bump.exec();
  }
  return {};
}

constexpr const char* kSelectResponse =
    "SELECT id, token_hash, name, phases, bank_version, round_id, created_at, updated_at, "
    "revision, by_coordinator, user_id "
    "FROM responses WHERE ";

Result<Response> ReadResponse(SQLite::Statement& query, const std::string& missing) {
  if (!query.executeStep()) return Fail(Error::NotFound(missing));
  Response r;
  r.id = query.getColumn(0).getInt64();
  r.token_hash = query.getColumn(1).getString();
  r.name = query.getColumn(2).getString();
  r.phases = SplitPhases(query.getColumn(3).getString());
  r.bank_version = query.getColumn(4).getString();
  if (!query.getColumn(5).isNull()) r.round_id = query.getColumn(5).getInt64();
  r.created_at = query.getColumn(6).getInt64();
  r.updated_at = query.getColumn(7).getInt64();
  r.revision = query.getColumn(8).getInt64();
  r.by_coordinator = query.getColumn(9).getInt() != 0;
  if (!query.getColumn(10).isNull()) r.user_id = query.getColumn(10).getInt64();
  return r;
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path, SqliteOptions options)
    : clock_(std::move(options.clock)),
      pool_(path, options.create, options.busy_timeout_ms, options.in_memory) {}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       SqliteOptions options) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path, std::move(options)));
  auto ok = Guarded("open " + path, [&]() -> Status {
    store->pool_.Acquire();  // fails here rather than on the first request
    return {};
  });
  if (!ok) return Fail(ok.error());
  return store;
}

Result<std::vector<std::string>> SqliteStore::Migrate() {
  return Guarded("migrate " + pool_.path(), [&]() -> Result<std::vector<std::string>> {
    auto db = pool_.Acquire();
    if (auto newer = NewerThanKnown(pool_.path(), AppliedVersions(*db))) return Fail(*newer);
    return ApplyMigrations(*db, SqliteMigrations(), clock_);
  });
}

Status SqliteStore::CheckSchema() {
  return Read("check schema", [&](sqlite::Connection& db) -> Status {
    auto applied = AppliedVersions(db);
    if (auto newer = NewerThanKnown(pool_.path(), applied)) return Fail(*newer);
    std::string pending;
    for (const auto& migration : SqliteMigrations()) {
      if (std::binary_search(applied.begin(), applied.end(), migration.version)) continue;
      pending += (pending.empty() ? "" : ", ") + std::string(migration.name);
    }
    if (pending.empty()) return {};
    return Fail(Error::Unavailable("database " + pool_.path() + " is not migrated (pending: " +
                                   pending + "): run `cultivate migrate` first"));
  });
}

Status SqliteStore::Ping() {
  return Guarded("ping", [&]() -> Status {
    auto db = pool_.Acquire();
    db->execAndGet("SELECT 1");
    return {};
  });
}

Result<Id> SqliteStore::CreateResponse(const Response& response) {
  if (auto ok = CheckPhases(response.phases); !ok) return Fail(ok.error());
  return Write("create response", [&](sqlite::Connection& db) -> Result<Id> {
    auto insert_use = db.Cached(
        "INSERT INTO responses (token_hash, name, phases, bank_version, round_id, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& insert = *insert_use;
    std::int64_t now = clock_();
    insert.bind(1, response.token_hash);
    insert.bind(2, response.name);
    insert.bind(3, JoinPhases(response.phases));
    insert.bind(4, response.bank_version);
    if (response.round_id) insert.bind(5, *response.round_id);
    insert.bind(6, now);
    insert.bind(7, now);
    insert.exec();
    return db.getLastInsertRowid();
  });
}

Result<Response> SqliteStore::FindResponseByTokenHash(const std::string& token_hash) {
  return Read("find response", [&](sqlite::Connection& db) {
    auto query_use = db.Cached(std::string(kSelectResponse) + "token_hash = ?");
    SQLite::Statement& query = *query_use;
    query.bind(1, token_hash);
    return ReadResponse(query, "no response with this token hash");
  });
}

Result<Response> SqliteStore::FindResponse(Id id) {
  return Read("find response", [&](sqlite::Connection& db) {
    auto query_use = db.Cached(std::string(kSelectResponse) + "id = ?");
    SQLite::Statement& query = *query_use;
    query.bind(1, id);
    return ReadResponse(query, "no response " + std::to_string(id));
  });
}

Result<Response> SqliteStore::UserResponse(Id round, Id user) {
  return Read("find the user's response", [&](sqlite::Connection& db) {
    auto query_use = db.Cached(std::string(kSelectResponse) +
                               "round_id = ? AND user_id = ? ORDER BY id LIMIT 1");
    SQLite::Statement& query = *query_use;
    query.bind(1, round);
    query.bind(2, user);
    return ReadResponse(query, "no response of this user in this round");
  });
}

Status SqliteStore::ReplaceResponseToken(Id response, const std::string& token_hash) {
  return Write("replace response token", [&](sqlite::Connection& db) -> Status {
    auto update_use = db.Cached("UPDATE responses SET token_hash = ? WHERE id = ?");
    SQLite::Statement& update = *update_use;
    update.bind(1, token_hash);
    update.bind(2, response);
    if (update.exec() == 0) return Fail(NoResponse(response));
    return {};
  });
}

Status SqliteStore::UpdateResponse(const Response& response) {
  if (auto ok = CheckPhases(response.phases); !ok) return ok;
  return Write("update response", [&](sqlite::Connection& db) -> Status {
    auto update_use = db.Cached(
        "UPDATE responses SET name = ?, phases = ?, updated_at = ?, revision = revision + 1 "
        "WHERE id = ?");
    SQLite::Statement& update = *update_use;
    update.bind(1, response.name);
    update.bind(2, JoinPhases(response.phases));
    update.bind(3, clock_());
    update.bind(4, response.id);
    if (update.exec() == 0) return Fail(NoResponse(response.id));
    return {};
  });
}

Status SqliteStore::SaveAnswers(Id response_id, const std::vector<Answer>& answers) {
  return Write("save answers", [&](sqlite::Connection& db) -> Status {
    if (auto ok = Touch(db, response_id, clock_()); !ok) return ok;
    auto upsert_use = db.Cached(
        "INSERT INTO answers (response_id, question_id, now, target, note) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (response_id, question_id) DO UPDATE "
        "SET now = excluded.now, target = excluded.target, note = excluded.note");
    SQLite::Statement& upsert = *upsert_use;
    for (const auto& answer : answers) {
      upsert.reset();
      upsert.bind(1, response_id);
      upsert.bind(2, answer.question);
      sqlite::BindOptional(upsert, 3, answer.now);
      sqlite::BindOptional(upsert, 4, answer.target);
      upsert.bind(5, answer.note);
      upsert.exec();  // a level outside 0..4 fails its CHECK: kInvalid, all rolled back
    }
    return {};
  });
}

Result<std::vector<Answer>> SqliteStore::Answers(Id response_id) {
  return Read("read answers", [&](sqlite::Connection& db) -> Result<std::vector<Answer>> {
    if (!ResponseExists(db, response_id)) return Fail(NoResponse(response_id));
    auto query_use = db.Cached(
        "SELECT question_id, now, target, note FROM answers "
        "WHERE response_id = ? ORDER BY question_id");
    SQLite::Statement& query = *query_use;
    query.bind(1, response_id);
    std::vector<Answer> answers;
    while (query.executeStep()) {
      answers.push_back({query.getColumn(0).getString(), sqlite::ColumnInt(query.getColumn(1)),
                         sqlite::ColumnInt(query.getColumn(2)), query.getColumn(3).getString()});
    }
    return answers;
  });
}

Status SqliteStore::SaveReflections(Id response_id, const std::vector<Reflection>& reflections) {
  return Write("save reflections", [&](sqlite::Connection& db) -> Status {
    if (auto ok = Touch(db, response_id, clock_()); !ok) return ok;
    auto upsert_use = db.Cached(
        "INSERT INTO reflections (response_id, prompt, text) VALUES (?, ?, ?) "
        "ON CONFLICT (response_id, prompt) DO UPDATE SET text = excluded.text");
    SQLite::Statement& upsert = *upsert_use;
    for (const auto& reflection : reflections) {
      upsert.reset();
      upsert.bind(1, response_id);
      upsert.bind(2, reflection.prompt);
      upsert.bind(3, reflection.text);
      upsert.exec();
    }
    return {};
  });
}

Result<std::vector<Reflection>> SqliteStore::Reflections(Id response_id) {
  return Read("read reflections", [&](sqlite::Connection& db) -> Result<std::vector<Reflection>> {
    if (!ResponseExists(db, response_id)) return Fail(NoResponse(response_id));
    auto query_use =
        db.Cached("SELECT prompt, text FROM reflections WHERE response_id = ? ORDER BY prompt");
    SQLite::Statement& query = *query_use;
    query.bind(1, response_id);
    std::vector<Reflection> reflections;
    while (query.executeStep()) {
      reflections.push_back({query.getColumn(0).getString(), query.getColumn(1).getString()});
    }
    return reflections;
  });
}

Result<std::optional<Plan>> SqliteStore::ResponsePlan(Id response_id) {
  return Read("read plan", [&](sqlite::Connection& db) -> Result<std::optional<Plan>> {
    if (!ResponseExists(db, response_id)) return Fail(NoResponse(response_id));
    return sqlite::ReadPlan(db, "response_id = ?", response_id);
  });
}

Status SqliteStore::SaveResponsePlan(Id response_id, const Plan& plan) {
  return Write("save plan", [&](sqlite::Connection& db) -> Status {
    if (!ResponseExists(db, response_id)) return Fail(NoResponse(response_id));
    Id plan_id = sqlite::UpsertPlan(db, sqlite::PlanOwner::kResponse, response_id, plan, clock_());
    sqlite::WritePlanItems(db, plan_id, plan.items);  // a bad status or due: kInvalid, rolled back
    return {};
  });
}

}  // namespace cultivate::store
