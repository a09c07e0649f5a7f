// The yearly review meeting in-process: the steps (rel=next, counts only, nothing below the
// threshold), the dot-vote from a member's link and by the screen's code (anonymous,
// changeable until closed, at most three, guessing throttled), hand counts, actions straight
// into the plan, decision notes in the summary and the sponsor view, and 404 for everyone
// who does not coordinate the community.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/tokens.h"
#include "community/meeting.h"
#include "web/review_test_support.h"

namespace cultivate::web {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ReviewTest : public test::ReviewFixture {};

TEST_F(ReviewTest, EveryStepHasItsUrlAndLinksTheNext) {
  auto start = Get(review_);
  ASSERT_EQ(start.status, 200) << start.body;
  EXPECT_THAT(start.body, HasSubstr("href=\"" + review_ + "/purpose\" rel=\"next\""));
  std::vector<std::string> steps = {"purpose", "overall", "disagree", "phases", "choose", "actions", "close"};
  for (size_t i = 0; i < steps.size(); ++i) {
    auto page = Get(review_ + "/" + steps[i]);
    ASSERT_EQ(page.status, 200) << steps[i] << page.body;
    EXPECT_THAT(page.body, HasSubstr("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    EXPECT_EQ(*page.Header("Cache-Control"), "no-store");
    if (i + 1 < steps.size())
      EXPECT_THAT(page.body, HasSubstr("<link rel=\"next\" href=\"" + review_ + "/" + steps[i + 1] + "\">"));
    else
      EXPECT_THAT(page.body, Not(HasSubstr("rel=\"next\"")));
    EXPECT_THAT(page.body, HasSubstr("rel=\"prev\""));
  }
  EXPECT_THAT(Get(review_ + "/purpose").body, HasSubstr("<strong>3</strong> members answered"));
  EXPECT_EQ(Get(review_ + "/nonsense").status, 404);
}

TEST_F(ReviewTest, AnOpenRoundHasNoMeetingYet) {
  auto open = c_.Round(community_);
  auto r = Get("/communities/" + std::to_string(community_) + "/rounds/" + std::to_string(open) + "/review/purpose");
  EXPECT_EQ(r.status, 409);
  EXPECT_THAT(r.body, HasSubstr("close the round first"));
}

TEST_F(ReviewTest, MembersVoteFromTheirLinkAndChangeTheirVoteUntilItCloses) {
  ASSERT_EQ(Post(review_ + "/vote/open", {}).status, 303);
  std::vector<std::string> areas = Areas();
  ASSERT_GE(areas.size(), 3u);
  auto vote = [&](const std::string& member, std::vector<std::string> keys) {
    std::vector<std::pair<std::string, std::string>> form;
    for (const auto& k : keys) form.emplace_back("area", k);
    return c_.client().PostForm("/checkup/" + member + "/vote", testing::FormBody(form));
  };
  ASSERT_EQ(vote(members_[0], {areas[0], areas[1]}).status, 303);
  ASSERT_EQ(vote(members_[1], {areas[0]}).status, 303);
  ASSERT_EQ(vote(members_[0], {areas[2]}).status, 303) << "a member changes their vote";
  auto tally = Tally();
  EXPECT_EQ(tally.voters, 2);
  EXPECT_EQ(tally.votes[areas[0]], 1);
  EXPECT_EQ(tally.votes[areas[2]], 1);
  EXPECT_EQ(tally.votes.count(areas[1]), 0u);
  auto page = c_.client().Get("/checkup/" + members_[0] + "/vote");
  EXPECT_THAT(page.body, HasSubstr("value=\"" + areas[2] + "\" checked"));
  EXPECT_THAT(page.body, Not(HasSubstr("value=\"" + areas[0] + "\" checked")))
      << "a member sees only their own choice";

  EXPECT_THAT(c_.client().Get("/checkup/" + members_[2]).body, HasSubstr("/checkup/" + members_[2] + "/vote"))
      << "a member's check-up leads to the open vote";
  auto four = vote(members_[2], {areas[0], areas[1], areas[2], areas.size() > 3 ? areas[3] : "x"});
  EXPECT_EQ(four.status, 422);
  EXPECT_EQ(Tally().voters, 2) << "nothing counted";
  EXPECT_EQ(vote(members_[2], {"not-an-area"}).status, 422);

  ASSERT_EQ(Post(review_ + "/vote/close", {}).status, 303);
  auto late = vote(members_[2], {areas[0]});
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(Tally().voters, 2);
  EXPECT_EQ(Post(review_ + "/vote/open", {}).status, 409) << "a closed vote never reopens";
}

TEST_F(ReviewTest, ACodeOnTheScreenLetsPhonesVoteOnlyWhileOpen) {
  EXPECT_EQ(c_.client().Get("/vote/ACDEFG").status, 404) << "no vote open";
  ASSERT_EQ(Post(review_ + "/vote/open", {}).status, 303);
  std::string code = c_.store().FindReview(round_).value().code;
  ASSERT_EQ(code.size(), 6u);
  EXPECT_THAT(Get(review_ + "/choose").body, HasSubstr(code));
  // Typed in lower case with a space: cleaned and sent to the ballot.
  auto typed = c_.client().Get("/vote?code=" + code.substr(0, 3) + "+" + code.substr(3));
  EXPECT_EQ(typed.status, 303);
  auto ballot = c_.client().Get("/vote/" + code);
  ASSERT_EQ(ballot.status, 200) << ballot.body;
  std::string voter = test::CookieValue(ballot, "__Host-cultivate-voter");
  ASSERT_FALSE(voter.empty());
  std::string check = test::Between(ballot.body, "name=\"check\" value=\"", "\"");
  auto post = [&](const std::string& cookie, const std::string& chk, const std::string& area) {
    return c_.client().Send("POST", "/vote/" + code, testing::FormBody({{"check", chk}, {"area", area}}),
                            {{"Cookie", "__Host-cultivate-voter=" + cookie},
                             {"Content-Type", "application/x-www-form-urlencoded"}});
  };
  std::string area = Areas()[0];
  EXPECT_EQ(post(voter, "forged", area).status, 403) << "the form's check is required";
  ASSERT_EQ(post(voter, check, area).status, 303);
  ASSERT_EQ(post(voter, check, area).status, 303);
  EXPECT_EQ(Tally().voters, 1) << "the same phone votes once";
  EXPECT_EQ(Tally().votes[area], 1);
  ASSERT_EQ(Post(review_ + "/vote/close", {}).status, 303);
  EXPECT_EQ(c_.client().Get("/vote/" + code).status, 404) << "the code dies with the vote";
  EXPECT_EQ(post(voter, check, area).status, 404);
}

TEST_F(ReviewTest, GuessingCodesIsThrottled) {
  ASSERT_EQ(Post(review_ + "/vote/open", {}).status, 303);
  std::string code = c_.store().FindReview(round_).value().code;
  std::string wrong = code[0] == 'A' ? "CCCCCC" : "AAAAAA";
  for (int i = 0; i < community::kCodeMisses; ++i) EXPECT_EQ(c_.client().Get("/vote/" + wrong).status, 404);
  auto r = c_.client().Get("/vote/" + code);
  EXPECT_EQ(r.status, 429) << "even the right code waits after too many wrong ones";
  EXPECT_THAT(r.body, HasSubstr("Too many wrong codes"));
}

TEST_F(ReviewTest, HandCountsAddToTheTally) {
  std::string area = Areas()[0];
  ASSERT_EQ(Post(review_ + "/hands", {{"hands." + area, "4"}}).status, 303);
  EXPECT_EQ(Tally().hands[area], 4);
  auto bad = Post(review_ + "/hands", {{"hands." + area, "-2"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("value=\"-2\""));
  EXPECT_EQ(Tally().hands[area], 4);
}

TEST_F(ReviewTest, ActionsGoStraightIntoThePlanAndNotesIntoTheRecord) {
  auto added = Post(review_ + "/actions", {{"what", "Monthly case call"}, {"owner", "Ana"}, {"due", "2027-03-31"}, {"area", Areas()[0]}});
  ASSERT_EQ(added.status, 303) << added.body;
  auto bad = Post(review_ + "/actions", {{"what", "Newsletter <b>"}, {"owner", "Bo"}, {"due", "2027-02-31"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("value=\"Newsletter &lt;b&gt;\"")) << "what was typed is kept, escaped";
  auto plan = c_.store().CommunityPlan(community_).value().value();
  ASSERT_EQ(plan.items.size(), 1u);
  EXPECT_EQ(plan.items[0].what, "Monthly case call");
  EXPECT_EQ(plan.items[0].due, "2027-03-31");
  EXPECT_FALSE(plan.items[0].source.empty()) << "linked to the area's top statement";

  ASSERT_EQ(Post(review_ + "/notes", {{"note", "We focus on <newcomers> first"}}).status, 303);
  EXPECT_EQ(Post(review_ + "/notes", {{"note", "   "}}).status, 422);
  auto summary = Get(review_ + "/print/summary");
  ASSERT_EQ(summary.status, 200);
  auto exported = c_.Json("GET", "/api/v1/account/export");
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_THAT(exported.body, HasSubstr("We focus on <newcomers> first")) << "the export keeps the record";
  EXPECT_THAT(summary.body, HasSubstr("We focus on &lt;newcomers&gt; first"));
  // The sponsor's brief carries the meeting's decisions too.
  auto link = c_.Json("POST", c_.C(community_) + "/sponsors", {{"label", "Director"}});
  auto sponsor = c_.client().Get("/sponsor/" + c_.Body(link)["token"].get<std::string>());
  EXPECT_THAT(sponsor.body, HasSubstr("We focus on &lt;newcomers&gt; first"));
  const std::string brief = "/sponsor/" + c_.Body(link)["token"].get<std::string>() + "/brief";
  EXPECT_THAT(c_.client().Get(brief).body, HasSubstr("We focus on &lt;newcomers&gt; first"));
  EXPECT_THAT(c_.client().Get(brief + ".md").body, HasSubstr("We focus on \\<newcomers\\> first"))
      << "in the Markdown brief too, as typed";
}

TEST_F(ReviewTest, OneAccountCannotHoldEveryLiveStream) {
  // Streams stay open while their responses live: one account gets four, not the server's all.
  std::vector<http::Response> open;
  for (int i = 0; i < 4; ++i) {
    open.push_back(Get(review_ + "/events"));
    ASSERT_EQ(open.back().status, 200) << i;
    ASSERT_TRUE(open.back().events);
  }
  auto fifth = Get(review_ + "/events");
  EXPECT_EQ(fifth.status, 429);
  EXPECT_THAT(fifth.body, HasSubstr("open in four windows"));
  open.pop_back();  // a window closed
  EXPECT_EQ(Get(review_ + "/events").status, 200);
}

TEST_F(ReviewTest, FreshPhonesCannotStuffTheVotePastTheRoundsMembers) {
  ASSERT_EQ(Post(review_ + "/vote/open", {}).status, 303);
  std::string code = c_.store().FindReview(round_).value().code;
  std::string area = Areas()[0];
  // Each new browser is a new voter: a hostile phone clearing its cookie again and again.
  auto fresh_vote = [&]() {
    auto ballot = c_.client().Get("/vote/" + code);
    std::string voter = test::CookieValue(ballot, "__Host-cultivate-voter");
    std::string check = test::Between(ballot.body, "name=\"check\" value=\"", "\"");
    return c_.client().Send("POST", "/vote/" + code, testing::FormBody({{"check", check}, {"area", area}}),
                            {{"Cookie", "__Host-cultivate-voter=" + voter},
                             {"Content-Type", "application/x-www-form-urlencoded"}});
  };
  for (int i = 0; i < 3; ++i) ASSERT_EQ(fresh_vote().status, 303) << i;
  auto fourth = fresh_vote();
  EXPECT_EQ(fourth.status, 409) << "three people joined the round: no fourth voter";
  EXPECT_THAT(fourth.body, HasSubstr("As many people have voted as joined this round"));
  EXPECT_EQ(Tally().voters, 3);
  EXPECT_EQ(Tally().votes[area], 3);
}

TEST_F(ReviewTest, PrintablesListTheAgendaAndTheBallot) {
  EXPECT_THAT(Get(review_ + "/print/agenda").body, HasSubstr("0–5"));
  auto ballot = Get(review_ + "/print/ballot");
  ASSERT_EQ(ballot.status, 200);
  EXPECT_THAT(ballot.body, HasSubstr("class=\"ballot\""));
  EXPECT_EQ(Get(review_ + "/print/poster").status, 404);
}

TEST_F(ReviewTest, NobodyButItsCoordinatorsReachesTheMeeting) {
  test::TeamClient other(clock_, &c_.store());
  other.SignUpAndIn("mallory@example.org");
  std::string csrf = other.store().FindSession(auth::HashToken(other.session())).value().csrf;
  http::Fields cookie = {{"Cookie", "__Host-cultivate-session=" + other.session()}, {"Host", "cop.test"}};
  for (const std::string& path : {review_, review_ + "/purpose", review_ + "/choose", review_ + "/events",
                                  review_ + "/print/summary",
                                  "/communities/" + std::to_string(community_) + "/calendar.ics"})
    EXPECT_EQ(other.client().Get(path, cookie).status, 404) << path;
  http::Fields form = cookie;
  form.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  for (const std::string& path : {review_ + "/vote/open", review_ + "/hands", review_ + "/actions",
                                  review_ + "/notes", review_ + "/next"})
    EXPECT_EQ(other.client().Send("POST", path, testing::FormBody({{"csrf", csrf}, {"what", "x"}}), form).status, 404)
        << path;
  EXPECT_EQ(c_.store().FindReview(round_).value().vote, model::VoteState::kNotStarted);
  EXPECT_FALSE(c_.store().CommunityPlan(community_).value().has_value());
  // Without the CSRF token, the coordinator's own form is refused.
  EXPECT_EQ(Post(review_ + "/vote/open", {}, /*with_csrf=*/false).status, 403);
}

class HiddenReviewTest : public test::ReviewFixture {
 protected:
  HiddenReviewTest() : ReviewFixture(2) {}
};

TEST_F(HiddenReviewTest, BelowTheThresholdNothingIsShownOrVotedOn) {
  for (const std::string step : {"overall", "disagree", "phases", "choose"}) {
    auto page = Get(review_ + "/" + step);
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, Not(HasSubstr("%</strong>"))) << step;
    EXPECT_THAT(page.body, Not(HasSubstr("<td class=\"num\">"))) << step;
  }
  EXPECT_EQ(Post(review_ + "/vote/open", {}).status, 409);
  auto summary = Get(review_ + "/print/summary");
  EXPECT_THAT(summary.body, HasSubstr("no results are shown"));
}

}  // namespace
}  // namespace cultivate::web
