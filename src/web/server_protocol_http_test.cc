// The real server's HTTP/1.1: keep-alive, HEAD, headers on every status, bad requests, static.
#include <gtest/gtest.h>
#include "testing/http_client.h"

#include <chrono>
#include <map>
#include <optional>

#include "testing/raw_http.h"
#include "testing/server_process.h"
#include "web/server_test_support.h"

namespace cultivate::web {
namespace {

using namespace cultivate::testing;
using namespace test::server;
using namespace std::chrono_literals;
using namespace std::string_literals;

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

}  // namespace
}  // namespace cultivate::web
