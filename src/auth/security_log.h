#pragma once
/// The security event log: one line per sign-in, failure, throttle, sign-out, sign-up,
/// deletion or rejected form, for whoever watches the server. Never given passwords or tokens;
/// each field is cut to a bounded length of printable ASCII.

#include <string>

namespace cultivate::auth {

void LogSecurityEvent(const std::string& event, const std::string& account,
                      const std::string& address, const std::string& detail = "");

}  // namespace cultivate::auth
