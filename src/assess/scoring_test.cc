#include "assess/scoring.h"

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

TEST(ScoringTest, HandComputedGroupOfThree) {
  // Answers (1,3), (2,4), (not sure): now = mean(1,2)/4 = 37.5%, target = mean(3,4)/4 =
  // 87.5%, gap 50, answered 2 of 3.
  Bank bank = MakeBank({Q("define-a", "domain", {"rhythm"}), Q("define-b", "domain", {"rhythm"}),
                        Q("define-c", "community", {"focus-on-value"})});
  Results r = ScoreCheckup(
      bank, {{A("define-a", 1, 3), A("define-b", 2, 4), A("define-c", std::nullopt, std::nullopt)}},
      kAllPhases);
  EXPECT_NEAR(*r.overall.now, 37.5, kTol);
  EXPECT_NEAR(*r.overall.target, 87.5, kTol);
  EXPECT_NEAR(*r.overall.gap, 50, kTol);
  EXPECT_EQ(r.overall.answered, 2);
  EXPECT_EQ(r.overall.questions, 3);

  const Score* define = FindScore(r.phases, "define");
  ASSERT_NE(define, nullptr);
  EXPECT_NEAR(*define->now, 37.5, kTol);
  // Design is included but has no questions here: no score, never 0.
  EXPECT_FALSE(FindScore(r.phases, "design")->now);
  EXPECT_EQ(FindScore(r.phases, "design")->questions, 0);

  // Elements and principles in order of first use; community: define-c only, not answered.
  ASSERT_EQ(r.elements.size(), 2u);
  EXPECT_EQ(r.elements[0].id, "domain");
  EXPECT_NEAR(*r.elements[0].score.now, 37.5, kTol);
  EXPECT_EQ(r.elements[1].id, "community");
  EXPECT_FALSE(r.elements[1].score.now);
  EXPECT_EQ(r.elements[1].score.questions, 1);
  ASSERT_EQ(r.principles.size(), 2u);
  EXPECT_EQ(r.principles[0].id, "rhythm");
  EXPECT_EQ(r.principles[1].id, "focus-on-value");

  // Per question: define-a (1,3) -> 25, 75, gap 50.
  const QuestionRow* a = FindRow(r, "define-a");
  ASSERT_NE(a, nullptr);
  EXPECT_NEAR(*a->score.now, 25, kTol);
  EXPECT_NEAR(*a->score.target, 75, kTol);
  EXPECT_NEAR(*a->score.gap, 50, kTol);
  EXPECT_EQ(a->n, 1);
  EXPECT_EQ(a->responses, 1);
  EXPECT_FALSE(a->disputed);
  EXPECT_EQ(FindRow(r, "define-c")->n, 0);
  EXPECT_FALSE(FindRow(r, "define-c")->stddev_now);
}

TEST(ScoringTest, EverythingNotSureHasNoScoresAndNoPlacement) {
  Bank bank = MakeBank({Q("define-a", "domain", {"rhythm"}), Q("design-a", "domain", {})});
  // Half answers (only now, only target) count as not answered too.
  Results r = ScoreCheckup(
      bank, {{A("define-a", std::nullopt, std::nullopt), A("design-a", 2, std::nullopt)}},
      kAllPhases);
  EXPECT_FALSE(r.overall.now);
  EXPECT_FALSE(r.overall.target);
  EXPECT_FALSE(r.overall.gap);
  EXPECT_EQ(r.overall.answered, 0);
  EXPECT_EQ(r.overall.questions, 2);
  for (const auto& p : r.phases) EXPECT_FALSE(p.score.now) << p.id;
  EXPECT_EQ(r.placement.summary_key, "not-enough-answers");
  EXPECT_EQ(r.placement.phase, "");
  ASSERT_EQ(r.placement.reasons.size(), 5u);
  EXPECT_EQ(r.placement.reasons[0].state, "no-answers");
  EXPECT_TRUE(r.improvement_areas.empty());
  EXPECT_TRUE(r.strengths.empty());
}

