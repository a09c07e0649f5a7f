#pragma once
/// Failure as a value: every module returns tl::expected<T, Error> instead of throwing.

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace cultivate {

struct Error {
  enum class Kind { kNotFound, kInvalid, kConflict, kUnavailable, kInternal };
  Kind kind = Kind::kInternal;
  std::string message;

  static Error NotFound(std::string m) { return {Kind::kNotFound, std::move(m)}; }
  static Error Invalid(std::string m) { return {Kind::kInvalid, std::move(m)}; }
  static Error Conflict(std::string m) { return {Kind::kConflict, std::move(m)}; }
  static Error Unavailable(std::string m) { return {Kind::kUnavailable, std::move(m)}; }
  static Error Internal(std::string m) { return {Kind::kInternal, std::move(m)}; }
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> Fail(Error e) { return tl::unexpected<Error>(std::move(e)); }

}  // namespace cultivate
