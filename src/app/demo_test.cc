// The demonstration community: seeded once, realistic enough to show team results and
// trends at once, clearly marked as demo, and removable.
#include "app/demo.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/passwords.h"
#include "community/team.h"
#include "store/memory/memory_store.h"
#include "testing/app_client.h"
#include "testing/run_command.h"
#include "testing/server_process.h"
#include "web/team_test_support.h"

namespace cultivate::app {
namespace {

using ::testing::HasSubstr;

TEST(DemoTest, SeedsTwoClosedRoundsOfADozenMembersWithResultsAndAPlan) {
  store::MemoryStore store;
  auto site = testing::TestSite();
  std::string root = testing::SourceDir().string();
  auto seeded = SeedDemo(site->bank, store, root, 1'800'000'000);
  ASSERT_TRUE(seeded) << seeded.error().message;
  EXPECT_TRUE(seeded->created);
  auto user = store.FindUserByEmail(seeded->email);
  ASSERT_TRUE(user);
  EXPECT_TRUE(auth::VerifyPassword(seeded->password, user->password_hash));
  auto communities = store.UserCommunities(user->id).value();
  ASSERT_EQ(communities.size(), 1u);
  const auto& c = communities[0];
  EXPECT_TRUE(c.demo);
  auto rounds = store.Rounds(c.id).value();
  ASSERT_EQ(rounds.size(), 2u);
  for (const auto& r : rounds) {
    EXPECT_FALSE(r.open());
    EXPECT_EQ(r.answered, 12);
  }
  // Team results are shown at once, with spread, disagreement and anonymous notes.
  community::TeamOptions options;
  community::TeamResultsCache cache;
  community::Team team(site->bank, store, options, cache, SystemClock);
  auto latest = team.Results(c, rounds[0]).value();
  EXPECT_FALSE(latest->hidden);
  EXPECT_EQ(latest->responses, 12);
  const auto* disputed = assess::FindRow(latest->results, "grow-safe-to-ask");
  ASSERT_NE(disputed, nullptr);
  EXPECT_TRUE(disputed->disputed);
  EXPECT_FALSE(latest->notes.empty());
  EXPECT_FALSE(latest->results.improvement_areas.empty());
  // The second round improved on the first.
  auto earlier = team.Results(c, rounds[1]).value();
  EXPECT_GT(*latest->results.overall.now, *earlier->results.overall.now);
  auto plan = store.CommunityPlan(c.id).value();
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->items.size(), 3u);
  EXPECT_EQ(plan->items[0].status, "done");
  // Value stories and indicators fill the value matrix and the sponsor brief.
  auto stories = store.CommunityStories(c.id).value();
  ASSERT_EQ(stories.size(), 3u);
  EXPECT_EQ(std::count_if(stories.begin(), stories.end(), [](const model::Story& s) { return s.share == "sponsor"; }), 2);
  for (const auto& s : stories) {
    EXPECT_FALSE(s.title.empty());
    EXPECT_FALSE(s.happened.empty());
    EXPECT_TRUE(s.named || s.author.empty()) << "no name kept that is not shown";
  }
  EXPECT_EQ(store.Indicators(c.id).value().size(), 4u);
  EXPECT_FALSE(store.SponsorAsk(c.id).value().empty());

  // Seeding again changes nothing; removing takes the account and the community.
  auto again = SeedDemo(site->bank, store, root, 1'800'000'000);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->created);
  EXPECT_EQ(store.UserCommunities(user->id)->size(), 1u);
  ASSERT_TRUE(RemoveDemo(store, root));
  EXPECT_FALSE(store.FindUserByEmail(seeded->email));
  EXPECT_FALSE(store.FindCommunity(c.id));
}

TEST(DemoTest, TheDemoCoordinatorSeesTeamResultsInTheBrowserPages) {
  store::test::FakeClock clock(1'800'000'000);
  web::test::TeamClient c(clock);
  auto seeded = SeedDemo(testing::TestSite()->bank, c.store(), testing::SourceDir().string(),
                         1'800'000'000);
  ASSERT_TRUE(seeded);
  c.SignIn(seeded->email, seeded->password);
  http::Fields cookie{{"Cookie", "__Host-cultivate-session=" + c.session()}};
  auto list = c.client().Get("/communities", cookie);
  EXPECT_THAT(list.body, HasSubstr("Demo data"));
  std::int64_t id = c.store().UserCommunities(c.store().FindUserByEmail(seeded->email)->id)->front().id;
  auto rounds = c.store().Rounds(id).value();
  auto page = c.client().Get("/communities/" + std::to_string(id) + "/rounds/" +
                                 std::to_string(rounds[0].id), cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("From <strong>12</strong> members"));
  EXPECT_THAT(page.body, HasSubstr("Demo data"));
  auto trends = c.client().Get("/communities/" + std::to_string(id) + "/trends", cookie);
  EXPECT_THAT(trends.body, HasSubstr("Change by phase"));
}

TEST(DemoCliTest, SeedDemoIsIdempotentAndRemovable) {
  store::test::TempDir dir;
  std::string db = dir.File("demo.db");
  auto run = [&](std::vector<std::string> args) {
    std::vector<std::string> full = {testing::Binary().string(), "seed-demo", "--db", db,
                                     "--content-dir", testing::SourceDir().string()};
    full.insert(full.end(), args.begin(), args.end());
    return testing::RunCommand(full, {});
  };
  auto first = run({});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("demo community added"));
  EXPECT_THAT(first.out, HasSubstr("demo@example.org"));
  auto second = run({});
  EXPECT_EQ(second.exit_code, 0);
  EXPECT_THAT(second.out, HasSubstr("already there"));
  auto removed = run({"--remove"});
  EXPECT_EQ(removed.exit_code, 0);
  EXPECT_THAT(removed.out, HasSubstr("demo removed"));
}

TEST(DemoCliTest, AThresholdBelowThreeIsRefused) {
  auto r = testing::RunCommand({testing::Binary().string(), "serve", "--min-responses", "2",
                                "--content-dir", testing::SourceDir().string()},
                               {});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.out + r.err, HasSubstr("at least 3, so no single answer"));
}

}  // namespace
}  // namespace cultivate::app
