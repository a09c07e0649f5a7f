// Two `cultivate serve` processes on one PostgreSQL database behind nginx as a round-robin
// load balancer (issue 15, acceptance 4), all started here and stopped afterwards: Debian's
// PostgreSQL (testing/postgres_server.h) and nginx (scripts/deps test installs it). nginx
// adds X-Upstream to every response so each test can see which server answered.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/http_client.h"
#include "testing/postgres_server.h"
#include "testing/raw_http.h"
#include "testing/server_process.h"

namespace cultivate::web {
namespace {

using nlohmann::json;
using testing::ServerProcess;

constexpr const char* kPassword = "a long enough password";

/// nginx in the foreground on a free port, proxying to `ports` in turn; stopped on exit.
class Nginx {
 public:
  explicit Nginx(const std::vector<std::uint16_t>& ports) : port_(testing::FreePort()) {
    char tmpl[] = "/tmp/cultivate-nginx-XXXXXX";
    dir_ = mkdtemp(tmpl);
    std::string upstreams;
    for (auto p : ports) upstreams += "    server 127.0.0.1:" + std::to_string(p) + " max_fails=1 fail_timeout=60s;\n";
    std::ofstream(dir_ + "/nginx.conf")
        << "daemon off;\nworker_processes 1;\npid " << dir_ << "/nginx.pid;\n"
        << "error_log " << dir_ << "/error.log;\nevents { worker_connections 256; }\n"
        << "http {\n  access_log off;\n  client_body_temp_path " << dir_ << "/body;\n"
        << "  proxy_temp_path " << dir_ << "/proxy;\n  fastcgi_temp_path " << dir_ << "/fcgi;\n"
        << "  uwsgi_temp_path " << dir_ << "/uwsgi;\n  scgi_temp_path " << dir_ << "/scgi;\n"
        << "  upstream cultivate {\n" << upstreams << "  }\n"
        << "  server {\n    listen 127.0.0.1:" << port_ << ";\n"
        << "    location / {\n      proxy_pass http://cultivate;\n      proxy_http_version 1.1;\n"
        << "      proxy_set_header Host $host;\n      proxy_set_header Connection \"\";\n"
        << "      proxy_next_upstream error timeout;\n      proxy_connect_timeout 2s;\n"
        << "      add_header X-Upstream $upstream_addr always;\n    }\n  }\n}\n";
    pid_ = fork();
    if (pid_ == 0) {
      std::string conf = dir_ + "/nginx.conf";
      execl("/usr/sbin/nginx", "nginx", "-c", conf.c_str(), "-p", dir_.c_str(), nullptr);
      _exit(127);
    }
    for (int i = 0; i < 100; ++i) {  // until it listens
      testing::RawConnection probe(port_);
      if (probe.connected()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "nginx did not start (is nginx-light installed? scripts/deps test)";
  }
  ~Nginx() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    std::filesystem::remove_all(dir_);
  }
  std::uint16_t port() const { return port_; }

 private:
  std::uint16_t port_;
  std::string dir_;
  pid_t pid_ = -1;
};

/// One browser talking to nginx: a cookie, JSON bodies.
struct Browser {
  explicit Browser(std::uint16_t port) : client("127.0.0.1", port) {
    client.set_read_timeout(10, 0);
    client.set_connection_timeout(5, 0);
  }
  httplib::Result Call(const std::string& method, const std::string& path, const json& body = nullptr) {
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    std::string text = body.is_null() ? "{}" : body.dump();
    if (method == "GET") return client.Get(path, headers);
    if (method == "DELETE") return client.Delete(path, headers);
    if (method == "PUT") return client.Put(path, headers, text, "application/json");
    return client.Post(path, headers, text, "application/json");
  }
  std::string Upstream(const httplib::Result& r) { return r ? r->get_header_value("X-Upstream") : ""; }
  httplib::Client client;
  std::string cookie;
};

class MultiServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string db = testing::PostgresServer::Shared().CreateDatabase();
    for (int i = 0; i < 2; ++i) servers_.push_back(std::make_unique<ServerProcess>(std::vector<std::string>{}, db));
    nginx_ = std::make_unique<Nginx>(std::vector<std::uint16_t>{servers_[0]->port(), servers_[1]->port()});
  }
  std::uint16_t port() const { return nginx_->port(); }
  void SignIn(Browser& b, const std::string& email) {
    ASSERT_EQ(b.Call("POST", "/api/v1/accounts", {{"email", email}, {"password", kPassword}, {"name", "Ana"}})->status, 202);
    auto in = b.Call("POST", "/api/v1/session", {{"email", email}, {"password", kPassword}});
    ASSERT_TRUE(in);
    ASSERT_EQ(in->status, 200) << in->body;
    std::string set = in->get_header_value("Set-Cookie");
    b.cookie = set.substr(0, set.find(';'));
  }

