// The community's shared plan.
#include <set>

#include "common/message_keys.h"
#include "community/team.h"
#include "plan/check.h"
#include "plan/plan.h"

namespace cultivate::community {

Result<PlanView> Team::Plan(const model::Community& community) {
  auto saved = store_.CommunityPlan(community.id);
  if (!saved) return Fail(saved.error());
  if (*saved) return PlanView{std::move(**saved), false};
  auto latest = LatestShown(community);
  if (!latest) return Fail(latest.error());
  if (!*latest) return PlanView{model::Plan{}, true};
  const auto& [round, results] = **latest;
  return PlanView{plan::DraftPlan(bank_.ForVersion(round.bank_version), results->results, {}), true};
}

Result<Team::Suggested> Team::WithSuggestions(const model::Community& community, model::Plan plan) {
  auto latest = LatestShown(community);
  if (!latest) return Fail(latest.error());
  if (!*latest || (*latest)->second->hidden) return Suggested{std::move(plan), 0};
  const auto& [round, results] = **latest;
  model::Plan draft = plan::DraftPlan(bank_.ForVersion(round.bank_version), results->results, {});
  std::set<std::string> sources, whats;
  for (const auto& item : plan.items) {
    if (!item.source.empty()) sources.insert(item.source);
    whats.insert(item.what);
  }
  int added = 0;
  for (const auto& item : draft.items) {
    if (sources.count(item.source) || whats.count(item.what)) continue;
    if (plan.items.size() >= plan::kMaxPlanItems) break;
    plan.items.push_back(item);
    ++added;
  }
  return Suggested{std::move(plan), added};
}

Result<model::Plan> Team::SavePlan(const model::Community& community, const model::Plan& plan) {
  auto errors = plan::Check(plan);
  if (!errors.empty()) return Fail(Error::Fields(std::move(errors), msg::kPlanInvalid));
  if (auto ok = store_.SaveCommunityPlan(community.id, plan); !ok) return Fail(ok.error());
  auto stored = store_.CommunityPlan(community.id);
  if (!stored) return Fail(stored.error());
  if (!*stored) return Fail(Error::Internal("the plan just saved is not there"));
  return **stored;
}

Result<std::optional<model::Plan>> Team::SavedPlan(const model::Community& community) {
  return store_.CommunityPlan(community.id);
}

}  // namespace cultivate::community
