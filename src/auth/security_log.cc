#include "auth/security_log.h"

#include <spdlog/spdlog.h>

namespace cultivate::auth {

namespace {

/// At most `max` printable ASCII characters of `s`, anything else as '?': what a visitor
/// typed (an email) can neither forge a log line nor fill the disk.
std::string Clean(const std::string& s, size_t max) {
  std::string out;
  for (unsigned char c : s) {
    if (out.size() >= max) {
      out += "...";
      break;
    }
    out += c > ' ' && c < 0x7f ? static_cast<char>(c) : '?';
  }
  return out;
}

}  // namespace

void LogSecurityEvent(const std::string& event, const std::string& account,
                      const std::string& address, const std::string& detail) {
  spdlog::warn("security event={} account={} address={}{}{}", Clean(event, 40),
               account.empty() ? "-" : Clean(account, 80), address.empty() ? "-" : Clean(address, 64),
               detail.empty() ? "" : " ", Clean(detail, 120));
}

}  // namespace cultivate::auth
