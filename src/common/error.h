#pragma once
/// Failure as a value: every module returns tl::expected<T, Error> instead of throwing.
/// An Error has a kind (what went wrong, which web/ maps to a status once for pages and once
/// for JSON), a message for the log (library and SQL text stay there, never in a response),
/// and, from the operations, `text`: what the person is told, as a message key.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

#include "common/message.h"

namespace cultivate {

/// One problem with one submitted field, shown next to it or listed in a 422.
struct FieldError {
  std::string question;  // question or prompt id ("" for the request as a whole)
  std::string field;     // "now" | "target" | "note" | "text" | "email" | ... | "" (the item)
  Message text;
};

struct Error {
  enum class Kind {
    kNotFound,     // no such thing, or not yours to see (404: ids reveal nothing)
    kInvalid,      // the input breaks a rule; `details` says which fields (422)
    kConflict,     // the thing is in a state that forbids this (409)
    kGone,         // it existed but can no longer be used: expired, withdrawn, closed (410)
    kDenied,       // wrong credentials (401 or 403)
    kThrottled,    // too many attempts; `retry_after` seconds (429)
    kUnavailable,  // the store is busy, full or read-only: nothing was saved (503)
    kInternal,     // a bug or an unexpected library failure (500)
  };
  Kind kind = Kind::kInternal;
  std::string message;              // for the log only
  Message text;                     // for the person; empty: a generic text for the kind
  std::vector<FieldError> details;  // kInvalid: every problem found
  std::int64_t retry_after = 0;     // kThrottled

  static Error NotFound(std::string m) { return {Kind::kNotFound, std::move(m)}; }
  static Error Invalid(std::string m) { return {Kind::kInvalid, std::move(m)}; }
  static Error Conflict(std::string m) { return {Kind::kConflict, std::move(m)}; }
  static Error Gone(std::string m) { return {Kind::kGone, std::move(m)}; }
  static Error Unavailable(std::string m) { return {Kind::kUnavailable, std::move(m)}; }
  static Error Internal(std::string m) { return {Kind::kInternal, std::move(m)}; }

  /// An error of `kind` that tells the person `text`.
  static Error Say(Kind kind, Message text) {
    Error e{kind, text.key};
    e.text = std::move(text);
    return e;
  }
  /// kInvalid with every problem found; `text` sums them up.
  static Error Fields(std::vector<FieldError> details, Message text = {}) {
    Error e{Kind::kInvalid, "invalid input"};
    e.text = std::move(text);
    e.details = std::move(details);
    return e;
  }
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> Fail(Error e) { return tl::unexpected<Error>(std::move(e)); }

}  // namespace cultivate
