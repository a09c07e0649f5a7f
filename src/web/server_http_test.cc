// The real `cultivate serve` binary on an ephemeral port: HTTP/1.1 behaviour, limits,
// deadlines, headers on every status, static files, logging and graceful shutdown. Raw
// sockets where a well-behaved client library cannot misbehave on purpose.
#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>
#include "testing/http_client.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <regex>
#include <thread>

#include "testing/raw_http.h"
#include "testing/server_process.h"

namespace cultivate::web {
namespace {

using cultivate::testing::RawConnection;
using cultivate::testing::RawResponse;
using cultivate::testing::ServerProcess;
using namespace std::chrono_literals;
using namespace std::string_literals;

/// A request as bytes. `extra` are more header lines ("Name: value").
std::string Req(const std::string& method, const std::string& target, const std::vector<std::string>& extra = {},
                const std::string& body = "") {
  std::string r = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& h : extra) r += h + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT") r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  r += "\r\n";
  r += body;
  return r;
}

/// One request on a fresh connection. A failed send is not fatal: a server may answer
/// (413, 431) before it has read everything.
std::optional<RawResponse> Fetch(const ServerProcess& server, const std::string& request, bool head = false) {
  RawConnection conn(server.port());
  EXPECT_TRUE(conn.connected());
  conn.Send(request);
  return conn.ReadResponse(head);
}

std::string H(const RawResponse& r, const std::string& name) {
  const std::string* v = r.Header(name);
  return v ? *v : std::string("<missing>");
}

/// The headers every response must carry.
void ExpectStandardHeaders(const RawResponse& r, const std::string& what) {
  SCOPED_TRACE(what);
  if (r.status != 304) {
    std::string type = H(r, "Content-Type");
    EXPECT_NE(type, "<missing>");
    if (type.find("image/png") == std::string::npos) {
      EXPECT_NE(type.find("charset=utf-8"), std::string::npos) << type;
    }
  }
  std::string csp = H(r, "Content-Security-Policy");
  EXPECT_NE(csp, "<missing>");
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(H(r, "X-Content-Type-Options"), "nosniff");
  EXPECT_NE(H(r, "Referrer-Policy"), "<missing>");
}

bool InSiteDesign(const std::string& html) {
  return html.find("<header class=\"site-header\">") != std::string::npos &&
         html.find("aria-label=\"Main\"") != std::string::npos &&
         html.find("/static/css/site.css?v=") != std::string::npos;
}

// ---- HTTP/1.1 basics ----

TEST(ServerHttpTest, KeepAliveServesTwoRequestsOnOneConnection) {
  ServerProcess server;
  RawConnection conn(server.port());
  ASSERT_TRUE(conn.connected());
  ASSERT_TRUE(conn.Send(Req("GET", "/guide")));
  auto first = conn.ReadResponse();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_NE(H(*first, "Connection"), "close");
  ASSERT_TRUE(conn.Send(Req("GET", "/healthz")));
  auto second = conn.ReadResponse();
  ASSERT_TRUE(second) << "the connection was not kept open";
  EXPECT_EQ(second->status, 200);
  // Pipelined: two requests in one write, two answers in order.
  ASSERT_TRUE(conn.Send(Req("GET", "/guide/phases") + Req("GET", "/no-such-page")));
  auto third = conn.ReadResponse(), fourth = conn.ReadResponse();
  ASSERT_TRUE(third && fourth);
  EXPECT_EQ(third->status, 200);
  EXPECT_EQ(fourth->status, 404);
}

TEST(ServerHttpTest, ConnectionCloseIsHonoured) {
  ServerProcess server;
  RawConnection conn(server.port());
  ASSERT_TRUE(conn.Send(Req("GET", "/healthz", {"Connection: close"})));
  auto r = conn.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(conn.WaitClosed(3s));
}

TEST(ServerHttpTest, HeadHasNoBodyButTheContentLengthOfGet) {
  ServerProcess server;
  for (std::string target : {"/guide", "/search?q=sponsor", "/checkup", "/static/css/site.css", "/no-such-page"}) {
    auto get = Fetch(server, Req("GET", target));
    ASSERT_TRUE(get) << target;
    RawConnection conn(server.port());
    // HEAD, then another request on the same connection: if HEAD had sent a body, its
    // bytes would stand where the second status line should be.
    ASSERT_TRUE(conn.Send(Req("HEAD", target) + Req("GET", "/healthz")));
    auto head = conn.ReadResponse(/*head=*/true);
    ASSERT_TRUE(head) << target;
    EXPECT_EQ(head->status, get->status) << target;
    EXPECT_EQ(H(*head, "Content-Length"), std::to_string(get->body.size())) << target;
    EXPECT_EQ(H(*head, "Content-Type"), H(*get, "Content-Type")) << target;
    auto next = conn.ReadResponse();
    ASSERT_TRUE(next) << target << ": HEAD sent a body? pending: " << conn.pending().substr(0, 80);
    EXPECT_EQ(next->status, 200) << target;
    EXPECT_EQ(next->body, "{\"status\":\"ok\"}") << target;
  }
}

TEST(ServerHttpTest, HealthzIsOkWithTheStoreUp) {
  ServerProcess server;
  httplib::Client cli("127.0.0.1", server.port());
  auto r = cli.Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
}

// ---- headers on every status ----

TEST(ServerHttpTest, EveryStatusCarriesTypeAndSecurityHeaders) {
  ServerProcess server;
  std::map<int, std::optional<RawResponse>> seen;
  seen[200] = Fetch(server, Req("GET", "/guide"));
  auto css = Fetch(server, Req("GET", "/static/css/site.css"));
  ASSERT_TRUE(css);
  seen[304] = Fetch(server, Req("GET", "/static/css/site.css", {"If-None-Match: " + H(*css, "ETag")}));
  seen[400] = Fetch(server, "GARBAGE\r\n\r\n");
  seen[404] = Fetch(server, Req("GET", "/no-such-page"));
  seen[405] = Fetch(server, Req("DELETE", "/guide"));
  seen[413] = Fetch(server, Req("POST", "/checkup", {"Content-Type: application/x-www-form-urlencoded"},
                                std::string(20 * 1024, 'x')));
  seen[422] = Fetch(server, Req("POST", "/checkup", {"Content-Type: application/x-www-form-urlencoded"}, "name=x"));
  seen[431] = Fetch(server, Req("GET", "/guide", {"X-Big: " + std::string(9000, 'a')}));
  seen[201] = Fetch(server, Req("POST", "/api/v1/checkups"));
  seen[303] = Fetch(server, Req("POST", "/checkup", {"Content-Type: application/x-www-form-urlencoded"}, "phase=define"));
  for (auto& [status, r] : seen) {
    ASSERT_TRUE(r) << "no response for the " << status << " case";
    EXPECT_EQ(r->status, status);
    ExpectStandardHeaders(*r, "status " + std::to_string(status));
  }
  EXPECT_TRUE(seen[304]->body.empty());
  for (int status : {400, 404, 405, 413, 422, 431}) {
    EXPECT_EQ(H(*seen[status], "Content-Type"), "text/html; charset=utf-8") << status;
    EXPECT_TRUE(InSiteDesign(seen[status]->body)) << status << " is not a page in the site's design";
  }
}

TEST(ServerHttpTest, NotFoundIsAPageInTheSiteDesign) {
  ServerProcess server;
  httplib::Client cli("127.0.0.1", server.port());
  auto r = cli.Get("/this/does/not/exist?x=1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_TRUE(InSiteDesign(r->body));
  EXPECT_NE(r->body.find("<nav class=\"main-nav\""), std::string::npos);
  EXPECT_NE(r->body.find("href=\"/guide\""), std::string::npos);
}

TEST(ServerHttpTest, WrongMethodIs405WithAllow) {
  ServerProcess server;
  auto del = Fetch(server, Req("DELETE", "/guide/phases/grow"));
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  EXPECT_EQ(H(*del, "Allow"), "GET, HEAD");
  auto put = Fetch(server, Req("PUT", "/checkup", {"Content-Type: application/x-www-form-urlencoded"}, "a=1"));
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);
  EXPECT_EQ(H(*put, "Allow"), "GET, HEAD, POST");
  auto api = Fetch(server, Req("DELETE", "/api/v1/questions"));
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 405);
  EXPECT_EQ(H(*api, "Allow"), "GET, HEAD");
}

