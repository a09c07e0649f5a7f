// Hostile clients against the real server (issue 14): response splitting, open redirects,
// secrets in the log, cross-site API writes, bad bytes in JSON, forged X-Forwarded-For, and
// the demo account on a public address. Each test failed on the code before its fix.
#include <signal.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>

#include "testing/run_command.h"
#include "web/server_test_support.h"

namespace cultivate::web {
namespace {

using cultivate::testing::RawResponse;
using cultivate::testing::ServerProcess;
using nlohmann::json;
using test::server::Fetch;
using test::server::H;
using test::server::Req;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kCookie = "__Host-cultivate-session";

std::string CookieOf(const RawResponse& r) {
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie" && v.rfind(std::string(kCookie) + "=", 0) == 0)
      return v.substr(0, v.find(';'));
  return "";
}

RawResponse Send(const ServerProcess& s, const std::string& method, const std::string& target,
                 const std::string& body, std::vector<std::string> headers) {
  auto r = Fetch(s, Req(method, target, headers, body));
  EXPECT_TRUE(r) << method << " " << target;
  return r ? *r : RawResponse{};
}

RawResponse Json(const ServerProcess& s, const std::string& method, const std::string& target,
                 const json& body, std::vector<std::string> headers = {}) {
  headers.push_back("Content-Type: application/json");
  return Send(s, method, target, body.dump(), headers);
}

/// Signs up and in; returns "Cookie: __Host-cultivate-session=...".
std::string Coordinator(const ServerProcess& s, const std::string& email) {
  EXPECT_EQ(Json(s, "POST", "/api/v1/accounts",
                 {{"email", email}, {"password", "a long enough password"}, {"name", "Ana"}}).status, 202);
  auto in = Json(s, "POST", "/api/v1/session", {{"email", email}, {"password", "a long enough password"}});
  EXPECT_EQ(in.status, 200) << in.body;
  return "Cookie: " + CookieOf(in);
}

TEST(HostileTest, ControlCharactersInAPathAre400AndNeverReachAHeader) {
  ServerProcess server;
  for (std::string target : {"/guide/phases/x%0d%0aX-Injected:%20yes/", "/guide/x%0aSet-Cookie:%20a=b/",
                             "/checkup/x%0d%0a/", "/guide/%09/", "/guide/%7f/"}) {
    auto r = Fetch(server, Req("GET", target));
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->status, 400) << target;
    EXPECT_EQ(H(*r, "X-Injected"), "<missing>");
    for (const auto& [k, v] : r->headers) EXPECT_NE(k, "Set-Cookie") << target;
  }
  auto fine = Fetch(server, Req("GET", "/guide/phases/"));  // the trailing-slash redirect still works
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->status, 301);
  EXPECT_EQ(H(*fine, "Location"), "/guide/phases");
}

TEST(HostileTest, SignInOnlyEverRedirectsToAPathOfThisSite) {
  ServerProcess server;
  std::string cookie = Coordinator(server, "next@example.org");
  for (std::string next : {"/%09/evil.example", "//evil.example", "/%5Cevil.example", "/%0a/evil.example",
                           "/%20/evil.example", "https://evil.example", "/\\evil", "/ok%0d%0aX:y", "%2F%2Fevil"}) {
    auto r = Send(server, "GET", "/account/sign-in?next=" + next, "", {cookie});
    EXPECT_EQ(r.status, 303) << next;
    EXPECT_EQ(H(r, "Location"), "/communities") << next;
  }
  auto ok = Send(server, "GET", "/account/sign-in?next=/communities/new", "", {cookie});
  EXPECT_EQ(H(ok, "Location"), "/communities/new");
}

TEST(HostileTest, TheLogNamesRoutesNeverTokensAndBoundsWhatVisitorsTyped) {
  ServerProcess server;
  auto created = Json(server, "POST", "/api/v1/checkups", json::object());
  std::string token = json::parse(created.body)["token"];
  Send(server, "GET", "/checkup/" + token + "/results", "", {});
  Send(server, "GET", "/api/v1/checkups/" + token, "", {});
  Send(server, "GET", "/checkup/" + token + "/no-such-page", "", {});
  Send(server, "GET", "/join/" + token, "", {});
  std::string forged = "evil@example.org\nsecurity event=sign-in account=1 " + std::string(5000, 'x');
  Json(server, "POST", "/api/v1/session", {{"email", forged}, {"password", "wrong password here"}});
  EXPECT_EQ(server.Stop(SIGTERM), 0);
  std::string log = server.Output();
  EXPECT_THAT(log, Not(HasSubstr(token))) << "a private link is in the log";
  EXPECT_TRUE(std::regex_search(log, std::regex(R"(GET /checkup/\{token\}/results 200)"))) << log;
  EXPECT_TRUE(std::regex_search(log, std::regex(R"(GET /api/v1/checkups/\{token\} 200)"))) << log;
  EXPECT_THAT(log, Not(HasSubstr("\nsecurity event=sign-in account=1"))) << "a forged log line";
  EXPECT_THAT(log, Not(HasSubstr(std::string(200, 'x')))) << "an unbounded email in the log";
}

