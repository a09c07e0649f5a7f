#include "testing/raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <thread>

namespace cultivate::testing {

namespace {

bool IEq(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string Trim(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
  return std::string(v);
}

}  // namespace

const std::string* RawResponse::Header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (IEq(k, name)) return &v;
  return nullptr;
}

RawConnection::RawConnection(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return;
  }
  fd_ = fd;
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::Send(std::string_view data) {
  if (fd_ < 0) return false;
  while (!data.empty()) {
    ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool RawConnection::SendSlowly(std::string_view data, std::chrono::milliseconds pause) {
  for (size_t i = 0; i < data.size(); ++i) {
    if (!Send(data.substr(i, 1))) return false;
    // A peer that closed shows up as readable with EOF (or reset): stop then.
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(pause.count())) > 0) {
      char c;
      ssize_t n = ::recv(fd_, &c, 1, MSG_PEEK);
      if (n <= 0) return false;
      std::this_thread::sleep_for(pause);  // data arrived (an error response): keep pacing
    }
  }
  return true;
}

int RawConnection::Fill(std::chrono::steady_clock::time_point deadline) {
  if (fd_ < 0) return -1;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) return -1;
    pollfd p{fd_, POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return -1;
    char buf[16384];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    buffer_.append(buf, static_cast<size_t>(n));
    return static_cast<int>(n);
  }
}

std::optional<RawResponse> RawConnection::ReadResponse(bool head, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  size_t end;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
    if (Fill(deadline) <= 0) return std::nullopt;
  std::string head_text = buffer_.substr(0, end);
  RawResponse r;
  size_t line_end = head_text.find("\r\n");
  std::string status_line = head_text.substr(0, line_end);
  if (status_line.rfind("HTTP/", 0) != 0 || status_line.size() < 12) return std::nullopt;
  r.version = status_line.substr(0, status_line.find(' '));
  r.status = std::atoi(status_line.c_str() + r.version.size() + 1);
  size_t pos = line_end == std::string::npos ? head_text.size() : line_end + 2;
  while (pos < head_text.size()) {
    size_t next = head_text.find("\r\n", pos);
    if (next == std::string::npos) next = head_text.size();
    std::string line = head_text.substr(pos, next - pos);
    size_t colon = line.find(':');
    if (colon != std::string::npos) r.headers.emplace_back(line.substr(0, colon), Trim(line.substr(colon + 1)));
    pos = next + 2;
  }
  buffer_.erase(0, end + 4);
  bool no_body = head || r.status == 204 || r.status == 304 || (r.status >= 100 && r.status < 200);
  if (no_body) return r;
  if (const std::string* cl = r.Header("Content-Length")) {
    size_t length = std::strtoull(cl->c_str(), nullptr, 10);
    while (buffer_.size() < length)
      if (Fill(deadline) <= 0) return std::nullopt;
    r.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return r;
  }
  // No length: the body runs to the end of the connection.
  while (Fill(deadline) > 0) {
  }
  r.body = std::move(buffer_);
  buffer_.clear();
  return r;
}

bool RawConnection::WaitClosed(std::chrono::milliseconds timeout, std::string* received) {
  if (fd_ < 0) return true;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    char buf[16384];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      return true;  // reset: closed too
    }
    if (received) received->append(buf, static_cast<size_t>(n));
  }
}

void RawConnection::ShutdownWrite() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

std::uint16_t FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = 0;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    socklen_t len = sizeof addr;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

}  // namespace cultivate::testing
