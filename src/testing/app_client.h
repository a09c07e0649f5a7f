#pragma once
/// Test support: the web application in-process, with no sockets. The site (content,
/// question bank, templates, static files, search index) is loaded once per process from
/// the source tree; each AppClient gets its own store (a fresh MemoryStore unless one is
/// given) and WebApp. Requests are built the way the server builds them: the target is
/// split into a percent-decoded path and parsed query, and cookies are parsed.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/wiring.h"
#include "http/request.h"
#include "store/memory/memory_store.h"
#include "web/app.h"
#include "web/site.h"

namespace cultivate::testing {

/// The real site of the source tree, loaded on first use (fails the test if it cannot be).
std::shared_ptr<const web::Site> TestSite();

/// A request as the server would hand it to the app. Empty optional when the server
/// would have answered 400 itself (undecodable path or query).
std::optional<http::Request> MakeRequest(const std::string& method, const std::string& target,
                                         std::string body = "", http::Fields headers = {});

class AppClient {
 public:
  /// Uses `store` when given (it must outlive the client), else a fresh MemoryStore.
  explicit AppClient(store::Store* store = nullptr, web::AppOptions options = web::AppOptions());

  http::Response Send(const std::string& method, const std::string& target, std::string body = "",
                      http::Fields headers = {});
  http::Response Get(const std::string& target, http::Fields headers = {}) {
    return Send("GET", target, "", std::move(headers));
  }
  /// POST with an application/x-www-form-urlencoded body.
  http::Response PostForm(const std::string& target, const std::string& form);
  /// POST or PUT with a JSON body (Content-Type: application/json).
  http::Response SendJson(const std::string& method, const std::string& target,
                          const nlohmann::json& body);

  web::WebApp& app() { return wiring_->web(); }
  store::Store& store() { return *store_; }

 private:
  std::unique_ptr<store::Store> own_store_;  // when none was given: memory, or PostgreSQL
  store::Store* store_;
  std::unique_ptr<app::Wiring> wiring_;
};

/// Builds `a=1&b=2` with every key and value percent-encoded.
std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields);

/// The token in a Location such as /checkup/<token>/phase/define?started=1.
std::string TokenFromLocation(const std::string& location);

}  // namespace cultivate::testing