TEST(HostileTest, CookieApiWritesNeedJsonAndComeFromThisSite) {
  ServerProcess server;
  std::string cookie = Coordinator(server, "csrf@example.org");
  auto c = Json(server, "POST", "/api/v1/communities", {{"name", "Nurses"}}, {cookie});
  ASSERT_EQ(c.status, 201) << c.body;
  std::string rounds = "/api/v1/communities/" + std::to_string(json::parse(c.body)["id"].get<int>()) + "/rounds";
  // What a page on another site can make a browser send, with the cookie attached.
  EXPECT_EQ(Send(server, "POST", rounds, "", {cookie, "Content-Type: application/x-www-form-urlencoded"}).status, 415);
  EXPECT_EQ(Send(server, "POST", rounds, "{}", {cookie, "Content-Type: text/plain"}).status, 415);
  EXPECT_EQ(Send(server, "POST", rounds, "", {cookie}).status, 415);
  EXPECT_EQ(Json(server, "POST", rounds, json::object(), {cookie, "Origin: https://evil.example"}).status, 403);
  EXPECT_EQ(Json(server, "POST", rounds, json::object(), {cookie, "Origin: null"}).status, 403);
  EXPECT_EQ(Json(server, "POST", rounds, json::object(), {cookie, "Sec-Fetch-Site: cross-site"}).status, 403);
  EXPECT_EQ(Send(server, "DELETE", "/api/v1/account", "{\"password\":\"a long enough password\"}",
                 {cookie, "Content-Type: text/plain"}).status, 415);
  // Nothing was opened by any of them; this site's page and a script may.
  auto read = Send(server, "GET", rounds.substr(0, rounds.size() - 7), "", {cookie});
  EXPECT_EQ(json::parse(read.body)["rounds"].size(), 0u) << read.body;
  EXPECT_EQ(Json(server, "POST", rounds, json::object(),
                 {cookie, "Origin: http://127.0.0.1", "Sec-Fetch-Site: same-origin"}).status, 201);
}

TEST(HostileTest, BadBytesInJsonBodiesAre422JsonNever500) {
  ServerProcess server;
  std::string cookie = Coordinator(server, "bytes@example.org");
  auto c = Json(server, "POST", "/api/v1/communities", {{"name", "Bytes"}}, {cookie});
  std::string community = "/api/v1/communities/" + std::to_string(json::parse(c.body)["id"].get<int>());
  auto created = Json(server, "POST", "/api/v1/checkups", json::object());
  std::string answers = "/api/v1/checkups/" + json::parse(created.body)["token"].get<std::string>() + "/answers";
  for (std::string body : std::vector<std::string>{"{\"name\": \"\xff\xfe\"}", "{\"email\": \"a\xc3\"}", "\xc0\xaf",
                                                  "\x80\x81\x82", "{\"answers\": [\"\xed\xa0\x80\"]}",
                                                  std::string(1, '\0')}) {
    for (auto [method, target] : std::vector<std::pair<std::string, std::string>>{
             {"POST", "/api/v1/checkups"}, {"POST", "/api/v1/session"}, {"POST", "/api/v1/accounts"},
             {"PATCH", community}, {"PUT", answers}}) {
      auto r = Send(server, method, target, body, {cookie, "Content-Type: application/json"});
      EXPECT_EQ(r.status, 422) << method << " " << target;
      EXPECT_EQ(H(r, "Content-Type").rfind("application/json", 0), 0u) << method << " " << target;
      EXPECT_THAT(r.body, Not(HasSubstr("json.exception")));
    }
  }
  // The server's own refusals under /api/ are JSON too.
  auto big = Send(server, "POST", "/api/v1/session", std::string(20000, 'x'), {"Content-Type: application/json"});
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(H(big, "Content-Type").rfind("application/json", 0), 0u);
}

TEST(HostileTest, BehindAProxyTheClientIsTheRightmostForwardedAddress) {
  ServerProcess server({"--trust-proxy"});
  for (int i = 0; i < 3; ++i)
    Send(server, "POST", "/api/v1/session", R"({"email":"x@example.org","password":"wrong wrong wrong"})",
         {"Content-Type: application/json", "X-Forwarded-For: 10.9.9.9, 10.8.8.8", "X-Forwarded-For: 192.0.2.7"});
  EXPECT_EQ(server.Stop(SIGTERM), 0);
  std::string log = server.Output();
  EXPECT_THAT(log, HasSubstr("address=192.0.2.7"));
  EXPECT_THAT(log, Not(HasSubstr("address=10.9.9.9")));
}

TEST(HostileTest, HttpsBaseUrlAddsStrictTransportSecurity) {
  ServerProcess plain;
  EXPECT_EQ(H(*Fetch(plain, Req("GET", "/")), "Strict-Transport-Security"), "<missing>");
  ServerProcess https({"--base-url", "https://cop.example.org"});
  auto r = Fetch(https, Req("GET", "/"));
  ASSERT_TRUE(r);
  EXPECT_EQ(H(*r, "Strict-Transport-Security"), "max-age=31536000");
}

TEST(HostileTest, TheDemoAccountKeepsServeOffPublicAddresses) {
  ServerProcess seeded;
  std::string db = seeded.db().string();
  EXPECT_EQ(seeded.Stop(SIGTERM), 0);
  auto seed = testing::RunCommand({testing::Binary().string(), "seed-demo", "--db", db, "--content-dir",
                                   testing::SourceDir().string()});
  ASSERT_EQ(seed.exit_code, 0) << seed.out << seed.err;
  auto refused = testing::RunCommand({testing::Binary().string(), "serve", "--host", "0.0.0.0", "--port", "0",
                                      "--db", db, "--content-dir", testing::SourceDir().string()});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.out + refused.err, HasSubstr("--allow-demo"));
}

}  // namespace
}  // namespace cultivate::web
