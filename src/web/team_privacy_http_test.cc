// The privacy rules of team results (issue 13, docs/privacy.md), in-process through the API
// and the pages: detail only from the detail threshold, the coordinator's own answers,
// invites with a limit, a browser coming back to its own check-up, notes and reflections.
// The attacks themselves run against the real server in privacy_attack_http_test.cc.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/tokens.h"
#include "web/team_test_support.h"

namespace cultivate::web {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using test::TeamClient;

class TeamPrivacyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    c_.SignUpAndIn("ada@example.org");
    id_ = c_.Community();
    round_ = c_.Round(id_);
    invite_ = c_.Invite(id_)["token"];
  }
  std::string Round() { return c_.C(id_) + "/rounds/" + std::to_string(round_); }
  void Close() { ASSERT_EQ(c_.Json("POST", Round() + "/close").status, 200); }
  json Results() { return c_.Body(c_.Json("GET", Round() + "/results")); }
  /// A member answers the first statement with `now` (or "not sure" when empty).
  std::string Answer(std::optional<int> now, const std::string& note = "") {
    std::string token = c_.Body(c_.Anonymous("POST", "/api/v1/join/" + invite_))["token"];
    json a{{"question", "define-shared-purpose"}, {"now", now ? json(*now) : json(nullptr)},
           {"target", now ? json(4) : json(nullptr)}, {"note", note}};
    json b{{"question", "define-clear-scope"}, {"now", 2}, {"target", 3}};
    auto r = c_.Anonymous("PUT", "/api/v1/checkups/" + token + "/answers", {{"answers", {a, b}}});
    EXPECT_EQ(r.status, 200) << r.body;
    return token;
  }
  json Question(const json& results, const std::string& id) {
    for (const auto& q : results["questions"])
      if (q["id"] == id) return q;
    return nullptr;
  }
  http::Response Page(const std::string& path) {
    return c_.client().Get(path, {{"Cookie", "__Host-cultivate-session=" + c_.session()}, {"Host", "cop.test"}});
  }

  store::test::FakeClock clock_{1'800'000'000};
  TeamClient c_{clock_};
  std::int64_t id_ = 0, round_ = 0;
  std::string invite_;
};

TEST_F(TeamPrivacyTest, FromTheDetailThresholdEachStatementShowsItsDistribution) {
  for (std::optional<int> now : {std::optional<int>(0), std::optional<int>(1), std::optional<int>(1),
                                 std::optional<int>(3), std::optional<int>(4), std::optional<int>()})
    Answer(now);
  Close();
  json r = Results();
  EXPECT_EQ(r["detailed"], true) << "six members: at least 5";
  json q = Question(r, "define-shared-purpose");
  EXPECT_EQ(q["distribution"]["now"], (json{1, 2, 0, 1, 1}));
  EXPECT_EQ(q["distribution"]["not_sure"], 1) << "\"not sure\" counted apart";
  EXPECT_EQ(q["n"], 5);
  EXPECT_FALSE(q.contains("min"));
  EXPECT_FALSE(q.contains("max"));
  EXPECT_DOUBLE_EQ(q["now"].get<double>(), 45.0) << "(0+1+1+3+4)/5 = 1.8 of 4: whole 45%";
  EXPECT_TRUE(r["overall_spread"]["stddev"].is_number());
  auto page = Page("/communities/" + std::to_string(id_) + "/rounds/" + std::to_string(round_));
  EXPECT_THAT(page.body, HasSubstr("How members answered"));
  EXPECT_THAT(page.body, HasSubstr("class=\"spread-bar\""));
  EXPECT_THAT(page.body, HasSubstr("Number of people choosing each answer"));
  EXPECT_THAT(page.body, Not(HasSubstr("Lowest")));
}

TEST_F(TeamPrivacyTest, BelowTheDetailThresholdOnlyMeansAndDisagreementAreShown) {
  for (int now : {0, 4, 4, 0}) Answer(now);
  Close();
  json r = Results();
  EXPECT_EQ(r["detailed"], false);
  json q = Question(r, "define-shared-purpose");
  EXPECT_TRUE(q["distribution"].is_null());
  EXPECT_TRUE(q["stddev"].is_null());
  EXPECT_TRUE(q["disputed"]) << "members disagree is still said";
  EXPECT_TRUE(r["phases"][0]["spread"]["stddev"].is_null());
  auto page = Page("/communities/" + std::to_string(id_) + "/rounds/" + std::to_string(round_));
  EXPECT_THAT(page.body, HasSubstr("only averages are shown"));
  EXPECT_THAT(page.body, Not(HasSubstr("How members answered")));
  EXPECT_THAT(page.body, Not(HasSubstr("Std. dev.")));
}

