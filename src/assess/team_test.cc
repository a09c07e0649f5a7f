#include "assess/team.h"

#include <cmath>

#include <gtest/gtest.h>

#include "assess/test_support.h"

namespace cultivate::assess {
namespace {

using test::A;
using test::kAllPhases;
using test::MakeBank;
using test::Q;

constexpr double kTol = 1e-9;

model::Answer Noted(std::string q, int now, int target, std::string note) {
  model::Answer a = A(std::move(q), now, target);
  a.note = std::move(note);
  return a;
}

Bank TwoQuestions() {
  return MakeBank({Q("define-a", "domain", {"rhythm"}), Q("define-b", "community", {"rhythm"})});
}

TEST(TeamTest, ThresholdIsNeverBelowThree) {
  EXPECT_EQ(EffectiveThreshold(0), 3);
  EXPECT_EQ(EffectiveThreshold(1), 3);
  EXPECT_EQ(EffectiveThreshold(3), 3);
  EXPECT_EQ(EffectiveThreshold(5), 5);
}

TEST(TeamTest, BelowTheThresholdNothingIsShown) {
  Bank bank = TwoQuestions();
  auto team = ScoreTeam(bank, {{A("define-a", 1, 2)}, {A("define-a", 3, 4)}}, kAllPhases, {}, 3);
  EXPECT_TRUE(team.hidden);
  EXPECT_EQ(team.responses, 2);
  EXPECT_EQ(team.threshold, 3);
  EXPECT_FALSE(team.results.overall.now);
  EXPECT_TRUE(team.results.questions.empty());
  EXPECT_TRUE(team.notes.empty());
}

TEST(TeamTest, MembersWhoAnsweredNothingDoNotCount) {
  Bank bank = TwoQuestions();
  auto team = ScoreTeam(bank,
                        {{A("define-a", 1, 2)},
                         {A("define-a", 3, 4)},
                         {A("define-a", std::nullopt, std::nullopt)},
                         {}},
                        kAllPhases, {}, 3);
  EXPECT_EQ(team.responses, 2);
  EXPECT_TRUE(team.hidden);
}

TEST(TeamTest, QuestionsTooFewAnsweredAreLeftOutOfEveryScore) {
  // Four members answer define-a; only two answer define-b. define-b must not move the
  // phase, element, principle or overall score, and its notes must not show.
  Bank bank = TwoQuestions();
  auto team = ScoreTeam(bank,
                        {{A("define-a", 0, 4), Noted("define-b", 4, 4, "secret")},
                         {A("define-a", 2, 4), Noted("define-b", 0, 4, "also secret")},
                         {Noted("define-a", 2, 3, "zeta")},
                         {Noted("define-a", 4, 4, "alpha")}},
                        kAllPhases, {}, 3);
  ASSERT_FALSE(team.hidden);
  EXPECT_EQ(team.responses, 4);
  EXPECT_EQ(team.hidden_questions, 1);
  // define-a: now mean 2 -> 50%; target mean 3.75 -> 93.75%.
  EXPECT_NEAR(*team.results.overall.now, 50, kTol);
  EXPECT_NEAR(*team.results.overall.target, 93.75, kTol);
  EXPECT_NEAR(*FindScore(team.results.phases, "define")->now, 50, kTol);
  EXPECT_NEAR(*FindScore(team.results.principles, "rhythm")->now, 50, kTol);
  EXPECT_FALSE(FindScore(team.results.elements, "community")->now);
  const QuestionRow* b = FindRow(team.results, "define-b");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->n, 0);
  EXPECT_FALSE(b->min_now);
  EXPECT_FALSE(team.notes.count("define-b"));
  ASSERT_TRUE(team.notes.count("define-a"));
  EXPECT_EQ(team.notes.at("define-a"), (std::vector<std::string>{"alpha", "zeta"}));
  // The question's spread: now values 0, 2, 2, 4.
  const QuestionRow* a = FindRow(team.results, "define-a");
  EXPECT_EQ(a->n, 4);
  EXPECT_EQ(*a->min_now, 0);
  EXPECT_EQ(*a->max_now, 4);
  EXPECT_NEAR(*a->stddev_now, std::sqrt(2.0), 1e-9);
  EXPECT_TRUE(a->disputed);
}

TEST(TeamTest, GroupSpreadComesFromEachMembersOwnScore) {
  // Members' own define scores: (0+4)/2*25 = 50, (4+4)/2*25 = 100, (0+0)/2*25 = 0.
  Bank bank = TwoQuestions();
  auto team = ScoreTeam(bank,
                        {{A("define-a", 0, 4), A("define-b", 4, 4)},
                         {A("define-a", 4, 4), A("define-b", 4, 4)},
                         {A("define-a", 0, 1), A("define-b", 0, 1)}},
                        kAllPhases, {}, 3);
  ASSERT_FALSE(team.hidden);
  const GroupSpread& define = team.phases.at("define");
  EXPECT_EQ(define.n, 3);
  EXPECT_NEAR(*define.min, 0, kTol);
  EXPECT_NEAR(*define.max, 100, kTol);
  EXPECT_NEAR(*define.stddev, std::sqrt((50.0 * 50 + 0 + 50.0 * 50) / 3), 1e-9);
  EXPECT_TRUE(define.disputed);
  // Element "domain" holds define-a only: 0, 100, 0.
  EXPECT_NEAR(*team.elements.at("domain").max, 100, kTol);
  EXPECT_EQ(team.overall.n, 3);
  EXPECT_NEAR(*team.overall.min, 0, kTol);
}

TEST(TeamTest, AgreementIsNotDisputed) {
  Bank bank = TwoQuestions();
  auto team = ScoreTeam(bank,
                        {{A("define-a", 2, 3)}, {A("define-a", 2, 3)}, {A("define-a", 3, 3)}},
                        kAllPhases, {}, 3);
  EXPECT_FALSE(team.phases.at("define").disputed);
  EXPECT_FALSE(FindRow(team.results, "define-a")->disputed);
}

TEST(TeamTest, AHigherConfiguredThresholdHidesMore) {
  Bank bank = TwoQuestions();
  std::vector<std::vector<model::Answer>> four(4, {A("define-a", 2, 3)});
  EXPECT_FALSE(ScoreTeam(bank, four, kAllPhases, {}, 4).hidden);
  auto five = ScoreTeam(bank, four, kAllPhases, {}, 5);
  EXPECT_TRUE(five.hidden);
  EXPECT_EQ(five.threshold, 5);
}

TEST(TeamTest, CompareGroupsGivesChangeWhereBothRoundsHaveAScore) {
  std::vector<GroupScore> from{{"define", {50.0, 80.0, 30.0, 2, 2}}, {"grow", {}}};
  std::vector<GroupScore> to{{"define", {62.5, 75.0, 12.5, 2, 2}}, {"grow", {40.0, 60.0, 20.0, 1, 1}}};
  auto changes = CompareGroups(from, to);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].id, "define");
  EXPECT_NEAR(*changes[0].change_now, 12.5, kTol);
  EXPECT_NEAR(*changes[0].change_target, -5, kTol);
  EXPECT_EQ(changes[1].id, "grow");
  EXPECT_FALSE(changes[1].change_now);
  EXPECT_NEAR(*changes[1].to_now, 40, kTol);
}

}  // namespace
}  // namespace cultivate::assess
