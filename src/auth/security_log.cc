#include "auth/security_log.h"

#include <spdlog/spdlog.h>

namespace cultivate::auth {

void LogSecurityEvent(const std::string& event, const std::string& account,
                      const std::string& address, const std::string& detail) {
  spdlog::warn("security event={} account={} address={}{}{}", event,
               account.empty() ? "-" : account, address.empty() ? "-" : address,
               detail.empty() ? "" : " ", detail);
}

}  // namespace cultivate::auth
