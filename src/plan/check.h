#pragma once
/// The rules a plan must meet before it is saved, the same for a solo and a community plan.

#include <cstddef>
#include <vector>

#include "common/error.h"
#include "model/plan.h"

namespace cultivate::plan {

inline constexpr size_t kMaxPlanTextLength = 8000;  // vision, goals, strategies (code points)
inline constexpr size_t kMaxPlanItems = 50;
inline constexpr size_t kMaxPlanFieldLength = 500;  // an action's "what"
inline constexpr size_t kMaxOwnerLength = 200;

/// Every problem with `plan`, by field ("vision", "items.3.due", ...). Pure.
std::vector<FieldError> Check(const model::Plan& plan);
/// True for "YYYY-MM-DD" with a real month and day, or empty.
bool ValidDueDate(const std::string& due);

}  // namespace cultivate::plan
