// Talking to the server under test: requests on fresh connections, and their replies.
#pragma once

#include <sys/types.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cultivate::web::fuzz {

using nlohmann::json;
using namespace std::chrono_literals;

inline constexpr const char* kSession = "__Host-cultivate-session";
inline constexpr const char* kFormCookie = "__Host-cultivate-form";

struct Reply {
  bool answered = false;
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  std::string Header(const std::string& name) const {
    for (const auto& [k, v] : headers)
      if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
          }))
        return v;
    return "";
  }
  /// True when a Set-Cookie header sets `name` to the empty value (signs out).
  bool ClearsCookie(const std::string& name) const {
    for (const auto& [k, v] : headers)
      if ((k == "Set-Cookie" || k == "set-cookie") && v.rfind(name + "=", 0) == 0 &&
          (v.size() == name.size() + 1 || v[name.size() + 1] == ';'))
        return true;
    return false;
  }
  /// The value of the cookie `name` among the Set-Cookie headers, or "".
  std::string SetCookie(const std::string& name) const {
    for (const auto& [k, v] : headers) {
      if (k != "Set-Cookie" && k != "set-cookie") continue;
      if (v.rfind(name + "=", 0) != 0) continue;
      return v.substr(name.size() + 1, v.find(';') - name.size() - 1);
    }
    return "";
  }
};

/// Sends the bytes on a fresh connection, half-closes it (so a request cut short ends at
/// once instead of waiting for the server's timeout), and reads one response.
/// With `second`, a second response is read after the first (a pipelined request).
Reply Exchange(std::uint16_t port, const std::string& bytes, bool head, std::chrono::milliseconds timeout,
               bool* connected = nullptr, Reply* second = nullptr);

/// A well-behaved request, for seeding and the snapshots.
Reply Call(std::uint16_t port, const std::string& method, const std::string& target, const std::string& body = "",
           const std::vector<std::string>& headers = {});

std::string CookieHeader(const std::string& session);

Reply CallJson(std::uint16_t port, const std::string& method, const std::string& target, const json& body,
               const std::string& session = "");

json BodyJson(const Reply& r);

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);

/// True while the child has not exited (does not reap it: ServerProcess does).
bool Alive(pid_t pid);

}  // namespace cultivate::web::fuzz
