#pragma once
/// Internal to the SQLite store: the small pieces every table's code shares. One-row lookups
/// (kNotFound when there is none) and lists, through the connection's compiled statements,
/// and "no row changed" as kNotFound.

#include <string>
#include <utility>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "common/error.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace cultivate::store::sqlite {

inline Error Missing(const char* what, Id id) {
  return Error::NotFound(std::string("no ") + what + " " + std::to_string(id));
}

/// Steps a one-row query; kNotFound with `missing` when there is no row.
template <typename T, typename Reader>
Result<T> One(SQLite::Statement& q, Reader read, const std::string& missing) {
  if (!q.executeStep()) return Fail(Error::NotFound(missing));
  return read(q);
}

/// `select` + `where` (one `?`, bound to `key`): the row read by `read`, or kNotFound.
template <typename T, typename Reader, typename Key>
Result<T> FindBy(Connection& db, const char* select, const char* where, const Key& key, Reader read,
                 const std::string& missing) {
  auto q = db.Cached(std::string(select) + where);
  q->bind(1, key);
  return One<T>(*q, read, missing);
}

/// `select` + `where` (one `?`, bound to `key`): every row, in the query's order.
template <typename T, typename Reader, typename Key>
std::vector<T> ListBy(Connection& db, const char* select, const char* where, const Key& key,
                      Reader read) {
  auto q = db.Cached(std::string(select) + where);
  q->bind(1, key);
  std::vector<T> out;
  while (q->executeStep()) out.push_back(read(*q));
  return out;
}

/// Someone just became a coordinator of `community`: the responses they made there while
/// signed in become a coordinator's (never counted toward a privacy threshold again), and
/// those rounds' revisions move so no cached result still counts them as a member's.
inline void MarkCoordinatorResponses(SQLite::Database& db, std::int64_t community,
                                     std::int64_t user) {
  SQLite::Statement bump(
      db,
      "UPDATE rounds SET revision = revision + 1 WHERE community_id = ? AND id IN "
      "(SELECT round_id FROM responses WHERE user_id = ? AND by_coordinator = 0)");
  bump.bind(1, community);
  bump.bind(2, user);
  bump.exec();
  SQLite::Statement mark(
      db,
      "UPDATE responses SET by_coordinator = 1 WHERE user_id = ? AND round_id IN "
      "(SELECT id FROM rounds WHERE community_id = ?)");
  mark.bind(1, user);
  mark.bind(2, community);
  mark.exec();
}

inline Status Changed(int rows, Error missing) {
  if (rows == 0) return Fail(std::move(missing));
  return {};
}

}  // namespace cultivate::store::sqlite
