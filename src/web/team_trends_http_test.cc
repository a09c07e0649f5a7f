// Trends across question-bank versions (issue 18): statements matched by their stable id,
// new ones never compared, reworded ones compared with a note, on the API and the page.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "web/team_test_support.h"

namespace cultivate::web {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using test::TeamClient;

json Statement(const json& trends, const std::string& id) {
  for (const auto& q : trends["questions"])
    if (q["id"] == id) return q;
  return nullptr;
}

TEST(TeamTrendsTest, StatementsAreComparedByIdAcrossQuestionSets) {
  store::test::FakeClock clock{1'800'000'000};
  TeamClient c{clock};
  c.SignUpAndIn("ada@example.org");
  std::int64_t id = c.Community();
  // Last year's round was answered with question set 2026.1.
  auto old = c.store().CreateRound({.community_id = id, .bank_version = "2026.1",
                                    .opened_at = clock.clock()() - 365 * 86400});
  ASSERT_TRUE(old);
  std::string first = c.Invite(id)["token"];
  for (int i = 0; i < 3; ++i) c.JoinAndAnswer(first, 1, 3);
  ASSERT_EQ(c.Json("POST", c.C(id) + "/rounds/" + std::to_string(*old) + "/close").status, 200);
  std::int64_t now = c.Round(id);
  std::string second = c.Invite(id)["token"];
  for (int i = 0; i < 3; ++i) c.JoinAndAnswer(second, 3, 4);
  ASSERT_EQ(c.Json("POST", c.C(id) + "/rounds/" + std::to_string(now) + "/close").status, 200);

  std::string url = c.C(id) + "/trends?from=" + std::to_string(*old) + "&to=" + std::to_string(now);
  json t = c.Body(c.Json("GET", url));
  ASSERT_FALSE(t["hidden"]) << t.dump();
  json same = Statement(t, "define-shared-purpose");
  EXPECT_EQ(same["status"], "same");
  EXPECT_DOUBLE_EQ(same["change"]["now"].get<double>(), 50.0) << "25% -> 75%";
  json fresh = Statement(t, "define-who-for");
  EXPECT_EQ(fresh["status"], "new");
  EXPECT_EQ(fresh["since"], "2026.2");
  EXPECT_TRUE(fresh["change"]["now"].is_null()) << "a new statement has nothing to compare with";
  // Each round is scored with its own question set: a statement only 2026.1 asked is kept,
  // with last year's figure and nothing to compare.
  const assess::Bank& bank = c.client().app().site().bank;
  std::string retired;
  for (const auto& p : bank.ForVersion("2026.1").phases)
    for (const auto& q : p.questions)
      if (retired.empty() && !bank.FindQuestion(q.id)) retired = q.id;
  ASSERT_FALSE(retired.empty());
  json gone = Statement(t, retired);
  EXPECT_EQ(gone["status"], "retired") << gone.dump();
  EXPECT_EQ(gone["since"], "2026.2");
  EXPECT_DOUBLE_EQ(gone["from"]["now"].get<double>(), 25.0);
  EXPECT_TRUE(gone["to"]["now"].is_null());
  EXPECT_TRUE(gone["change"]["now"].is_null());
  json reworded = Statement(t, "grow-safe-to-ask");
  EXPECT_EQ(reworded["status"], "reworded");
  EXPECT_DOUBLE_EQ(reworded["change"]["now"].get<double>(), 50.0);
  // Asked the other way round, the same statements are marked: the change lies between them.
  json back = c.Body(c.Json("GET", c.C(id) + "/trends?from=" + std::to_string(now) + "&to=" +
                                       std::to_string(*old)));
  EXPECT_EQ(Statement(back, "grow-safe-to-ask")["status"], "reworded");
  EXPECT_EQ(Statement(back, "define-who-for")["status"], "new");
  EXPECT_EQ(Statement(back, "define-who-for")["since"], "2026.2");
  EXPECT_EQ(Statement(back, retired)["status"], "retired");
  // With this year's round open, the page compares the two closed ones by default.
  c.Round(id);
  auto defaults = c.client().Get("/communities/" + std::to_string(id) + "/trends",
                                 {{"Cookie", "__Host-cultivate-session=" + c.session()}, {"Host", "cop.test"}});
  EXPECT_THAT(defaults.body, HasSubstr("By statement")) << "not the open round's warning";

  auto page = c.client().Get("/communities/" + std::to_string(id) + "/trends?from=" +
                                 std::to_string(*old) + "&to=" + std::to_string(now),
                             {{"Cookie", "__Host-cultivate-session=" + c.session()}, {"Host", "cop.test"}});
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("By statement"));
  EXPECT_THAT(page.body, HasSubstr("New in 2026.2"));
  EXPECT_THAT(page.body, HasSubstr("Reworded in 2026.2"));
  EXPECT_THAT(page.body, HasSubstr("Not asked in 2026.2"));
}

TEST(TeamTrendsTest, WithinOneQuestionSetNothingIsMarked) {
  store::test::FakeClock clock{1'800'000'000};
  TeamClient c{clock};
  c.SignUpAndIn("ada@example.org");
  std::int64_t id = c.Community();
  std::int64_t rounds[2];
  for (int r = 0; r < 2; ++r) {
    rounds[r] = c.Round(id);
    std::string invite = c.Invite(id)["token"];
    for (int i = 0; i < 3; ++i) c.JoinAndAnswer(invite, 1 + r, 4);
    c.Json("POST", c.C(id) + "/rounds/" + std::to_string(rounds[r]) + "/close");
  }
  json t = c.Body(c.Json("GET", c.C(id) + "/trends?from=" + std::to_string(rounds[0]) +
                                    "&to=" + std::to_string(rounds[1])));
  for (const auto& q : t["questions"]) EXPECT_EQ(q["status"], "same") << q["id"];
  EXPECT_FALSE(t["questions"].empty());
}

TEST(TeamTrendsTest, MembersAreToldTheyMaySkipCoordinatorOnlyStatements) {
  store::test::FakeClock clock{1'800'000'000};
  TeamClient c{clock};
  c.SignUpAndIn("ada@example.org");
  std::int64_t id = c.Community();
  c.Round(id);
  std::string invite = c.Invite(id)["token"];
  std::string member = c.Body(c.Anonymous("POST", "/api/v1/join/" + invite))["token"];
  auto page = c.client().Get("/checkup/" + member + "/phase/define");
  ASSERT_EQ(page.status, 200);
  const std::string hint = "The coordinators may know this one best";
  size_t count = 0;
  for (size_t at = page.body.find(hint); at != std::string::npos; at = page.body.find(hint, at + 1)) ++count;
  EXPECT_EQ(count, 1u) << "define-sponsor is the define phase's only coordinator-only statement";
  // Someone on their own (usually the coordinator) is not told so.
  auto solo = c.Json("POST", "/api/v1/checkups", {{"name", "Solo"}});
  std::string token = c.Body(solo)["token"];
  EXPECT_EQ(c.client().Get("/checkup/" + token + "/phase/define").body.find(hint), std::string::npos);
  auto bank = c.Body(c.Json("GET", "/api/v1/questions"));
  EXPECT_TRUE(bank["phases"][0]["questions"][4]["coordinator_only"].is_boolean());
}

}  // namespace
}  // namespace cultivate::web
