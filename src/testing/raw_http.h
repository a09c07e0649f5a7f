#pragma once
/// Test support: a tiny HTTP/1.1 client on a plain POSIX socket, for the cases a real HTTP
/// client library will not produce: bytes trickled one at a time, malformed request lines,
/// huge headers, NUL bytes, bodies sent slowly, several requests on one connection.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cultivate::testing {

struct RawResponse {
  std::string version;  // "HTTP/1.1"
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  /// The first header with this name (case-insensitive), or nullptr.
  const std::string* Header(std::string_view name) const;
};

class RawConnection {
 public:
  /// Connects to 127.0.0.1:port; check connected().
  explicit RawConnection(std::uint16_t port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  /// Sends everything; false when the peer has gone (reset, broken pipe).
  bool Send(std::string_view data);
  /// Sends one byte at a time with a pause between bytes; stops early (false) when the
  /// peer closes the connection.
  bool SendSlowly(std::string_view data, std::chrono::milliseconds pause);
  /// Reads one response. `head`: it answers a HEAD request, so it has no body whatever its
  /// Content-Length says. Empty optional on timeout, close before a whole response, or junk.
  std::optional<RawResponse> ReadResponse(bool head = false,
                                          std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// True when the peer closes the connection (EOF or reset) within `timeout`; bytes
  /// received meanwhile are appended to `received` when given.
  bool WaitClosed(std::chrono::milliseconds timeout, std::string* received = nullptr);
  /// Bytes received but not consumed by ReadResponse.
  const std::string& pending() const { return buffer_; }
  void ShutdownWrite();

 private:
  /// Reads more into buffer_ until `deadline`: >0 bytes read, 0 on EOF, -1 on error or timeout.
  int Fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string buffer_;
};

/// A port that was free a moment ago (bind to 0, read it, close).
std::uint16_t FreePort();

}  // namespace cultivate::testing
