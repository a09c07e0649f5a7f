// The real server's limits: header and body sizes (431, 413) and read deadlines.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "testing/raw_http.h"
#include "testing/server_process.h"
#include "web/server_test_support.h"

namespace cultivate::web {
namespace {

using namespace cultivate::testing;
using namespace test::server;
using namespace std::chrono_literals;
using namespace std::string_literals;

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

}  // namespace
}  // namespace cultivate::web
