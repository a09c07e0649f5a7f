#pragma once
/// The HTTP/1.1 server. The only part of cultivate that sees Boost.Beast (in server.cc).
/// It reads requests with deadlines and size limits, turns them into http::Request, asks
/// the App for a Response, adds the security headers and logs one line per request.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/error.h"
#include "http/event_stream.h"
#include "http/request.h"

namespace cultivate::http {

/// What the server calls. Implementations must be safe for concurrent use and must not throw.
class App {
 public:
  virtual ~App() = default;
  /// Largest body accepted for this method and decoded path; larger gets 413.
  virtual std::size_t BodyLimit(const std::string& method, const std::string& path) const = 0;
  virtual Response Handle(Request& request) = 0;
  /// A page in the site's design for errors found before any handler runs (400, 413, 431).
  virtual Response ErrorPage(int status, const Request* request) = 0;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  int threads = 2;  // I/O threads: read requests, write responses, run GET and HEAD handlers
  // Threads for the handlers of every other method (saves, sign-ins): those wait on the disk
  // (a durable commit) or compute (password hashing), and the I/O threads go on serving pages
  // meanwhile; writes waiting together share one commit in the store. 0: run them inline.
  int handler_threads = 16;
  // Run GET and HEAD handlers on the handler pool too: for a store whose reads each wait on a
  // network round trip (PostgreSQL), so that as many reads wait at once as the pool has
  // threads, not one per I/O thread. Off for SQLite: its reads never wait, and the hop between
  // threads would only cost.
  bool reads_off_thread = false;
  // With reads_off_thread: GET and HEAD handlers get a pool of their own, this many threads
  // (0: they share the handler pool). A read holds its thread for one short round trip, so a
  // few threads keep the CPUs busy and more only add switches between them (bench/README.md);
  // saves keep the larger handler pool, since they wait on the disk and commit together.
  int read_threads = 0;
  std::size_t header_limit = 8 * 1024;
  std::chrono::milliseconds header_timeout{10000};  // whole request head, and keep-alive idle
  std::chrono::milliseconds body_timeout{30000};
  std::chrono::milliseconds shutdown_grace{20000};  // in-flight requests get this long
  bool handle_signals = true;                        // SIGINT/SIGTERM stop the server
  bool hsts = false;  // served over HTTPS (behind a proxy): add Strict-Transport-Security
  StreamOptions streams;  // Server-Sent Events: how many at once, heartbeat, poll
};

/// Adds the headers every response carries (CSP, nosniff, referrer policy, framing).
void ApplySecurityHeaders(Response& response);

class Server {
 public:
  Server(App& app, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds and listens; returns the bound port.
  Result<std::uint16_t> Listen();
  /// Serves until Stop() or a signal, then lets in-flight requests finish and returns.
  void Run();
  /// Thread-safe; may be called from any thread or a signal.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cultivate::http
