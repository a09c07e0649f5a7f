#pragma once
/// Calendar dates as people type them (YYYY-MM-DD) and as the store keeps them (unix seconds).

#include <cstdint>
#include <optional>
#include <string>

namespace cultivate {

/// "YYYY-MM-DD" -> unix seconds at 23:59:59 UTC that day; empty when malformed or not a
/// real day (2027-02-30) or before 1970.
std::optional<std::int64_t> ParseDate(const std::string& text);
/// Unix seconds -> "YYYY-MM-DD" (UTC).
std::string FormatDate(std::int64_t at);

}  // namespace cultivate
