#pragma once
/// Internal to the PostgreSQL store: reading and writing a plan's rows, shared by the solo
/// plan (plans.response_id) and the community plan (plans.community_id).

#include <cstdint>
#include <optional>
#include <vector>

#include <pqxx/pqxx>

#include "store/store.h"

namespace cultivate::store::postgres {

enum class PlanOwner { kResponse, kCommunity };

/// The plan of `owner` `key` with its items; empty when none.
std::optional<Plan> ReadPlan(pqxx::transaction_base& tx, PlanOwner owner, Id key);
/// Inserts the plan row of `owner` `key`, or updates its texts and updated_at; returns its id.
/// Items are left alone (see WritePlanItems).
Id UpsertPlan(pqxx::transaction_base& tx, PlanOwner owner, Id key, const Plan& plan,
              std::int64_t now);
/// Replaces the items of plan `plan_id`. Throws on a CHECK failure (bad status or due).
void WritePlanItems(pqxx::transaction_base& tx, Id plan_id, const std::vector<PlanItem>& items);

}  // namespace cultivate::store::postgres
