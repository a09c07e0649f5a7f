#include "web/app.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "common/message_keys.h"
#include "web/api_support.h"
#include "web/metrics_app.h"
#include "web/value_pages.h"
#include "view/templates.h"

namespace cultivate::web {

WebApp::WebApp(std::shared_ptr<const Site> site, Operations ops, AppOptions options)
    : site_(std::move(site)),
      ops_(std::move(ops)),
      options_(std::move(options)),
      labels_(ContentLabels(*site_)),
      team_json_(16u << 20) {
  router_.Add("GET", "/healthz", [this](http::Request&) {
    auto ok = ops_.health();
    http::Response r = http::Response::Json(ok ? 200 : 503,
                                            ok ? R"({"status":"ok"})"
                                               : R"({"status":"unavailable","store":"unreachable"})");
    r.Set("Cache-Control", "no-store");
    return r;
  });
  if (options_.metrics_public) router_.Add("GET", "/metrics", MetricsResponse);
  AddGuideRoutes(*this, router_);
  AddCheckupRoutes(*this, router_);
  AddApiRoutes(*this, router_);
  AddAccountRoutes(*this, router_);
  AddInvitationRoutes(*this, router_);
  AddTeamApiRoutes(*this, router_);
  AddTeamPageRoutes(*this, router_);
  AddTeamPublicRoutes(*this, router_);
  AddReviewRoutes(*this, router_);
  AddVoteRoutes(*this, router_);
  AddCalendarRoutes(*this, router_);
  AddValueApiRoutes(*this, router_);
  AddValueStoryRoutes(*this, router_);
  AddValuePageRoutes(*this, router_);
  CachePages();
}

std::string WebApp::LinkUrl(const http::Request& req, const std::string& path) const {
  if (!options_.base_url.empty()) {
    std::string base = options_.base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + path;
  }
  const std::string* host = req.Header("Host");
  if (!host || host->empty()) return path;
  return "http://" + *host + path;
}

std::size_t WebApp::BodyLimit(const std::string& method, const std::string& path) const {
  auto match = router_.Find(method, path);
  return match.kind == http::Router::Match::Kind::kFound ? match.body_limit
                                                         : http::kDefaultBodyLimit;
}

nlohmann::json WebApp::BaseModel(const std::string& path, const std::string& title,
                                 const std::string& description) const {
  nlohmann::json m;
  m["title"] = title;
  // Browser tabs and search results show about 60 characters: keep the part before a colon
  // of a long title, and cut anything still too long at a word.
  std::string head = title;
  if (head.size() > 58 && head.find(": ") != std::string::npos) head = head.substr(0, head.find(": "));
  if (head.size() > 58) {
    size_t cut = head.rfind(' ', 55);
    head = head.substr(0, cut == std::string::npos ? 55 : cut) + "…";
  }
  m["head_title"] = head;
  m["description"] = description;
  m["path"] = path;
  m["is_home"] = path == "/";
  m["css"] = site_->statics.VersionedUrl("css/site.css");
  std::vector<SiteTexts::NavLink> links = site_->texts.nav;
  for (const content::Page* page : site_->catalog.MainNav())
    links.push_back({page->nav_title, page->path, page->nav_order.value_or(0)});
  std::stable_sort(links.begin(), links.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  nlohmann::json nav = nlohmann::json::array();
  for (const auto& link : links) {
    nlohmann::json item{{"title", link.title}, {"href", link.href}};
    if (link.href == path)
      item["current"] = "page";
    else if (link.href != "/" && path.rfind(link.href + "/", 0) == 0)
      item["current"] = "true";
    nav.push_back(std::move(item));
  }
  m["nav"] = std::move(nav);
  m["breadcrumbs"] = nlohmann::json::array();
  m["guide_nav"] = nlohmann::json::array();
  return m;
}

http::Response WebApp::Render(const std::string& name, const nlohmann::json& model, int status) {
  auto html = site_->templates.Render(name, model);
  if (!html) {
    spdlog::error("template {}: {}", name, html.error().message);
    if (name == "error") return http::Response::Text(500, Say(msg::kInternal) + "\n");
    return Error(500);
  }
  return http::Response::Html(status, std::move(*html));
}

http::Response WebApp::Error(int status, const Message& message) {
  auto it = site_->texts.error_titles.find(status);
  std::string title = it != site_->texts.error_titles.end() ? it->second
                                                            : std::string(http::Reason(status));
  nlohmann::json m = BaseModel("", title, title);
  m["noindex"] = true;
  m["status"] = status;
  m["s" + std::to_string(status)] = true;
  if (status >= 500) m["s5xx"] = true;
  if (!message.empty()) m["message"] = Say(message);
  http::Response r = Render("error", m, status);
  r.status = status;
  r.Set("Cache-Control", "no-store");
  return r;
}

http::Response WebApp::ErrorPage(int status, const http::Request* request) {
  // Every answer under /api/ is JSON, also the server's own 400, 413 and 431.
  if (request && request->path.rfind("/api/", 0) == 0) {
    const MessageKey& text = status == 413   ? msg::kBodyTooLarge
                             : status == 431 ? msg::kHeadersTooLarge
                             : status >= 500 ? msg::kInternal
                                             : msg::kBadRequest;
    return JsonError(status, text);
  }
  return Error(status);
}

http::Response WebApp::JsonError(int status, const Message& message, nlohmann::json details) {
  nlohmann::json body{{"error", Say(message)}, {"code", message.key}};
  // Every 422 says what was wrong in `details`, at least the message itself.
  if (details.is_null() && status == 422)
    details = nlohmann::json::array({{{"message", Say(message)}, {"code", message.key}}});
  if (!details.is_null()) body["details"] = std::move(details);
  http::Response r = http::Response::Json(status, body.dump());
  r.Set("Cache-Control", "no-store");
  return r;
}

void WebApp::CachePages() {
  for (const std::string& path : CacheablePaths(*site_)) {
    http::Request req;
    req.method = "GET";
    req.target = req.path = path;
    auto match = router_.Find("GET", path);
    if (match.kind != http::Router::Match::Kind::kFound) continue;
    req.params = match.params;
    http::Response r = (*match.handler)(req);
    if (r.status != 200) {
      spdlog::error("cannot pre-render {}: status {}", path, r.status);
      continue;
    }
    const std::string* type = r.Header("Content-Type");
    cache_.emplace(path, http::PreparedBody::Make(std::move(r.body),
                                                  type ? *type : "text/html; charset=utf-8",
                                                  "public, max-age=300"));
  }
}

std::optional<http::Response> WebApp::FromCache(const http::Request& request) const {
  if ((request.method != "GET" && request.method != "HEAD") || !request.raw_query.empty())
    return std::nullopt;
  auto it = cache_.find(request.path);
  if (it == cache_.end()) return std::nullopt;
  return it->second.Serve(request);
}

namespace {

bool Loopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

// The client address a trusted local proxy appended: the rightmost entry over every
// X-Forwarded-For line (a client can send its own lines and entries first), or "".
std::string ForwardedFor(const http::Request& request) {
  const std::string* last_line = nullptr;
  for (const auto& [k, v] : request.headers)
    if (http::IEquals(k, "X-Forwarded-For")) last_line = &v;
  if (!last_line) return "";
  const std::string& header = *last_line;
  std::string last = header.substr(header.rfind(',') == std::string::npos ? 0 : header.rfind(',') + 1);
  size_t a = last.find_first_not_of(' '), b = last.find_last_not_of(' ');
  if (a == std::string::npos) return "";
  last = last.substr(a, b - a + 1);
  bool plausible = !last.empty() && last.size() <= 45 &&
                   last.find_first_not_of("0123456789abcdefABCDEF.:") == std::string::npos;
  return plausible ? last : "";
}

}  // namespace

std::optional<http::Response> WebApp::RefuseForeignWrite(const http::Request& request) {
  const std::string& m = request.method;
  if (m != "POST" && m != "PUT" && m != "PATCH" && m != "DELETE") return std::nullopt;
  if (request.Cookie("__Host-cultivate-session").empty()) return std::nullopt;  // no ambient authority
  // A browser says where a request comes from; a script sends neither header and is let be.
  const std::string* site = request.Header("Sec-Fetch-Site");
  if (site && http::IEquals(*site, "cross-site")) return JsonError(403, msg::kCrossSite);
  if (const std::string* origin = request.Header("Origin")) {
    const std::string* host = request.Header("Host");
    std::string base = options_.base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    bool same = (!base.empty() && *origin == base) ||
                (host && (*origin == "http://" + *host || *origin == "https://" + *host));
    if (!same) return JsonError(403, msg::kCrossSite);
  }
  // A form or text/plain body (which any page can make a browser send) is never taken.
  if ((m != "DELETE" || !request.body.empty()) && !IsJson(request))
    return JsonError(415, msg::kJsonContentType);
  return std::nullopt;
}

http::Response WebApp::Handle(http::Request& request) {
  if (options_.trust_proxy && Loopback(request.remote))
    if (std::string client = ForwardedFor(request); !client.empty()) request.remote = client;
  try {
    if (auto cached = FromCache(request)) {
      request.route = router_.Find("GET", request.path).pattern;  // for the log and metrics
      return std::move(*cached);
    }
    const std::string& path = request.path;
    if (path.rfind("/static/", 0) == 0 || path == "/robots.txt" || path == "/favicon.ico") {
      request.route = path.rfind("/static/", 0) == 0 ? "/static/{file}" : path;
      if (request.method != "GET" && request.method != "HEAD") {
        http::Response r = Error(405);
        r.Set("Allow", "GET, HEAD");
        return r;
      }
      std::string rel = path == "/favicon.ico" ? "favicon.svg"
                        : path == "/robots.txt" ? "robots.txt"
                                                : path.substr(8);
      // Only files loaded at start can match, so ".." and friends find nothing; refuse
      // them outright anyway so no lookup ever sees them.
      if (rel.find("..") != std::string::npos || rel.find('\\') != std::string::npos ||
          rel.find('%') != std::string::npos || (!rel.empty() && rel[0] == '/'))
        return Error(404);
      if (auto r = site_->statics.Serve(request, rel)) return std::move(*r);
      return Error(404);
    }
    auto match = router_.Find(request.method, path);
    request.route = match.pattern.empty() ? "(no route)" : match.pattern;
    using Kind = http::Router::Match::Kind;
    if (match.kind == Kind::kNotFound) {
      // A trailing slash is a common typo: send it to the canonical address.
      if (path.size() > 1 && path.back() == '/' &&
          router_.Find("GET", path.substr(0, path.size() - 1)).kind == Kind::kFound)
        return http::Response::Redirect(path.substr(0, path.size() - 1), 301);
      if (path.rfind("/api/", 0) == 0) return JsonError(404, msg::kNotFound);
      return Error(404);
    }
    if (match.kind == Kind::kMethodNotAllowed) {
      http::Response r = path.rfind("/api/", 0) == 0 ? JsonError(405, msg::kMethodNotAllowed)
                                                     : Error(405);
      r.Set("Allow", match.allow);
      return r;
    }
    request.params = std::move(match.params);
    if (path.rfind("/api/", 0) == 0)
      if (auto refused = RefuseForeignWrite(request)) return std::move(*refused);
    return (*match.handler)(request);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: {}", request.method, request.path, e.what());
    if (request.path.rfind("/api/", 0) == 0) return JsonError(500, msg::kInternal);
    return Error(500);
  }
}

}  // namespace cultivate::web
