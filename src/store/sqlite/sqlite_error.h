#pragma once
/// The store boundary for SQLite: exceptions from SQLiteCpp become Error values.
/// busy/locked/cannot open -> kUnavailable; unique -> kConflict; CHECK/NOT NULL -> kInvalid;
/// foreign key -> kNotFound (a referenced row is missing); anything else -> kInternal.

#include <exception>
#include <string>
#include <string_view>

#include <SQLiteCpp/Exception.h>

#include "common/error.h"

namespace cultivate::store {

/// The Error for `e`, its message prefixed with `op` ("save answers: database is locked").
/// Counted in cultivate_store_errors_total.
Error FromException(std::string_view op, const SQLite::Exception& e);
/// kInternal for any other exception, counted the same way.
Error FromOtherException(std::string_view op, const std::exception& e);

/// Calls f() and returns its Result, or the Error for any exception: nothing thrown leaves.
template <typename F>
auto Guarded(std::string_view op, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const SQLite::Exception& e) {
    return Fail(FromException(op, e));
  } catch (const std::exception& e) {
    return Fail(FromOtherException(op, e));
  }
}

}  // namespace cultivate::store
