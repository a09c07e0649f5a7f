#include "store/postgres/pg_error.h"

#include <utility>

namespace cultivate::store::postgres {
namespace {

std::string FirstLine(std::string_view text) {
  auto end = text.find('\n');
  return std::string(text.substr(0, end));
}

bool StartsWith(const std::string& s, std::string_view prefix) { return s.starts_with(prefix); }

}  // namespace

Error FromException(std::string_view op, const pqxx::failure& e) {
  std::string message = std::string(op) + ": " + FirstLine(e.what());
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr ||
      dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr ||
      dynamic_cast<const pqxx::transaction_rollback*>(&e) != nullptr) {  // retried already
    return Error::Unavailable(std::move(message));
  }
  const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e);
  if (sql == nullptr) return Error::Internal(std::move(message));
  const std::string& state = sql->sqlstate();
  message += " [" + state + "]";
  if (state == "23505") return Error::Conflict(std::move(message));  // unique_violation
  if (state == "23514" || state == "23502") return Error::Invalid(std::move(message));
  if (state == "23503") return Error::NotFound(std::move(message));  // foreign_key_violation
  if (state == "22021") return Error::Invalid(std::move(message));   // not valid UTF-8
  if (StartsWith(state, "08") ||                                     // connection exception
      StartsWith(state, "40") ||   // serialization failure or deadlock, retried to no avail
      StartsWith(state, "53") ||   // insufficient resources: disk full, too many connections
      StartsWith(state, "57P") ||  // the server is shutting down or starting
      state == "55P03" ||          // lock_not_available: lock_timeout passed
      state == "57014" ||          // query_canceled: statement_timeout passed
      state == "25006") {          // read_only_sql_transaction: a standby
    return Error::Unavailable(std::move(message));
  }
  return Error::Internal(std::move(message));
}

bool IsRetryable(const pqxx::failure& e) {
  if (dynamic_cast<const pqxx::transaction_rollback*>(&e) != nullptr) return true;
  const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e);
  return sql != nullptr && (sql->sqlstate() == "40001" || sql->sqlstate() == "40P01");
}

}  // namespace cultivate::store::postgres
