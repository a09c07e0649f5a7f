// What only the PostgreSQL store has: migrations on a server, opening by spec, servers
// migrating at once, lock timeouts, broken connections, what its errors say. The Store
// contract itself runs on it in store/store_test.cc and its neighbours.

#include "store/postgres/postgres_store.h"

#include <latch>
#include <map>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/migrations.h"
#include "store/test_support.h"
#include "testing/postgres_server.h"

namespace cultivate::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using Kind = Error::Kind;

const std::vector<std::string> kAll = {"0001_init", "0002_plans", "0003_teams",
                                       "0004_coordinator_invitations", "0005_round_privacy",
                                       "0006_throttle", "0007_value", "0008_review"};

class PostgresMigrationTest : public ::testing::Test {
 protected:
  // A fresh, empty database on the test run's server.
  std::string spec_ = cultivate::testing::PostgresServer::Shared().CreateDatabase();
};

TEST_F(PostgresMigrationTest, RecordsEachMigrationOnce) {
  test::FakeClock clock(5000);
  auto store = PostgresStore::Open(spec_, {.clock = clock.clock()}).value();
  EXPECT_EQ(store->Migrate().value(), kAll);
  EXPECT_THAT(store->Migrate().value(), ElementsAre());
  EXPECT_THAT(Migrate(spec_).value(), ElementsAre());

  pqxx::connection db(spec_);
  pqxx::work tx(db);
  std::vector<std::tuple<int, std::string, std::int64_t>> recorded;
  for (const auto& row :
       tx.exec("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")) {
    recorded.emplace_back(row[0].as<int>(), row[1].as<std::string>(), row[2].as<std::int64_t>());
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

TEST_F(PostgresMigrationTest, MigrateBySpecThenOpenWithoutMigrate) {
  EXPECT_EQ(Migrate(spec_).value(), kAll);
  auto store = Open(spec_, false);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_TRUE((*store)->Ping());
}

TEST_F(PostgresMigrationTest, OpenWithoutMigrateOnEmptyDatabaseSaysWhatToRun) {
  auto store = Open(spec_, false);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().kind, Kind::kUnavailable);
  EXPECT_THAT(store.error().message, HasSubstr("run `cultivate migrate --db postgresql://"));
  EXPECT_THAT(store.error().message, HasSubstr("pending: 0001_init"));
}

TEST_F(PostgresMigrationTest, OlderSchemaIsRefusedAndMigrateCatchesUp) {
  {
    pqxx::connection db(spec_);
    pqxx::work tx(db);
    tx.exec(std::string(PostgresMigrations()[0].sql));
    tx.exec(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at BIGINT NOT NULL)");
    tx.exec("INSERT INTO schema_migrations VALUES (1, '0001_init', 1)");
    tx.exec(
        "INSERT INTO responses (token_hash, bank_version, created_at, updated_at) "
        "VALUES ('kept', 'v', 1, 1)");
    tx.commit();
  }
  auto store = Open(spec_, false);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().kind, Kind::kUnavailable);
  EXPECT_THAT(store.error().message, HasSubstr("pending: 0002_plans"));
  EXPECT_THAT(store.error().message, Not(HasSubstr("0001_init")));

  EXPECT_EQ(Migrate(spec_).value(), std::vector<std::string>(kAll.begin() + 1, kAll.end()));
  auto migrated = Open(spec_, false);
  ASSERT_TRUE(migrated) << migrated.error().message;
  auto kept = (*migrated)->FindResponseByTokenHash("kept");
  ASSERT_TRUE(kept) << "data written before the upgrade survives it";
  EXPECT_EQ(kept->revision, 0);
}

TEST_F(PostgresMigrationTest, NewerSchemaIsRefused) {
  ASSERT_TRUE(Migrate(spec_));
  {
    pqxx::connection db(spec_);
    pqxx::work tx(db);
    tx.exec("INSERT INTO schema_migrations VALUES (999, '0999_future', 0)");
    tx.commit();
  }
  auto store = Open(spec_, false);
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr("newer than this cultivate"));
  EXPECT_FALSE(Migrate(spec_));
  EXPECT_FALSE(Open(spec_, true));
}

