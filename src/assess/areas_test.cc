#include "assess/areas.h"

#include <gtest/gtest.h>

#include "assess/test_support.h"

namespace cultivate::assess {
namespace {

using test::A;
using test::kAllPhases;
using test::MakeBank;
using test::Q;

constexpr double kTol = 1e-9;

QuestionRow Row(double now, double target) {
  QuestionRow row;
  row.n = 1;
  row.score = {now, target, target - now, 1, 1};
  return row;
}

TEST(AreasTest, PriorityFormula) {
  // Placed in design, next phase grow: gap 50 x (1 + 2 + 0.5 x 2) = 200.
  EXPECT_NEAR(
      Priority(Q("design-a", "domain", {}, {{"design", 2}, {"grow", 2}}), Row(25, 75), "design"),
      200, kTol);
  // An earlier-phase question with now under 2 (25%): 25 x 1 + bonus 50 = 75.
  Question early = Q("define-a", "domain", {}, {{"define", 2}});
  EXPECT_NEAR(Priority(early, Row(25, 50), "design"), 25 + kWeakFoundationBonus, kTol);
  // now exactly 2 (50%) is not under 2: no bonus.
  EXPECT_NEAR(Priority(early, Row(50, 75), "design"), 25, kTol);
  // The placed phase's own question gets no bonus even when low.
  EXPECT_NEAR(Priority(early, Row(25, 50), "define"), 25 * 3, kTol);
  // Transform has no next phase: 25 x (1 + 3) = 100.
  EXPECT_NEAR(
      Priority(Q("transform-a", "domain", {}, {{"transform", 3}}), Row(50, 75), "transform"), 100,
      kTol);
  QuestionRow unanswered;
  EXPECT_EQ(Priority(early, unanswered, "define"), 0);
}

TEST(AreasTest, HandComputedGrouping) {
  // All in define (placed there: attainment (2x25 + 3x25 + 1x0 + 2x50 + 2x75) / 10 = 37.5).
  //   a [rhythm]                 w2 (1,3) gap 50 -> 50 x (1+2)         = 150
  //   b [focus-on-value, rhythm] w3, design 2 (1,2) gap 25 -> 25 x (1+3+1) = 125
  //   c [focus-on-value]         w1 (0,2) gap 50 -> 50 x (1+1)         = 100
  //   d [] element community     w2 (2,3) gap 25 -> 25 x (1+2)         = 75
  //   e [inside-outside]         w2 (3,3) gap 0  -> not an area
  // Ranked a, b, c, d. a opens "rhythm"; b shares rhythm (its second principle) and joins;
  // c opens "focus-on-value"; d has no principle: element area "community".
  Question b =
      Q("define-b", "domain", {"focus-on-value", "rhythm"}, {{"define", 3}, {"design", 2}});
  b.practices = {"define-a-practice", "shared-practice"};
  Question a = Q("define-a", "domain", {"rhythm"});
  a.practices = {"shared-practice", "define-a-practice"};
  Bank bank =
      MakeBank({a, b, Q("define-c", "domain", {"focus-on-value"}, {{"define", 1}}),
                Q("define-d", "community", {}), Q("define-e", "domain", {"inside-outside"})});
  Results r = ScoreCheckup(bank,
                           {{A("define-a", 1, 3), A("define-b", 1, 2), A("define-c", 0, 2),
                             A("define-d", 2, 3), A("define-e", 3, 3)}},
                           kAllPhases);
  ASSERT_EQ(r.placement.phase, "define");
  EXPECT_NEAR(*r.placement.reasons[0].attainment, 37.5, kTol);
  const auto& areas = r.improvement_areas;
  ASSERT_EQ(areas.size(), 3u);

  EXPECT_EQ(areas[0].kind, "principle");
  EXPECT_EQ(areas[0].key, "rhythm");
  EXPECT_EQ(areas[0].questions, (std::vector<std::string>{"define-a", "define-b"}));
  EXPECT_NEAR(areas[0].gap, 37.5, kTol);  // (50 + 25) / 2
  EXPECT_NEAR(areas[0].priority, 150, kTol);
  EXPECT_EQ(areas[0].recommendation, "Recommendation of define-a");
  EXPECT_EQ(areas[0].action, "Action of define-a");
  EXPECT_EQ(areas[0].practices, (std::vector<std::string>{"shared-practice", "define-a-practice"}));
  EXPECT_EQ(areas[0].examples, (std::vector<std::string>{"define-a-example", "define-b-example"}));

  EXPECT_EQ(areas[1].key, "focus-on-value");
  EXPECT_EQ(areas[1].questions, std::vector<std::string>{"define-c"});
  EXPECT_NEAR(areas[1].priority, 100, kTol);
  EXPECT_NEAR(areas[1].gap, 50, kTol);

  EXPECT_EQ(areas[2].kind, "element");
  EXPECT_EQ(areas[2].key, "community");
  EXPECT_NEAR(areas[2].priority, 75, kTol);
}

TEST(AreasTest, AtMostFiveAreasAndThreeQuestionsEach) {
  // Seven questions, seven principles, gaps 100,100,75,75,50,50,25 (all weight 2): the top
  // five open areas, ties in bank order; f and g are dropped.
  const std::vector<std::string> principles = {"design-for-evolution",
                                               "inside-outside",
                                               "levels-of-participation",
                                               "public-private-spaces",
                                               "focus-on-value",
                                               "familiarity-excitement",
                                               "rhythm"};
  const std::vector<int> targets = {4, 4, 3, 3, 2, 2, 1};
  std::vector<Question> qs;
  std::vector<model::Answer> answers;
  for (size_t i = 0; i < 7; ++i) {
    std::string id = "define-" + std::string(1, static_cast<char>('a' + i));
    qs.push_back(Q(id, "domain", {principles[i]}));
    answers.push_back(A(id, 0, targets[i]));
  }
  // Four more on rhythm with the biggest gaps: the rhythm area keeps the top three.
  for (const char* id : {"design-a", "design-b", "design-c", "design-d"}) {
    qs.push_back(Q(id, "domain", {"rhythm"}, {{"design", 2}, {"define", 3}}));
    answers.push_back(A(id, 0, 4));
  }
  Results r = ScoreCheckup(MakeBank(qs), {answers}, kAllPhases);
  ASSERT_EQ(r.placement.phase, "define");
  const auto& areas = r.improvement_areas;
  ASSERT_EQ(areas.size(), kMaxAreas);
  // design-* rank first: 100 x (1 + 3 + 0.5 x 2) = 500 each, bank order among them.
  EXPECT_EQ(areas[0].key, "rhythm");
  EXPECT_EQ(areas[0].questions, (std::vector<std::string>{"design-a", "design-b", "design-c"}));
  EXPECT_EQ(areas[1].key, "design-for-evolution");
  EXPECT_EQ(areas[2].key, "inside-outside");
  EXPECT_EQ(areas[3].key, "levels-of-participation");
  EXPECT_EQ(areas[4].key, "public-private-spaces");
}

TEST(AreasTest, StrengthsAreStrongAnswersUpToThePlacedPhase) {
  // define-a (3,3), define-b (4,3): strengths. design-a (3,4) has a gap. grow-a (1,2) places
  // the CoP in grow (define 87.5, design 75 reached). perform-a (4,4) is after grow: left out.
  Bank bank = MakeBank({Q("define-a", "domain", {"rhythm"}), Q("define-b", "domain", {"rhythm"}),
                        Q("design-a", "domain", {"rhythm"}), Q("grow-a", "practice", {}),
                        Q("perform-a", "domain", {"inside-outside"})});
  Results r = ScoreCheckup(bank,
                           {{A("define-a", 3, 3), A("define-b", 4, 3), A("design-a", 3, 4),
                             A("grow-a", 1, 2), A("perform-a", 4, 4)}},
                           kAllPhases);
  ASSERT_EQ(r.placement.phase, "grow");
  ASSERT_EQ(r.strengths.size(), 1u);
  EXPECT_EQ(r.strengths[0].key, "rhythm");
  EXPECT_EQ(r.strengths[0].questions, (std::vector<std::string>{"define-b", "define-a"}));
  EXPECT_NEAR(r.strengths[0].gap, -12.5, kTol);  // (-25 + 0) / 2
  EXPECT_NEAR(r.strengths[0].priority, 100, kTol);
  EXPECT_EQ(r.strengths[0].recommendation, "");
  // Improvement areas: grow-a 25 x (1+2) = 75 before design-a 25 x 1 = 25.
  ASSERT_EQ(r.improvement_areas.size(), 2u);
  EXPECT_EQ(r.improvement_areas[0].key, "practice");
  EXPECT_EQ(r.improvement_areas[1].key, "rhythm");
}

TEST(AreasTest, WeakFoundationBonusLiftsAnEarlierQuestion) {
  // Placed in design: define (100, 100, 25 -> attainment 75) is reached, design (25, 50 ->
  // 37.5) is not. define-c is an earlier-phase question with now 1 (< 2), gap 50 and no
  // weight in design or grow: 50 x 1 + 50 = 100, ahead of design-a and design-b (gap 25,
  // w2: 25 x 3 = 75 each, in bank order). Without the bonus it would be last (50).
  Bank bank = MakeBank({Q("define-a", "domain", {"rhythm"}), Q("define-b", "domain", {"rhythm"}),
                        Q("define-c", "domain", {"focus-on-value"}),
                        Q("design-a", "domain", {"inside-outside"}),
                        Q("design-b", "domain", {"public-private-spaces"})});
  Results r = ScoreCheckup(bank,
                           {{A("define-a", 4, 4), A("define-b", 4, 4), A("define-c", 1, 3),
                             A("design-a", 1, 2), A("design-b", 2, 3)}},
                           kAllPhases);
  ASSERT_EQ(r.placement.phase, "design");
  ASSERT_EQ(r.improvement_areas.size(), 3u);
  EXPECT_EQ(r.improvement_areas[0].questions, std::vector<std::string>{"define-c"});
  EXPECT_EQ(r.improvement_areas[1].questions, std::vector<std::string>{"design-a"});
  EXPECT_EQ(r.improvement_areas[2].questions, std::vector<std::string>{"design-b"});
}

}  // namespace
}  // namespace cultivate::assess
