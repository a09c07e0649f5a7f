#pragma once
/// A strategy plan and its action items.

#include <cstdint>
#include <string>
#include <vector>

namespace cultivate::model {

struct PlanItem {
  std::string what;
  std::string owner;
  std::string due;     // ISO date YYYY-MM-DD or empty
  std::string status;  // "todo" | "doing" | "done" | "dropped"
  std::string source;  // question id the item was suggested from, or empty
};

/// A strategy plan: vision, goals, strategies and its action items, in order.
struct Plan {
  std::string vision;
  std::string goals;
  std::string strategies;
  std::vector<PlanItem> items;
  std::int64_t updated_at = 0;
};

}  // namespace cultivate::model
