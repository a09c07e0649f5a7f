#include "plan/plan.h"

#include <gtest/gtest.h>

#include "assess/test_support.h"

namespace cultivate::plan {
namespace {

using assess::Prompt;
using assess::test::A;
using assess::test::kAllPhases;
using assess::test::MakeBank;
using assess::test::Q;

assess::Bank BankWithPrompts() {
  return MakeBank({Q("define-a", "domain", {"rhythm"}), Q("define-b", "domain", {"focus-on-value"}),
                   Q("design-a", "community", {"rhythm"})},
                  {Prompt{"define-vision", "define", "Vision?", "vision"},
                   Prompt{"define-goals", "define", "Goals?", "goals"},
                   Prompt{"design-vision", "design", "Vision again?", "vision"},
                   Prompt{"design-strategy", "design", "How?", "strategy"},
                   Prompt{"design-goals", "design", "More goals?", "goals"}});
}

TEST(PlanTest, ReflectionsLandByKindInPhaseOrder) {
  assess::Bank bank = BankWithPrompts();
  assess::Results results = assess::ScoreCheckup(bank, {}, kAllPhases);
  // Given out of order, with surrounding whitespace, a blank text and an unknown prompt.
  std::vector<model::Reflection> reflections = {
      {"design-vision", "  Second vision.\n"},
      {"define-goals", "Goal one.\nStill goal one."},
      {"define-vision", "First vision."},
      {"design-goals", "   \n "},
      {"nope-prompt", "Ignored."},
      {"design-strategy", "The strategy."},
  };
  model::Plan plan = DraftPlan(bank, results, reflections);
  EXPECT_EQ(plan.vision, "First vision.\n\nSecond vision.");
  EXPECT_EQ(plan.goals, "Goal one.\nStill goal one.");
  EXPECT_EQ(plan.strategies, "The strategy.");
  EXPECT_TRUE(plan.items.empty());  // no answers, no improvement areas
  EXPECT_EQ(plan.updated_at, 0);
}

TEST(PlanTest, OneActionPerImprovementAreaInRankOrder) {
  assess::Bank bank = BankWithPrompts();
  // define-a gap 50 (priority 150) and design-a gap 25 share rhythm; define-b gap 25 opens
  // focus-on-value. Areas: rhythm (top define-a), focus-on-value (define-b).
  assess::Results results = assess::ScoreCheckup(
      bank, {{A("define-a", 1, 3), A("define-b", 1, 2), A("design-a", 1, 2)}}, kAllPhases);
  ASSERT_EQ(results.improvement_areas.size(), 2u);
  model::Plan plan = DraftPlan(bank, results, {});
  ASSERT_EQ(plan.items.size(), 2u);
  EXPECT_EQ(plan.items[0].what, "Action of define-a");
  EXPECT_EQ(plan.items[0].source, "define-a");
  EXPECT_EQ(plan.items[0].status, "todo");
  EXPECT_EQ(plan.items[0].owner, "");
  EXPECT_EQ(plan.items[0].due, "");
  EXPECT_EQ(plan.items[1].what, "Action of define-b");
  EXPECT_EQ(plan.items[1].source, "define-b");
  EXPECT_EQ(plan.vision, "");
}

}  // namespace
}  // namespace cultivate::plan
