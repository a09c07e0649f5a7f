#include "store/validation.h"

#include <array>
#include <optional>

namespace cultivate::store {
namespace {

bool InRange(const std::optional<int>& level) { return !level || (*level >= 0 && *level <= 4); }

// Mirrors the GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' of plan_item_due.
bool LooksLikeIsoDate(std::string_view s) {
  if (s.size() != 10) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

}  // namespace

Status CheckPhases(const std::vector<std::string>& phases) {
  for (const auto& phase : phases) {
    if (phase.empty() || phase.find(',') != std::string::npos) {
      return Fail(
          Error::Invalid("phase id must be non-empty and contain no comma: '" + phase + "'"));
    }
  }
  return {};
}

Status CheckAnswers(const std::vector<Answer>& answers) {
  for (const auto& answer : answers) {
    if (!InRange(answer.now) || !InRange(answer.target)) {
      return Fail(
          Error::Invalid("answer to '" + answer.question + "': now and target must be 0..4"));
    }
  }
  return {};
}

Status CheckPlan(const Plan& plan) {
  static constexpr std::array<std::string_view, 4> kStatuses = {"todo", "doing", "done", "dropped"};
  for (const auto& item : plan.items) {
    bool known = false;
    for (auto status : kStatuses) known = known || item.status == status;
    if (!known)
      return Fail(Error::Invalid("plan item status must be todo|doing|done|dropped: '" +
                                 item.status + "'"));
    if (!item.due.empty() && !LooksLikeIsoDate(item.due)) {
      return Fail(
          Error::Invalid("plan item due date must be YYYY-MM-DD or empty: '" + item.due + "'"));
    }
  }
  return {};
}

std::string JoinPhases(const std::vector<std::string>& phases) {
  std::string joined;
  for (std::size_t i = 0; i < phases.size(); ++i) {
    if (i > 0) joined += ',';
    joined += phases[i];
  }
  return joined;
}

std::vector<std::string> SplitPhases(std::string_view joined) {
  std::vector<std::string> phases;
  while (!joined.empty()) {
    auto comma = joined.find(',');
    phases.emplace_back(joined.substr(0, comma));
    if (comma == std::string_view::npos) break;
    joined.remove_prefix(comma + 1);
  }
  return phases;
}

}  // namespace cultivate::store