TEST_F(TeamPrivacyTest, TheCoordinatorsOwnAnswersAreMarkedAndCountForNoThreshold) {
  auto first = c_.Json("POST", "/api/v1/join/" + invite_);  // signed in as the coordinator
  ASSERT_EQ(first.status, 201);
  std::string mine = c_.Body(first)["token"];
  EXPECT_TRUE(c_.store().FindResponseByTokenHash(auth::HashToken(mine))->by_coordinator);
  auto again = c_.Json("POST", "/api/v1/join/" + invite_);
  ASSERT_EQ(again.status, 200) << "sent back to the same check-up";
  EXPECT_TRUE(c_.Body(again)["again"]);
  std::string fresh = c_.Body(again)["token"];
  EXPECT_NE(fresh, mine);
  EXPECT_EQ(c_.Json("GET", "/api/v1/checkups/" + mine).status, 404) << "the old link is replaced";
  auto put = c_.Json("PUT", "/api/v1/checkups/" + fresh + "/answers",
                     {{"answers", {{{"question", "define-shared-purpose"}, {"now", 0}, {"target", 0}}}}});
  ASSERT_EQ(put.status, 200);
  Answer(4);
  Answer(4);
  EXPECT_EQ(Results()["coordinators"], 1);
  EXPECT_EQ(Results()["responses"], 2);
  Close();
  EXPECT_TRUE(Results()["hidden"]) << "two members and the coordinator: below 3 members";
  auto rounds = c_.Body(c_.Json("GET", c_.C(id_)))["rounds"];
  EXPECT_EQ(rounds[0]["responses"], 2);
  EXPECT_EQ(rounds[0]["coordinator_responses"], 1);
}

TEST_F(TeamPrivacyTest, ResultsSayFromHowManyMembersAndTheCoordinator) {
  std::string mine = c_.Body(c_.Json("POST", "/api/v1/join/" + invite_))["token"];
  c_.Json("PUT", "/api/v1/checkups/" + mine + "/answers",
          {{"answers", {{{"question", "define-shared-purpose"}, {"now", 2}, {"target", 2}}}}});
  for (int now : {1, 2, 3}) Answer(now);
  Close();
  json r = Results();
  EXPECT_FALSE(r["hidden"]);
  EXPECT_EQ(r["responses"], 3);
  EXPECT_EQ(r["coordinators"], 1);
  EXPECT_EQ(Question(r, "define-shared-purpose")["n"], 4) << "the coordinator's answers are scored";
  auto page = Page("/communities/" + std::to_string(id_) + "/rounds/" + std::to_string(round_));
  EXPECT_THAT(page.body, HasSubstr("From <strong>3</strong> members and the coordinator."));
}

