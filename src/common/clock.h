#pragma once
/// The notion of "now": unix seconds from an injected function, so tests can fix it.

#include <chrono>
#include <cstdint>
#include <functional>

namespace cultivate {

using Clock = std::function<std::int64_t()>;

/// Unix seconds from the system clock.
inline std::int64_t SystemClock() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace cultivate
