#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <utility>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/migrations.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/sqlite_error.h"
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

bool ResponseExists(SQLite::Database& db, Id id) {
  SQLite::Statement query(db, "SELECT 1 FROM responses WHERE id = ?");
  query.bind(1, id);
  return query.executeStep();
}

void BindLevel(SQLite::Statement& statement, int index, const std::optional<int>& level) {
  if (level) {
    statement.bind(index, *level);
  } else {
    statement.bind(index);  // NULL: not sure
  }
}

std::optional<int> ColumnLevel(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt();
}

constexpr const char* kSelectResponse =
    "SELECT id, token_hash, name, phases, bank_version, round_id, created_at, updated_at "
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
  return r;
}

template <typename F>
auto InTransaction(ConnectionPool& pool, SQLite::TransactionBehavior behavior, const char* op,
                   F&& f) -> decltype(f(std::declval<SQLite::Database&>())) {
  return Guarded(op, [&]() -> decltype(f(std::declval<SQLite::Database&>())) {
    auto db = pool.Acquire();
    SQLite::Transaction tx(*db, behavior);
    auto result = f(*db);
    if (result) tx.commit();  // otherwise the destructor rolls back: all or none
    return result;
  });
}

}  // namespace

template <typename F>
auto SqliteStore::Read(const char* op, F&& f) -> decltype(f(std::declval<SQLite::Database&>())) {
  return InTransaction(pool_, SQLite::TransactionBehavior::DEFERRED, op, std::forward<F>(f));
}

template <typename F>
auto SqliteStore::Write(const char* op, F&& f) -> decltype(f(std::declval<SQLite::Database&>())) {
  return InTransaction(pool_, SQLite::TransactionBehavior::IMMEDIATE, op, std::forward<F>(f));
}

