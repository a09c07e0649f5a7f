#pragma once
/// The web application: routes every request to the handler of its area (guide, check-up,
/// JSON API), renders pages from templates and turns failures into pages in the site's
/// design. Pages that depend only on content are rendered once at start and served from
/// memory (with a gzip copy and an ETag). Safe for concurrent use.

#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "http/router.h"
#include "http/server.h"
#include "store/clock.h"
#include "store/store.h"
#include "web/auth.h"
#include "web/page_cache.h"
#include "web/site.h"
#include "web/team_service.h"

namespace cultivate::web {

/// Settings of the team features; defaults suit tests and a single server.
struct AppOptions {
  TeamOptions team;
  SessionOptions sessions;
  LoginThrottle::Limits throttle;
  store::Clock clock = store::SystemClock;  // sessions, invites, throttling
  /// Behind a reverse proxy on this machine: take the client's address from the last entry
  /// of X-Forwarded-For when the connection comes from loopback (for throttling and logs).
  bool trust_proxy = false;
};

class WebApp : public http::App {
 public:
  WebApp(std::shared_ptr<const Site> site, store::Store& store, AppOptions options = {});

  std::size_t BodyLimit(const std::string& method, const std::string& path) const override;
  http::Response Handle(http::Request& request) override;
  http::Response ErrorPage(int status, const http::Request* request) override;

  // For the area handlers.
  const Site& site() const { return *site_; }
  store::Store& store() { return store_; }
  const AppOptions& options() const { return options_; }
  Sessions& sessions() { return sessions_; }
  LoginThrottle& throttle() { return throttle_; }
  PageCache& pages() { return pages_; }
  TeamService Team() { return TeamService(*site_, store_, options_.team, team_cache_, options_.clock); }
  /// The view model every page starts from: title, description, stylesheet, navigation.
  nlohmann::json BaseModel(const std::string& path, const std::string& title,
                           const std::string& description) const;
  /// Renders a template to an HTML response; a template failure becomes a 500 page.
  http::Response Render(const std::string& name, const nlohmann::json& model, int status = 200);
  /// An error page with an optional extra sentence (escaped).
  http::Response Error(int status, const std::string& message = "");
  /// A JSON error: {"error": message, "details": details}.
  static http::Response JsonError(int status, const std::string& message,
                                  nlohmann::json details = nullptr);

 private:
  void CachePages();
  std::optional<http::Response> FromCache(const http::Request& request) const;

  std::shared_ptr<const Site> site_;
  store::Store& store_;
  AppOptions options_;
  Sessions sessions_;
  LoginThrottle throttle_;
  TeamResultsCache team_cache_;
  PageCache pages_;
  http::Router router_;
  std::map<std::string, http::PreparedBody> cache_;
};

void AddGuideRoutes(WebApp& app, http::Router& router);
void AddCheckupRoutes(WebApp& app, http::Router& router);
void AddApiRoutes(WebApp& app, http::Router& router);
void AddAccountRoutes(WebApp& app, http::Router& router);
void AddTeamApiRoutes(WebApp& app, http::Router& router);
void AddTeamPageRoutes(WebApp& app, http::Router& router);
void AddTeamPublicRoutes(WebApp& app, http::Router& router);
/// Paths of the guide pages that depend only on content (rendered once, then cached).
std::vector<std::string> CacheablePaths(const Site& site);

}  // namespace cultivate::web
