// Team check-ups in HTML, in-process: the coordinator's pages with CSRF, the member's join
// page and check-up, the sponsor view, and 404 for every page of another community.
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

class TeamPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    c_.SignUpAndIn("ada@example.org");
    csrf_ = c_.store().FindSession(auth::HashToken(c_.session())).value().csrf;
  }
  http::Fields Cookie() { return c_.PageHeaders(); }
  http::Response Get(const std::string& path) { return c_.Page(path); }
  http::Response Post(const std::string& path, std::vector<std::pair<std::string, std::string>> fields,
                      bool with_csrf = true) {
    return c_.PostPage(path, std::move(fields), with_csrf);
  }
  std::string InviteToken(const http::Response& page) {
    auto at = page.body.find("/join/");
    EXPECT_NE(at, std::string::npos);
    return page.body.substr(at + 6, 43);
  }

  store::test::FakeClock clock_{1'800'000'000};
  TeamClient c_{clock_};
  std::string csrf_;
};

TEST_F(TeamPagesTest, NotSignedInGoesToSignInAndComesBack) {
  c_.session().clear();
  auto r = c_.client().Get("/communities/1");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(*r.Header("Location"), "/account/sign-in?next=%2Fcommunities%2F1");
}

TEST_F(TeamPagesTest, CreateACommunityKeepingWhatWasTypedOnError) {
  auto list = Get("/communities");
  ASSERT_EQ(list.status, 200);
  EXPECT_THAT(list.body, HasSubstr("name=\"csrf\" value=\"" + csrf_ + "\""));
  auto bad = Post("/communities", {{"name", ""}, {"domain", "Healing wounds faster"}, {"phase", "grow"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("Healing wounds faster"));
  EXPECT_THAT(bad.body, HasSubstr("Give your community a name."));
  EXPECT_THAT(bad.body, HasSubstr("value=\"grow\" checked"));
  auto forged = Post("/communities", {{"name", "Forged"}}, false);
  EXPECT_EQ(forged.status, 403);
  EXPECT_TRUE(c_.store().UserCommunities(c_.store().FindUserByEmail("ada@example.org")->id)->empty());
  auto ok = Post("/communities", {{"name", "Wound nurses"}, {"domain", "Healing wounds"}, {"phase", "unsure"}});
  ASSERT_EQ(ok.status, 303);
  auto page = Get(*ok.Header("Location"));
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("<h1>Wound nurses"));
  EXPECT_THAT(page.body, HasSubstr("Not sure yet"));
}

TEST_F(TeamPagesTest, TheWholeRoundFromInviteToResultsPlanAndSponsor) {
  std::int64_t id = c_.Community("Wound nurses");
  std::string base = "/communities/" + std::to_string(id);
  ASSERT_EQ(Post(base + "/rounds", {{"title", "Review 2027"}, {"closes", "2027-03-31"}}).status, 303);
  auto invited = Post(base + "/invites", {{"days", "14"}, {"max_uses", "12"}});
  ASSERT_EQ(invited.status, 200);
  EXPECT_THAT(invited.body, HasSubstr("http://cop.test/join/"));
  EXPECT_THAT(invited.body, HasSubstr("valid for 14 days and for 12 people"));
  std::string token = InviteToken(invited);

  // A member opens the invite: no account, a private link of their own.
  auto join = c_.client().Get("/join/" + token);
  ASSERT_EQ(join.status, 200);
  EXPECT_THAT(join.body, HasSubstr("The Wound nurses check-up"));
  EXPECT_THAT(join.body, HasSubstr("at least 3 members"));
  EXPECT_THAT(join.body, HasSubstr("meant for <strong>12</strong> people"));
  auto started = c_.client().Send("POST", "/join/" + token, "", {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(started.status, 303);
  std::string member = testing::TokenFromLocation(*started.Header("Location"));
  auto phase = c_.client().Get("/checkup/" + member + "/phase/define");
  ASSERT_EQ(phase.status, 200);
  EXPECT_THAT(phase.body, HasSubstr("personal check-up for <strong>Wound nurses</strong>"));
  auto answered = c_.client().PostForm("/checkup/" + member + "/phase/define",
                                       testing::FormBody({{"now.define-shared-purpose", "1"},
                                                          {"target.define-shared-purpose", "3"},
                                                          {"note.define-shared-purpose", "Nobody agrees on why we meet"},
                                                          {"go", "next"}}));
  EXPECT_EQ(answered.status, 303);

  // While the round is open the round page shows only the counts, however many answered.
  std::int64_t round_id = c_.store().Rounds(id)->front().id;
  std::string round_path = base + "/rounds/" + std::to_string(round_id);
  c_.JoinAndAnswer(token, 4, 4, "Great mentoring");
  c_.JoinAndAnswer(token, 2, 4);
  auto waiting = Get(round_path);
  ASSERT_EQ(waiting.status, 200);
  EXPECT_THAT(waiting.body, HasSubstr("Results appear when the round is closed"));
  EXPECT_THAT(waiting.body, HasSubstr("<strong>3</strong> members have answered"));
  EXPECT_THAT(waiting.body, HasSubstr("Close this round now"));
  EXPECT_THAT(waiting.body, Not(HasSubstr("Nobody agrees")));
  EXPECT_THAT(waiting.body, Not(HasSubstr("Team scores by phase")));
  // Closing shows the results and freezes members' answers.
  EXPECT_EQ(Post(round_path + "/close", {}).status, 303);
  auto results = Get(round_path);
  ASSERT_EQ(results.status, 200);
  EXPECT_THAT(results.body, HasSubstr("From <strong>3</strong> members"));
  EXPECT_THAT(results.body, HasSubstr("Team scores by phase"));
  EXPECT_THAT(results.body, HasSubstr("Nobody agrees on why we meet"));
  EXPECT_THAT(results.body, HasSubstr("Where members disagree"));
  EXPECT_THAT(results.body, HasSubstr("<svg"));

  // The plan: drafted, saved, then suggestions merge without touching statuses.
  auto plan = Get(base + "/plan");
  ASSERT_EQ(plan.status, 200);
  EXPECT_THAT(plan.body, HasSubstr("made from the team results of Review 2027"));
  ASSERT_EQ(Post(base + "/plan", {{"vision", "Every nurse knows the protocol"},
                                  {"item.0.what", "Our own first action"},
                                  {"item.0.status", "done"}, {"go", "save"}}).status, 303);
  auto merged = Post(base + "/plan", {{"vision", "Every nurse knows the protocol"},
                                      {"item.0.what", "Our own first action"},
                                      {"item.0.status", "done"}, {"go", "suggest"}});
  ASSERT_EQ(merged.status, 303);
  EXPECT_THAT(*merged.Header("Location"), HasSubstr("added="));
  auto saved = c_.store().CommunityPlan(id).value();
  ASSERT_TRUE(saved);
  ASSERT_GT(saved->items.size(), 1u);
  EXPECT_EQ(saved->items[0].status, "done");
  EXPECT_EQ(saved->items[1].status, "todo");

  // Members read the plan from their own link.
  auto member_plan = c_.client().Get("/checkup/" + member + "/community");
  ASSERT_EQ(member_plan.status, 200);
  EXPECT_THAT(member_plan.body, HasSubstr("Every nurse knows the protocol"));

  // A sponsor link shows results and plan, read-only, until it is withdrawn.
  auto sponsor = Post(base + "/sponsors", {{"label", "Chief nurse"}});
  ASSERT_EQ(sponsor.status, 200);
  auto at = sponsor.body.find("/sponsor/");
  std::string sponsor_token = sponsor.body.substr(at + 9, 43);
  auto view = c_.client().Get("/sponsor/" + sponsor_token);
  ASSERT_EQ(view.status, 200);
  EXPECT_THAT(view.body, HasSubstr("Team scores by phase"));
  EXPECT_THAT(view.body, HasSubstr("Our own first action"));
  EXPECT_THAT(view.body, Not(HasSubstr("name=\"csrf\"")));
  std::int64_t link_id = c_.store().SponsorLinks(id)->front().id;
  EXPECT_EQ(Post(base + "/sponsors/" + std::to_string(link_id) + "/revoke", {}).status, 303);
  EXPECT_EQ(c_.client().Get("/sponsor/" + sponsor_token).status, 404);

  auto late = c_.client().PostForm("/checkup/" + member + "/phase/define",
                                   testing::FormBody({{"now.define-shared-purpose", "4"},
                                                      {"target.define-shared-purpose", "4"}, {"go", "next"}}));
  EXPECT_EQ(late.status, 409);
  EXPECT_THAT(late.body, HasSubstr("closed"));
  EXPECT_EQ(c_.client().Get("/join/" + token).status, 410);
}

TEST_F(TeamPagesTest, TrendsPageShowsAChartAndATable) {
  std::int64_t id = c_.Community();
  std::string base = "/communities/" + std::to_string(id);
  auto one = Get(base + "/trends");
  EXPECT_THAT(one.body, HasSubstr("Trends need two rounds"));
  std::int64_t first = c_.Round(id);
  std::string invite = c_.Invite(id)["token"];
  for (int i = 0; i < 3; ++i) c_.JoinAndAnswer(invite, 1, 3);
  c_.Json("POST", c_.C(id) + "/rounds/" + std::to_string(first) + "/close");
  std::int64_t second = c_.Round(id);
  std::string invite2 = c_.Invite(id)["token"];
  for (int i = 0; i < 3; ++i) c_.JoinAndAnswer(invite2, 3, 4);
  c_.Json("POST", c_.C(id) + "/rounds/" + std::to_string(second) + "/close");
  auto page = Get(base + "/trends");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("Change by phase"));
  EXPECT_THAT(page.body, HasSubstr("+50"));
  EXPECT_THAT(page.body, HasSubstr("<svg"));
}

TEST_F(TeamPagesTest, EditAndDeleteNeedConfirmation) {
  std::int64_t id = c_.Community("Old name");
  std::string base = "/communities/" + std::to_string(id);
  ASSERT_EQ(Get(base + "/edit").status, 200);
  EXPECT_EQ(Post(base + "/edit", {{"name", "New name"}, {"domain", "d"}, {"phase", "define"}}).status, 303);
  EXPECT_EQ(c_.store().FindCommunity(id)->name, "New name");
  auto unconfirmed = Post(base + "/delete", {});
  EXPECT_EQ(unconfirmed.status, 422);
  EXPECT_TRUE(c_.store().FindCommunity(id));
  EXPECT_EQ(Post(base + "/delete", {{"confirm", "yes"}}).status, 303);
  EXPECT_FALSE(c_.store().FindCommunity(id));
}

// Issue 6, point 9, for the HTML pages: every page and form of community B answers 404 to a
// coordinator of A, with A's own valid CSRF token, and changes nothing.
TEST_F(TeamPagesTest, EveryPageOfAnotherCommunityIs404) {
  std::string ada_session = c_.session(), ada_csrf = csrf_;
  c_.SignUpAndIn("bee@example.org");
  std::int64_t b = c_.Community("B");
  std::int64_t round = c_.Round(b);
  std::int64_t invite = c_.Invite(b)["id"];
  c_.Json("POST", c_.C(b) + "/sponsors", json::object());
  std::int64_t sponsor = c_.store().SponsorLinks(b)->front().id;
  std::int64_t bee = c_.store().FindUserByEmail("bee@example.org")->id;
  c_.session() = ada_session;
  csrf_ = ada_csrf;
  std::int64_t a = c_.Community("A");
  std::int64_t a_round = c_.Round(a);
  std::string B = "/communities/" + std::to_string(b), A = "/communities/" + std::to_string(a);
  std::string r = std::to_string(round);
  for (const std::string& path :
       {B, B + "/edit", B + "/plan", B + "/trends", B + "/rounds/" + r,
        A + "/rounds/" + r, A + "/trends?from=" + r + "&to=" + std::to_string(a_round),
        std::string("/communities/99999"), std::string("/communities/x")}) {
    EXPECT_EQ(Get(path).status, 404) << "GET " << path;
  }
  for (const std::string& path :
       {B + "/edit", B + "/delete", B + "/rounds", B + "/rounds/" + r + "/close", B + "/invites",
        B + "/invites/" + std::to_string(invite) + "/revoke", B + "/sponsors",
        B + "/sponsors/" + std::to_string(sponsor) + "/revoke", B + "/coordinators",
        B + "/coordinators/" + std::to_string(bee) + "/remove", B + "/plan",
        A + "/rounds/" + r + "/close", A + "/invites/" + std::to_string(invite) + "/revoke",
        A + "/sponsors/" + std::to_string(sponsor) + "/revoke"}) {
    EXPECT_EQ(Post(path, {{"name", "Taken"}, {"confirm", "yes"}, {"email", "ada@example.org"},
                          {"vision", "x"}}).status,
              404)
        << "POST " << path;
  }
  EXPECT_EQ(c_.store().FindCommunity(b)->name, "B");
  EXPECT_TRUE(c_.store().FindRound(round)->open());
  EXPECT_FALSE(c_.store().FindInvite(invite)->revoked_at);
  EXPECT_FALSE(c_.store().FindSponsorLink(sponsor)->revoked_at);
  EXPECT_EQ(c_.store().Coordinators(b)->size(), 1u);
}

TEST_F(TeamPagesTest, ACoCoordinatorIsInvitedAndAcceptsOnTheirAccountPage) {
  auto made = Post("/communities", {{"name", "Shared"}, {"phase", "grow"}});
  ASSERT_EQ(made.status, 303);
  std::string dashboard = *made.Header("Location");
  c_.SignUp("bob@example.org", "Bob Builder");
  // The same page whether or not the email has an account; no name on it.
  auto known = Post(dashboard + "/coordinators", {{"email", "Bob@example.org"}});
  auto unknown = Post(dashboard + "/coordinators", {{"email", "nobody@example.org"}});
  EXPECT_EQ(known.status, 200);
  EXPECT_EQ(unknown.status, 200);
  EXPECT_THAT(known.body, Not(HasSubstr("Bob Builder")));
  EXPECT_THAT(known.body, HasSubstr("bob@example.org (since"));
  // Bob sees the invitation once he signs in, and only becomes a coordinator by accepting.
  c_.SignIn("bob@example.org");
  csrf_ = c_.store().FindSession(auth::HashToken(c_.session())).value().csrf;
  EXPECT_EQ(Get(dashboard).status, 404);
  auto account = Get("/account");
  EXPECT_THAT(account.body, HasSubstr("Invitations to co-coordinate"));
  EXPECT_THAT(account.body, HasSubstr("Shared"));
  auto id = c_.store().InvitationsFor("bob@example.org").value().at(0).id;
  std::string accept = "/account/invitations/" + std::to_string(id) + "/accept";
  EXPECT_EQ(Post(accept, {}, false).status, 403) << "a forged form changes nothing";
  EXPECT_EQ(Get(dashboard).status, 404);
  auto ok = Post(accept, {});
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(Get(dashboard).status, 200);
}

}  // namespace
}  // namespace cultivate::web