SqliteStore::SqliteStore(const std::string& path, SqliteOptions options)
    : clock_(std::move(options.clock)), pool_(path, options.create, options.busy_timeout_ms) {}

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
  return Read("check schema", [&](SQLite::Database& db) -> Status {
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
  return Write("create response", [&](SQLite::Database& db) -> Result<Id> {
    SQLite::Statement insert(
        db,
        "INSERT INTO responses (token_hash, name, phases, bank_version, round_id, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
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
  return Read("find response", [&](SQLite::Database& db) {
    SQLite::Statement query(db, std::string(kSelectResponse) + "token_hash = ?");
    query.bind(1, token_hash);
    return ReadResponse(query, "no response with this token hash");
  });
}

Result<Response> SqliteStore::FindResponse(Id id) {
  return Read("find response", [&](SQLite::Database& db) {
    SQLite::Statement query(db, std::string(kSelectResponse) + "id = ?");
    query.bind(1, id);
    return ReadResponse(query, "no response " + std::to_string(id));
  });
}

Status SqliteStore::UpdateResponse(const Response& response) {
  if (auto ok = CheckPhases(response.phases); !ok) return ok;
  return Write("update response", [&](SQLite::Database& db) -> Status {
    SQLite::Statement update(
        db, "UPDATE responses SET name = ?, phases = ?, updated_at = ? WHERE id = ?");
    update.bind(1, response.name);
    update.bind(2, JoinPhases(response.phases));
    update.bind(3, clock_());
    update.bind(4, response.id);
    if (update.exec() == 0) return Fail(NoResponse(response.id));
    return {};
  });
}

Status SqliteStore::SaveAnswers(Id response_id, const std::vector<Answer>& answers) {
  return Write("save answers", [&](SQLite::Database& db) -> Status {
    {
      SQLite::Statement touch(db, "UPDATE responses SET updated_at = ? WHERE id = ?");
      touch.bind(1, clock_());
      touch.bind(2, response_id);
      if (touch.exec() == 0) return Fail(NoResponse(response_id));
    }
    SQLite::Statement upsert(
        db,
        "INSERT INTO answers (response_id, question_id, now, target, note) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (response_id, question_id) DO UPDATE "
        "SET now = excluded.now, target = excluded.target, note = excluded.note");
    for (const auto& answer : answers) {
      upsert.reset();
      upsert.bind(1, response_id);
      upsert.bind(2, answer.question);
      BindLevel(upsert, 3, answer.now);
      BindLevel(upsert, 4, answer.target);
      upsert.bind(5, answer.note);
      upsert.exec();  // a level outside 0..4 fails its CHECK: kInvalid, all rolled back
    }
    return {};
  });
}

Result<std::vector<Answer>> SqliteStore::Answers(Id response_id) {
  return Read("read answers", [&](SQLite::Database& db) -> Result<std::vector<Answer>> {
    if (!ResponseExists(db, response_id)) return Fail(NoResponse(response_id));
    SQLite::Statement query(db,
                            "SELECT question_id, now, target, note FROM answers "
                            "WHERE response_id = ? ORDER BY question_id");
    query.bind(1, response_id);
    std::vector<Answer> answers;
    while (query.executeStep()) {
      answers.push_back({query.getColumn(0).getString(), ColumnLevel(query.getColumn(1)),
                         ColumnLevel(query.getColumn(2)), query.getColumn(3).getString()});
    }
    return answers;
  });
}

Status SqliteStore::SaveReflections(Id response_id, const std::vector<Reflection>& reflections) {
  return Write("save reflections", [&](SQLite::Database& db) -> Status {
    if (!ResponseExists(db, response_id)) return Fail(NoResponse(response_id));
    SQLite::Statement upsert(
        db,
        "INSERT INTO reflections (response_id, prompt, text) VALUES (?, ?, ?) "
        "ON CONFLICT (response_id, prompt) DO UPDATE SET text = excluded.text");
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
  return Read("read reflections", [&](SQLite::Database& db) -> Result<std::vector<Reflection>> {
    if (!ResponseExists(db, response_id)) return Fail(NoResponse(response_id));
    SQLite::Statement query(
        db, "SELECT prompt, text FROM reflections WHERE response_id = ? ORDER BY prompt");
    query.bind(1, response_id);
    std::vector<Reflection> reflections;
    while (query.executeStep()) {
      reflections.push_back({query.getColumn(0).getString(), query.getColumn(1).getString()});
    }
    return reflections;
  });
}

Result<std::optional<Plan>> SqliteStore::ResponsePlan(Id response_id) {
  return Read("read plan", [&](SQLite::Database& db) -> Result<std::optional<Plan>> {
    if (!ResponseExists(db, response_id)) return Fail(NoResponse(response_id));
    Plan plan;
    Id plan_id = 0;
    {
      SQLite::Statement query(
          db, "SELECT id, vision, goals, strategies, updated_at FROM plans WHERE response_id = ?");
      query.bind(1, response_id);
      if (!query.executeStep()) return std::optional<Plan>();
      plan_id = query.getColumn(0).getInt64();
      plan.vision = query.getColumn(1).getString();
      plan.goals = query.getColumn(2).getString();
      plan.strategies = query.getColumn(3).getString();
      plan.updated_at = query.getColumn(4).getInt64();
    }
    SQLite::Statement items(db,
                            "SELECT what, owner, due, status, source FROM plan_items "
                            "WHERE plan_id = ? ORDER BY position");
    items.bind(1, plan_id);
    while (items.executeStep()) {
      plan.items.push_back({items.getColumn(0).getString(), items.getColumn(1).getString(),
                            items.getColumn(2).getString(), items.getColumn(3).getString(),
                            items.getColumn(4).getString()});
    }
    return std::optional<Plan>(std::move(plan));
  });
}

Status SqliteStore::SaveResponsePlan(Id response_id, const Plan& plan) {
  return Write("save plan", [&](SQLite::Database& db) -> Status {
    if (!ResponseExists(db, response_id)) return Fail(NoResponse(response_id));
    Id plan_id = 0;
    {
      SQLite::Statement upsert(
          db,
          "INSERT INTO plans (response_id, vision, goals, strategies, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (response_id) DO UPDATE SET "
          "vision = excluded.vision, goals = excluded.goals, "
          "strategies = excluded.strategies, updated_at = excluded.updated_at "
          "RETURNING id");
      std::int64_t now = clock_();
      upsert.bind(1, response_id);
      upsert.bind(2, plan.vision);
      upsert.bind(3, plan.goals);
      upsert.bind(4, plan.strategies);
      upsert.bind(5, now);
      upsert.bind(6, now);
      upsert.executeStep();
      plan_id = upsert.getColumn(0).getInt64();
    }
    {
      SQLite::Statement clear(db, "DELETE FROM plan_items WHERE plan_id = ?");
      clear.bind(1, plan_id);
      clear.exec();
    }
    SQLite::Statement insert(
        db,
        "INSERT INTO plan_items (plan_id, position, what, owner, due, status, source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < plan.items.size(); ++i) {
      const PlanItem& item = plan.items[i];
      insert.reset();
      insert.bind(1, plan_id);
      insert.bind(2, static_cast<std::int64_t>(i));
      insert.bind(3, item.what);
      insert.bind(4, item.owner);
      insert.bind(5, item.due);
      insert.bind(6, item.status);
      insert.bind(7, item.source);
      insert.exec();  // a bad status or due date fails its CHECK: kInvalid, all rolled back
    }
    return {};
  });
}

}  // namespace cultivate::store
