#pragma once
/// Internal to the SQLite store: reading and writing a plan's rows, shared by the solo plan
/// (plans.response_id) and the community plan (plans.community_id).

#include <cstdint>
#include <optional>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "store/store.h"

namespace cultivate::store::sqlite {

/// The plan selected by `where` (one `?`, bound to `key`) with its items; empty when none.
std::optional<Plan> ReadPlan(SQLite::Database& db, const char* where, Id key);
enum class PlanOwner { kResponse, kCommunity };

/// Inserts the plan row of `owner` `key`, or updates its texts and updated_at; returns its id.
/// Items are left alone (see WritePlanItems).
Id UpsertPlan(SQLite::Database& db, PlanOwner owner, Id key, const Plan& plan, std::int64_t now);
/// Replaces the items of plan `plan_id`. Throws on a CHECK failure (bad status or due).
void WritePlanItems(SQLite::Database& db, Id plan_id, const std::vector<PlanItem>& items);

}  // namespace cultivate::store::sqlite
