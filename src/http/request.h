#pragma once
/// Our own HTTP request and response types: handlers see these, never Beast's.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cultivate::http {

/// Ordered name/value pairs; names compare case-insensitively where it matters (headers).
using Fields = std::vector<std::pair<std::string, std::string>>;

bool IEquals(std::string_view a, std::string_view b);

class EventSource;  // http/event_stream.h

struct Request {
  std::string method;     // as received, e.g. "GET"
  std::string target;     // raw request target, e.g. "/search?q=x"
  std::string path;       // percent-decoded path without the query string
  std::string raw_query;  // text after '?', undecoded
  Fields query;           // decoded query parameters, in order
  Fields headers;         // as received
  std::string body;
  std::map<std::string, std::string> params;   // path parameters filled by the router
  std::map<std::string, std::string> cookies;  // parsed from the Cookie header
  std::string remote;                          // peer address, for logs and rate limits
  std::string route;  // the matched route's pattern ("/checkup/{token}"), for the log

  /// The first header with this name (case-insensitive), or nullptr.
  const std::string* Header(std::string_view name) const;
  /// The first query parameter with this name, or an empty string.
  std::string Query(std::string_view name) const;
  std::string Param(const std::string& name) const;
  std::string Cookie(const std::string& name) const;
  bool AcceptsGzip() const;
};

struct Response {
  int status = 200;
  Fields headers;
  std::string body;
  /// Set: an event stream (http/event_stream.h); the body is not sent, the source's events are.
  std::shared_ptr<EventSource> events;

  /// Replaces a header (case-insensitive name) or adds it.
  void Set(std::string_view name, std::string value);
  void Add(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
  const std::string* Header(std::string_view name) const;

  static Response Html(int status, std::string body);
  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body);
  /// 303 See Other to a site-local path (POST/redirect/GET).
  static Response Redirect(std::string location, int status = 303);
};

/// Standard reason phrase for a status code.
std::string_view Reason(int status);

}  // namespace cultivate::http
