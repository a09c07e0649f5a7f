// A fuzzed request: how it is framed, whether a server must answer it, how it is reported.
#pragma once

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "web/fuzz/junk_test_support.h"

namespace cultivate::web::fuzz {

struct Fuzzed {
  std::string method, target, version = "HTTP/1.1";
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  bool chunked = false;
  std::string raw;           // when set: the whole request, sent as is (not well-formed)
  bool pipelined = false;    // GET /healthz follows on the same connection
  bool privileged = false;   // carries the owner's session
  std::string route, kind;   // where it came from, for the report
  std::uint64_t index = 0;

  bool IsRaw() const { return !raw.empty(); }
  bool Head() const {
    return IsRaw() ? raw.rfind("HEAD ", 0) == 0 : method == "HEAD";
  }
  /// Framed so that a server must answer it: no raw bytes, no line break inside the head,
  /// and a body of the length announced.
  bool WellFormed() const {
    if (IsRaw() || method.empty() || target.empty()) return false;
    auto clean = [](const std::string& s) { return s.find_first_of("\r\n") == std::string::npos; };
    if (!clean(method) || !clean(target) || method.find(' ') != std::string::npos ||
        target.find(' ') != std::string::npos)
      return false;
    for (const auto& h : headers)
      if (!clean(h)) return false;
    return true;
  }
  std::string Bytes() const {
    if (IsRaw()) return raw;
    std::string out = method + " " + target + " " + version + "\r\n";
    for (const auto& h : headers) out += h + "\r\n";
    if (chunked) {
      out += "Transfer-Encoding: chunked\r\n\r\n";
      std::size_t pos = 0, step = std::max<std::size_t>(1, body.size() / 3 + 1);
      while (pos < body.size()) {
        std::size_t n = std::min(step, body.size() - pos);
        std::ostringstream size;
        size << std::hex << n;
        out += size.str() + "\r\n" + body.substr(pos, n) + "\r\n";
        pos += n;
      }
      out += "0\r\n\r\n";
      return out;
    }
    if (!body.empty() || (method != "GET" && method != "HEAD"))
      out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    out += "\r\n" + body;
    return out;
  }
  std::string Describe() const {
    std::ostringstream o;
    o << "#" << index << " [" << kind << " " << route << "] ";
    if (IsRaw()) {
      o << "raw " << raw.size() << " bytes: " << Escape(raw, 200);
      return o.str();
    }
    o << Escape(method, 40) << " " << Escape(target, 240) << " " << version;
    for (const auto& h : headers) o << " | " << Escape(h, 120);
    if (chunked) o << " | (chunked)";
    o << " | body " << body.size() << " bytes hex " << Hex(body) << " \"" << Escape(body, 80) << "\"";
    if (pipelined) o << " | then GET /healthz on the same connection";
    return o.str();
  }
};

}  // namespace cultivate::web::fuzz
