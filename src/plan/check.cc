#include "plan/check.h"

#include <algorithm>
#include <set>

#include "common/dates.h"
#include "common/field_rules.h"
#include "common/message_keys.h"
#include "common/text.h"

namespace cultivate::plan {

bool ValidDueDate(const std::string& due) { return due.empty() || ParseDate(due).has_value(); }

std::vector<FieldError> Check(const model::Plan& plan) {
  std::vector<FieldError> errors;
  auto text = [&](const std::string& v, const std::string& field, size_t max) {
    CheckText(v, field, max, &errors);
  };
  text(plan.vision, "vision", kMaxPlanTextLength);
  text(plan.goals, "goals", kMaxPlanTextLength);
  text(plan.strategies, "strategies", kMaxPlanTextLength);
  if (plan.items.size() > kMaxPlanItems)
    errors.push_back({"", "items", {msg::kPlanTooManyItems, {Arg("max", kMaxPlanItems)}}});
  static const std::set<std::string> kStatus = {"todo", "doing", "done", "dropped"};
  for (size_t i = 0; i < plan.items.size() && i < kMaxPlanItems; ++i) {
    const auto& item = plan.items[i];
    std::string p = "items." + std::to_string(i) + ".";
    text(item.what, p + "what", kMaxPlanFieldLength);
    text(item.owner, p + "owner", kMaxOwnerLength);
    if (!kStatus.count(item.status)) errors.push_back({"", p + "status", msg::kPlanStatusInvalid});
    if (!ValidDueDate(item.due)) errors.push_back({"", p + "due", msg::kDateInvalid});
    if (item.what.empty() && (!item.owner.empty() || !item.due.empty()))
      errors.push_back({"", p + "what", msg::kPlanWhatMissing});
  }
  return errors;
}

}  // namespace cultivate::plan
