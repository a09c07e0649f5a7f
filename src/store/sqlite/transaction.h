#pragma once
/// Internal to the SQLite store: running a function inside a transaction on a pooled
/// connection, and binding the optional values the schema keeps as NULL.

#include <optional>
#include <utility>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "store/sqlite/connection.h"
#include "store/sqlite/connection_pool.h"
#include "store/sqlite/sqlite_error.h"

namespace cultivate::store::sqlite {

/// Runs f(db) inside a transaction, committing only when f succeeds (otherwise the
/// destructor rolls back: all or none); turns exceptions into Errors.
template <typename F>
auto InTransaction(ConnectionPool& pool, bool immediate, const char* op, F&& f)
    -> decltype(f(std::declval<Connection&>())) {
  return Guarded(op, [&]() -> decltype(f(std::declval<Connection&>())) {
    auto db = pool.Acquire();
    Transaction tx(*db, immediate);
    auto result = f(*db);
    if (result) tx.commit();
    return result;
  });
}

template <typename T>
void BindOptional(SQLite::Statement& statement, int index, const std::optional<T>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);  // NULL
  }
}

inline std::optional<int> ColumnInt(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt();
}

inline std::optional<std::int64_t> ColumnInt64(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

}  // namespace cultivate::store::sqlite
