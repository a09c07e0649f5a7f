// Moving from SQLite to PostgreSQL (issue 15, acceptance 5): the demo store round-trips, the
// team results read the same from both stores, and a non-empty target is refused.
#include "store/postgres/copy_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/demo.h"
#include "store/test_support.h"
#include "testing/app_client.h"
#include "testing/postgres_server.h"
#include "testing/run_command.h"
#include "testing/server_process.h"
#include "web/team_test_support.h"

namespace cultivate::store {
namespace {

using ::testing::HasSubstr;

/// The demo coordinator's view of the newest demo round, as JSON text, on `store`.
std::string DemoResults(Store& store) {
  store::test::FakeClock clock(1'800'000'000);
  web::test::TeamClient c(clock, &store);
  c.SignIn("demo@example.org", "demo-password-2026");
  Id id = store.UserCommunities(store.FindUserByEmail("demo@example.org")->id)->front().id;
  Id round = store.Rounds(id).value().front().id;
  return c.Json("GET", c.C(id) + "/rounds/" + std::to_string(round) + "/results").body;
}

TEST(CopyStoreTest, TheDemoStoreRoundTripsIntoPostgres) {
  test::TempDir dir;
  std::string db = dir.File("demo.db");
  ASSERT_TRUE(Migrate(db));
  std::string before;
  {
    auto sqlite = Open(db, false);
    ASSERT_TRUE(sqlite);
    ASSERT_TRUE(app::SeedDemo(testing::TestSite()->bank, **sqlite, testing::SourceDir().string(),
                              1'800'000'000));
    Id solo = (*sqlite)->CreateResponse({.token_hash = "solo", .name = "Solo", .phases = {"define"},
                                         .bank_version = "2026.2"}).value();
    ASSERT_TRUE((*sqlite)->SaveAnswers(solo, {{"define-shared-purpose", 1, 3, "a note"}}));
    before = DemoResults(**sqlite);
  }
  std::string uri = testing::PostgresServer::Shared().CreateDatabase();
  auto copied = CopyStore(db, uri);
  ASSERT_TRUE(copied) << copied.error().message;
  std::map<std::string, std::int64_t> rows;
  for (const auto& t : *copied) rows[t.name] = t.rows;
  EXPECT_EQ(rows["users"], 1);
  EXPECT_EQ(rows["communities"], 1);
  EXPECT_EQ(rows["rounds"], 2);
  EXPECT_EQ(rows["responses"], 25) << "24 demo members and one solo check-up";
  EXPECT_GT(rows["answers"], 1000);
  EXPECT_GT(rows["reflections"], 0);
  EXPECT_EQ(rows["plans"], 1);
  EXPECT_GT(rows["plan_items"], 0);
  EXPECT_EQ(rows["invites"], 2);

  auto pg = Open(uri, false);
  ASSERT_TRUE(pg) << pg.error().message;
  EXPECT_EQ(DemoResults(**pg), before) << "the same team results from the copy";
  EXPECT_EQ((*pg)->Answers((*pg)->FindResponseByTokenHash("solo")->id).value()[0].note, "a note");
  // New rows get ids after the copied ones.
  auto next = (*pg)->CreateResponse({.token_hash = "new", .bank_version = "2026.2"});
  ASSERT_TRUE(next) << next.error().message;
  EXPECT_GT(*next, 25);

  auto again = CopyStore(db, uri);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, Error::Kind::kConflict) << "a non-empty target is refused";
}

TEST(CopyStoreTest, TheCommandSaysWhatItCopiedAndRefusesWrongSpecs) {
  test::TempDir dir;
  std::string db = dir.File("c.db");
  ASSERT_TRUE(Migrate(db));
  std::string uri = testing::PostgresServer::Shared().CreateDatabase();
  auto ok = testing::RunCommand({testing::Binary().string(), "copy-store", "--from", db, "--to", uri});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_THAT(ok.out, HasSubstr("every table's count and checksum match"));
  auto swapped = testing::RunCommand({testing::Binary().string(), "copy-store", "--from", uri, "--to", db});
  EXPECT_EQ(swapped.exit_code, 1);
  EXPECT_THAT(swapped.err, HasSubstr("copy-store failed"));
}

}  // namespace
}  // namespace cultivate::store
