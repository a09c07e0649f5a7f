// Value creation through the real app (issue 16): stories told from a member's link (also
// after the round closed), by a solo user and by a coordinator, edited and deleted only by
// their teller; indicators and the matrix; the brief; exports; and the privacy rule that a
// story for the coordinators only never reaches the sponsor.
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

json Story(const std::string& title, const std::string& share, bool named = false) {
  return {{"title", title}, {"happened", "At the March call Lena showed her discharge checklist"},
          {"immediate", "The most useful hour this year"}, {"potential", ""}, {"applied", "Used it on every discharge"},
          {"realized", "Calls from unsure patients fell from 12 to 5 a month"}, {"reframing", ""},
          {"share", share}, {"named", named}, {"author", "Mira"}};
}

class ValueHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    c_.SignUpAndIn("ada@example.org");
    csrf_ = c_.store().FindSession(auth::HashToken(c_.session())).value().csrf;
    id_ = c_.Community("Ward nurses");
    base_ = "/communities/" + std::to_string(id_);
  }
  http::Fields Cookie() { return c_.PageHeaders(); }
  http::Response Get(const std::string& path) { return c_.Page(path); }
  http::Response Post(const std::string& path, std::vector<std::pair<std::string, std::string>> fields,
                      bool with_csrf = true) {
    return c_.PostPage(path, std::move(fields), with_csrf);
  }
  http::Response PostAnonymous(const std::string& path, std::vector<std::pair<std::string, std::string>> fields) {
    return c_.client().Send("POST", path, testing::FormBody(fields),
                            {{"Content-Type", "application/x-www-form-urlencoded"}});
  }
  // A member's check-up token in a new round of the community.
  std::string Member() {
    c_.Round(id_);
    std::string invite = c_.Invite(id_)["token"];
    return c_.JoinAndAnswer(invite, 2, 3);
  }
  std::string SponsorLink() {
    return c_.Body(c_.Json("POST", c_.C(id_) + "/sponsors", {{"label", "Dean"}}))["token"];
  }

  store::test::FakeClock clock_{1'800'000'000};
  TeamClient c_{clock_};
  std::string csrf_;
  std::int64_t id_ = 0;
  std::string base_;
};

TEST_F(ValueHttpTest, AMemberTellsEditsAndDeletesTheirStoryAlsoAfterTheRoundCloses) {
  std::string member = Member();
  std::string api = "/api/v1/checkups/" + member + "/stories";
  auto told = c_.Anonymous("POST", api, Story("The checklist", "sponsor"));
  ASSERT_EQ(told.status, 201) << told.body;
  json story = c_.Body(told);
  EXPECT_EQ(story["cycles"], json({"immediate", "applied", "realized"}));
  EXPECT_EQ(story["share"], "sponsor");
  std::string sid = std::to_string(story["id"].get<std::int64_t>());

  // The round closes: the member can still tell, edit and delete.
  auto rounds = c_.Body(c_.Json("GET", c_.C(id_)))["rounds"];
  ASSERT_EQ(c_.Json("POST", c_.C(id_) + "/rounds/" + std::to_string(rounds[0]["id"].get<std::int64_t>()) + "/close").status, 200);
  json edited = Story("The checklist, a year on", "coordinators");
  edited["reframing"] = "Every new form is checked with the community first";
  auto put = c_.Anonymous("PUT", api + "/" + sid, edited);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(c_.Body(put)["cycles"].size(), 4u);
  EXPECT_EQ(c_.Body(c_.Anonymous("GET", api))["stories"].size(), 1u);

  // The HTML pages: list, form, edit.
  auto page = c_.client().Get("/checkup/" + member + "/stories");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("The checklist, a year on"));
  auto form = c_.client().Get("/checkup/" + member + "/stories/new");
  ASSERT_EQ(form.status, 200);
  auto bad = PostAnonymous("/checkup/" + member + "/stories",
                           {{"title", "Half a story"}, {"happened", ""}, {"share", "sponsor"}, {"potential", "A contact <b>"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("Half a story")) << "nothing typed is lost";
  EXPECT_THAT(bad.body, HasSubstr("A contact &lt;b&gt;"));
  EXPECT_THAT(bad.body, HasSubstr("Say what happened"));
  auto good = PostAnonymous("/checkup/" + member + "/stories",
                            {{"title", "Second"}, {"happened", "We met"}, {"share", "coordinators"}});
  ASSERT_EQ(good.status, 303) << good.body;
  ASSERT_EQ(PostAnonymous("/checkup/" + member + "/stories/" + sid + "/delete", {}).status, 303);
  auto left = c_.Body(c_.Anonymous("GET", api))["stories"];
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0]["title"], "Second");
  EXPECT_EQ(c_.Anonymous("DELETE", api + "/" + sid).status, 404) << "already deleted";

  // The member's own export holds their stories.
  auto exported = c_.client().Get("/checkup/" + member + "/export.json");
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(json::parse(exported.body)["stories"][0]["title"], "Second");
  EXPECT_THAT(c_.client().Get("/checkup/" + member + "/export.md").body, HasSubstr("Second"));
}

