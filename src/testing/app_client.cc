#include "testing/app_client.h"

#include <gtest/gtest.h>

#include "http/form.h"
#include "testing/server_process.h"

namespace cultivate::testing {

std::shared_ptr<const web::Site> TestSite() {
  static std::shared_ptr<const web::Site> site = [] {
    auto loaded = web::LoadSite(SourceDir());
    if (!loaded) {
      std::string all;
      for (const auto& d : loaded.error()) all += d.str() + "\n";
      ADD_FAILURE() << "cannot load the site from " << SourceDir() << ":\n" << all;
      return std::shared_ptr<const web::Site>();
    }
    return *loaded;
  }();
  return site;
}

std::optional<http::Request> MakeRequest(const std::string& method, const std::string& target,
                                         std::string body, http::Fields headers) {
  http::Request r;
  r.method = method;
  r.target = target;
  r.headers = std::move(headers);
  r.body = std::move(body);
  r.remote = "127.0.0.1";
  if (target.empty() || target[0] != '/') return std::nullopt;
  size_t q = target.find('?');
  std::string raw_path = target.substr(0, q);
  if (q != std::string::npos) r.raw_query = target.substr(q + 1);
  size_t hash = r.raw_query.find('#');
  if (hash != std::string::npos) r.raw_query.resize(hash);
  size_t path_hash = raw_path.find('#');
  if (path_hash != std::string::npos) raw_path.resize(path_hash);
  auto path = http::PercentDecode(raw_path, false);
  if (!path) return std::nullopt;
  r.path = std::move(*path);
  auto query = http::ParseForm(r.raw_query);
  if (!query) return std::nullopt;
  r.query = std::move(*query);
  if (const std::string* cookie = r.Header("Cookie")) r.cookies = http::ParseCookies(*cookie);
  return r;
}

AppClient::AppClient(store::Store* store, web::AppOptions options) {
  if (!store) {
    // CULTIVATE_TEST_STORE=postgresql: the same tests on a fresh PostgreSQL database.
    if (std::string spec = TestStoreSpec(); !spec.empty()) {
      auto opened = store::Open(spec, /*migrate=*/true);
      if (!opened) ADD_FAILURE() << "cannot open the test PostgreSQL: " << opened.error().message;
      else own_store_ = std::move(*opened);
    }
    if (!own_store_) own_store_ = std::make_unique<store::MemoryStore>();
    store = own_store_.get();
  }
  store_ = store;
  auto site = TestSite();
  if (site) wiring_ = std::make_unique<app::Wiring>(site, *store_, std::move(options));
}

http::Response AppClient::Send(const std::string& method, const std::string& target, std::string body,
                               http::Fields headers) {
  if (!wiring_) {
    ADD_FAILURE() << "no site loaded";
    return http::Response::Text(599, "no site");
  }
  auto request = MakeRequest(method, target, std::move(body), std::move(headers));
  if (!request) return wiring_->web().ErrorPage(400, nullptr);
  return wiring_->web().Handle(*request);
}

http::Response AppClient::PostForm(const std::string& target, const std::string& form) {
  return Send("POST", target, form, {{"Content-Type", "application/x-www-form-urlencoded"}});
}

http::Response AppClient::SendJson(const std::string& method, const std::string& target,
                                   const nlohmann::json& body) {
  return Send(method, target, body.dump(), {{"Content-Type", "application/json"}});
}

std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += http::PercentEncode(k) + "=" + http::PercentEncode(v);
  }
  return out;
}

std::string TokenFromLocation(const std::string& location) {
  const std::string prefix = "/checkup/";
  size_t at = location.find(prefix);
  if (at == std::string::npos) return {};
  size_t start = at + prefix.size();
  size_t end = location.find_first_of("/?#", start);
  return location.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace cultivate::testing
