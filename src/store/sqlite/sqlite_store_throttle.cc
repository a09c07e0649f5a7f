// The SQLite store: throttling counters. Writes are serialised, so a count and the insert
// in one write transaction are atomic.

#include <SQLiteCpp/Statement.h>

#include "store/sqlite/sqlite_store.h"

namespace cultivate::store {

namespace {
constexpr std::int64_t kDay = 86400;
}  // namespace

Result<std::vector<std::int64_t>> SqliteStore::ThrottleTimes(const std::string& key,
                                                             std::int64_t since) {
  using Times = std::vector<std::int64_t>;
  return Read("read throttle", [&](sqlite::Connection& db) -> Result<Times> {
    auto q_use = db.Cached("SELECT at FROM throttle_events WHERE key = ? AND at > ? ORDER BY at");
    SQLite::Statement& q = *q_use;
    q.bind(1, key);
    q.bind(2, since);
    Times out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
    return out;
  });
}

Result<bool> SqliteStore::AddThrottleTime(const std::string& key, std::int64_t at,
                                          std::int64_t window, int limit) {
  return Write("count throttle", [&](sqlite::Connection& db) -> Result<bool> {
    if (limit > 0) {
      auto count_use = db.Cached("SELECT count(*) FROM throttle_events WHERE key = ? AND at > ?");
      SQLite::Statement& count = *count_use;
      count.bind(1, key);
      count.bind(2, at - window);
      count.executeStep();
      if (count.getColumn(0).getInt64() >= limit) return false;
    }
    auto insert_use = db.Cached("INSERT INTO throttle_events (key, at) VALUES (?, ?)");
    SQLite::Statement& insert = *insert_use;
    insert.bind(1, key);
    insert.bind(2, at);
    insert.exec();
    auto forget_use =
        db.Cached("DELETE FROM throttle_events WHERE at < ? AND key NOT LIKE 'known:%'");
    SQLite::Statement& forget = *forget_use;
    forget.bind(1, at - kDay);
    forget.exec();
    return true;
  });
}

Status SqliteStore::ClearThrottle(const std::string& key) {
  return Write("clear throttle", [&](sqlite::Connection& db) -> Status {
    auto remove_use = db.Cached("DELETE FROM throttle_events WHERE key = ?");
    SQLite::Statement& remove = *remove_use;
    remove.bind(1, key);
    remove.exec();
    return {};
  });
}

}  // namespace cultivate::store
