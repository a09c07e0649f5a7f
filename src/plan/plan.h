#pragma once
/// Drafting a strategy plan from a check-up: pure, no IO. The person edits the draft
/// afterwards; the draft is only a starting point.

#include <vector>

#include "assess/bank.h"
#include "assess/scoring.h"
#include "model/checkup.h"
#include "model/plan.h"

namespace cultivate::plan {

/// Vision, goals and strategies are the reflection texts whose prompt has that kind
/// (vision | goals | strategy), in bank order (phase order, then prompt order), joined with
/// a blank line. Texts are trimmed; blank texts and reflections on unknown prompts are left
/// out. One action item per improvement area, in rank order: what = the area's action,
/// status "todo", source = the area's top question id, owner and due empty. updated_at is 0
/// (the caller stamps it).
model::Plan DraftPlan(const assess::Bank& bank, const assess::Results& results,
                      const std::vector<model::Reflection>& reflections);

}  // namespace cultivate::plan
