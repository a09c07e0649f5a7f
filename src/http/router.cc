#include "http/router.h"

#include <algorithm>

namespace cultivate::http {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> parts;
  if (path.empty() || path == "/") return parts;
  size_t start = path[0] == '/' ? 1 : 0;
  while (true) {
    size_t slash = path.find('/', start);
    parts.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

void Router::Add(std::string method, const std::string& pattern, Handler handler,
                 RouteOptions options) {
  routes_.push_back({std::move(method), SplitPath(pattern), std::move(handler), options});
}

bool Router::MatchPath(const Route& route, const std::vector<std::string>& parts,
                       std::map<std::string, std::string>* params) {
  if (route.segments.size() != parts.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      if (parts[i].empty()) return false;
      (*params)[seg.substr(1, seg.size() - 2)] = parts[i];
    } else if (seg != parts[i]) {
      return false;
    }
  }
  return true;
}

Router::Match Router::Find(const std::string& method, const std::string& path) const {
  Match match;
  std::vector<std::string> parts = SplitPath(path);
  std::vector<std::string> allowed;
  for (const Route& route : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchPath(route, parts, &params)) continue;
    if (route.method == method || (method == "HEAD" && route.method == "GET")) {
      // An exact method match wins over HEAD-from-GET; routes are tried in order.
      if (match.kind != Match::Kind::kFound || route.method == method) {
        match.kind = Match::Kind::kFound;
        match.handler = &route.handler;
        match.body_limit = route.options.body_limit;
        match.params = std::move(params);
        match.pattern.clear();
        for (const auto& s : route.segments) match.pattern += "/" + s;
        if (match.pattern.empty()) match.pattern = "/";
        if (route.method == method) return match;
      }
    }
    allowed.push_back(route.method);
    if (route.method == "GET") allowed.push_back("HEAD");
  }
  if (match.kind == Match::Kind::kFound) return match;
  if (!allowed.empty()) {
    std::sort(allowed.begin(), allowed.end());
    allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
    match.kind = Match::Kind::kMethodNotAllowed;
    for (const auto& m : allowed) match.allow += (match.allow.empty() ? "" : ", ") + m;
  }
  return match;
}

std::vector<std::pair<std::string, std::string>> Router::Routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& route : routes_) {
    std::string pattern;
    for (const auto& s : route.segments) pattern += "/" + s;
    out.emplace_back(route.method, pattern.empty() ? "/" : pattern);
  }
  return out;
}

}  // namespace cultivate::http
