#include "assess/placement.h"

#include <gtest/gtest.h>

#include "assess/test_support.h"

namespace cultivate::assess {
namespace {

using test::A;
using test::kAllPhases;
using test::MakeBank;
using test::Q;

constexpr double kTol = 1e-9;

/// `phase`-a, -b, ... with the given now values (target 4), weights {phase = 2}.
void AddPhase(const std::string& phase, const std::vector<int>& nows, std::vector<Question>* qs,
              std::vector<model::Answer>* answers) {
  for (size_t i = 0; i < nows.size(); ++i) {
    std::string id = phase + "-" + std::string(1, static_cast<char>('a' + i));
    qs->push_back(Q(id, "domain", {"rhythm"}));
    answers->push_back(A(id, nows[i], 4));
  }
}

Placement Place(const std::vector<Question>& qs, const std::vector<model::Answer>& answers,
                const std::optional<std::string>& declared = std::nullopt) {
  return ScoreCheckup(MakeBank(qs), {answers}, kAllPhases, declared).placement;
}

TEST(PlacementTest, WeightedAttainmentReachesAtExactlySixty) {
  // define-a (w define 3) now 4 -> 100%; define-b (w define 1) now 0; design-a has weights
  // {design 2, define 1} and now 0. Define attainment = (3 x 100 + 1 x 0 + 1 x 0) / (3+1+1)
  // = 60 -> reached (its plain score is 50). Design attainment = 0 -> below: placed in design.
  std::vector<Question> qs = {Q("define-a", "domain", {}, {{"define", 3}}),
                              Q("define-b", "domain", {}, {{"define", 1}}),
                              Q("design-a", "domain", {}, {{"design", 2}, {"define", 1}})};
  Results r = ScoreCheckup(
      MakeBank(qs), {{A("define-a", 4, 4), A("define-b", 0, 4), A("design-a", 0, 4)}}, kAllPhases);
  const Placement& p = r.placement;
  EXPECT_NEAR(*FindScore(r.phases, "define")->now, 50, kTol);
  EXPECT_NEAR(*p.reasons[0].attainment, 60, kTol);
  EXPECT_EQ(p.reasons[0].state, "reached");
  EXPECT_EQ(p.reasons[0].questions, (std::vector<std::string>{"define-a", "define-b"}));
  EXPECT_NEAR(*p.reasons[1].attainment, 0, kTol);
  EXPECT_EQ(p.reasons[1].state, "below");
  EXPECT_EQ(p.reasons[2].state, "no-answers");
  EXPECT_FALSE(p.reasons[2].attainment);
  EXPECT_EQ(p.phase, "design");
  EXPECT_EQ(p.summary_key, "placed");
  EXPECT_FALSE(p.weak_foundation);
  EXPECT_EQ(p.declared_key, "");
}

TEST(PlacementTest, PhaseWithoutAnswersIsSkipped) {
  // define 100%, design only "not sure", grow 25%: design is skipped, placed in grow.
  std::vector<Question> qs;
  std::vector<model::Answer> answers;
  AddPhase("define", {4, 4}, &qs, &answers);
  qs.push_back(Q("design-a", "domain", {}));
  answers.push_back(A("design-a", std::nullopt, std::nullopt));
  AddPhase("grow", {1}, &qs, &answers);
  Placement p = Place(qs, answers);
  EXPECT_EQ(p.reasons[1].state, "no-answers");
  EXPECT_EQ(p.phase, "grow");
  EXPECT_EQ(p.summary_key, "placed");
}

TEST(PlacementTest, DecidingQuestionsAreTheLowestThreeInBankOrder) {
  // now 2,1,1,3,0 -> (2+1+1+3+0)/5/4 = 35%: below; lowest first, ties in bank order.
  std::vector<Question> qs;
  std::vector<model::Answer> answers;
  AddPhase("define", {2, 1, 1, 3, 0}, &qs, &answers);
  Placement p = Place(qs, answers);
  EXPECT_NEAR(*p.reasons[0].attainment, 35, kTol);
  EXPECT_EQ(p.reasons[0].questions, (std::vector<std::string>{"define-e", "define-b", "define-c"}));
}

TEST(PlacementTest, EveryPhaseAtSixtyOrMoreIsTransform) {
  std::vector<Question> qs;
  std::vector<model::Answer> answers;
  for (std::string_view phase : kPhaseOrder) AddPhase(std::string(phase), {3, 4}, &qs, &answers);
  Placement p = Place(qs, answers);
  EXPECT_EQ(p.phase, "transform");
  EXPECT_EQ(p.summary_key, "all-strong");
  EXPECT_FALSE(p.weak_foundation);
  for (const auto& reason : p.reasons) EXPECT_NEAR(*reason.attainment, 87.5, kTol);
  EXPECT_EQ(Place(qs, answers, "grow").declared_key, "declared-earlier");
  EXPECT_EQ(Place(qs, answers, "transform").declared_key, "same");
  EXPECT_EQ(Place(qs, answers, "transform").declared, "transform");
  EXPECT_EQ(Place(qs, answers, "nonsense").declared_key, "");
}

TEST(PlacementTest, TransformBelowSixtyIsPlacedNotAllStrong) {
  std::vector<Question> qs;
  std::vector<model::Answer> answers;
  for (std::string_view phase : {"define", "design", "grow", "perform"}) {
    AddPhase(std::string(phase), {3}, &qs, &answers);
  }
  AddPhase("transform", {2}, &qs, &answers);  // 50%
  Placement p = Place(qs, answers);
  EXPECT_EQ(p.phase, "transform");
  EXPECT_EQ(p.summary_key, "placed");
}

TEST(PlacementTest, WeakFoundationWhenALaterPhaseIsStrong) {
  // define 25% (< 40) while design and grow are at 75%: placed in define, foundations weak.
  std::vector<Question> qs;
  std::vector<model::Answer> answers;
  AddPhase("define", {1, 1}, &qs, &answers);
  AddPhase("design", {3}, &qs, &answers);
  AddPhase("grow", {3}, &qs, &answers);
  Placement p = Place(qs, answers);
  EXPECT_EQ(p.phase, "define");
  EXPECT_TRUE(p.weak_foundation);
  EXPECT_EQ(p.summary_key, "weak-foundation");
}

TEST(PlacementTest, FortyPercentIsNotAWeakFoundation) {
  // now 1,2,2,2,1 -> 8/5/4 = 40%: below 60 but not under 40.
  std::vector<Question> qs;
  std::vector<model::Answer> answers;
  AddPhase("define", {1, 2, 2, 2, 1}, &qs, &answers);
  AddPhase("design", {4}, &qs, &answers);
  Placement p = Place(qs, answers);
  EXPECT_NEAR(*p.reasons[0].attainment, 40, kTol);
  EXPECT_EQ(p.phase, "define");
  EXPECT_FALSE(p.weak_foundation);
  EXPECT_EQ(p.summary_key, "placed");
}

TEST(PlacementTest, LowFirstPhaseAloneIsJustPlaced) {
  std::vector<Question> qs;
  std::vector<model::Answer> answers;
  AddPhase("define", {1}, &qs, &answers);
  AddPhase("design", {1}, &qs, &answers);
  Placement p = Place(qs, answers);
  EXPECT_EQ(p.phase, "define");
  EXPECT_FALSE(p.weak_foundation);
  // A coordinator who declared a later phase is told the foundations need attention.
  Placement declared = Place(qs, answers, "perform");
  EXPECT_TRUE(declared.weak_foundation);
  EXPECT_EQ(declared.summary_key, "weak-foundation");
  EXPECT_EQ(declared.declared_key, "declared-later");
}

}  // namespace
}  // namespace cultivate::assess