TEST_F(TeamPrivacyTest, AnInviteTakesAsManyPeopleAsItIsFor) {
  for (json bad : {json(0), json(1001), json("ten"), json(2.5)})
    EXPECT_EQ(c_.Json("POST", c_.C(id_) + "/invites", {{"max_uses", bad}}).status, 422) << bad;
  auto made = c_.Json("POST", c_.C(id_) + "/invites", {{"max_uses", 2}});
  ASSERT_EQ(made.status, 201);
  EXPECT_EQ(c_.Body(made)["max_uses"], 2);
  std::string two = c_.Body(made)["token"];
  EXPECT_EQ(c_.Anonymous("POST", "/api/v1/join/" + two).status, 201);
  EXPECT_EQ(c_.Anonymous("POST", "/api/v1/join/" + two).status, 201);
  auto full = c_.Anonymous("POST", "/api/v1/join/" + two);
  EXPECT_EQ(full.status, 410);
  EXPECT_THAT(full.body, HasSubstr("has joined already"));
  json invites = c_.Body(c_.Json("GET", c_.C(id_)))["invites"];
  EXPECT_EQ(invites[0]["full"], true);
  EXPECT_EQ(invites[0]["uses"], 2);
  auto page = Page("/communities/" + std::to_string(id_));
  EXPECT_THAT(page.body, HasSubstr("2 of 2"));
  EXPECT_THAT(page.body, HasSubstr("Full"));
  EXPECT_THAT(page.body, HasSubstr("How many people will you send this to?"));
  EXPECT_EQ(c_.client().Get("/join/" + two).status, 410);
  // The page keeps what was typed when the number is wrong.
  auto csrf = c_.store().FindSession(auth::HashToken(c_.session())).value().csrf;
  auto wrong = c_.client().Send("POST", "/communities/" + std::to_string(id_) + "/invites",
                                testing::FormBody({{"csrf", csrf}, {"days", "9"}, {"max_uses", "5000"}}),
                                {{"Cookie", "__Host-cultivate-session=" + c_.session()}, {"Host", "cop.test"},
                                 {"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_THAT(wrong.body, HasSubstr("1 to 1000"));
  EXPECT_THAT(wrong.body, HasSubstr("value=\"5000\""));
  EXPECT_THAT(wrong.body, HasSubstr("value=\"9\""));
}

TEST_F(TeamPrivacyTest, ABrowserThatJoinedComesBackToItsOwnCheckup) {
  auto form = http::Fields{{"Content-Type", "application/x-www-form-urlencoded"}};
  auto started = c_.client().Send("POST", "/join/" + invite_, "", form);
  ASSERT_EQ(started.status, 303);
  std::string member = testing::TokenFromLocation(*started.Header("Location"));
  std::string cookie = test::SetCookieHeader(started, "__Secure-cultivate-joined");
  EXPECT_THAT(cookie, HasSubstr("Path=/join/" + invite_));
  EXPECT_THAT(cookie, HasSubstr("HttpOnly"));
  http::Fields back{{"Cookie", "__Secure-cultivate-joined=" + member}};
  auto view = c_.client().Get("/join/" + invite_, back);
  EXPECT_EQ(view.status, 200);
  EXPECT_THAT(view.body, HasSubstr("href=\"/checkup/" + member + "\""));
  EXPECT_THAT(view.body, HasSubstr("I am someone else"));
  back.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  auto again = c_.client().Send("POST", "/join/" + invite_, "", back);
  EXPECT_EQ(testing::TokenFromLocation(*again.Header("Location")), member) << "not a second check-up";
  EXPECT_EQ(c_.Body(c_.Json("GET", c_.C(id_)))["rounds"][0]["joined"], 1);
  auto other = c_.client().Send("POST", "/join/" + invite_, "someone_else=1", back);
  EXPECT_NE(testing::TokenFromLocation(*other.Header("Location")), member) << "someone sharing the device";
  EXPECT_EQ(c_.Body(c_.Json("GET", c_.C(id_)))["rounds"][0]["joined"], 2);
  // A check-up of another round is not taken for this one.
  auto stranger = c_.client().Get("/join/" + invite_, {{"Cookie", "__Secure-cultivate-joined=" + std::string(43, 'x')}});
  EXPECT_EQ(stranger.status, 200);
  EXPECT_THAT(stranger.body, Not(HasSubstr("Continue your check-up")));
}

TEST_F(TeamPrivacyTest, SomeoneWhoJoinedSignedInAndBecomesACoordinatorCountsAsOne) {
  // Bob answers signed in, before he is a coordinator; two members answer; Bob accepts an
  // invitation to co-coordinate. His answers then count for no threshold: results hide.
  TeamClient bob(clock_, &c_.store());
  bob.SignUpAndIn("bob@example.org");
  auto joined = bob.Json("POST", "/api/v1/join/" + invite_);
  ASSERT_EQ(joined.status, 201);
  std::string token = bob.Body(joined)["token"];
  ASSERT_EQ(bob.Json("PUT", "/api/v1/checkups/" + token + "/answers",
                     {{"answers", {{{"question", "define-shared-purpose"}, {"now", 4}, {"target", 4}}}}}).status, 200);
  EXPECT_EQ(bob.Json("POST", "/api/v1/join/" + invite_).status, 200) << "his own check-up again";
  Answer(0);
  Answer(1);
  Close();
  EXPECT_FALSE(Results()["hidden"]) << "three members so far";
  ASSERT_EQ(c_.Json("POST", c_.C(id_) + "/coordinators", {{"email", "bob@example.org"}}).status, 202);
  auto invitations = bob.Body(bob.Json("GET", "/api/v1/account/invitations"))["invitations"];
  ASSERT_EQ(invitations.size(), 1u);
  ASSERT_EQ(bob.Json("POST", "/api/v1/account/invitations/" + std::to_string(invitations[0]["id"].get<long>()) +
                                 "/accept").status, 204);
  json r = bob.Body(bob.Json("GET", Round() + "/results"));
  EXPECT_TRUE(r["hidden"]) << "two members and a coordinator";
  EXPECT_EQ(r["coordinators"], 1);
}

TEST_F(TeamPrivacyTest, ACoordinatorsJoinTakesNoPlaceOnTheInvite) {
  auto made = c_.Json("POST", c_.C(id_) + "/invites", {{"max_uses", 2}});
  std::string two = c_.Body(made)["token"];
  EXPECT_EQ(c_.Json("POST", "/api/v1/join/" + two).status, 201);  // the coordinator
  EXPECT_EQ(c_.Anonymous("POST", "/api/v1/join/" + two).status, 201);
  EXPECT_EQ(c_.Anonymous("POST", "/api/v1/join/" + two).status, 201) << "two places for two members";
  json rounds = c_.Body(c_.Json("GET", c_.C(id_)))["rounds"];
  EXPECT_EQ(rounds[0]["joined"], 2) << "members only";
}

TEST_F(TeamPrivacyTest, ChangingTheDeclaredPhaseChangesTheCachedPlacement) {
  for (int now : {2, 2, 2}) Answer(now);
  Close();
  json before = Results()["placement"];
  ASSERT_EQ(c_.Json("PATCH", c_.C(id_), {{"phase", "transform"}}).status, 200);
  json after = Results()["placement"];
  EXPECT_EQ(after["declared"], "transform");
  EXPECT_NE(before["declared"], after["declared"]);
}

TEST_F(TeamPrivacyTest, AReflectionShowsOnlyWhereItsPhaseHasAScore) {
  for (int now : {1, 2, 3}) Answer(now);  // the define phase: three members
  std::string lone = c_.Body(c_.Anonymous("POST", "/api/v1/join/" + invite_))["token"];
  c_.Anonymous("PUT", "/api/v1/checkups/" + lone + "/answers",
               {{"answers", {{{"question", "transform-yearly-review"}, {"now", 0}, {"target", 4}}}}});
  c_.Anonymous("PUT", "/api/v1/checkups/" + lone + "/reflections",
               {{"reflections", {{{"prompt", "transform-vision"}, {"text", "Only I answered this phase"}}}}});
  Close();
  auto page = Page("/communities/" + std::to_string(id_) + "/rounds/" + std::to_string(round_));
  EXPECT_THAT(page.body, HasSubstr("From <strong>4</strong> members"));
  EXPECT_THAT(page.body, Not(HasSubstr("Only I answered this phase")));
}

TEST_F(TeamPrivacyTest, MembersSeeTheRoundsCounts) {
  std::string token = Answer(2);
  Answer(3);
  c_.Anonymous("POST", "/api/v1/join/" + invite_);
  auto page = c_.client().Get("/checkup/" + token + "/phase/define");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("links meant for 50 people, 3 joined, 2 members answered"));
  EXPECT_THAT(page.body, HasSubstr("word for word"));
}

TEST_F(TeamPrivacyTest, NotesAndReflectionsOnlyAfterClosingSortedByText) {
  Answer(1, "zebra crossing");
  Answer(2, "apple pie");
  std::string third = Answer(3, "mango");
  c_.Anonymous("PUT", "/api/v1/checkups/" + third + "/reflections",
               {{"reflections", {{{"prompt", "define-vision"}, {"text", "We meet to learn"}}}}});
  auto open = Page("/communities/" + std::to_string(id_) + "/rounds/" + std::to_string(round_));
  EXPECT_THAT(open.body, Not(HasSubstr("apple pie")));
  EXPECT_THAT(open.body, Not(HasSubstr("We meet to learn")));
  Close();
  json r = Results();
  ASSERT_FALSE(r["notes"].empty());
  EXPECT_EQ(r["notes"][0]["notes"], (json{"apple pie", "mango", "zebra crossing"}));
  auto closed = Page("/communities/" + std::to_string(id_) + "/rounds/" + std::to_string(round_));
  EXPECT_THAT(closed.body, HasSubstr("We meet to learn")) << "shown once the round is closed";
  EXPECT_THAT(closed.body, HasSubstr("apple pie"));
  EXPECT_FALSE(r["notes"][0].contains("created_at"));
}

TEST_F(TeamPrivacyTest, ANulByteInANoteIsRefusedNotCutShort) {
  std::string token = c_.Body(c_.Anonymous("POST", "/api/v1/join/" + invite_))["token"];
  std::string body = R"({"answers":[{"question":"define-shared-purpose","now":2,"target":3,"note":"before\u0000after"}]})";
  auto r = c_.client().Send("PUT", "/api/v1/checkups/" + token + "/answers", body,
                            {{"Content-Type", "application/json"}, {"Host", "cop.test"}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_TRUE(c_.store().Answers(c_.store().FindResponseByTokenHash(auth::HashToken(token))->id)->empty());
}

TEST_F(TeamPrivacyTest, ASponsorSeesTheLatestClosedRoundOnly) {
  for (int now : {2, 2, 2}) Answer(now);
  std::string link = c_.Body(c_.Json("POST", c_.C(id_) + "/sponsors", {{"label", "Dean"}}))["token"];
  EXPECT_TRUE(c_.Body(c_.Anonymous("GET", "/api/v1/sponsor/" + link))["results"].is_null());
  EXPECT_THAT(c_.client().Get("/sponsor/" + link).body, HasSubstr("No closed round"));
  Close();
  EXPECT_EQ(c_.Body(c_.Anonymous("GET", "/api/v1/sponsor/" + link))["results"]["responses"], 3);
  // A new open round changes nothing for the sponsor until it closes.
  c_.Round(id_);
  EXPECT_EQ(c_.Body(c_.Anonymous("GET", "/api/v1/sponsor/" + link))["round"]["id"], round_);
  // Read-only, and withdrawn for good.
  EXPECT_EQ(c_.Anonymous("POST", "/api/v1/sponsor/" + link).status, 405);
  std::int64_t sid = c_.Body(c_.Json("GET", c_.C(id_)))["sponsor_links"][0]["id"];
  EXPECT_EQ(c_.Json("DELETE", c_.C(id_) + "/sponsors/" + std::to_string(sid)).status, 204);
  EXPECT_EQ(c_.Anonymous("GET", "/api/v1/sponsor/" + link).status, 404);
}

TEST_F(TeamPrivacyTest, TheSummaryNamesTheFirstThreeDisagreementsOnceTheRoundIsShown) {
  // Four members split 0/4 on five statements: all five are disputed.
  json bank = c_.Body(c_.Anonymous("GET", "/api/v1/questions"));
  std::vector<std::string> ids;
  for (const auto& q : bank["phases"][0]["questions"])
    if (ids.size() < 5) ids.push_back(q["id"]);
  for (int m = 0; m < 4; ++m) {
    std::string token = c_.Body(c_.Anonymous("POST", "/api/v1/join/" + invite_))["token"];
    json answers = json::array();
    for (const auto& id : ids) answers.push_back({{"question", id}, {"now", m % 2 ? 4 : 0}, {"target", 4}});
    ASSERT_EQ(c_.Anonymous("PUT", "/api/v1/checkups/" + token + "/answers", {{"answers", answers}}).status, 200);
  }
  std::string path = "/communities/" + std::to_string(id_) + "/rounds/" + std::to_string(round_);
  EXPECT_THAT(Page(path).body, Not(HasSubstr("class=\"glance\""))) << "no summary while the round is open";
  Close();
  json r = Results();
  std::vector<std::string> disputed;
  for (const auto& q : r["questions"])
    if (q["disputed"] == true) disputed.push_back(q["title"]);
  ASSERT_EQ(disputed.size(), 5u);
  std::string html = Page(path).body;
  size_t at = html.find("id=\"team-glance-disputed-title\"");
  ASSERT_NE(at, std::string::npos) << "the summary says where members disagree";
  std::string summary = html.substr(at, html.find("</section>", at) - at);
  for (size_t i = 0; i < 5; ++i)
    EXPECT_EQ(summary.find("<li>" + disputed[i] + "</li>") != std::string::npos, i < 3) << disputed[i];
  EXPECT_THAT(summary, HasSubstr("And 2 more"));
  EXPECT_THAT(summary, HasSubstr("href=\"#disputed\""));
  EXPECT_THAT(html, HasSubstr("<details class=\"section\" id=\"disputed\">")) << "the full list, below";
}

}  // namespace
}  // namespace cultivate::web
