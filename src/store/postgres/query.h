#pragma once
/// Internal to the PostgreSQL store: the small pieces every table's code shares. Optional
/// values from fields (libpqxx sends an empty std::optional parameter as NULL itself),
/// one-row lookups (kNotFound when there is none), and "no row changed" as kNotFound.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <pqxx/pqxx>

#include "common/error.h"
#include "store/store.h"

namespace cultivate::store::postgres {

template <typename T>
std::optional<T> Optional(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<T>();
}

/// Runs `sql` with `args` as the prepared statement `name` of tx's connection: parsed and
/// planned by the server at its first use on that connection, then reused (libpqxx prepares
/// lazily, and defining a name again with the same text changes nothing). For the statements
/// every request makes; `name` must be unique to `sql`.
template <typename... Args>
pqxx::result Prepared(pqxx::transaction_base& tx, const char* name, const std::string& sql,
                      Args&&... args) {
  tx.conn().prepare(name, sql);
  return tx.exec_prepared(name, std::forward<Args>(args)...);
}

inline Error Missing(const char* what, Id id) {
  return Error::NotFound(std::string("no ") + what + " " + std::to_string(id));
}

/// The first row read by `read`, or kNotFound with `missing` when there is none.
template <typename T, typename Reader>
Result<T> One(const pqxx::result& rows, Reader read, const std::string& missing) {
  if (rows.empty()) return Fail(Error::NotFound(missing));
  return read(rows[0]);
}

/// Every row read by `read`, in the query's order.
template <typename T, typename Reader>
std::vector<T> All(const pqxx::result& rows, Reader read) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(read(row));
  return out;
}

/// Locks the community's rounds (as a join does its round), so a join and a new coordinator
/// take turns: the join sees the membership, or the marking sees the join's response.
inline void LockRounds(pqxx::transaction_base& tx, Id community) {
  tx.exec_params("SELECT id FROM rounds WHERE community_id = $1 ORDER BY id FOR NO KEY UPDATE",
                 community);
}

/// Someone just became a coordinator of `community`: the responses they made there while
/// signed in become a coordinator's, and those rounds' revisions move (store.h).
/// Call LockRounds first, before the membership is written.
inline void MarkCoordinatorResponses(pqxx::transaction_base& tx, Id community, Id user) {
  tx.exec_params(
      "UPDATE rounds SET revision = revision + 1 WHERE community_id = $1 AND id IN "
      "(SELECT round_id FROM responses WHERE user_id = $2 AND by_coordinator = 0)",
      community, user);
  tx.exec_params(
      "UPDATE responses SET by_coordinator = 1 WHERE user_id = $1 AND round_id IN "
      "(SELECT id FROM rounds WHERE community_id = $2)",
      user, community);
}

inline Status Changed(const pqxx::result& result, Error missing) {
  if (result.affected_rows() == 0) return Fail(std::move(missing));
  return {};
}

}  // namespace cultivate::store::postgres
