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
  // define-a: now mean 2 -> 50%; target mean 3.75 -> 93.75%, whole 94.
  EXPECT_NEAR(*team.results.overall.now, 50, kTol);
  EXPECT_NEAR(*team.results.overall.target, 94, kTol);  // 93.75, shown whole
  EXPECT_NEAR(*FindScore(team.results.phases, "define")->now, 50, kTol);
  EXPECT_NEAR(*FindScore(team.results.principles, "rhythm")->now, 50, kTol);
  EXPECT_FALSE(FindScore(team.results.elements, "community")->now);
  const QuestionRow* b = FindRow(team.results, "define-b");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->n, 0);
  EXPECT_FALSE(b->score.now);
  EXPECT_FALSE(team.notes.count("define-b"));
  ASSERT_TRUE(team.notes.count("define-a"));
  EXPECT_EQ(team.notes.at("define-a"), (std::vector<std::string>{"alpha", "zeta"}));
  // Four members: below the detail threshold (5), so means and the disputed flag only.
  const QuestionRow* a = FindRow(team.results, "define-a");
  EXPECT_EQ(a->n, 4);
  EXPECT_FALSE(a->min_now) << "never a minimum";
  EXPECT_FALSE(a->max_now) << "never a maximum";
  EXPECT_FALSE(a->stddev_now);
  EXPECT_TRUE(a->disputed);
  EXPECT_FALSE(team.detailed);
  EXPECT_TRUE(team.distributions.empty());
}

TEST(TeamTest, FromTheDetailThresholdQuestionsHaveTheirDistribution) {
  Bank bank = TwoQuestions();
  std::vector<std::vector<model::Answer>> five{{A("define-a", 0, 4)}, {A("define-a", 2, 4)},
                                               {A("define-a", 2, 3)}, {A("define-a", 4, 4)},
                                               {A("define-a", 4, 4)},
                                               {A("define-a", std::nullopt, std::nullopt), A("define-b", 1, 1)}};
  auto team = ScoreTeam(bank, five, kAllPhases, {}, 3, 5);
  EXPECT_TRUE(team.detailed);
  ASSERT_TRUE(team.distributions.count("define-a"));
  const Distribution& d = team.distributions.at("define-a");
  EXPECT_EQ(d.now, (std::array<int, 5>{1, 0, 2, 0, 2}));
  EXPECT_EQ(d.not_sure, 1);
  EXPECT_FALSE(team.distributions.count("define-b")) << "one answer: not even shown";
  const QuestionRow* a = FindRow(team.results, "define-a");
  EXPECT_FALSE(a->min_now);
  EXPECT_TRUE(a->stddev_now);
  EXPECT_TRUE(team.overall.stddev);
  // A higher detail threshold hides the distribution again; it is never below the threshold.
  EXPECT_TRUE(ScoreTeam(bank, five, kAllPhases, {}, 3, 6).distributions.empty());
  EXPECT_EQ(EffectiveRules({4, 2}).min_detail, 4);
}

TEST(TeamTest, CoordinatorsAnswersAreScoredButNeverCounted) {
  Bank bank = TwoQuestions();
  std::vector<model::RoundResponse> round{{true, {A("define-a", 0, 0)}},
                                          {true, {A("define-a", 0, 0)}},
                                          {false, {A("define-a", 4, 4)}}};
  auto hidden = ScoreRound(bank, round, kAllPhases, {}, {3, 5});
  EXPECT_TRUE(hidden.hidden) << "one member and two coordinators";
  EXPECT_EQ(hidden.responses, 1);
  EXPECT_EQ(hidden.coordinators, 2);
  round.push_back({false, {A("define-a", 4, 4)}});
  round.push_back({false, {A("define-a", 4, 4)}});
  auto shown = ScoreRound(bank, round, kAllPhases, {}, {3, 5});
  ASSERT_FALSE(shown.hidden);
  EXPECT_NEAR(*shown.results.overall.now, 60, kTol) << "(0+0+4+4+4)/5 of 4";
  EXPECT_FALSE(shown.detailed) << "three members: the coordinators do not make it five";
}

TEST(TeamTest, AGroupsSpreadNeedsEnoughMembersInThatGroup) {
  // Five members answer define-a; only three of them define-b, in another element. The round
  // is detailed, but the "community" element (define-b only) has three scores: no spread.
  Bank bank = TwoQuestions();
  std::vector<std::vector<model::Answer>> round{
      {A("define-a", 1, 2), A("define-b", 0, 4)}, {A("define-a", 2, 2), A("define-b", 2, 4)},
      {A("define-a", 3, 4), A("define-b", 4, 4)}, {A("define-a", 2, 3)}, {A("define-a", 1, 3)}};
  auto team = ScoreTeam(bank, round, kAllPhases, {}, 3, 5);
  ASSERT_TRUE(team.detailed);
  EXPECT_EQ(team.elements.at("community").n, 3);
  EXPECT_FALSE(team.elements.at("community").stddev) << "0, 2 and 4 would follow from mean and spread";
  EXPECT_TRUE(team.elements.at("domain").stddev);
  EXPECT_FALSE(team.distributions.count("define-b"));
}

TEST(TeamTest, TheCoordinatorsAnswerIsNoProbeForDisagreement) {
  // Members agree (2, 2, 2); a coordinator answering 0 would make the statement look
  // disputed and so tell the coordinator something about the members' answers.
  Bank bank = TwoQuestions();
  std::vector<model::RoundResponse> round{{true, {A("define-a", 0, 0)}},
                                          {false, {A("define-a", 2, 2)}},
                                          {false, {A("define-a", 2, 2)}},
                                          {false, {A("define-a", 2, 2)}}};
  auto team = ScoreRound(bank, round, kAllPhases, {}, {3, 5});
  ASSERT_FALSE(team.hidden);
  EXPECT_FALSE(FindRow(team.results, "define-a")->disputed);
  EXPECT_FALSE(team.phases.at("define").disputed);
  EXPECT_EQ(team.phases.at("define").n, 3) << "the group's spread is the members' own scores";
}

TEST(TeamTest, PercentagesAreWhole) {
  Bank bank = TwoQuestions();
  auto team = ScoreTeam(bank, {{A("define-a", 1, 3)}, {A("define-a", 3, 4)}, {A("define-a", 2, 4)}},
                        kAllPhases, {}, 3);
  EXPECT_EQ(*team.results.overall.target, 92.0) << "91.67 shown whole";
  EXPECT_EQ(*team.results.overall.gap, 42.0) << "the difference of the whole numbers";
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
  EXPECT_FALSE(define.stddev) << "three members: below the detail threshold";
  EXPECT_TRUE(define.disputed);
  EXPECT_TRUE(team.elements.at("domain").disputed) << "define-a only: 0, 100, 0";
  EXPECT_EQ(team.overall.n, 3);
  auto detailed = ScoreTeam(bank,
                            {{A("define-a", 0, 4), A("define-b", 4, 4)},
                             {A("define-a", 4, 4), A("define-b", 4, 4)},
                             {A("define-a", 0, 1), A("define-b", 0, 1)}},
                            kAllPhases, {}, 3, 3);
  EXPECT_NEAR(*detailed.phases.at("define").stddev,
              std::round(std::sqrt((50.0 * 50 + 0 + 50.0 * 50) / 3)), 1e-9);
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
