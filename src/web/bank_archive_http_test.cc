// A check-up or round started with an earlier question bank (questions/archive/2026.1/)
// keeps its questions, answers and results after the bank moves on (issue 18): it is answered,
// scored, shown and exported with the bank it was started with, through the real app.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "assess/scoring.h"
#include "auth/tokens.h"
#include "web/checkup_test_support.h"
#include "web/team_test_support.h"

namespace cultivate::web {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

const assess::Bank& Current() { return testing::TestSite()->bank; }

const assess::Bank& Old() {
  const assess::Bank& old = Current().ForVersion("2026.1");
  EXPECT_EQ(old.version, "2026.1") << "questions/archive/2026.1 is missing";
  return old;
}

// A statement of 2026.1 that 2026.2 retired, and one that 2026.2 added.
std::string Retired() {
  for (const auto& p : Old().phases)
    for (const auto& q : p.questions)
      if (!Current().FindQuestion(q.id)) return q.id;
  return "";
}
std::string Added() {
  for (const auto& p : Current().phases)
    for (const auto& q : p.questions)
      if (!Old().FindQuestion(q.id)) return q.id;
  return "";
}

json EveryAnswer(const assess::Bank& bank, int now, int target, const std::string& note) {
  json answers = json::array();
  for (const auto& p : bank.phases)
    for (const auto& q : p.questions)
      answers.push_back({{"question", q.id}, {"now", now}, {"target", target}, {"note", note}});
  return answers;
}

// Escaped the way templates escape text (the statements hold apostrophes and quotes).
std::string Html(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '&') out += "&amp;";
    else if (ch == '<') out += "&lt;";
    else if (ch == '>') out += "&gt;";
    else if (ch == '"') out += "&quot;";
    else if (ch == '\'') out += "&#39;";
    else out += ch;
  }
  return out;
}

TEST(BankArchiveHttpTest, ASoloCheckupOf2026_1KeepsItsQuestionsAnswersAndResults) {
  const std::string retired = Retired(), added = Added();
  ASSERT_FALSE(retired.empty());
  ASSERT_FALSE(added.empty());
  testing::AppClient c;
  // Started last year, before 2026.2: its row says so.
  const std::string token = auth::NewToken();
  model::Response r;
  r.name = "Nurses' journal club";
  r.phases = Current().PhaseIds();
  r.bank_version = "2026.1";
  r.token_hash = auth::HashToken(token);
  ASSERT_TRUE(c.store().CreateResponse(r));

  // Its questions are still 2026.1's: a retired statement can be answered, a new one cannot.
  auto put = c.SendJson("PUT", "/api/v1/checkups/" + token + "/answers",
                        {{"answers", EveryAnswer(Old(), 1, 3, "kept")}});
  ASSERT_EQ(put.status, 200) << put.body;
  auto newer = c.SendJson("PUT", "/api/v1/checkups/" + token + "/answers",
                          {{"answers", {{{"question", added}, {"now", 2}, {"target", 3}}}}});
  EXPECT_EQ(newer.status, 422) << "a statement its bank never had: " << newer.body;
  const std::string phase = Old().FindQuestion(retired)->phase;
  auto page = c.Get(test::PhasePath(token, phase));
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("name=\"now." + retired + "\""));
  EXPECT_THAT(page.body, Not(HasSubstr("name=\"now." + added + "\"")));

  // Scored with its own bank: every one of its statements counts, the retired one too.
  auto results = c.Get("/api/v1/checkups/" + token + "/results");
  ASSERT_EQ(results.status, 200) << results.body;
  json j = json::parse(results.body);
  EXPECT_EQ(j["overall"]["answered"], Old().QuestionCount());
  bool has_retired = false;
  for (const auto& q : j["questions"]) has_retired |= q["id"] == retired;
  EXPECT_TRUE(has_retired) << "the retired statement is part of last year's results";
  std::vector<model::Answer> answers;
  for (const auto& p : Old().phases)
    for (const auto& q : p.questions) answers.push_back({q.id, 1, 3, "kept"});
  assess::Results expected = assess::ScoreCheckup(Old(), {answers}, Current().PhaseIds());
  EXPECT_EQ(j["placement"]["phase"], expected.placement.phase);
  ASSERT_FALSE(expected.improvement_areas.empty());
  EXPECT_EQ(j["improvement_areas"][0]["key"], expected.improvement_areas[0].key);
  EXPECT_EQ(j["improvement_areas"][0]["questions"], json(expected.improvement_areas[0].questions));

  // The results page and the export show the retired statement in its own words.
  const std::string text = Old().FindQuestion(retired)->text;
  auto html = c.Get("/checkup/" + token + "/results");
  ASSERT_EQ(html.status, 200);
  EXPECT_THAT(html.body, HasSubstr(Html(text)));
  auto md = c.Get("/checkup/" + token + "/export.md");
  ASSERT_EQ(md.status, 200);
  EXPECT_THAT(md.body, HasSubstr("2026.1"));
  EXPECT_THAT(md.body, HasSubstr(text.substr(0, 40)));

  // A check-up started today gets today's bank.
  auto fresh = c.SendJson("POST", "/api/v1/checkups", {{"name", "New one"}});
  ASSERT_EQ(fresh.status, 201) << fresh.body;
  std::string t2 = json::parse(fresh.body)["token"];
  EXPECT_EQ(test::ApiCheckup(c, t2)["bank_version"], Current().version);
}

TEST(BankArchiveHttpTest, ARoundOf2026_1IsScoredWithItsOwnQuestions) {
  const std::string retired = Retired();
  ASSERT_FALSE(retired.empty());
  store::test::FakeClock clock{1'800'000'000};
  test::TeamClient c{clock};
  c.SignUpAndIn("ada@example.org");
  std::int64_t id = c.Community();
  auto round = c.store().CreateRound({.community_id = id, .bank_version = "2026.1",
                                      .opened_at = clock.clock()() - 30 * 86400});
  ASSERT_TRUE(round);
  std::string invite = c.Invite(id)["token"];
  for (int i = 0; i < 3; ++i) {
    std::string member = c.JoinAndAnswer(invite, 1, 3);
    EXPECT_EQ(test::ApiCheckup(c.client(), member)["bank_version"], "2026.1");
  }
  ASSERT_EQ(c.Json("POST", c.C(id) + "/rounds/" + std::to_string(*round) + "/close").status, 200);
  json results = c.Body(c.Json("GET", c.C(id) + "/rounds/" + std::to_string(*round) + "/results"));
  ASSERT_FALSE(results["hidden"]) << results.dump();
  json row;
  for (const auto& q : results["questions"])
    if (q["id"] == retired) row = q;
  ASSERT_TRUE(row.is_object()) << "the retired statement is in the round's results";
  EXPECT_EQ(row["n"], 3);
  EXPECT_EQ(row["title"], Old().FindQuestion(retired)->text);
  EXPECT_EQ(results["overall"]["answered"], Old().QuestionCount()) << "statements answered";
  EXPECT_NE(Old().QuestionCount(), Current().QuestionCount());
}

}  // namespace
}  // namespace cultivate::web