TEST(ScoringTest, NoResponsesAtAll) {
  Bank bank = MakeBank({Q("define-a", "domain", {"rhythm"})});
  Results r = ScoreCheckup(bank, {}, kAllPhases);
  EXPECT_FALSE(r.overall.now);
  EXPECT_EQ(r.placement.summary_key, "not-enough-answers");
  EXPECT_EQ(FindRow(r, "define-a")->responses, 0);
}

TEST(ScoringTest, OutOfRangeAndUnknownAnswersAreIgnored) {
  Bank bank = MakeBank({Q("define-a", "domain", {}), Q("define-b", "domain", {})});
  Results r = ScoreCheckup(
      bank, {{A("define-a", 5, 4), A("define-b", 2, 2), A("nope-x", 0, 4), A("define-b", 4, 4)}},
      kAllPhases);
  // define-a out of range: not answered. define-b answered twice: the last (4,4) wins.
  EXPECT_EQ(r.overall.answered, 1);
  EXPECT_NEAR(*r.overall.now, 100, kTol);
  EXPECT_EQ(r.questions.size(), 2u);
}

TEST(ScoringTest, AllAnswersEqual) {
  // Every answer (2,2): 50% now and target everywhere, gap 0: nothing to improve, and
  // nothing strong enough (now < 3) to call a strength. Define at 50% < 60: placed there.
  std::vector<Question> qs;
  std::vector<model::Answer> answers;
  for (std::string_view p : kPhaseOrder) {
    for (const char* n : {"-a", "-b"}) {
      qs.push_back(Q(std::string(p) + n, "domain", {"rhythm"}));
      answers.push_back(A(std::string(p) + n, 2, 2));
    }
  }
  Results r = ScoreCheckup(MakeBank(qs), {answers}, kAllPhases);
  EXPECT_NEAR(*r.overall.now, 50, kTol);
  EXPECT_NEAR(*r.overall.target, 50, kTol);
  EXPECT_NEAR(*r.overall.gap, 0, kTol);
  EXPECT_EQ(r.overall.answered, 10);
  for (const auto& p : r.phases) EXPECT_NEAR(*p.score.now, 50, kTol);
  EXPECT_EQ(r.placement.phase, "define");
  EXPECT_EQ(r.placement.summary_key, "placed");
  EXPECT_TRUE(r.improvement_areas.empty());
  EXPECT_TRUE(r.strengths.empty());
}

TEST(ScoringTest, LeftOutPhasesAreIgnoredAndHaveNoScore) {
  Bank bank = MakeBank({Q("define-a", "domain", {"rhythm"}),
                        Q("design-a", "community", {"rhythm"}, {{"design", 2}, {"define", 3}})});
  // define is left out: its answer is ignored, and design-a's weight in define is unused.
  Results r = ScoreCheckup(bank, {{A("define-a", 0, 4), A("design-a", 3, 4)}}, {"design", "nope"});
  EXPECT_EQ(r.included, std::vector<std::string>{"design"});
  EXPECT_FALSE(FindScore(r.phases, "define")->now);
  EXPECT_EQ(FindScore(r.phases, "define")->questions, 0);
  EXPECT_NEAR(*r.overall.now, 75, kTol);  // design-a only
  EXPECT_EQ(r.overall.questions, 1);
  EXPECT_EQ(FindRow(r, "define-a"), nullptr);
  EXPECT_EQ(r.elements[0].id, "domain");  // still listed, in bank order, with no score
  EXPECT_EQ(r.elements[0].score.questions, 0);
  EXPECT_EQ(r.placement.reasons[0].state, "excluded");
  EXPECT_EQ(r.placement.reasons[1].state, "reached");
  EXPECT_EQ(r.placement.phase, "transform");
  EXPECT_EQ(r.placement.summary_key, "all-strong");
}

