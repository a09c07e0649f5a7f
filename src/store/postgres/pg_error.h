#pragma once
/// The store boundary for PostgreSQL: exceptions from libpqxx become Error values, mapped as
/// the SQLite store maps its own: unique -> kConflict; CHECK/NOT NULL -> kInvalid; foreign key
/// -> kNotFound (a referenced row is missing); a lost or refused connection, a lock or
/// statement timeout, a full disk or a read-only server -> kUnavailable; anything else ->
/// kInternal. Only the first line of the server's message reaches Error::message (its DETAIL
/// would quote row values), and nothing reaches Error::text.

#include <string>
#include <string_view>

#include <pqxx/except>

#include "common/error.h"

namespace cultivate::store::postgres {

/// The Error for a failure of the server or the connection, its message prefixed with `op`.
Error FromException(std::string_view op, const pqxx::failure& e);

/// True for the failures a transaction is worth running again for: a serialization failure
/// or a deadlock (SQLSTATE class 40), which leave nothing behind.
bool IsRetryable(const pqxx::failure& e);

}  // namespace cultivate::store::postgres