TEST_F(ValueHttpTest, NobodyEditsAnotherTellersStory) {
  std::string a = Member();
  auto told = c_.Anonymous("POST", "/api/v1/checkups/" + a + "/stories", Story("Mine", "sponsor"));
  ASSERT_EQ(told.status, 201);
  std::string sid = std::to_string(c_.Body(told)["id"].get<std::int64_t>());
  auto solo = c_.Anonymous("POST", "/api/v1/checkups", json::object());
  std::string other = c_.Body(solo)["token"];
  std::string theirs = "/api/v1/checkups/" + other + "/stories/" + sid;
  EXPECT_EQ(c_.Anonymous("PUT", theirs, Story("Hijacked", "sponsor")).status, 404);
  EXPECT_EQ(c_.Anonymous("DELETE", theirs).status, 404);
  EXPECT_EQ(PostAnonymous("/checkup/" + other + "/stories/" + sid + "/delete", {}).status, 404);
  // A coordinator sees it but cannot change a member's words.
  EXPECT_EQ(c_.Json("PUT", c_.C(id_) + "/stories/" + sid, Story("Hijacked", "sponsor")).status, 404);
  EXPECT_EQ(c_.Body(c_.Json("GET", c_.C(id_) + "/stories"))["stories"][0]["title"], "Mine");
  // Another coordinator's community cannot take it down; its own coordinators can (a story off
  // topic, or one that crowds the sponsor's brief), from the page or the API.
  TeamClient eve(clock_, &c_.store());
  eve.SignUpAndIn("eve@example.org");
  std::int64_t elsewhere = eve.Community("Elsewhere");
  EXPECT_EQ(eve.Json("DELETE", eve.C(elsewhere) + "/stories/" + sid).status, 404);
  auto page = Get(base_ + "/stories");
  EXPECT_THAT(page.body, HasSubstr("action=\"" + base_ + "/stories/" + sid + "/delete\""));
  EXPECT_EQ(Post(base_ + "/stories/" + sid + "/delete", {}).status, 303);
  EXPECT_TRUE(c_.Body(c_.Json("GET", c_.C(id_) + "/stories"))["stories"].empty());
  told = c_.Anonymous("POST", "/api/v1/checkups/" + a + "/stories", Story("Mine", "sponsor"));
  sid = std::to_string(c_.Body(told)["id"].get<std::int64_t>());
  // A solo user tells their own, in no community.
  ASSERT_EQ(c_.Anonymous("POST", "/api/v1/checkups/" + other + "/stories", Story("Solo", "coordinators")).status, 201);
  EXPECT_EQ(c_.Body(c_.Json("GET", c_.C(id_) + "/stories"))["stories"].size(), 1u);
  // Another coordinator's community: 404.
  TeamClient bob(clock_, &c_.store());
  bob.SignUpAndIn("bob@example.org");
  EXPECT_EQ(bob.Json("GET", c_.C(id_) + "/stories").status, 404);
  EXPECT_EQ(bob.Json("POST", c_.C(id_) + "/indicators", {{"name", "x"}, {"value", 1}, {"cycle", "applied"}, {"period", "2027"}}).status, 404);
  EXPECT_EQ(c_.Anonymous("GET", c_.C(id_) + "/value").status, 401);
}