TEST(ScoringTest, TeamStatisticsAndDisputes) {
  Bank bank = MakeBank({Q("define-a", "domain", {}), Q("define-b", "domain", {}),
                        Q("define-c", "domain", {}), Q("define-d", "domain", {})});
  std::vector<std::vector<model::Answer>> team = {
      {A("define-a", 0, 4), A("define-b", 1, 1), A("define-c", 1, 2), A("define-d", 0, 1)},
      {A("define-a", 2, 4), A("define-b", std::nullopt, 1), A("define-c", 3, 3)},
      {A("define-a", 4, 4), A("define-c", 3, 3), A("define-d", 3, 3)},
  };
  Results r = ScoreCheckup(bank, team, kAllPhases);

  // define-a: now 0,2,4 -> mean 2 (50%), target 100%; population sd = sqrt((4+0+4)/3) = 1.633
  // >= 1.2 -> disputed.
  const QuestionRow* a = FindRow(r, "define-a");
  EXPECT_EQ(a->n, 3);
  EXPECT_EQ(a->responses, 3);
  EXPECT_EQ(*a->min_now, 0);
  EXPECT_EQ(*a->max_now, 4);
  EXPECT_NEAR(*a->stddev_now, std::sqrt(8.0 / 3.0), kTol);
  EXPECT_TRUE(a->disputed);
  // define-b: one answer (1,1), the other "not sure" or missing: n 1, sd 0, not disputed.
  const QuestionRow* b = FindRow(r, "define-b");
  EXPECT_EQ(b->n, 1);
  EXPECT_NEAR(*b->stddev_now, 0, kTol);
  EXPECT_FALSE(b->disputed);
  // define-c: now 1,3,3 -> mean 7/3, sd = sqrt((16/9 + 4/9 + 4/9) / 3) = sqrt(8/9) = 0.943,
  // spread 2: not disputed.
  const QuestionRow* c = FindRow(r, "define-c");
  EXPECT_NEAR(*c->stddev_now, std::sqrt(8.0 / 9.0), kTol);
  EXPECT_FALSE(c->disputed);
  // define-d: now 0,3 -> spread 3 (sd 1.5) -> disputed.
  EXPECT_TRUE(FindRow(r, "define-d")->disputed);

  // The phase is the mean of question means: now (50 + 25 + 58.333 + 37.5) / 4.
  double now = (50.0 + 25.0 + 700.0 / 12.0 + 37.5) / 4.0;
  EXPECT_NEAR(*r.overall.now, now, kTol);
  EXPECT_EQ(r.overall.answered, 4);
}

TEST(ScoringTest, SpreadOfThreeIsDisputedEvenWithSmallDeviation) {
  // now 0,3,3,3,3,3,3,3: mean 2.625, variance (2.625^2 + 7 x 0.375^2) / 8 = 0.984, sd 0.992
  // < 1.2, but max - min = 3 -> disputed.
  Bank bank = MakeBank({Q("define-a", "domain", {})});
  std::vector<std::vector<model::Answer>> team = {{A("define-a", 0, 4)}};
  for (int i = 0; i < 7; ++i) team.push_back({A("define-a", 3, 4)});
  Results r = ScoreCheckup(bank, team, kAllPhases);
  const QuestionRow* a = FindRow(r, "define-a");
  EXPECT_NEAR(*a->stddev_now, std::sqrt(0.984375), kTol);
  EXPECT_TRUE(a->disputed);
}

TEST(ScoringTest, IsDeterministic) {
  Bank bank = MakeBank({Q("define-a", "domain", {"rhythm"}), Q("define-b", "practice", {"rhythm"}),
                        Q("design-a", "domain", {"focus-on-value"})});
  std::vector<std::vector<model::Answer>> answers = {
      {A("define-a", 1, 3), A("define-b", 1, 3), A("design-a", 0, 4)}};
  Results first = ScoreCheckup(bank, answers, kAllPhases);
  Results second = ScoreCheckup(bank, answers, kAllPhases);
  ASSERT_EQ(first.improvement_areas.size(), second.improvement_areas.size());
  for (size_t i = 0; i < first.improvement_areas.size(); ++i) {
    EXPECT_EQ(first.improvement_areas[i].questions, second.improvement_areas[i].questions);
  }
  EXPECT_EQ(first.placement.phase, second.placement.phase);
}

}  // namespace
}  // namespace cultivate::assess
