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
  return Read("read throttle", [&](SQLite::Database& db) -> Result<Times> {
    SQLite::Statement q(db, "SELECT at FROM throttle_events WHERE key = ? AND at > ? ORDER BY at");
    q.bind(1, key);
    q.bind(2, since);
    Times out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
    return out;
  });
}

Result<bool> SqliteStore::AddThrottleTime(const std::string& key, std::int64_t at,
                                          std::int64_t window, int limit) {
  return Write("count throttle", [&](SQLite::Database& db) -> Result<bool> {
    if (limit > 0) {
      SQLite::Statement count(db, "SELECT count(*) FROM throttle_events WHERE key = ? AND at > ?");
      count.bind(1, key);
      count.bind(2, at - window);
      count.executeStep();
      if (count.getColumn(0).getInt64() >= limit) return false;
    }
    SQLite::Statement insert(db, "INSERT INTO throttle_events (key, at) VALUES (?, ?)");
    insert.bind(1, key);
    insert.bind(2, at);
    insert.exec();
    SQLite::Statement forget(
        db, "DELETE FROM throttle_events WHERE at < ? AND key NOT LIKE 'known:%'");
    forget.bind(1, at - kDay);
    forget.exec();
    return true;
  });
}

Status SqliteStore::ClearThrottle(const std::string& key) {
  return Write("clear throttle", [&](SQLite::Database& db) -> Status {
    SQLite::Statement remove(db, "DELETE FROM throttle_events WHERE key = ?");
    remove.bind(1, key);
    remove.exec();
    return {};
  });
}

}  // namespace cultivate::store
