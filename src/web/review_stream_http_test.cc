// The review meeting's live tally through the real server: Server-Sent Events bounded in
// number (the next gets 503), with heartbeats, counted in /metrics, ended when the server
// stops, and fed from the store, so a vote cast on another server on the same database
// arrives too. On the seeded demo community (two closed rounds of twelve members).
#include <csignal>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/run_command.h"
#include "web/review_test_support.h"
#include "web/server_test_support.h"

namespace cultivate::web {
namespace {

using ::testing::HasSubstr;
using testing::RawConnection;
using testing::ServerProcess;
using namespace test::server;

// Reads from `conn` until `text` arrives (true) or `timeout` passes; keeps what was read.
bool ReadUntil(RawConnection& conn, std::string* got, const std::string& text,
               std::chrono::milliseconds timeout = std::chrono::seconds(8)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (got->find(text) == std::string::npos) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    if (conn.WaitClosed(std::chrono::milliseconds(100), got)) return got->find(text) != std::string::npos;
  }
  return true;
}

class ReviewStreamTest : public ::testing::Test {
 protected:
  static std::string SeededDb() {
    static std::string db = [] {
      static ServerProcess empty;  // makes and migrates the database file, then stops
      std::string path = empty.db().string();
      empty.Stop(SIGTERM);
      auto seed = testing::RunCommand({testing::Binary().string(), "seed-demo", "--db", path,
                                       "--content-dir", testing::SourceDir().string()});
      EXPECT_EQ(seed.exit_code, 0) << seed.out << seed.err;
      return path;
    }();
    return db;
  }
  std::unique_ptr<ServerProcess> Start(std::vector<std::string> extra) {
    return std::make_unique<ServerProcess>(std::move(extra), db_);
  }
  // Signs the demo coordinator in on `server`, finds the demo's newest closed round.
  void SignIn(const ServerProcess& server) {
    std::string body = R"({"email":"demo@example.org","password":"demo-password-2026"})";
    auto r = Fetch(server, Req("POST", "/api/v1/session", {"Content-Type: application/json"}, body));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    std::string set = H(*r, "Set-Cookie");
    cookie_ = "Cookie: " + set.substr(0, set.find(';'));
    auto list = Fetch(server, Req("GET", "/api/v1/communities", {cookie_}));
    ASSERT_TRUE(list);
    auto json = nlohmann::json::parse(list->body);
    std::int64_t community = json["communities"][0]["id"];
    auto one = Fetch(server, Req("GET", "/api/v1/communities/" + std::to_string(community), {cookie_}));
    std::int64_t round = nlohmann::json::parse(one->body)["rounds"][0]["id"];
    review_ = "/communities/" + std::to_string(community) + "/rounds/" + std::to_string(round) + "/review";
  }
  std::string OpenStream(RawConnection& conn) {
    conn.Send(Req("GET", review_ + "/events", {cookie_, "Accept: text/event-stream"}));
    std::string got;
    EXPECT_TRUE(ReadUntil(conn, &got, "retry: 3000")) << got;
    return got;
  }

  std::string db_ = SeededDb();
  std::string cookie_, review_;
};

TEST_F(ReviewStreamTest, StreamsAreBoundedBeatAndShowInMetrics) {
  auto server = Start({"--max-streams", "2", "--heartbeat-ms", "200", "--metrics", "public"});
  SignIn(*server);
  RawConnection a(server->port()), b(server->port());
  std::string got_a = OpenStream(a), got_b = OpenStream(b);
  EXPECT_THAT(got_a, HasSubstr("Content-Type: text/event-stream"));
  EXPECT_THAT(got_a, HasSubstr("event: tally"));
  EXPECT_TRUE(ReadUntil(a, &got_a, ": heartbeat")) << "a quiet stream still beats";
  auto third = Fetch(*server, Req("GET", review_ + "/events", {cookie_}));
  ASSERT_TRUE(third);
  EXPECT_EQ(third->status, 503) << "the third of two streams";
  EXPECT_THAT(third->body, HasSubstr("<main"));
  auto metrics = Fetch(*server, Req("GET", "/metrics"));
  ASSERT_TRUE(metrics);
  EXPECT_THAT(metrics->body, HasSubstr("cultivate_http_open{kind=\"event_streams\"} 2"));
  auto stranger = Fetch(*server, Req("GET", review_ + "/events"));
  EXPECT_NE(stranger->status, 200) << "no stream without the coordinator's session";
}

TEST_F(ReviewStreamTest, VotesOnAnotherServerArriveLive) {
  auto screen = Start({});
  auto phones = Start({});  // a second server on the same database, as behind a load balancer
  SignIn(*screen);
  auto choose = Fetch(*screen, Req("GET", review_ + "/choose", {cookie_}));
  std::string csrf = test::Between(choose->body, "name=\"csrf\" value=\"", "\"");
  auto opened = Fetch(*screen, Req("POST", review_ + "/vote/open",
                                   {cookie_, "Content-Type: application/x-www-form-urlencoded"}, "csrf=" + csrf));
  ASSERT_EQ(opened->status, 303);
  choose = Fetch(*screen, Req("GET", review_ + "/choose", {cookie_}));
  std::string code = test::Between(choose->body, "id=\"vote-code\">", "<");
  std::string area = test::Between(choose->body, "name=\"hands.", "\"");
  ASSERT_EQ(code.size(), 6u) << choose->body;

  RawConnection stream(screen->port());
  std::string got = OpenStream(stream);
  EXPECT_THAT(got, HasSubstr("\"voters\":0"));
  auto ballot = Fetch(*phones, Req("GET", "/vote/" + code));
  ASSERT_EQ(ballot->status, 200);
  std::string set = H(*ballot, "Set-Cookie");
  std::string check = test::Between(ballot->body, "name=\"check\" value=\"", "\"");
  auto voted = Fetch(*phones, Req("POST", "/vote/" + code,
                                  {"Cookie: " + set.substr(0, set.find(';')),
                                   "Content-Type: application/x-www-form-urlencoded"},
                                  "check=" + check + "&area=" + area));
  ASSERT_EQ(voted->status, 303) << voted->body;
  EXPECT_TRUE(ReadUntil(stream, &got, "\"voters\":1")) << got;
}

TEST_F(ReviewStreamTest, StoppingTheServerEndsEveryStream) {
  auto server = Start({});
  SignIn(*server);
  RawConnection a(server->port()), b(server->port());
  OpenStream(a);
  OpenStream(b);
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(server->Stop(SIGTERM), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5))
      << "streams do not hold the shutdown for its whole grace period";
  EXPECT_TRUE(a.WaitClosed(std::chrono::seconds(2)));
  EXPECT_TRUE(b.WaitClosed(std::chrono::seconds(2)));
}

}  // namespace
}  // namespace cultivate::web