// ---- limits ----

TEST(ServerHttpTest, HeadersOver8KiBGet431) {
  ServerProcess server;
  auto big = Fetch(server, Req("GET", "/guide", {"X-Big: " + std::string(9000, 'a')}));
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 431);
  std::vector<std::string> many;
  for (int i = 0; i < 100; ++i) many.push_back("X-Header-" + std::to_string(i) + ": " + std::string(90, 'b'));
  auto lots = Fetch(server, Req("GET", "/guide", many));
  ASSERT_TRUE(lots);
  EXPECT_EQ(lots->status, 431) << "many headers adding up to more than 8 KiB";
  auto cookie = Fetch(server, Req("GET", "/guide", {"Cookie: session=" + std::string(10000, 'c')}));
  ASSERT_TRUE(cookie);
  EXPECT_EQ(cookie->status, 431);
  // Headers a little under the limit are fine.
  auto fine = Fetch(server, Req("GET", "/guide", {"X-Big: " + std::string(6000, 'a')}));
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->status, 200);
}

TEST(ServerHttpTest, BodyOverTheRouteLimitGets413) {
  ServerProcess server;
  const std::string form = "Content-Type: application/x-www-form-urlencoded";
  // POST /checkup accepts 16 KiB.
  auto big_form = Fetch(server, Req("POST", "/checkup", {form}, "name=" + std::string(20 * 1024, 'x') + "&phase=define"));
  ASSERT_TRUE(big_form);
  EXPECT_EQ(big_form->status, 413);
  auto small_form = Fetch(server, Req("POST", "/checkup", {form}, "name=" + std::string(150, 'x') + "&phase=define"));
  ASSERT_TRUE(small_form);
  EXPECT_EQ(small_form->status, 303) << "a body under the limit is read";
  // PUT answers accepts 512 KiB.
  std::string token(43, 'A');
  std::string json_body = "{\"answers\": [], \"pad\": \"" + std::string(600 * 1024, 'p') + "\"}";
  auto big_put = Fetch(server, Req("PUT", "/api/v1/checkups/" + token + "/answers",
                                   {"Content-Type: application/json"}, json_body));
  ASSERT_TRUE(big_put);
  EXPECT_EQ(big_put->status, 413);
  // Elsewhere the default is 1 MiB: 700 KiB to an unknown path is read (and answered 404).
  auto under_default = Fetch(server, Req("POST", "/nowhere", {form}, std::string(700 * 1024, 'z')));
  ASSERT_TRUE(under_default);
  EXPECT_EQ(under_default->status, 404);
}

