#pragma once
/// The web application: routes every request to the handler of its area (guide, check-up,
/// JSON API), renders pages from templates and turns failures into pages in the site's
/// design. Pages that depend only on content are rendered once at start and served from
/// memory (with a gzip copy and an ETag). Safe for concurrent use.

#include <functional>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/accounts.h"
#include "auth/sessions.h"
#include "auth/throttle.h"
#include "checkup/checkups.h"
#include "common/clock.h"
#include "common/error.h"
#include "community/meeting.h"
#include "community/team.h"
#include "http/router.h"
#include "http/server.h"
#include "web/page_cache.h"
#include "web/site.h"
#include "value/value.h"

namespace cultivate::web {

/// Settings of the team features; defaults suit tests and a single server.
struct AppOptions {
  community::TeamOptions team;
  auth::SessionOptions sessions;
  auth::LoginThrottle::Limits throttle;
  Clock clock = SystemClock;  // sessions, invites, throttling
  /// Behind a reverse proxy on this machine: take the client's address from the last entry
  /// of X-Forwarded-For when the connection comes from loopback (for throttling and logs).
  bool trust_proxy = false;
  std::string base_url;  // e.g. https://cop.example.org, for links; empty: from Host
  /// Serve GET /metrics on this (public) listener too: only when the operator asks for it.
  bool metrics_public = false;
};

/// The operations web/ calls, one object per area, built over one store by app/wiring.h.
/// web/ never calls the store itself.
struct Operations {
  auth::Accounts& accounts;
  auth::Sessions& sessions;
  checkup::Checkups& checkups;
  community::Team& team;
  community::Meeting& meeting;
  value::Values& values;
  std::function<Status()> health;  // a cheap round trip to the store, for /healthz
};

class WebApp : public http::App {
 public:
  WebApp(std::shared_ptr<const Site> site, Operations ops, AppOptions options);

  std::size_t BodyLimit(const std::string& method, const std::string& path) const override;
  http::Response Handle(http::Request& request) override;
  http::Response ErrorPage(int status, const http::Request* request) override;
  /// Every route, as {method, pattern}: what the OpenAPI document is checked against.
  std::vector<std::pair<std::string, std::string>> Routes() const { return router_.Routes(); }

  // For the area handlers.
  const Site& site() const { return *site_; }
  const AppOptions& options() const { return options_; }
  auth::Accounts& accounts() { return ops_.accounts; }
  auth::Sessions& sessions() { return ops_.sessions; }
  checkup::Checkups& checkups() { return ops_.checkups; }
  community::Team& team() { return ops_.team; }
  community::Meeting& meeting() { return ops_.meeting; }
  value::Values& values() { return ops_.values; }
  PageCache& pages() { return pages_; }
  /// Scored team results as JSON, gzipped once per round revision.
  PageCache& team_json() { return team_json_; }
  /// The words of a message, from content/messages.toml.
  std::string Say(const Message& m) const { return site_->messages.Text(m); }
  /// Ids to titles for results and exports (from the guide's content and the bank).
  const assess::Labels& labels() const { return labels_; }
  /// An absolute link to `path` on this site: --base-url, else the request's Host.
  std::string LinkUrl(const http::Request& req, const std::string& path) const;
  /// The view model every page starts from: title, description, stylesheet, navigation.
  nlohmann::json BaseModel(const std::string& path, const std::string& title,
                           const std::string& description) const;
  /// Renders a template to an HTML response; a template failure becomes a 500 page.
  http::Response Render(const std::string& name, const nlohmann::json& model, int status = 200);
  /// An error page with an optional extra sentence (escaped).
  http::Response Error(int status, const Message& message = {});
  /// A JSON error: {"error": the message's words, "code": its key, "details": details}.
  http::Response JsonError(int status, const Message& message, nlohmann::json details = nullptr);
  /// An operation's error as a page / as JSON: the one mapping of kinds to statuses
  /// (errors.cc). Store and library text goes to the log, never into the response.
  http::Response Fail(const cultivate::Error& error);
  http::Response JsonFail(const cultivate::Error& error);

 private:
  void CachePages();
  /// For an API write with the session cookie: 403 when a browser says it comes from another
  /// site (Sec-Fetch-Site: cross-site, or an Origin that is not this site), 415 unless the
  /// body is JSON (a DELETE may have none). Empty when the request may go on.
  std::optional<http::Response> RefuseForeignWrite(const http::Request& request);
  std::optional<http::Response> FromCache(const http::Request& request) const;

  std::shared_ptr<const Site> site_;
  Operations ops_;
  AppOptions options_;
  assess::Labels labels_;
  PageCache pages_;
  PageCache team_json_;
  http::Router router_;
  std::map<std::string, http::PreparedBody> cache_;
};

void AddGuideRoutes(WebApp& app, http::Router& router);
void AddCheckupRoutes(WebApp& app, http::Router& router);
void AddApiRoutes(WebApp& app, http::Router& router);
void AddAccountRoutes(WebApp& app, http::Router& router);
void AddInvitationRoutes(WebApp& app, http::Router& router);
void AddTeamApiRoutes(WebApp& app, http::Router& router);
void AddTeamPageRoutes(WebApp& app, http::Router& router);
void AddTeamPublicRoutes(WebApp& app, http::Router& router);
void AddReviewRoutes(WebApp& app, http::Router& router);
void AddVoteRoutes(WebApp& app, http::Router& router);
void AddCalendarRoutes(WebApp& app, http::Router& router);
/// Paths of the guide pages that depend only on content (rendered once, then cached).
std::vector<std::string> CacheablePaths(const Site& site);

}  // namespace cultivate::web