TEST_F(PostgresMigrationTest, ServersMigratingAtOnceApplyEachMigrationOnce) {
  constexpr int kServers = 4;
  std::vector<Result<std::vector<std::string>>> applied(kServers);
  std::latch start(kServers);
  std::vector<std::thread> servers;
  for (int i = 0; i < kServers; ++i) {
    servers.emplace_back([&, i] {
      start.arrive_and_wait();
      applied[i] = Migrate(spec_);
    });
  }
  for (auto& server : servers) server.join();
  std::map<std::string, int> times;
  for (const auto& names : applied) {
    ASSERT_TRUE(names) << names.error().message;
    for (const auto& name : *names) ++times[name];
  }
  ASSERT_EQ(times.size(), kAll.size());
  for (const auto& [name, count] : times) EXPECT_EQ(count, 1) << name;
  EXPECT_TRUE(Open(spec_, false));
}

class PostgresStoreTest : public PostgresMigrationTest {
 protected:
  void SetUp() override { ASSERT_TRUE(Migrate(spec_)); }
};

TEST_F(PostgresStoreTest, ABrokenConnectionIsReplaced) {
  auto store = PostgresStore::Open(spec_, {.pool_size = 1}).value();
  ASSERT_TRUE(store->Ping());
  {
    pqxx::connection admin(spec_);
    pqxx::nontransaction tx(admin);
    auto killed = tx.exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()");
    ASSERT_EQ(killed.size(), 1u) << "the pool's one connection";
    for (int i = 0; i < 500; ++i) {  // until it has gone
      if (tx.exec("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
                  "AND pid <> pg_backend_pid()")
              .empty())
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  EXPECT_TRUE(store->Ping()) << "the dead connection is dropped and the call runs on a new one";
  EXPECT_TRUE(store->CreateResponse({.token_hash = "h", .bank_version = "v"}));
}

TEST_F(PostgresStoreTest, WriteBlockedPastLockTimeoutIsUnavailableWhileReadsGoOn) {
  auto store = PostgresStore::Open(spec_, {.lock_timeout_ms = 100}).value();
  Id id = store->CreateResponse({.token_hash = "h", .bank_version = "v"}).value();
  pqxx::connection other(spec_);
  pqxx::work holding(other);
  holding.exec_params("UPDATE responses SET name = 'x' WHERE id = $1", id);  // holds the row
  auto saved = store->SaveAnswers(id, {{"q1", 1, 2, ""}});
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().kind, Kind::kUnavailable) << saved.error().message;
  EXPECT_TRUE(store->Answers(id)) << "readers are not blocked by a writer";
  holding.abort();
  EXPECT_TRUE(store->SaveAnswers(id, {{"q1", 1, 2, ""}}));
}

TEST_F(PostgresStoreTest, ErrorsTellNothingOfTheRowsOrTheSql) {
  auto store = PostgresStore::Open(spec_).value();
  ASSERT_TRUE(store->CreateUser({.email = "ada@example.org", .password_hash = "h"}));
  auto again = store->CreateUser({.email = "ADA@example.org", .password_hash = "h"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, Kind::kConflict);
  EXPECT_TRUE(again.error().text.key.empty()) << "the person is told the generic text";
  EXPECT_THAT(again.error().message, HasSubstr("create user"));
  EXPECT_THAT(again.error().message, Not(HasSubstr("ada@example.org"))) << "no DETAIL line";
  EXPECT_THAT(again.error().message, Not(HasSubstr("INSERT")));
}

TEST(PostgresSpecTest, PasswordsAreRedacted) {
  auto Redacted = [](const std::string& spec) { return DisplaySpec(spec); };  // one home: store.h
  EXPECT_EQ(Redacted("postgresql://app:s3cret@db:5432/cultivate"),
            "postgresql://app:***@db:5432/cultivate");
  EXPECT_EQ(Redacted("postgres://app@db/cultivate?password=s3cret&sslmode=require"),
            "postgres://app@db/cultivate?password=***&sslmode=require");
  EXPECT_EQ(Redacted("postgresql://app@/cultivate?host=/run/postgresql"),
            "postgresql://app@/cultivate?host=/run/postgresql");
}

}  // namespace
}  // namespace cultivate::store
