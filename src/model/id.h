#pragma once
/// The id of a stored record.

#include <cstdint>
#include <optional>
#include <string_view>

namespace cultivate::model {

using Id = std::int64_t;

/// An id as written in a URL or a form: decimal digits, no sign, no leading zero, at most 15
/// digits (so it never overflows); nullopt for anything else.
inline std::optional<Id> ParseId(std::string_view text) {
  if (text.empty() || text.size() > 15 || text[0] == '0') return std::nullopt;
  Id v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace cultivate::model
