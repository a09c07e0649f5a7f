#pragma once
/// Maps method + path to a handler. Patterns are literal segments and `{name}` parameters:
/// `/guide/phases/{id}`. HEAD is served by the GET handler wherever one exists.

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/request.h"

namespace cultivate::http {

using Handler = std::function<Response(Request&)>;

inline constexpr std::size_t kDefaultBodyLimit = 1024 * 1024;

struct RouteOptions {
  std::size_t body_limit = kDefaultBodyLimit;
};

class Router {
 public:
  void Add(std::string method, const std::string& pattern, Handler handler,
           RouteOptions options = {});

  struct Match {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed } kind = Kind::kNotFound;
    const Handler* handler = nullptr;
    std::size_t body_limit = kDefaultBodyLimit;
    std::map<std::string, std::string> params;
    std::string allow;  // for kMethodNotAllowed: "GET, HEAD, POST"
    std::string pattern;  // kFound: the route's pattern, "/checkup/{token}"
  };

  /// Finds the route for a decoded path. Safe for concurrent use once all routes are added.
  Match Find(const std::string& method, const std::string& path) const;

  /// Every route added, as {method, pattern} ("GET", "/guide/phases/{id}"), in order.
  std::vector<std::pair<std::string, std::string>> Routes() const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // "{name}" marks a parameter
    Handler handler;
    RouteOptions options;
  };
  static bool MatchPath(const Route& route, const std::vector<std::string>& parts,
                        std::map<std::string, std::string>* params);
  std::vector<Route> routes_;
};

/// Splits "/a/b/" into {"a", "b", ""}; "/" into {}.
std::vector<std::string> SplitPath(const std::string& path);

}  // namespace cultivate::http
