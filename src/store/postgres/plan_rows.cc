#include "store/postgres/plan_rows.h"

#include <string>

namespace cultivate::store::postgres {

std::optional<Plan> ReadPlan(pqxx::transaction_base& tx, PlanOwner owner, Id key) {
  const char* column = owner == PlanOwner::kResponse ? "response_id" : "community_id";
  auto rows = tx.exec_params(
      std::string("SELECT id, vision, goals, strategies, updated_at FROM plans WHERE ") + column +
          " = $1",
      key);
  if (rows.empty()) return std::nullopt;
  Plan plan;
  Id plan_id = rows[0][0].as<Id>();
  plan.vision = rows[0][1].as<std::string>();
  plan.goals = rows[0][2].as<std::string>();
  plan.strategies = rows[0][3].as<std::string>();
  plan.updated_at = rows[0][4].as<std::int64_t>();
  for (const auto& item : tx.exec_params("SELECT what, owner, due, status, source FROM plan_items "
                                         "WHERE plan_id = $1 ORDER BY position",
                                         plan_id)) {
    plan.items.push_back({item[0].as<std::string>(), item[1].as<std::string>(),
                          item[2].as<std::string>(), item[3].as<std::string>(),
                          item[4].as<std::string>()});
  }
  return plan;
}

Id UpsertPlan(pqxx::transaction_base& tx, PlanOwner owner, Id key, const Plan& plan,
              std::int64_t now) {
  // The conflict targets are the unique indexes plans_response and (partial) plans_community.
  const char* column = owner == PlanOwner::kResponse ? "response_id" : "community_id";
  const char* target = owner == PlanOwner::kResponse
                           ? "(response_id)"
                           : "(community_id) WHERE community_id IS NOT NULL";
  return tx
      .exec_params1(std::string("INSERT INTO plans (") + column +
                        ", vision, goals, strategies, created_at, updated_at) "
                        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT " +
                        target +
                        " DO UPDATE SET vision = excluded.vision, goals = excluded.goals, "
                        "strategies = excluded.strategies, updated_at = excluded.updated_at "
                        "RETURNING id",
                    key, plan.vision, plan.goals, plan.strategies, now, now)[0]
      .as<Id>();
}

void WritePlanItems(pqxx::transaction_base& tx, Id plan_id, const std::vector<PlanItem>& items) {
  tx.exec_params("DELETE FROM plan_items WHERE plan_id = $1", plan_id);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const PlanItem& item = items[i];
    tx.exec_params(
        "INSERT INTO plan_items (plan_id, position, what, owner, due, status, source) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        plan_id, static_cast<int>(i), item.what, item.owner, item.due, item.status, item.source);
  }
}

}  // namespace cultivate::store::postgres