  std::vector<std::unique_ptr<ServerProcess>> servers_;
  std::unique_ptr<Nginx> nginx_;
};

TEST_F(MultiServerTest, ASessionMadeOnOneServerWorksOnTheOtherUntilSignedOut) {
  Browser ana(port());
  SignIn(ana, "ana@example.org");
  std::set<std::string> seen;
  for (int i = 0; i < 4; ++i) {
    auto r = ana.Call("GET", "/api/v1/account");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << ana.Upstream(r);
    seen.insert(ana.Upstream(r));
  }
  EXPECT_EQ(seen.size(), 2u) << "round robin reached both servers";
  auto out = ana.Call("DELETE", "/api/v1/session");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  seen.clear();
  for (int i = 0; i < 4; ++i) {
    auto r = ana.Call("GET", "/api/v1/account");
    EXPECT_EQ(r->status, 401) << "signed out on " << ana.Upstream(out) << ", asked " << ana.Upstream(r);
    seen.insert(ana.Upstream(r));
  }
  EXPECT_EQ(seen.size(), 2u);
}

TEST_F(MultiServerTest, SignInThrottlingCountsAcrossBothServers) {
  Browser ana(port());
  SignIn(ana, "ana@example.org");
  Browser guesser(port());
  std::set<std::string> seen;
  int refused = 0;
  for (int i = 0; i < 12; ++i) {
    auto r = guesser.Call("POST", "/api/v1/session", {{"email", "ana@example.org"}, {"password", "wrong guess " + std::to_string(i)}});
    ASSERT_TRUE(r);
    seen.insert(guesser.Upstream(r));
    if (r->status == 429) ++refused;
    else EXPECT_EQ(r->status, 401);
  }
  EXPECT_EQ(seen.size(), 2u);
  EXPECT_EQ(refused, 2) << "ten failures per account and address, counted over both servers";
}

TEST_F(MultiServerTest, ASaveThroughOneShowsAtOnceThroughTheOtherAndAKilledServerLosesNoAcknowledgedSave) {
  Browser ana(port());
  SignIn(ana, "ana@example.org");
  long id = json::parse(ana.Call("POST", "/api/v1/communities", {{"name", "Ward nurses"}})->body)["id"];
  std::string c = "/api/v1/communities/" + std::to_string(id);
  long round = json::parse(ana.Call("POST", c + "/rounds")->body)["id"];
  std::string invite = json::parse(ana.Call("POST", c + "/invites", {{"max_uses", 10}})->body)["token"];
  std::string results = c + "/rounds/" + std::to_string(round) + "/results";
  Browser member(port());
  std::string token = json::parse(member.Call("POST", "/api/v1/join/" + invite)->body)["token"];
  json bank = json::parse(member.Call("GET", "/api/v1/questions")->body);
  std::vector<std::string> questions;
  for (const auto& phase : bank["phases"])
    for (const auto& q : phase["questions"]) questions.push_back(q["id"]);
  // Each save lands on one server; the counts read right after come from the other.
  auto save = [&](size_t q) {
    return member.Call("PUT", "/api/v1/checkups/" + token + "/answers",
                       {{"answers", {{{"question", questions[q]}, {"now", 2}, {"target", 3}}}}});
  };
  auto first = save(0);
  ASSERT_EQ(first->status, 200);
  auto counts = ana.Call("GET", results);
  EXPECT_EQ(json::parse(counts->body)["responses"], 1) << "saved via " << member.Upstream(first)
                                                        << ", read via " << ana.Upstream(counts);
  // A stream of saves, one statement each; one server is killed in the middle.
  std::vector<size_t> acknowledged{0};
  for (size_t q = 1; q < 40; ++q) {
    if (q == 15) servers_[0]->Stop(SIGKILL);
    auto r = save(q);
    if (r && r->status == 200) acknowledged.push_back(q);
  }
  EXPECT_GE(acknowledged.size(), 38u) << "nginx sends the rest to the survivor";
  auto saved = json::parse(member.Call("GET", "/api/v1/checkups/" + token)->body);
  std::set<std::string> stored;
  for (const auto& a : saved["answers"]) stored.insert(a["question"].get<std::string>());
  for (size_t q : acknowledged) EXPECT_TRUE(stored.count(questions[q])) << "acknowledged save " << q << " lost";
}

}  // namespace
}  // namespace cultivate::web