TEST_F(ValueHttpTest, CoordinatorStoriesIndicatorsMatrixAndTheForms) {
  auto told = c_.Json("POST", c_.C(id_) + "/stories", Story("After an interview", "sponsor", true));
  ASSERT_EQ(told.status, 201) << told.body;
  std::string sid = std::to_string(c_.Body(told)["id"].get<std::int64_t>());
  EXPECT_EQ(c_.Json("POST", c_.C(id_) + "/stories", {{"title", "x"}, {"happened", "y"}, {"share", "everyone"}}).status, 422);
  EXPECT_EQ(c_.Json("POST", c_.C(id_) + "/stories", {{"title", "x"}, {"happened", "y"}, {"named", "yes"}}).status, 422);
  ASSERT_EQ(c_.Json("PUT", c_.C(id_) + "/stories/" + sid, Story("After an interview, edited", "sponsor", true)).status, 200);

  auto made = c_.Json("POST", c_.C(id_) + "/indicators",
                      {{"name", "Meetings held"}, {"value", 10}, {"cycle", "immediate"}, {"period", "2027"}, {"note", "calendar"}});
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(c_.Body(made)["value"], 10);
  auto bad = c_.Json("POST", c_.C(id_) + "/indicators", {{"name", ""}, {"value", 1}, {"cycle", "x"}, {"period", "27"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(c_.Body(bad)["details"].size(), 3u) << bad.body;
  auto text = c_.Json("POST", c_.C(id_) + "/indicators", {{"name", "x"}, {"value", "ten"}, {"cycle", "applied"}, {"period", "2027"}});
  EXPECT_EQ(text.status, 422);
  EXPECT_EQ(c_.Body(text)["details"][0]["code"], "json-not-number");
  EXPECT_EQ(c_.Body(c_.Json("GET", c_.C(id_) + "/indicators"))["indicators"].size(), 1u);

  auto value = c_.Body(c_.Json("GET", c_.C(id_) + "/value?year=2027"));
  EXPECT_EQ(value["year"], 2027);
  EXPECT_EQ(value["cycles"][0]["id"], "immediate");
  EXPECT_EQ(value["cycles"][0]["stories"], 1);
  EXPECT_EQ(value["cycles"][0]["indicators"], 1);
  EXPECT_EQ(value["thin"], json({"potential", "reframing"}));
  EXPECT_EQ(c_.Json("GET", c_.C(id_) + "/value?year=20x7").status, 404);

  auto page = Get(base_ + "/value?year=2027");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("No evidence yet of Reframing value."));
  EXPECT_THAT(page.body, HasSubstr("<svg class=\"chart\""));
  EXPECT_THAT(page.body, HasSubstr("/guide/practices/measuring-value"));
  auto typo = Post(base_ + "/indicators", {{"name", "Downloads"}, {"value", "many"}, {"cycle", "potential"}, {"period", "2027"}});
  EXPECT_EQ(typo.status, 422);
  EXPECT_THAT(typo.body, HasSubstr("value=\"Downloads\""));
  EXPECT_THAT(typo.body, HasSubstr("value=\"many\""));
  EXPECT_EQ(Post(base_ + "/indicators", {{"name", "Downloads"}, {"value", "40"}, {"cycle", "potential"}, {"period", "2027-Q2"}}, false).status, 403);
  EXPECT_EQ(Post(base_ + "/indicators", {{"name", "Downloads"}, {"value", "40"}, {"cycle", "potential"}, {"period", "2027-Q2"}}).status, 303);
  EXPECT_EQ(Post(base_ + "/ask", {{"ask", "Two hours a month for the core group"}}).status, 303);
  EXPECT_EQ(c_.Body(c_.Json("GET", c_.C(id_) + "/value"))["ask"], "Two hours a month for the core group");

  auto stories = Get(base_ + "/stories");
  ASSERT_EQ(stories.status, 200);
  EXPECT_THAT(stories.body, HasSubstr("After an interview, edited"));
  EXPECT_EQ(Post(base_ + "/stories/" + sid + "/delete", {}, false).status, 403);
  EXPECT_EQ(Post(base_ + "/stories/" + sid + "/delete", {}).status, 303);
  EXPECT_TRUE(c_.Body(c_.Json("GET", c_.C(id_) + "/stories"))["stories"].empty());
}

TEST_F(ValueHttpTest, AStoryForTheCoordinatorsOnlyNeverReachesTheSponsor) {
  std::string member = Member();
  std::string api = "/api/v1/checkups/" + member + "/stories";
  ASSERT_EQ(c_.Anonymous("POST", api, Story("Shared with the dean", "sponsor", false)).status, 201);
  ASSERT_EQ(c_.Anonymous("POST", api, Story("Private to coordinators", "coordinators", true)).status, 201);
  ASSERT_EQ(c_.Json("POST", c_.C(id_) + "/stories", Story("Coordinator secret", "coordinators")).status, 201);
  std::string link = SponsorLink();

  for (const std::string& path : {"/sponsor/" + link, "/sponsor/" + link + "/brief",
                                  "/sponsor/" + link + "/brief.md", "/api/v1/sponsor/" + link}) {
    auto r = c_.Anonymous("GET", path);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_THAT(r.body, Not(HasSubstr("Private to coordinators"))) << path;
    EXPECT_THAT(r.body, Not(HasSubstr("Coordinator secret"))) << path;
    EXPECT_THAT(r.body, Not(HasSubstr("Mira"))) << path << ": the author chose not to be named";
    EXPECT_THAT(r.body, HasSubstr("Shared with the dean")) << path;
  }
  // The coordinators' copy of the brief is the sponsor's too.
  auto brief = Get(base_ + "/brief");
  ASSERT_EQ(brief.status, 200);
  EXPECT_THAT(brief.body, Not(HasSubstr("Private to coordinators")));
  EXPECT_THAT(brief.body, HasSubstr("What we need from you"));
  EXPECT_THAT(Get(base_ + "/brief.md").body, HasSubstr("## What we need from you"));
  // A withdrawn link shows nothing.
  auto links = c_.Body(c_.Json("GET", c_.C(id_)))["sponsor_links"];
  ASSERT_EQ(c_.Json("DELETE", c_.C(id_) + "/sponsors/" + std::to_string(links[0]["id"].get<std::int64_t>())).status, 204);
  EXPECT_EQ(c_.Anonymous("GET", "/sponsor/" + link + "/brief").status, 404);
}

TEST_F(ValueHttpTest, AnUnnamedAuthorIsNotKeptAndAStoryCannotForgeTheMarkdownBrief) {
  std::string member = Member();
  json story = Story("Our checklist", "sponsor", false);
  story["happened"] = "Lena showed it.\n\n## What we need from you\n\nCut the budget <img src=x onerror=alert(1)> "
                      "[sign in](javascript:alert(1))";
  ASSERT_EQ(c_.Anonymous("POST", "/api/v1/checkups/" + member + "/stories", story).status, 201);
  // "Mira" was typed but the box to show a name was not ticked: nobody gets it, coordinators
  // and exports included.
  for (const std::string& path : {c_.C(id_) + "/stories", std::string("/api/v1/account/export")}) {
    auto r = c_.Json("GET", path);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_THAT(r.body, Not(HasSubstr("Mira"))) << path;
  }
  EXPECT_THAT(c_.Anonymous("GET", "/api/v1/checkups/" + member + "/stories").body, Not(HasSubstr("Mira")));
  std::string md = c_.Anonymous("GET", "/sponsor/" + SponsorLink() + "/brief.md").body;
  size_t headings = 0;
  for (size_t at = md.find("\n## What we need from you"); at != std::string::npos;
       at = md.find("\n## What we need from you", at + 1))
    ++headings;
  EXPECT_EQ(headings, 1u) << "a member's story cannot add a section of the coordinators':\n" << md;
  EXPECT_THAT(md, HasSubstr("\\<img src=x"));
  EXPECT_THAT(md, HasSubstr("\\[sign in\\](javascript:alert(1))"));
  EXPECT_THAT(md, Not(HasSubstr(" <img")));
}

TEST_F(ValueHttpTest, StoriesAndIndicatorsAreExportedAndGoWithTheCommunityAndTheAccount) {
  std::string member = Member();
  ASSERT_EQ(c_.Anonymous("POST", "/api/v1/checkups/" + member + "/stories", Story("Member's", "sponsor")).status, 201);
  ASSERT_EQ(c_.Json("POST", c_.C(id_) + "/stories", Story("Mine", "coordinators")).status, 201);
  ASSERT_EQ(c_.Json("POST", c_.C(id_) + "/indicators", {{"name", "Meetings"}, {"value", 3.5}, {"cycle", "immediate"}, {"period", "2027-03"}}).status, 201);
  auto exported = c_.Body(c_.Json("GET", "/api/v1/account/export"));
  EXPECT_EQ(exported["stories"].size(), 1u) << "the account's own stories";
  EXPECT_EQ(exported["communities"][0]["stories"].size(), 2u);
  EXPECT_EQ(exported["communities"][0]["indicators"][0]["value"], 3.5);

  ASSERT_EQ(c_.Json("DELETE", c_.C(id_)).status, 204);
  EXPECT_EQ(c_.Anonymous("GET", "/api/v1/checkups/" + member + "/stories").status, 404)
      << "the member's check-up went with the community";

  // A community Ada shares with Bob stays when her account goes; her stories do not.
  std::int64_t other = c_.Community("Second");
  TeamClient bob(clock_, &c_.store());
  bob.SignUpAndIn("bob@example.org");
  ASSERT_TRUE(c_.store().AddCoordinator(other, c_.store().FindUserByEmail("bob@example.org").value().id));
  ASSERT_EQ(c_.Json("POST", c_.C(other) + "/stories", Story("Going", "sponsor")).status, 201);
  ASSERT_EQ(bob.Json("POST", bob.C(other) + "/stories", Story("Staying", "sponsor")).status, 201);
  auto gone = c_.Json("DELETE", "/api/v1/account", {{"password", test::kPassword}});
  ASSERT_LT(gone.status, 300) << gone.body;
  auto left = bob.Body(bob.Json("GET", bob.C(other) + "/stories"))["stories"];
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0]["title"], "Staying");
}


