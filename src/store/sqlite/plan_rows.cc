#include "store/sqlite/plan_rows.h"

#include <string>

#include <SQLiteCpp/Statement.h>

namespace cultivate::store::sqlite {

std::optional<Plan> ReadPlan(SQLite::Database& db, const char* where, Id key) {
  Plan plan;
  Id plan_id = 0;
  {
    SQLite::Statement query(
        db, std::string("SELECT id, vision, goals, strategies, updated_at FROM plans WHERE ") +
                where);
    query.bind(1, key);
    if (!query.executeStep()) return std::nullopt;
    plan_id = query.getColumn(0).getInt64();
    plan.vision = query.getColumn(1).getString();
    plan.goals = query.getColumn(2).getString();
    plan.strategies = query.getColumn(3).getString();
    plan.updated_at = query.getColumn(4).getInt64();
  }
  SQLite::Statement items(db,
                          "SELECT what, owner, due, status, source FROM plan_items "
                          "WHERE plan_id = ? ORDER BY position");
  items.bind(1, plan_id);
  while (items.executeStep()) {
    plan.items.push_back({items.getColumn(0).getString(), items.getColumn(1).getString(),
                          items.getColumn(2).getString(), items.getColumn(3).getString(),
                          items.getColumn(4).getString()});
  }
  return plan;
}

Id UpsertPlan(SQLite::Database& db, PlanOwner owner, Id key, const Plan& plan, std::int64_t now) {
  // The conflict targets are the unique indexes plans_response and (partial) plans_community.
  const char* column = owner == PlanOwner::kResponse ? "response_id" : "community_id";
  const char* target = owner == PlanOwner::kResponse
                           ? "(response_id)"
                           : "(community_id) WHERE community_id IS NOT NULL";
  SQLite::Statement upsert(
      db, std::string("INSERT INTO plans (") + column +
              ", vision, goals, strategies, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
              "ON CONFLICT " + target +
              " DO UPDATE SET vision = excluded.vision, goals = excluded.goals, "
              "strategies = excluded.strategies, updated_at = excluded.updated_at RETURNING id");
  upsert.bind(1, key);
  upsert.bind(2, plan.vision);
  upsert.bind(3, plan.goals);
  upsert.bind(4, plan.strategies);
  upsert.bind(5, now);
  upsert.bind(6, now);
  upsert.executeStep();
  return upsert.getColumn(0).getInt64();
}

void WritePlanItems(SQLite::Database& db, Id plan_id, const std::vector<PlanItem>& items) {
  SQLite::Statement clear(db, "DELETE FROM plan_items WHERE plan_id = ?");
  clear.bind(1, plan_id);
  clear.exec();
  SQLite::Statement insert(
      db, "INSERT INTO plan_items (plan_id, position, what, owner, due, status, source) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const PlanItem& item = items[i];
    insert.reset();
    insert.bind(1, plan_id);
    insert.bind(2, static_cast<std::int64_t>(i));
    insert.bind(3, item.what);
    insert.bind(4, item.owner);
    insert.bind(5, item.due);
    insert.bind(6, item.status);
    insert.bind(7, item.source);
    insert.exec();
  }
}

}  // namespace cultivate::store::sqlite
