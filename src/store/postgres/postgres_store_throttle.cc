// The PostgreSQL store: throttling counters. A transaction-scoped advisory lock on the key
// makes the count and the insert one step for every server, at READ COMMITTED.

#include "store/postgres/postgres_store.h"

namespace cultivate::store {

namespace {
constexpr std::int64_t kDay = 86400;
}  // namespace

Result<std::vector<std::int64_t>> PostgresStore::ThrottleTimes(const std::string& key,
                                                               std::int64_t since) {
  using Times = std::vector<std::int64_t>;
  return Read("read throttle", [&](pqxx::transaction_base& tx) -> Result<Times> {
    Times out;
    for (const auto& row : tx.exec_params(
             "SELECT at FROM throttle_events WHERE key = $1 AND at > $2 ORDER BY at", key, since))
      out.push_back(row[0].as<std::int64_t>());
    return out;
  });
}

Result<bool> PostgresStore::AddThrottleTime(const std::string& key, std::int64_t at,
                                            std::int64_t window, int limit) {
  return Write("count throttle", [&](pqxx::transaction_base& tx) -> Result<bool> {
    if (limit > 0) {
      tx.exec_params("SELECT pg_advisory_xact_lock(hashtext($1))", key);
      auto count = tx.exec_params1(
          "SELECT count(*) FROM throttle_events WHERE key = $1 AND at > $2", key, at - window);
      if (count[0].as<std::int64_t>() >= limit) return false;
    }
    tx.exec_params("INSERT INTO throttle_events (key, at) VALUES ($1, $2)", key, at);
    tx.exec_params("DELETE FROM throttle_events WHERE at < $1 AND key NOT LIKE 'known:%'",
                   at - kDay);
    return true;
  });
}

Status PostgresStore::ClearThrottle(const std::string& key) {
  return Write("clear throttle", [&](pqxx::transaction_base& tx) -> Status {
    tx.exec_params("DELETE FROM throttle_events WHERE key = $1", key);
    return {};
  });
}

}  // namespace cultivate::store
