// What only the SQLite store has: migrations, opening by spec, pragmas, concurrency, locking.
// The Store contract itself is tested for every store in store/store_test.cc.

#include "store/sqlite/sqlite_store.h"

#include <atomic>
#include <fstream>
#include <set>
#include <thread>

#include <SQLiteCpp/Statement.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/sqlite/schema.h"
#include "store/test_support.h"

namespace cultivate::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using Kind = Error::Kind;

class SqliteMigrationTest : public ::testing::Test {
 protected:
  test::TempDir dir_;
  std::string path_ = dir_.File("cultivate.db");
  std::string spec_ = "sqlite:" + path_;
};

TEST_F(SqliteMigrationTest, RecordsEachMigrationOnce) {
  test::FakeClock clock(5000);
  auto store = SqliteStore::Open(path_, {.create = true, .clock = clock.clock()}).value();
  EXPECT_THAT(store->Migrate().value(), ElementsAre("0001_init", "0002_plans", "0003_teams", "0004_coordinator_invitations",
                                                  "0005_round_privacy", "0006_throttle", "0007_value", "0008_review"));
  EXPECT_THAT(store->Migrate().value(), ElementsAre());
  EXPECT_THAT(Migrate(spec_).value(), ElementsAre());

  SQLite::Database db(path_);
  SQLite::Statement rows(
      db, "SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  std::vector<std::tuple<int, std::string, std::int64_t>> recorded;
  while (rows.executeStep()) {
    recorded.emplace_back(rows.getColumn(0).getInt(), rows.getColumn(1).getString(),
                          rows.getColumn(2).getInt64());
  }
  EXPECT_THAT(recorded,
              ElementsAre(std::tuple(1, "0001_init", 5000), std::tuple(2, "0002_plans", 5000),
                          std::tuple(3, "0003_teams", 5000),
                          std::tuple(4, "0004_coordinator_invitations", 5000),
                          std::tuple(5, "0005_round_privacy", 5000),
                          std::tuple(6, "0006_throttle", 5000),
                          std::tuple(7, "0007_value", 5000),
                          std::tuple(8, "0008_review", 5000)));
}

TEST_F(SqliteMigrationTest, MigrateBySpecThenOpenWithoutMigrate) {
  EXPECT_THAT(Migrate(spec_).value(), ElementsAre("0001_init", "0002_plans", "0003_teams", "0004_coordinator_invitations",
                                                  "0005_round_privacy", "0006_throttle", "0007_value", "0008_review"));
  auto store = Open(spec_, false);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_TRUE((*store)->Ping());
  EXPECT_TRUE(Open(path_, false)) << "a plain path works as well";
}

TEST_F(SqliteMigrationTest, OpenWithoutMigrateOnMissingFileFails) {
  auto store = Open(spec_, false);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().kind, Kind::kUnavailable);
  EXPECT_THAT(store.error().message, HasSubstr("run `cultivate migrate`"));
  EXPECT_FALSE(std::filesystem::exists(path_)) << "opening without migrate creates nothing";
}

TEST_F(SqliteMigrationTest, OpenWithoutMigrateOnEmptyDatabaseFails) {
  std::ofstream(path_).close();  // an empty file is an empty SQLite database
  auto store = Open(spec_, false);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().kind, Kind::kUnavailable);
  EXPECT_THAT(store.error().message, HasSubstr("run `cultivate migrate`"));
  EXPECT_THAT(store.error().message, HasSubstr("0001_init"));
}

TEST_F(SqliteMigrationTest, OpenWithoutMigrateOnOlderSchemaFailsAndMigrateCatchesUp) {
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    ApplyMigrations(db, SqliteMigrations().first(1), SystemClock);
    db.exec("INSERT INTO responses (token_hash, bank_version, created_at, updated_at) "
            "VALUES ('kept', 'v', 1, 1)");
  }
  auto store = Open(spec_, false);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().kind, Kind::kUnavailable);
  EXPECT_THAT(store.error().message, HasSubstr("pending: 0002_plans"));
  EXPECT_THAT(store.error().message, Not(HasSubstr("0001_init")));

  EXPECT_THAT(Migrate(spec_).value(), ElementsAre("0002_plans", "0003_teams", "0004_coordinator_invitations",
                                                  "0005_round_privacy", "0006_throttle", "0007_value", "0008_review"));
  auto migrated = Open(spec_, false);
  ASSERT_TRUE(migrated);
  auto kept = (*migrated)->FindResponseByTokenHash("kept");
  ASSERT_TRUE(kept) << "data written before the upgrade survives it";
  EXPECT_EQ(kept->revision, 0);
}

TEST_F(SqliteMigrationTest, NewerSchemaIsRefused) {
  ASSERT_TRUE(Migrate(spec_));
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.exec(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '0999_future', 0)");
  }
  auto store = Open(spec_, false);
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr("newer than this cultivate"));
  EXPECT_FALSE(Migrate(spec_));
  EXPECT_FALSE(Open(spec_, true));
}

TEST(StoreOpenTest, Specs) {
  auto memory = Open("memory:", false);
  ASSERT_TRUE(memory);
  EXPECT_TRUE((*memory)->Ping());
  EXPECT_THAT(Migrate("memory:").value(), ElementsAre());
  for (const char* bad : {"", "sqlite:", ":memory:", "sqlite::memory:"}) {
    auto store = Open(bad, true);
    ASSERT_FALSE(store) << bad;
    EXPECT_EQ(store.error().kind, Kind::kInvalid) << bad;
  }
}

