#pragma once
/// Test support for the team features: an in-process client with a cookie jar and a clock
/// the test moves, plus shortcuts for the JSON API (sign up, sign in, community, round,
/// invite, join, answer).

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "auth/tokens.h"
#include "store/test_support.h"
#include "testing/app_client.h"

namespace cultivate::web::test {

inline constexpr const char* kPassword = "correct horse battery";

/// The name=value part of a Set-Cookie header for `name`, or "".
inline std::string CookieValue(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (!http::IEquals(k, "Set-Cookie") || v.rfind(name + "=", 0) != 0) continue;
    return v.substr(name.size() + 1, v.find(';') - name.size() - 1);
  }
  return "";
}

inline std::string SetCookieHeader(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (http::IEquals(k, "Set-Cookie") && v.rfind(name + "=", 0) == 0) return v;
  return "";
}

inline web::AppOptions Options(const store::test::FakeClock& clock) {
  web::AppOptions o;
  o.clock = clock.clock();
  return o;
}

/// One browser: an AppClient and a cookie for the session.
class TeamClient {
 public:
  explicit TeamClient(store::test::FakeClock& clock)
      : clock_(clock), client_(nullptr, Options(clock)) {}
  /// A second browser on the same app and store.
  TeamClient(store::test::FakeClock& clock, store::Store* shared)
      : clock_(clock), client_(shared, Options(clock)) {}

  /// A request as this browser, with its session cookie when signed in.
  http::Response Json(const std::string& method, const std::string& target,
                      const nlohmann::json& body = nullptr) {
    return Send(method, target, body, true);
  }
  /// The same request as someone with no account (a member): no session cookie.
  http::Response Anonymous(const std::string& method, const std::string& target,
                           const nlohmann::json& body = nullptr) {
    return Send(method, target, body, false);
  }
  http::Response Send(const std::string& method, const std::string& target,
                      const nlohmann::json& body, bool with_session) {
    http::Fields headers;
    std::string text;
    // An API client says it sends JSON on every write (cookie writes need it), body or not.
    if (!body.is_null() || method == "POST" || method == "PUT" || method == "PATCH")
      headers.emplace_back("Content-Type", "application/json");
    if (!body.is_null()) text = body.dump();
    if (with_session && !session_.empty())
      headers.emplace_back("Cookie", "__Host-cultivate-session=" + session_);
    headers.emplace_back("Host", "cop.test");
    return client_.Send(method, target, text, headers);
  }
  nlohmann::json Body(const http::Response& r) {
    return r.body.empty() ? nlohmann::json() : nlohmann::json::parse(r.body);
  }

  void SignUp(const std::string& email, const std::string& name = "Coordinator") {
    auto r = Json("POST", "/api/v1/accounts",
                  {{"email", email}, {"password", kPassword}, {"name", name}});
    ASSERT_EQ(r.status, 202) << r.body;
  }
  void SignIn(const std::string& email, const std::string& password = kPassword) {
    auto r = Json("POST", "/api/v1/session", {{"email", email}, {"password", password}});
    ASSERT_EQ(r.status, 200) << r.body;
    session_ = CookieValue(r, "__Host-cultivate-session");
    ASSERT_FALSE(session_.empty());
  }
  void SignUpAndIn(const std::string& email) {
    SignUp(email);
    SignIn(email);
  }
  std::int64_t Community(const std::string& name = "Wound care nurses") {
    auto r = Json("POST", "/api/v1/communities",
                  {{"name", name}, {"domain", "Wound care"}, {"purpose", "Learn"}, {"phase", "grow"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r).value("id", std::int64_t{0});
  }
  std::string C(std::int64_t id) { return "/api/v1/communities/" + std::to_string(id); }
  std::int64_t Round(std::int64_t community) {
    auto r = Json("POST", C(community) + "/rounds", nlohmann::json::object());
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r).value("id", std::int64_t{0});
  }
  nlohmann::json Invite(std::int64_t community) {
    auto r = Json("POST", C(community) + "/invites", nlohmann::json::object());
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r);
  }
  /// A member (no session) joins through the invite and answers every question with (now,
  /// target).
  std::string JoinAndAnswer(const std::string& invite_token, int now, int target,
                            const std::string& note = "") {
    auto r = Anonymous("POST", "/api/v1/join/" + invite_token);
    EXPECT_EQ(r.status, 201) << r.body;
    std::string token = Body(r).value("token", "");
    // The questions of the bank the member's check-up was started with (its round's).
    auto info = Anonymous("GET", "/api/v1/checkups/" + token);
    const auto& bank = client_.app().site().bank.ForVersion(Body(info).value("bank_version", ""));
    nlohmann::json answers = nlohmann::json::array();
    for (const auto& phase : bank.phases)
      for (const auto& q : phase.questions)
        answers.push_back({{"question", q.id}, {"now", now}, {"target", target}, {"note", note}});
    auto put = Anonymous("PUT", "/api/v1/checkups/" + token + "/answers", {{"answers", answers}});
    EXPECT_EQ(put.status, 200) << put.body;
    return token;
  }

  /// What the signed-in browser sends with a page: its session cookie and the host.
  http::Fields PageHeaders() {
    return {{"Cookie", "__Host-cultivate-session=" + session_}, {"Host", "cop.test"}};
  }
  http::Response Page(const std::string& path) { return client_.Get(path, PageHeaders()); }
  /// A form the signed-in browser posts, with the session's CSRF token unless `with_csrf` is false.
  http::Response PostPage(const std::string& path, std::vector<std::pair<std::string, std::string>> fields,
                          bool with_csrf = true) {
    if (with_csrf) fields.emplace_back("csrf", store().FindSession(auth::HashToken(session_)).value().csrf);
    http::Fields headers = PageHeaders();
    headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return client_.Send("POST", path, testing::FormBody(fields), headers);
  }

  std::string& session() { return session_; }
  testing::AppClient& client() { return client_; }
  store::Store& store() { return client_.store(); }
  store::test::FakeClock& clock() { return clock_; }

 private:
  store::test::FakeClock& clock_;
  testing::AppClient client_;
  std::string session_;
};

}  // namespace cultivate::web::test
