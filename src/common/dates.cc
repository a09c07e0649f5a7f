#include "common/dates.h"

#include <ctime>

namespace cultivate {

std::optional<std::int64_t> ParseDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return std::nullopt;
  std::tm tm{};
  tm.tm_year = std::stoi(d.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(d.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(d.substr(8, 2));
  if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_year < 70)
    return std::nullopt;
  tm.tm_hour = 23;
  tm.tm_min = 59;
  tm.tm_sec = 59;
  int day = tm.tm_mday;
  std::time_t t = timegm(&tm);  // normalises tm: 2027-02-30 becomes 2027-03-02
  std::tm back{};
  gmtime_r(&t, &back);
  if (back.tm_mday != day) return std::nullopt;
  return static_cast<std::int64_t>(t);
}

std::string FormatDate(std::int64_t at) {
  std::time_t t = static_cast<std::time_t>(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace cultivate
