// The team JSON API, in-process: communities, rounds, invites, joining, the privacy
// threshold, team results, trends, the plan, sponsor links, and access control.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/tokens.h"
#include "web/team_test_support.h"

namespace cultivate::web {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using test::TeamClient;

class TeamApiTest : public ::testing::Test {
 protected:
  store::test::FakeClock clock_{1'800'000'000};
  TeamClient c_{clock_};
};

TEST_F(TeamApiTest, EverythingNeedsASignedInCoordinator) {
  EXPECT_EQ(c_.Json("POST", "/api/v1/communities", {{"name", "X"}}).status, 401);
  EXPECT_EQ(c_.Json("GET", "/api/v1/communities/1").status, 401);
  EXPECT_EQ(c_.Json("GET", "/api/v1/communities").status, 401);
}

TEST_F(TeamApiTest, CreateReadUpdateAndDeleteACommunity) {
  c_.SignUpAndIn("ada@example.org");
  auto bad = c_.Json("POST", "/api/v1/communities", {{"name", " "}, {"phase", "bloom"}});
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(c_.Body(bad)["details"].size(), 2u);
  auto r = c_.Json("POST", "/api/v1/communities",
                   {{"name", "Wound care nurses"}, {"domain", "Healing chronic wounds"},
                    {"purpose", "Share what works"}, {"phase", "grow"}});
  ASSERT_EQ(r.status, 201);
  std::int64_t id = c_.Body(r)["id"];
  auto got = c_.Body(c_.Json("GET", c_.C(id)));
  EXPECT_EQ(got["name"], "Wound care nurses");
  EXPECT_EQ(got["domain"], "Healing chronic wounds");
  EXPECT_EQ(got["phase"], "grow");
  EXPECT_EQ(got["threshold"], 3);
  EXPECT_EQ(got["coordinators"].size(), 1u);
  auto patched = c_.Json("PATCH", c_.C(id), {{"purpose", "Fewer amputations"}, {"phase", nullptr}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(c_.Body(patched)["purpose"], "Fewer amputations");
  EXPECT_EQ(c_.Body(patched)["name"], "Wound care nurses") << "fields not sent are kept";
  EXPECT_TRUE(c_.Body(patched)["phase"].is_null());
  EXPECT_EQ(c_.Json("PATCH", c_.C(id), {{"name", ""}}).status, 422);
  EXPECT_EQ(c_.Body(c_.Json("GET", c_.C(id)))["name"], "Wound care nurses");
  EXPECT_EQ(c_.Json("DELETE", c_.C(id)).status, 204);
  EXPECT_EQ(c_.Json("GET", c_.C(id)).status, 404);
}

TEST_F(TeamApiTest, ResultsStayHiddenUntilThreeMembersAnswered) {
  c_.SignUpAndIn("ada@example.org");
  std::int64_t id = c_.Community();
  std::int64_t round = c_.Round(id);
  json invite = c_.Invite(id);
  std::string token = invite["token"];
  EXPECT_GE(token.size(), 22u) << "at least 128 bits";
  EXPECT_EQ(invite["url"], "http://cop.test/join/" + token);
  // The invite's token is stored only as a hash.
  EXPECT_FALSE(c_.store().FindInviteByTokenHash(token));
  EXPECT_TRUE(c_.store().FindInviteByTokenHash(auth::HashToken(token)));

  std::string results = c_.C(id) + "/rounds/" + std::to_string(round) + "/results";
  c_.JoinAndAnswer(token, 1, 3, "We never meet");
  c_.JoinAndAnswer(token, 3, 4);
  c_.JoinAndAnswer(token, 2, 4, "Meetings clash with shifts");
  c_.Anonymous("POST", "/api/v1/join/" + token);  // joined, answered nothing yet
  // Open: counts only, however many answered.
  auto open = c_.Body(c_.Json("GET", results));
  EXPECT_EQ(open, (json{{"open", true}, {"hidden", true}, {"joined", 4}, {"responses", 3},
                        {"coordinators", 0}, {"threshold", 3}, {"min_detail", 5}}));
  ASSERT_EQ(c_.Json("POST", c_.C(id) + "/rounds/" + std::to_string(round) + "/close").status, 200);
  auto shown = c_.Json("GET", results);
  ASSERT_EQ(shown.status, 200);
  json r = c_.Body(shown);
  EXPECT_EQ(r["responses"], 3);
  EXPECT_EQ(r["hidden"], false);
  EXPECT_EQ(r["open"], false);
  EXPECT_EQ(r["detailed"], false) << "3 members: below the detail threshold of 5";
  // now values 1, 3, 2 on every question: mean 2 -> 50%; target 3, 4, 4 -> 91.67: whole 92.
  EXPECT_DOUBLE_EQ(r["overall"]["now"].get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(r["overall"]["target"].get<double>(), 92.0);
  EXPECT_DOUBLE_EQ(r["overall"]["gap"].get<double>(), 42.0);
  json q = r["questions"][0];
  EXPECT_EQ(q["spread"]["n"], 3);
  EXPECT_FALSE(q.contains("min")) << "never a minimum: with the mean it gives answers away";
  EXPECT_FALSE(q.contains("max"));
  EXPECT_FALSE(q["spread"].contains("min"));
  EXPECT_TRUE(q["spread"]["stddev"].is_null()) << "below the detail threshold";
  EXPECT_TRUE(q["distribution"].is_null());
  EXPECT_EQ(r["phases"][0]["spread"]["n"], 3);
  EXPECT_FALSE(r["phases"][0]["spread"].contains("min"));
  EXPECT_TRUE(r["phases"][0]["spread"]["stddev"].is_null());
  EXPECT_TRUE(r["overall_spread"]["stddev"].is_null());
  EXPECT_TRUE(r.contains("placement"));
  EXPECT_TRUE(r.contains("improvement_areas"));
  // Notes are shown without names, sorted.
  ASSERT_FALSE(r["notes"].empty());
  EXPECT_EQ(r["notes"][0]["notes"], (json{"Meetings clash with shifts", "We never meet"}));
  EXPECT_EQ(shown.body.find("ada@"), std::string::npos);
  // Served compressed when the client accepts it, and never cached by browsers.
  auto gz = c_.client().Send("GET", results, "",
                             {{"Cookie", "__Host-cultivate-session=" + c_.session()},
                              {"Accept-Encoding", "gzip"}});
  ASSERT_NE(gz.Header("Content-Encoding"), nullptr);
  EXPECT_EQ(*gz.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(*gz.Header("Cache-Control"), "no-store");
  EXPECT_LT(gz.body.size(), shown.body.size());
}

TEST_F(TeamApiTest, AConfiguredThresholdAboveThreeIsRespected) {
  web::AppOptions options = test::Options(clock_);
  options.team.min_responses = 4;
  testing::AppClient client(nullptr, options);
  // Reuse the API through a TeamClient-like flow on this client.
  auto post = [&](const std::string& path, const json& body, const std::string& cookie) {
    return client.Send("POST", path, body.dump(),
                       {{"Content-Type", "application/json"}, {"Cookie", cookie}});
  };
  post("/api/v1/accounts", {{"email", "a@example.org"}, {"password", test::kPassword}, {"name", "A"}}, "");
  auto s = post("/api/v1/session", {{"email", "a@example.org"}, {"password", test::kPassword}}, "");
  std::string cookie = "__Host-cultivate-session=" + test::CookieValue(s, "__Host-cultivate-session");
  std::int64_t id = json::parse(post("/api/v1/communities", {{"name", "N"}}, cookie).body)["id"];
  std::string c = "/api/v1/communities/" + std::to_string(id);
  std::int64_t round = json::parse(post(c + "/rounds", json::object(), cookie).body)["id"];
  std::string token = json::parse(post(c + "/invites", json::object(), cookie).body)["token"];
  for (int i = 0; i < 3; ++i) {
    std::string member = json::parse(post("/api/v1/join/" + token, json::object(), "").body)["token"];
    client.Send("PUT", "/api/v1/checkups/" + member + "/answers",
                json{{"answers", {{{"question", "define-shared-purpose"}, {"now", 2}, {"target", 3}}}}}.dump(),
                {{"Content-Type", "application/json"}});
  }
  post(c + "/rounds/" + std::to_string(round) + "/close", json::object(), cookie);
  auto r = client.Send("GET", c + "/rounds/" + std::to_string(round) + "/results", "", {{"Cookie", cookie}});
  EXPECT_EQ(json::parse(r.body), (json{{"open", false}, {"hidden", true}, {"responses", 3},
                                      {"coordinators", 0}, {"threshold", 4}, {"min_detail", 5}}));
}

TEST_F(TeamApiTest, RoundsOpenOneAtATimeAndCloseOnce) {
  c_.SignUpAndIn("ada@example.org");
  std::int64_t id = c_.Community();
  EXPECT_EQ(c_.Json("POST", c_.C(id) + "/invites", json::object()).status, 409)
      << "no open round yet";
  EXPECT_EQ(c_.Json("POST", c_.C(id) + "/rounds", {{"closes_at", "2020-01-01"}}).status, 422);
  EXPECT_EQ(c_.Json("POST", c_.C(id) + "/rounds", {{"closes_at", "2027-02-30"}}).status, 422);
  auto opened = c_.Json("POST", c_.C(id) + "/rounds", {{"title", "2027 review"}, {"closes_at", "2027-03-31"}});
  ASSERT_EQ(opened.status, 201);
  std::int64_t round = c_.Body(opened)["id"];
  EXPECT_EQ(c_.Json("POST", c_.C(id) + "/rounds", json::object()).status, 409);
  auto info = c_.Body(c_.Json("GET", c_.C(id) + "/rounds/" + std::to_string(round)));
  EXPECT_EQ(info["bank_version"], c_.client().app().site().bank.version);
  EXPECT_EQ(info["title"], "2027 review");
  EXPECT_TRUE(info["open"]);
  std::string token = c_.Invite(id)["token"];
  c_.JoinAndAnswer(token, 2, 3);
  auto closed = c_.Json("POST", c_.C(id) + "/rounds/" + std::to_string(round) + "/close");
  ASSERT_EQ(closed.status, 200);
  EXPECT_FALSE(c_.Body(closed)["open"]);
  EXPECT_EQ(c_.Body(closed)["responses"], 1);
  EXPECT_EQ(c_.Json("POST", c_.C(id) + "/rounds/" + std::to_string(round) + "/close").status, 409);
  auto late = c_.Anonymous("POST", "/api/v1/join/" + token);
  EXPECT_EQ(late.status, 410);
  EXPECT_THAT(late.body, HasSubstr("closed"));
  EXPECT_EQ(c_.Json("POST", c_.C(id) + "/rounds", json::object()).status, 201) << "a new round";
}

TEST_F(TeamApiTest, InvitesExpireCanBeRevokedAndCountUses) {
  c_.SignUpAndIn("ada@example.org");
  std::int64_t id = c_.Community();
  c_.Round(id);
  auto made = c_.Json("POST", c_.C(id) + "/invites", {{"days", 2}});
  ASSERT_EQ(made.status, 201);
  std::string token = c_.Body(made)["token"];
  std::int64_t invite = c_.Body(made)["id"];
  EXPECT_EQ(c_.Anonymous("POST", "/api/v1/join/" + token).status, 201);
  EXPECT_EQ(c_.Anonymous("POST", "/api/v1/join/" + token).status, 201);
  EXPECT_EQ(c_.Body(c_.Json("GET", c_.C(id)))["invites"][0]["uses"], 2);
  clock_.Set(1'800'000'000 + 2 * 86400 + 1);
  EXPECT_EQ(c_.Anonymous("POST", "/api/v1/join/" + token).status, 410) << "expired";
  clock_.Set(1'800'000'000);
  std::string other = c_.Invite(id)["token"];
  EXPECT_EQ(c_.Json("DELETE", c_.C(id) + "/invites/" + std::to_string(invite)).status, 204);
  EXPECT_EQ(c_.Anonymous("POST", "/api/v1/join/" + token).status, 410) << "revoked";
  EXPECT_EQ(c_.Anonymous("POST", "/api/v1/join/" + other).status, 201) << "other invites still work";
  EXPECT_EQ(c_.Anonymous("POST", "/api/v1/join/not-a-token").status, 404);
  EXPECT_EQ(c_.Anonymous("POST", "/api/v1/join/" + std::string(43, 'A')).status, 404);
}

TEST_F(TeamApiTest, MembersAnswerWithTheSoloApiOnTheirPersonalLink) {
  c_.SignUpAndIn("ada@example.org");
  std::int64_t id = c_.Community();
  c_.Round(id);
  std::string invite = c_.Invite(id)["token"];
  auto joined = c_.Anonymous("POST", "/api/v1/join/" + invite);
  std::string token = c_.Body(joined)["token"];
  EXPECT_EQ(c_.Body(joined)["resume_url"], "/checkup/" + token);
  EXPECT_NE(token, invite);
  auto checkup = c_.Body(c_.Json("GET", "/api/v1/checkups/" + token));
  EXPECT_EQ(checkup["phases"].size(), 5u) << "a team round covers every phase";
  auto bad = c_.Json("PUT", "/api/v1/checkups/" + token + "/answers",
                     {{"answers", {{{"question", "define-shared-purpose"}, {"now", 7}}}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(c_.Json("GET", "/api/v1/checkups/" + token + "/results").status, 200)
      << "members see their own results";
}

TEST_F(TeamApiTest, TrendsCompareTwoRounds) {
  c_.SignUpAndIn("ada@example.org");
  std::int64_t id = c_.Community();
  std::int64_t first = c_.Round(id);
  std::string invite = c_.Invite(id)["token"];
  for (int i = 0; i < 3; ++i) c_.JoinAndAnswer(invite, 1, 3);
  c_.Json("POST", c_.C(id) + "/rounds/" + std::to_string(first) + "/close");
  clock_.Set(1'800'000'000 + 365 * 86400);
  c_.SignIn("ada@example.org");  // a year later: a new session
  std::int64_t second = c_.Round(id);
  std::string invite2 = c_.Invite(id)["token"];
  for (int i = 0; i < 2; ++i) c_.JoinAndAnswer(invite2, 3, 4);
  std::string url = c_.C(id) + "/trends?from=" + std::to_string(first) + "&to=" + std::to_string(second);
  c_.JoinAndAnswer(invite2, 3, 4);
  auto hidden = c_.Body(c_.Json("GET", url));
  EXPECT_TRUE(hidden["hidden"]) << "the second round is still open";
  EXPECT_TRUE(hidden["to"]["open"]);
  EXPECT_FALSE(hidden.contains("phases"));
  c_.Json("POST", c_.C(id) + "/rounds/" + std::to_string(second) + "/close");
  auto t = c_.Body(c_.Json("GET", url));
  ASSERT_FALSE(t["hidden"]);
  EXPECT_DOUBLE_EQ(t["overall"]["change"]["now"].get<double>(), 50.0);  // 25% -> 75%
  ASSERT_EQ(t["phases"].size(), 5u);
  EXPECT_DOUBLE_EQ(t["phases"][0]["from"]["now"].get<double>(), 25.0);
  EXPECT_DOUBLE_EQ(t["phases"][0]["to"]["now"].get<double>(), 75.0);
  EXPECT_DOUBLE_EQ(t["phases"][0]["change"]["target"].get<double>(), 25.0);
  EXPECT_FALSE(t["elements"].empty());
  EXPECT_FALSE(t["principles"].empty());
  EXPECT_EQ(c_.Json("GET", c_.C(id) + "/trends?from=" + std::to_string(first)).status, 404);
}

TEST_F(TeamApiTest, ThePlanIsDraftedFromTeamResultsAndSaved) {
  c_.SignUpAndIn("ada@example.org");
  std::int64_t id = c_.Community();
  auto empty = c_.Body(c_.Json("GET", c_.C(id) + "/plan"));
  EXPECT_TRUE(empty["draft"]);
  EXPECT_TRUE(empty["items"].empty()) << "no results yet, nothing to draft from";
  std::int64_t round = c_.Round(id);
  std::string invite = c_.Invite(id)["token"];
  for (int i = 0; i < 3; ++i) c_.JoinAndAnswer(invite, 1, 4);
  EXPECT_TRUE(c_.Body(c_.Json("GET", c_.C(id) + "/plan"))["items"].empty())
      << "an open round's answers draft nothing: that would show them";
  c_.Json("POST", c_.C(id) + "/rounds/" + std::to_string(round) + "/close");
  auto draft = c_.Body(c_.Json("GET", c_.C(id) + "/plan"));
  EXPECT_TRUE(draft["draft"]);
  ASSERT_FALSE(draft["items"].empty());
  draft["items"][0]["status"] = "doing";
  auto saved = c_.Json("PUT", c_.C(id) + "/plan", draft);
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto read = c_.Body(c_.Json("GET", c_.C(id) + "/plan"));
  EXPECT_FALSE(read["draft"]);
  EXPECT_EQ(read["items"][0]["status"], "doing");
  draft["items"][0]["status"] = "someday";
  EXPECT_EQ(c_.Json("PUT", c_.C(id) + "/plan", draft).status, 422);
}

TEST_F(TeamApiTest, SeveralCoordinatorsShareACommunity) {
  c_.SignUp("bob@example.org");
  c_.SignUpAndIn("ada@example.org");
  std::int64_t id = c_.Community();
  // Inviting answers the same for an email with or without an account, and shows no name.
  auto nobody = c_.Json("POST", c_.C(id) + "/coordinators", {{"email", "nobody@example.org"}});
  auto invited = c_.Json("POST", c_.C(id) + "/coordinators", {{"email", "BOB@example.org"}});
  ASSERT_EQ(invited.status, 202) << invited.body;
  EXPECT_EQ(nobody.status, 202);
  EXPECT_EQ(invited.body.find("Bob"), std::string::npos);
  EXPECT_EQ(c_.Body(invited)["invited"], "bob@example.org");
  EXPECT_EQ(c_.Json("POST", c_.C(id) + "/coordinators", {{"email", "not an email"}}).status, 422);
  auto pending = c_.Body(c_.Json("GET", c_.C(id)))["invited"];
  EXPECT_EQ(pending.size(), 2u);
  // Bob is not a coordinator until he accepts; then he is.
  c_.SignIn("bob@example.org");
  EXPECT_EQ(c_.Json("GET", c_.C(id)).status, 404);
  auto mine = c_.Body(c_.Json("GET", "/api/v1/account/invitations"))["invitations"];
  ASSERT_EQ(mine.size(), 1u);
  std::string iid = std::to_string(mine[0]["id"].get<int>());
  EXPECT_EQ(c_.Json("POST", "/api/v1/account/invitations/" + iid + "/accept").status, 204);
  EXPECT_EQ(c_.Json("GET", c_.C(id)).status, 200);
  EXPECT_EQ(c_.Json("POST", "/api/v1/account/invitations/" + iid + "/accept").status, 404) << "used up";
  auto ada = c_.store().FindUserByEmail("ada@example.org").value();
  EXPECT_EQ(c_.Json("DELETE", c_.C(id) + "/coordinators/" + std::to_string(ada.id)).status, 204);
  auto bob = c_.store().FindUserByEmail("bob@example.org").value();
  EXPECT_EQ(c_.Json("DELETE", c_.C(id) + "/coordinators/" + std::to_string(bob.id)).status, 409)
      << "the last coordinator stays";
}

TEST_F(TeamApiTest, AnInvitationIsForItsEmailOnly) {
  c_.SignUp("eve@example.org");
  c_.SignUpAndIn("ada@example.org");
  std::int64_t id = c_.Community();
  ASSERT_EQ(c_.Json("POST", c_.C(id) + "/coordinators", {{"email", "bob@example.org"}}).status, 202);
  auto row = c_.store().PendingInvitations(id).value();
  ASSERT_EQ(row.size(), 1u);
  c_.SignIn("eve@example.org");  // someone else who learns the invitation's id
  EXPECT_EQ(c_.Body(c_.Json("GET", "/api/v1/account/invitations"))["invitations"].size(), 0u);
  std::string iid = std::to_string(row[0].id);
  EXPECT_EQ(c_.Json("POST", "/api/v1/account/invitations/" + iid + "/accept").status, 404);
  EXPECT_EQ(c_.Json("DELETE", "/api/v1/account/invitations/" + iid).status, 404);
  EXPECT_EQ(c_.Json("GET", c_.C(id)).status, 404);
  EXPECT_EQ(c_.store().PendingInvitations(id)->size(), 1u) << "still waiting for bob";
}

// Issue 6, point 9: a coordinator of community A gets 404 for anything of community B,
// whatever ids are tried, on every route.
TEST_F(TeamApiTest, ACoordinatorGets404ForEveryRouteOfAnotherCommunity) {
  // B's community with a round, an invite, a sponsor link and results.
  c_.SignUpAndIn("bee@example.org");
  std::int64_t b = c_.Community("B");
  std::int64_t b_round = c_.Round(b);
  json b_invite = c_.Invite(b);
  std::int64_t b_sponsor = c_.Body(c_.Json("POST", c_.C(b) + "/sponsors", json::object()))["id"];
  for (int i = 0; i < 3; ++i) c_.JoinAndAnswer(b_invite["token"], 2, 3);
  std::int64_t bee = c_.store().FindUserByEmail("bee@example.org")->id;
  // A, signed in, with their own community and round.
  c_.SignUpAndIn("ann@example.org");
  std::int64_t a = c_.Community("A");
  std::int64_t a_round = c_.Round(a);
  std::string B = c_.C(b), A = c_.C(a);
  std::string br = std::to_string(b_round), ar = std::to_string(a_round);
  std::string bi = std::to_string(b_invite["id"].get<int>()), bs = std::to_string(b_sponsor);
  struct Case {
    std::string method, path;
    json body;
  };
  std::vector<Case> cases = {
      {"GET", B, nullptr},
      {"PATCH", B, {{"name", "taken over"}}},
      {"DELETE", B, nullptr},
      {"POST", B + "/rounds", json::object()},
      {"GET", B + "/rounds/" + br, nullptr},
      {"POST", B + "/rounds/" + br + "/close", nullptr},
      {"GET", B + "/rounds/" + br + "/results", nullptr},
      {"GET", B + "/trends?from=" + br + "&to=" + br, nullptr},
      {"POST", B + "/invites", json::object()},
      {"DELETE", B + "/invites/" + bi, nullptr},
      {"GET", B + "/plan", nullptr},
      {"PUT", B + "/plan", {{"vision", "x"}}},
      {"POST", B + "/sponsors", json::object()},
      {"DELETE", B + "/sponsors/" + bs, nullptr},
      {"POST", B + "/coordinators", {{"email", "ann@example.org"}}},
      {"DELETE", B + "/coordinators/" + std::to_string(bee), nullptr},
      // B's ids under A's own community.
      {"GET", A + "/rounds/" + br, nullptr},
      {"POST", A + "/rounds/" + br + "/close", nullptr},
      {"GET", A + "/rounds/" + br + "/results", nullptr},
      {"GET", A + "/trends?from=" + br + "&to=" + ar, nullptr},
      {"GET", A + "/trends?from=" + ar + "&to=" + br, nullptr},
      {"DELETE", A + "/invites/" + bi, nullptr},
      {"DELETE", A + "/sponsors/" + bs, nullptr},
      // Ids that do not exist or are not ids at all.
      {"GET", "/api/v1/communities/999999", nullptr},
      {"GET", "/api/v1/communities/0", nullptr},
      {"GET", "/api/v1/communities/-1", nullptr},
      {"GET", "/api/v1/communities/1e3", nullptr},
      {"GET", A + "/rounds/abc/results", nullptr},
  };
  for (const auto& c : cases) {
    auto r = c_.Json(c.method, c.path, c.body);
    EXPECT_EQ(r.status, 404) << c.method << " " << c.path << ": " << r.body;
  }
  // Nothing of B changed.
  auto community = c_.store().FindCommunity(b).value();
  EXPECT_EQ(community.name, "B");
  EXPECT_TRUE(c_.store().FindRound(b_round)->open());
  EXPECT_FALSE(c_.store().FindInvite(b_invite["id"])->revoked_at);
  EXPECT_FALSE(c_.store().FindSponsorLink(b_sponsor)->revoked_at);
  EXPECT_EQ(c_.store().Coordinators(b)->size(), 1u);
  EXPECT_FALSE(c_.store().CommunityPlan(b).value().has_value());
}

}  // namespace
}  // namespace cultivate::web
