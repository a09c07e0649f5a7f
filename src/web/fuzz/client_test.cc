// Talking to the server under test (see client_test_support.h). No TEST here.
#include "web/fuzz/client_test_support.h"

#include <signal.h>
#include <sys/wait.h>

#include <optional>
#include <utility>

#include "testing/raw_http.h"
#include "web/fuzz/junk_test_support.h"

namespace cultivate::web::fuzz {

using cultivate::testing::RawConnection;
using cultivate::testing::RawResponse;


/// Sends the bytes on a fresh connection, half-closes it (so a request cut short ends at
/// once instead of waiting for the server's timeout), and reads one response.
/// With `second`, a second response is read after the first (a pipelined request).
Reply Exchange(std::uint16_t port, const std::string& bytes, bool head, std::chrono::milliseconds timeout,
               bool* connected, Reply* second) {
  Reply out;
  RawConnection conn(port);
  if (connected) *connected = conn.connected();
  if (!conn.connected()) return out;
  conn.Send(bytes);
  conn.ShutdownWrite();
  auto take = [](std::optional<RawResponse> r, Reply* into) {
    if (!r) return false;
    into->answered = true;
    into->status = r->status;
    into->body = std::move(r->body);
    into->headers = std::move(r->headers);
    return true;
  };
  if (take(conn.ReadResponse(head, timeout), &out) && second) take(conn.ReadResponse(false, timeout), second);
  return out;
}

/// A well-behaved request, for seeding and the snapshots.
Reply Call(std::uint16_t port, const std::string& method, const std::string& target, const std::string& body,
           const std::vector<std::string>& headers) {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                    "\r\nConnection: close\r\n";
  for (const auto& h : headers) req += h + "\r\n";
  if (!body.empty() || (method != "GET" && method != "HEAD"))
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  req += "\r\n" + body;
  return Exchange(port, req, method == "HEAD", 60s);
}

std::string CookieHeader(const std::string& session) { return std::string("Cookie: ") + kSession + "=" + session; }

Reply CallJson(std::uint16_t port, const std::string& method, const std::string& target, const json& body,
               const std::string& session) {
  std::vector<std::string> headers = {"Content-Type: application/json"};
  if (!session.empty()) headers.push_back(CookieHeader(session));
  return Call(port, method, target, body.is_null() ? "" : body.dump(), headers);
}

json BodyJson(const Reply& r) { return json::parse(r.body, nullptr, false); }

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += Encode(k) + "=" + Encode(v);
  }
  return out;
}

/// True while the child has not exited (does not reap it: ServerProcess does).
bool Alive(pid_t pid) {
  siginfo_t info{};
  if (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) return false;
  return info.si_pid == 0;
}

}  // namespace cultivate::web::fuzz
