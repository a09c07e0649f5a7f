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

inline Status Changed(const pqxx::result& result, Error missing) {
  if (result.affected_rows() == 0) return Fail(std::move(missing));
  return {};
}

}  // namespace cultivate::store::postgres