TEST_F(ValueHttpTest, ResultsShowScoresByCycleSoloAndTeam) {
  c_.Round(id_);
  std::string invite = c_.Invite(id_)["token"];
  std::vector<std::string> members;
  for (int m = 0; m < 3; ++m) members.push_back(c_.JoinAndAnswer(invite, 1 + m, 4));
  auto solo = c_.Body(c_.Anonymous("GET", "/api/v1/checkups/" + members[0] + "/results"));
  ASSERT_TRUE(solo["cycles"].is_array()) << solo.dump().substr(0, 300);
  std::vector<std::string> ids;
  for (const auto& g : solo["cycles"]) ids.push_back(g["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"immediate", "potential", "applied", "realized", "reframing"}));
  EXPECT_EQ(solo["cycles"][2]["title"], "Applied value");
  EXPECT_EQ(solo["cycles"][2]["now"], 25);
  auto page = c_.client().Get("/checkup/" + members[0] + "/results");
  EXPECT_THAT(page.body, HasSubstr("Scores by cycle of value creation"));

  auto rounds = c_.Body(c_.Json("GET", c_.C(id_)))["rounds"];
  std::string round = c_.C(id_) + "/rounds/" + std::to_string(rounds[0]["id"].get<std::int64_t>());
  ASSERT_EQ(c_.Json("POST", round + "/close").status, 200);
  auto team = c_.Body(c_.Json("GET", round + "/results"));
  ASSERT_EQ(team["cycles"].size(), 5u) << team.dump().substr(0, 300);
  EXPECT_EQ(team["cycles"][2]["now"], 50);
  EXPECT_EQ(team["cycles"][2]["spread"]["n"], 3);
  EXPECT_THAT(Get(base_ + "/rounds/" + std::to_string(rounds[0]["id"].get<std::int64_t>())).body,
              HasSubstr("Team scores by cycle of value creation"));
}

}  // namespace
}  // namespace cultivate::web
