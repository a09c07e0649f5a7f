// GET /metrics through the real server: off unless asked, on a listener of its own, never on
// the public one unless asked; requests by route pattern and status, latency histograms, store
// errors, commits with their group sizes, open connections; no path or token in any label.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>

#include "testing/http_client.h"
#include "testing/run_command.h"
#include "testing/server_process.h"

namespace cultivate::web {
namespace {

using testing::ServerProcess;
using namespace std::chrono_literals;

/// The metrics listener's port, from the line the server prints before it serves.
int MetricsPort(const ServerProcess& server) {
  std::smatch m;
  std::string out = server.Output();
  static const std::regex kLine(R"(metrics at http://127\.0\.0\.1:([0-9]+)/metrics)");
  if (!std::regex_search(out, m, kLine)) return 0;
  return std::stoi(m[1]);
}

/// The value of one series (its exact name and labels), or -1 when it is not there.
double Series(const std::string& text, const std::string& series) {
  std::size_t at = 0;
  while ((at = text.find(series + " ", at)) != std::string::npos) {
    if (at == 0 || text[at - 1] == '\n') return std::strtod(text.c_str() + at + series.size() + 1, nullptr);
    at += series.size();
  }
  return -1;
}

std::string Backend() { return testing::TestStoreSpec().empty() ? "sqlite" : "postgresql"; }

TEST(MetricsHttpTest, OffUnlessAsked) {
  ServerProcess server;
  httplib::Client site("127.0.0.1", server.port());
  auto r = site.Get("/metrics");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->body.find("cultivate_http_requests_total"), std::string::npos);
  EXPECT_EQ(server.Output().find("metrics at"), std::string::npos);
}

TEST(MetricsHttpTest, OnItsOwnListenerCountingRoutesStatusesAndCommits) {
  ServerProcess server({"--metrics", "127.0.0.1:0"});
  int port = MetricsPort(server);
  ASSERT_GT(port, 0) << server.Output();
  httplib::Client site("127.0.0.1", server.port());
  httplib::Client scraper("127.0.0.1", port);

  // The public listener does not serve them, and the metrics listener serves nothing else.
  auto on_site = site.Get("/metrics");
  ASSERT_TRUE(on_site);
  EXPECT_EQ(on_site->status, 404);
  auto other = scraper.Get("/guide");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
  auto post = scraper.Post("/metrics", "", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);

  for (int i = 0; i < 3; ++i) ASSERT_EQ(site.Get("/api/v1/questions")->status, 200);
  ASSERT_EQ(site.Get("/guide/phases/grow")->status, 200);  // a page rendered once, at start
  const std::string secret = "s3cretResumeTokenThatMustNotLeak";
  ASSERT_EQ(site.Get("/checkup/" + secret + "/results")->status, 404);
  ASSERT_EQ(site.Get("/no/such/" + secret)->status, 404);
  // A solo check-up with a save: a committed write.
  auto made = site.Post("/api/v1/checkups", R"({"phase":"define"})", "application/json");
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 201) << made->body;
  std::smatch tok;
  ASSERT_TRUE(std::regex_search(made->body, tok, std::regex(R"re("token"\s*:\s*"([^"]+)")re")));
  // The same e-mail twice: the person sees the same 202 either way, so no one learns who
  // has an account (store errors are counted in store_metrics_test.cc).
  const char* account = R"({"email":"kim@example.org","password":"a long enough phrase","name":"Kim"})";
  ASSERT_EQ(site.Post("/api/v1/accounts", account, "application/json")->status, 202);
  ASSERT_EQ(site.Post("/api/v1/accounts", account, "application/json")->status, 202);

  // A request is counted once its response is written, so the client may read the last
  // answer a moment before its count lands: scrape until it has (or a deadline passes).
  auto r = scraper.Get("/metrics");
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
       r && Series(r->body, R"(cultivate_http_requests_total{method="POST",route="/api/v1/accounts",status="202"})") < 2 &&
       std::chrono::steady_clock::now() < deadline;
       r = scraper.Get("/metrics"))
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  const std::string& text = r->body;

  EXPECT_EQ(Series(text, R"(cultivate_http_requests_total{method="GET",route="/api/v1/questions",status="200"})"), 3) << text;
  EXPECT_GE(Series(text, R"(cultivate_http_requests_total{method="POST",route="/api/v1/checkups",status="201"})"), 1) << text;
  EXPECT_EQ(Series(text, R"(cultivate_http_requests_total{method="POST",route="/api/v1/accounts",status="202"})"), 2) << text;
  EXPECT_EQ(Series(text, R"(cultivate_http_request_duration_seconds_count{route="/api/v1/questions"})"), 3) << text;
  EXPECT_EQ(Series(text, R"(cultivate_http_requests_total{method="GET",route="/guide/phases/{id}",status="200"})"), 1) << text;
  EXPECT_EQ(Series(text, R"(cultivate_http_request_duration_seconds_bucket{route="/api/v1/questions",le="+Inf"})"), 3) << text;
  EXPECT_GE(Series(text, R"(cultivate_store_commit_group_size_count{backend=")" + Backend() + R"("})"), 2) << text;
  EXPECT_GE(Series(text, R"(cultivate_http_open{kind="connections"})"), 1) << text;
  EXPECT_EQ(Series(text, R"(cultivate_build_info{version=")" CULTIVATE_VERSION R"("})"), 1) << text;
  // Unknown paths count under one label, and no path, token or query ever becomes a label.
  // Three: /metrics on the site, /guide on the metrics listener, /no/such/... on the site.
  EXPECT_EQ(Series(text, R"m(cultivate_http_requests_total{method="GET",route="(no route)",status="404"})m"), 3) << text;
  EXPECT_EQ(Series(text, R"(cultivate_http_requests_total{method="GET",route="/checkup/{token}/results",status="404"})"), 1) << text;
  EXPECT_EQ(text.find(secret), std::string::npos) << text;
  EXPECT_EQ(text.find(tok[1].str()), std::string::npos) << text;

  // Every line is a comment or `name{labels} value` (the text exposition format).
  static const std::regex kLine(
      R"(^(# (HELP|TYPE) [a-z_:][a-z0-9_:]* .*|[a-z_:][a-z0-9_:]*(\{([a-z_]+="([^"\\]|\\.)*",?)*\})? [-+0-9.eE]+(Inf)?( [0-9]+)?)$)");
  std::size_t start = 0;
  int lines = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start);
    EXPECT_TRUE(std::regex_match(line, kLine)) << "not exposition format: " << line;
    ++lines;
    start = end == std::string::npos ? text.size() : end + 1;
  }
  EXPECT_GT(lines, 20);
}

TEST(MetricsHttpTest, OnThePublicListenerOnlyWhenAsked) {
  ServerProcess server({"--metrics", "public"});
  httplib::Client site("127.0.0.1", server.port());
  ASSERT_EQ(site.Get("/healthz")->status, 200);
  auto r = site.Get("/metrics");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_GE(Series(r->body, R"(cultivate_http_requests_total{method="GET",route="/healthz",status="200"})"), 1) << r->body;
}

TEST(MetricsHttpTest, AMalformedAddressIsRefusedAtStart) {
  for (const char* bad : {"9464", "localhost:", "127.0.0.1:99999", "127.0.0.1:abc", ":9464"}) {
    auto run = testing::RunCommand({testing::Binary().string(), "serve", "--port", "0", "--db", "memory:",
                                    "--content-dir", testing::SourceDir().string(), "--metrics", bad},
                                   {}, std::chrono::seconds(30));
    EXPECT_EQ(run.exit_code, 1) << bad;
    EXPECT_NE(run.err.find("--metrics: expected HOST:PORT"), std::string::npos) << bad << ": " << run.err;
  }
}

}  // namespace
}  // namespace cultivate::web