TEST(ServerHttpTest, DeclaredLengthOverTheLimitIsRefusedWithoutWaitingForTheBody) {
  ServerProcess server;
  struct Case {
    std::string target, length;
  };
  for (const Case& c : {Case{"/checkup", "20000"},          // over the route's 16 KiB
                        Case{"/checkup", "104857600"},      // 100 MiB
                        Case{"/nowhere", "2097152"}}) {     // 2 MiB, over the default 1 MiB
    SCOPED_TRACE(c.target + " with Content-Length " + c.length);
    RawConnection conn(server.port());
    auto started = std::chrono::steady_clock::now();
    ASSERT_TRUE(conn.Send("POST " + c.target + " HTTP/1.1\r\nHost: x\r\n"
                          "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + c.length +
                          "\r\n\r\nname=a"));
    auto r = conn.ReadResponse(false, 5s);
    ASSERT_TRUE(r) << "no answer until the whole body arrives";
    EXPECT_EQ(r->status, 413);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
    EXPECT_TRUE(conn.WaitClosed(3s)) << "the connection closes after a 413";
  }
}

TEST(ServerHttpTest, ChunkedBodyOverTheLimitGets413) {
  ServerProcess server;
  RawConnection conn(server.port());
  std::string chunk(8 * 1024, 'x');
  char size[16];
  std::snprintf(size, sizeof size, "%zx", chunk.size());
  std::string req = "POST /checkup HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) req += std::string(size) + "\r\n" + chunk + "\r\n";
  req += "0\r\n\r\n";
  ASSERT_TRUE(conn.Send(req));
  auto r = conn.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

// ---- malformed input ----

TEST(ServerHttpTest, MalformedRequestsGet400) {
  ServerProcess server;
  for (std::string raw : {std::string("GARBAGE\r\n\r\n"), std::string("GET\r\n\r\n"),
                          std::string("GET /guide\r\n\r\n"), std::string("GET /guide HTTP/1.1 extra\r\nHost: x\r\n\r\n"),
                          std::string("GET guide HTTP/1.1\r\nHost: x\r\n\r\n"),
                          std::string("GET /guide HTTP/1.1\r\nNo colon here\r\n\r\n"),
                          std::string("GET /guide HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"),
                          std::string("GET /guide HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"),
                          std::string("G\x01T /guide HTTP/1.1\r\nHost: x\r\n\r\n"),
                          "GET /gu\0ide HTTP/1.1\r\nHost: x\r\n\r\n"s,
                          "GET /guide HTTP/1.1\r\nHost: x\r\nX-Nul: a\0b\r\n\r\n"s}) {
    auto r = Fetch(server, raw);
    ASSERT_TRUE(r) << ::testing::PrintToString(raw);
    EXPECT_EQ(r->status, 400) << ::testing::PrintToString(raw);
    ExpectStandardHeaders(*r, ::testing::PrintToString(raw));
  }
  // The server is still there.
  auto ok = Fetch(server, Req("GET", "/healthz"));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST(ServerHttpTest, InvalidUtf8OrNulInPathOrQueryGet400) {
  ServerProcess server;
  for (std::string target : {"/guide%C0%AF", "/guide%FF", "/guide%00", "/guide/phases/%ED%A0%80", "/search?q=%FF",
                             "/search?q=%00", "/search?q=%C0%80", "/search?q=caf%C3", "/search?q=%E0%80%AF",
                             "/search?q=%F4%90%80%80", "/search?q=%ZZ", "/guide%", "/search?q=\xC3(",
                             "/guide\xFF"}) {
    auto r = Fetch(server, Req("GET", target));
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->status, 400) << target;
    EXPECT_EQ(H(*r, "Content-Type"), "text/html; charset=utf-8") << target;
  }
  // Well-formed UTF-8 is fine.
  auto ok = Fetch(server, Req("GET", "/search?q=caf%C3%A9"));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST(ServerHttpTest, InvalidUtf8InAFormBodyGets400) {
  ServerProcess server;
  auto r = Fetch(server, Req("POST", "/checkup", {"Content-Type: application/x-www-form-urlencoded"},
                             "name=%C0%AF&phase=define"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
}

// ---- deadlines ----

TEST(ServerHttpTest, TricklingClientIsCutOffByTheReadDeadline) {
  ServerProcess server({"--read-timeout-ms", "500"});
  RawConnection conn(server.port());
  ASSERT_TRUE(conn.connected());
  std::string request = Req("GET", "/guide", {"X-Padding: " + std::string(40, 'p')});
  auto started = std::chrono::steady_clock::now();
  bool sent_all = conn.SendSlowly(request, 200ms);  // about 15 s if nobody stops it
  auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_FALSE(sent_all) << "the server waited for the whole trickled request";
  EXPECT_LT(elapsed, 4s);
  std::string received;
  EXPECT_TRUE(conn.WaitClosed(3s, &received));
  EXPECT_EQ(received.find("HTTP/1.1 200"), std::string::npos) << "a trickled request was served";
  // Everyone else is still served.
  auto ok = Fetch(server, Req("GET", "/healthz"));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST(ServerHttpTest, IdleKeepAliveConnectionIsClosedAfterTheDeadline) {
  ServerProcess server({"--read-timeout-ms", "500"});
  RawConnection conn(server.port());
  ASSERT_TRUE(conn.Send(Req("GET", "/healthz")));
  ASSERT_TRUE(conn.ReadResponse());
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(conn.WaitClosed(5s));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
}

TEST(ServerHttpTest, SilentConnectionIsClosed) {
  ServerProcess server({"--read-timeout-ms", "500"});
  RawConnection conn(server.port());
  ASSERT_TRUE(conn.connected());
  EXPECT_TRUE(conn.WaitClosed(4s)) << "a connection that never sends is kept forever";
}

// ---- static files over the wire ----

TEST(ServerHttpTest, StaticTraversalNeverServesFiles) {
  ServerProcess server;
  for (std::string target : {"/static/../src/app/main.cc", "/static/%2e%2e/src/app/main.cc",
                             "/static/%2E%2E/%2E%2E/CMakeLists.txt", "/static/..%2f..%2fREADME.md",
                             "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/%252e%252e/README.md",
                             "/static/%252e%252e%252fREADME.md", "/static/css/site.css%00.png",
                             "/static/%00../README.md", "/static/..%5cREADME.md", "/static//etc/passwd",
                             "/static/css/../../README.md", "/static/./css/site.css", "/../README.md",
                             "/static/%2e%2e%2f%2e%2e%2fsrc%2fapp%2fmain.cc"}) {
    auto r = Fetch(server, Req("GET", target));
    ASSERT_TRUE(r) << target;
    EXPECT_NE(r->status, 200) << target;
    EXPECT_EQ(r->body.find("int main("), std::string::npos) << target;
    EXPECT_EQ(r->body.find("make test"), std::string::npos) << target;  // README.md
    EXPECT_EQ(r->body.find("cmake_minimum_required"), std::string::npos) << target;
    EXPECT_EQ(r->body.find("root:x:"), std::string::npos) << target;
  }
}

TEST(ServerHttpTest, StaticFilesWithEtagRevalidationAndGzip) {
  ServerProcess server;
  auto plain = Fetch(server, Req("GET", "/static/css/site.css"));
  ASSERT_TRUE(plain);
  ASSERT_EQ(plain->status, 200);
  EXPECT_EQ(H(*plain, "Content-Type"), "text/css; charset=utf-8");
  EXPECT_NE(H(*plain, "Cache-Control"), "<missing>");
  std::string etag = H(*plain, "ETag");
  ASSERT_NE(etag, "<missing>");

  auto not_modified = Fetch(server, Req("GET", "/static/css/site.css", {"If-None-Match: " + etag}));
  ASSERT_TRUE(not_modified);
  EXPECT_EQ(not_modified->status, 304);
  EXPECT_TRUE(not_modified->body.empty());
  EXPECT_EQ(H(*not_modified, "ETag"), etag);

  auto gz = Fetch(server, Req("GET", "/static/css/site.css", {"Accept-Encoding: gzip, deflate, br"}));
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->status, 200);
  EXPECT_EQ(H(*gz, "Content-Encoding"), "gzip");
  EXPECT_NE(H(*gz, "Vary").find("Accept-Encoding"), std::string::npos);
  EXPECT_LT(gz->body.size(), plain->body.size());
  ASSERT_GE(gz->body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(gz->body[0]), 0x1f);
  auto gz_again = Fetch(server, Req("GET", "/static/css/site.css", {"Accept-Encoding: gzip"}));
  ASSERT_TRUE(gz_again);
  EXPECT_EQ(gz_again->body, gz->body);
  auto gz_304 = Fetch(server, Req("GET", "/static/css/site.css", {"Accept-Encoding: gzip", "If-None-Match: " + H(*gz, "ETag")}));
  ASSERT_TRUE(gz_304);
  EXPECT_EQ(gz_304->status, 304);

  auto refused = Fetch(server, Req("GET", "/static/css/site.css", {"Accept-Encoding: gzip;q=0"}));
  ASSERT_TRUE(refused);
  EXPECT_EQ(H(*refused, "Content-Encoding"), "<missing>");
  EXPECT_EQ(refused->body, plain->body);

  // Pages too.
  auto page = Fetch(server, Req("GET", "/guide", {"Accept-Encoding: gzip"}));
  ASSERT_TRUE(page);
  EXPECT_EQ(H(*page, "Content-Encoding"), "gzip");
  EXPECT_EQ(H(*page, "Content-Length"), std::to_string(page->body.size()));
}

// ---- logging ----

TEST(ServerHttpTest, OneLogLinePerRequestWithoutTheQueryString) {
  ServerProcess server;
  ASSERT_TRUE(Fetch(server, Req("GET", "/search?q=secretword&token=hunter2")));
  ASSERT_TRUE(Fetch(server, Req("GET", "/no-such-page?private=opensesame")));
  ASSERT_TRUE(Fetch(server, Req("POST", "/checkup", {"Content-Type: application/x-www-form-urlencoded"}, "phase=define")));
  ASSERT_TRUE(Fetch(server, "GARBAGE\r\n\r\n"));
  EXPECT_EQ(server.Stop(SIGTERM), 0);  // flushes the log
  std::string log = server.Output();
  std::regex search_line(R"(GET /search 200 [0-9]+(\.[0-9]+)?ms)");
  std::regex missing_line(R"(GET /no-such-page 404 [0-9]+(\.[0-9]+)?ms)");
  std::regex post_line(R"(POST /checkup 303 [0-9]+(\.[0-9]+)?ms)");
  EXPECT_TRUE(std::regex_search(log, search_line)) << log;
  EXPECT_TRUE(std::regex_search(log, missing_line)) << log;
  EXPECT_TRUE(std::regex_search(log, post_line)) << log;
  EXPECT_NE(log.find(" 400 "), std::string::npos) << "the malformed request is logged too:\n" << log;
  for (const char* secret : {"secretword", "hunter2", "opensesame", "?q=", "?private"})
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " leaked into the log:\n" << log;
  std::smatch m;
  std::string::const_iterator from = log.begin();
  int search_lines = 0;
  static const std::regex kSearch(R"( /search )");
  while (std::regex_search(from, log.cend(), m, kSearch)) {
    ++search_lines;
    from = m[0].second;
  }
  EXPECT_EQ(search_lines, 1) << "one line per request:\n" << log;
}

TEST(ServerHttpTest, SecurityEventsAreLoggedWithoutPasswordsOrTokens) {
  ServerProcess server;
  std::string json = "Content-Type: application/json";
  ASSERT_TRUE(Fetch(server, Req("POST", "/api/v1/accounts", {json},
                                R"({"email":"ada@example.org","password":"my secret phrase","name":"Ada"})")));
  ASSERT_TRUE(Fetch(server, Req("POST", "/api/v1/session", {json},
                                R"({"email":"ada@example.org","password":"wrong secret phrase"})")));
  auto ok = Fetch(server, Req("POST", "/api/v1/session", {json},
                              R"({"email":"ada@example.org","password":"my secret phrase"})"));
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200);
  const std::string* set_cookie = ok->Header("Set-Cookie");
  ASSERT_NE(set_cookie, nullptr);
  std::string cookie = set_cookie->substr(set_cookie->find('=') + 1, 43);
  ASSERT_TRUE(Fetch(server, Req("DELETE", "/api/v1/session", {"Cookie: __Host-cultivate-session=" + cookie})));
  EXPECT_EQ(server.Stop(SIGTERM), 0);
  std::string log = server.Output();
  for (const char* event : {"event=sign-up", "event=sign-in-failed", "event=sign-in ", "event=sign-out"})
    EXPECT_NE(log.find(event), std::string::npos) << event << " missing:\n" << log;
  for (const std::string& secret : {std::string("my secret phrase"), std::string("wrong secret"), cookie})
    EXPECT_EQ(log.find(secret), std::string::npos) << "leaked into the log:\n" << log;
}

// ---- stopping ----

/// Waits for the process to exit without reaping it (so ServerProcess::Stop can).
bool WaitForExit(pid_t pid, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    siginfo_t info{};
    if (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid)
      return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

TEST(ServerShutdownTest, SigtermLetsASlowInFlightRequestFinishThenExitsZero) {
  ServerProcess server;
  RawConnection conn(server.port());
  ASSERT_TRUE(conn.connected());
  std::string body = "name=Slow+club&phase=define&phase=grow&pad=" + std::string(2000, 's');
  ASSERT_TRUE(conn.Send("POST /checkup HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n"));
  ASSERT_TRUE(conn.Send(body.substr(0, 1000)));
  std::this_thread::sleep_for(300ms);
  ASSERT_EQ(kill(server.pid(), SIGTERM), 0);
  std::this_thread::sleep_for(500ms);
  EXPECT_FALSE(WaitForExit(server.pid(), 100ms)) << "the server quit with a request half-read";
  // The rest of the body, slowly.
  ASSERT_TRUE(conn.SendSlowly(body.substr(1000, 20), 20ms));
  ASSERT_TRUE(conn.Send(body.substr(1020)));
  auto r = conn.ReadResponse();
  ASSERT_TRUE(r) << "the in-flight request got no answer";
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(H(*r, "Location").rfind("/checkup/", 0), 0u);
  EXPECT_EQ(H(*r, "Connection"), "close") << "no more requests on a stopping server";
  ASSERT_TRUE(WaitForExit(server.pid(), 10s)) << "the server did not exit after the request";
  EXPECT_EQ(server.Stop(0), 0);
}

TEST(ServerShutdownTest, SigtermWhenIdleExitsZero) {
  ServerProcess server;
  ASSERT_TRUE(Fetch(server, Req("GET", "/healthz")));
  // An idle keep-alive connection does not hold the server up.
  RawConnection idle(server.port());
  ASSERT_TRUE(idle.Send(Req("GET", "/healthz")));
  ASSERT_TRUE(idle.ReadResponse());
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(server.Stop(SIGTERM), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST(ServerShutdownTest, SigintExitsZero) {
  ServerProcess server;
  ASSERT_TRUE(Fetch(server, Req("GET", "/healthz")));
  EXPECT_EQ(server.Stop(SIGINT), 0);
  EXPECT_NE(server.Output().find("stopped"), std::string::npos);
}

}  // namespace
}  // namespace cultivate::web
