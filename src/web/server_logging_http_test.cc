// The real server's log and its end: a line per request, security events, graceful shutdown.
#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "testing/raw_http.h"
#include "testing/server_process.h"
#include "web/server_test_support.h"

namespace cultivate::web {
namespace {

using namespace cultivate::testing;
using namespace test::server;
using namespace std::chrono_literals;
using namespace std::string_literals;

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
  // An unknown path is not logged at all (it may hold a token): only that no route matched.
  std::regex missing_line(R"(GET \(no route\) 404 [0-9]+(\.[0-9]+)?ms)");
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