// postgresql:// and postgres:// name a PostgreSQL server (store/postgres/postgres_store_test.cc
// opens a real one): with nothing listening there the store is unavailable, and the message
// says where it tried without repeating a password.
TEST(StoreOpenTest, PostgresSpecsOpenPostgres) {
  for (const char* spec : {"postgresql://nobody@/cultivate?host=/nonexistent-cultivate-dir",
                           "postgres://nobody:secret@/cultivate?host=/nonexistent-cultivate-dir"}) {
    for (bool migrate : {false, true}) {
      auto store = Open(spec, migrate);
      ASSERT_FALSE(store) << spec;
#if CULTIVATE_HAVE_POSTGRES
      EXPECT_EQ(store.error().kind, Kind::kUnavailable) << store.error().message;
      EXPECT_THAT(store.error().message, HasSubstr("connect to PostgreSQL at postgres"));
#else
      EXPECT_EQ(store.error().kind, Kind::kInvalid) << store.error().message;
#endif
      EXPECT_THAT(store.error().message, Not(HasSubstr("secret")));
    }
    auto migrated = Migrate(spec);
    ASSERT_FALSE(migrated) << spec;
    EXPECT_THAT(migrated.error().message, Not(HasSubstr("secret")));
  }
}

TEST(StoreOpenTest, UnreachableDatabaseIsUnavailable) {
  test::TempDir dir;
  auto store = Open(dir.File("no/such/dir/cultivate.db"), true);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().kind, Kind::kUnavailable) << store.error().message;
}

TEST(SqliteStoreTest, PooledConnectionsHaveThePragmas) {
  test::TempDir dir;
  ConnectionPool pool(dir.File("pool.db"), true, 5000);
  auto check = [](SQLite::Database& db) {
    EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "wal");
    EXPECT_EQ(db.execAndGet("PRAGMA synchronous").getInt(), 2);  // FULL
    EXPECT_EQ(db.execAndGet("PRAGMA foreign_keys").getInt(), 1);
    EXPECT_EQ(db.execAndGet("PRAGMA busy_timeout").getInt(), 5000);
  };
  std::set<SQLite::Database*> opened;
  {
    auto a = pool.Acquire(), b = pool.Acquire(),
         c = pool.Acquire();  // three at once: three connections
    opened = {&*a, &*b, &*c};
    EXPECT_EQ(opened.size(), 3u);
    for (auto* lease : {&a, &b, &c}) check(**lease);
  }
  auto reused = pool.Acquire();
  EXPECT_TRUE(opened.contains(&*reused)) << "an idle connection is reused, not a new one opened";
  check(*reused);
}

TEST(SqliteStoreTest, ConcurrentWritersAllLand) {
  test::TempDir dir;
  auto store = Open("sqlite:" + dir.File("busy.db"), true).value();
  Id id = store->CreateResponse({.token_hash = "h", .bank_version = "v"}).value();
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        std::string q = "t" + std::to_string(t) + "-q" + std::to_string(100 + i);
        if (!store->SaveAnswers(id, {{q, i % 5, (i + 1) % 5, "note"}})) ++failures;
        if (!store->Answers(id)) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store->Answers(id).value().size(), 200u);
}

TEST(SqliteStoreTest, WriteBlockedPastBusyTimeoutIsUnavailableWhileReadsGoOn) {
  test::TempDir dir;
  std::string path = dir.File("locked.db");
  auto store = SqliteStore::Open(path, {.create = true, .busy_timeout_ms = 100}).value();
  ASSERT_TRUE(store->Migrate());
  Id id = store->CreateResponse({.token_hash = "h", .bank_version = "v"}).value();

  SQLite::Database other(path, SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");  // another writer holds the write lock
  auto saved = store->SaveAnswers(id, {{"q1", 1, 2, ""}});
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().kind, Kind::kUnavailable) << saved.error().message;
  EXPECT_TRUE(store->Answers(id)) << "under WAL readers are not blocked by a writer";
  other.exec("ROLLBACK");
  EXPECT_TRUE(store->SaveAnswers(id, {{"q1", 1, 2, ""}}));
}

TEST(SqliteStoreTest, DataSurvivesReopenAndCascadesOnDelete) {
  test::TempDir dir;
  std::string spec = "sqlite:" + dir.File("keep.db");
  Id id = 0;
  {
    auto store = Open(spec, true).value();
    id = store->CreateResponse({.token_hash = "h", .bank_version = "v"}).value();
    ASSERT_TRUE(store->SaveAnswers(id, {{"q1", 1, 2, "kept"}}));
    ASSERT_TRUE(store->SaveResponsePlan(id, {.items = {{"do it", "", "", "todo", ""}}}));
  }
  auto store = Open(spec, false).value();
  EXPECT_EQ(store->Answers(id).value().at(0).note, "kept");

  ConnectionPool pool(dir.File("keep.db"), false, 5000);
  auto db = pool.Acquire();
  db->exec("DELETE FROM responses");
  for (const char* table : {"answers", "reflections", "plans", "plan_items"}) {
    EXPECT_EQ(db->execAndGet(std::string("SELECT count(*) FROM ") + table).getInt(), 0) << table;
  }
}

}  // namespace
}  // namespace cultivate::store

namespace cultivate::store {
namespace {

TEST(StoreOpenTest, DisplaySpecHidesPasswords) {
  EXPECT_EQ(DisplaySpec("postgresql://ana:s3cret@db:5432/cop"), "postgresql://ana:***@db:5432/cop");
  EXPECT_EQ(DisplaySpec("postgresql://db/cop?user=ana&password=s3cret&sslmode=require"),
            "postgresql://db/cop?user=ana&password=***&sslmode=require");
  EXPECT_EQ(DisplaySpec("postgresql://ana@db/cop"), "postgresql://ana@db/cop");
  EXPECT_EQ(DisplaySpec("cultivate.db"), "cultivate.db");
}

}  // namespace
}  // namespace cultivate::store
