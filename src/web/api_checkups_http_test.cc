// The JSON API for whole check-ups: the bank, creating, unknown tokens, the real server.
#include <gtest/gtest.h>
#include "testing/http_client.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "testing/app_client.h"
#include "testing/server_process.h"
#include "auth/tokens.h"
#include "web/api_test_support.h"

namespace cultivate::web {
namespace {

using namespace cultivate::testing;
using nlohmann::json;
using namespace test::api;

// ---- the bank ----

TEST(ApiQuestionsTest, Shape) {
  AppClient c;
  json q = Get(c, "/api/v1/questions");
  EXPECT_TRUE(q["version"].is_string() && !q["version"].get<std::string>().empty());
  ASSERT_EQ(q["scale"].size(), 5u);
  for (int v = 0; v < 5; ++v) {
    EXPECT_EQ(q["scale"][v]["value"], v);
    EXPECT_FALSE(q["scale"][v]["label"].get<std::string>().empty());
  }
  ASSERT_EQ(q["phases"].size(), 5u);
  std::vector<std::string> ids;
  size_t total = 0;
  std::set<std::string> seen;
  for (const auto& phase : q["phases"]) {
    ids.push_back(phase["id"]);
    EXPECT_GE(phase["questions"].size(), 8u) << phase["id"];
    EXPECT_GE(phase["prompts"].size(), 2u) << phase["id"];
    total += phase["questions"].size();
    for (const auto& question : phase["questions"]) {
      std::string id = question["id"];
      EXPECT_TRUE(seen.insert(id).second) << "duplicate id " << id;
      EXPECT_FALSE(question["text"].get<std::string>().empty()) << id;
      std::string element = question["element"];
      EXPECT_TRUE(element == "domain" || element == "community" || element == "practice") << id;
      EXPECT_TRUE(question["principles"].is_array() && !question["principles"].empty()) << id;
    }
    for (const auto& prompt : phase["prompts"]) {
      EXPECT_TRUE(prompt["id"].is_string()) << prompt.dump();
      EXPECT_FALSE(prompt["text"].get<std::string>().empty()) << prompt.dump();
    }
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"define", "design", "grow", "perform", "transform"}));
  EXPECT_GE(total, 40u);
}

// ---- creating ----

TEST(ApiCreateTest, WithoutBody) {
  AppClient c;
  auto r = c.Send("POST", "/api/v1/checkups");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(*r.Header("Content-Type"), kJson);
  json body = json::parse(r.body);
  std::string token = body["token"];
  EXPECT_EQ(body["resume_url"], "/checkup/" + token);
  // At least 128 random bits: 43 base64url characters carry 258.
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos)
      << token;
  json got = Get(c, "/api/v1/checkups/" + token);
  EXPECT_EQ(got["name"], "");
  EXPECT_EQ(got["phases"].size(), 5u) << "all phases by default";
  EXPECT_TRUE(got["answers"].empty());
}

TEST(ApiCreateTest, WithNameAndPhases) {
  AppClient c;
  std::string token = Create(c, {{"name", "Nurses' network <NN>"}, {"phases", {"grow", "define"}}});
  json got = Get(c, "/api/v1/checkups/" + token);
  EXPECT_EQ(got["name"], "Nurses' network <NN>");
  EXPECT_EQ(got["phases"], json({"define", "grow"}));
}

TEST(ApiCreateTest, TokensAreDifferentEveryTime) {
  AppClient c;
  std::set<std::string> tokens;
  for (int i = 0; i < 20; ++i) tokens.insert(Create(c));
  EXPECT_EQ(tokens.size(), 20u);
}

TEST(ApiCreateTest, BadBodies) {
  AppClient c;
  EXPECT_EQ(c.SendJson("POST", "/api/v1/checkups", {{"name", 5}}).status, 422);
  EXPECT_EQ(c.SendJson("POST", "/api/v1/checkups", {{"phases", {"nonsense"}}}).status, 422);
  EXPECT_EQ(c.SendJson("POST", "/api/v1/checkups", {{"phases", json::array()}}).status, 422);
  EXPECT_EQ(c.SendJson("POST", "/api/v1/checkups", {{"name", std::string(201, 'x')}}).status, 422);
  EXPECT_EQ(c.Send("POST", "/api/v1/checkups", "{nope", {{"Content-Type", "application/json"}}).status, 422);
  EXPECT_EQ(c.Send("POST", "/api/v1/checkups", "[1]", {{"Content-Type", "application/json"}}).status, 422);
  auto plain = c.Send("POST", "/api/v1/checkups", "name=x", {{"Content-Type", "text/plain"}});
  EXPECT_EQ(plain.status, 415);
  EXPECT_EQ(*plain.Header("Content-Type"), kJson);
}

// ---- unknown tokens ----

TEST(ApiNotFoundTest, UnknownTokenIs404JsonOnEveryRoute) {
  AppClient c;
  std::string real = Create(c);
  json answer = {{"answers", {{{"question", Q(0, 0).id}, {"now", 1}, {"target", 2}}}}};
  for (const std::string& token : {std::string(43, 'A'), std::string("short"), real + "A", std::string(43, '.')}) {
    std::vector<http::Response> rs = {
        c.Get("/api/v1/checkups/" + token),
        c.Get("/api/v1/checkups/" + token + "/results"),
        c.Get("/api/v1/checkups/" + token + "/plan"),
        c.SendJson("PUT", "/api/v1/checkups/" + token + "/answers", answer),
        c.SendJson("PUT", "/api/v1/checkups/" + token + "/plan", {{"vision", "x"}}),
    };
    for (const auto& r : rs) {
      EXPECT_EQ(r.status, 404) << token << ": " << r.body;
      EXPECT_EQ(*r.Header("Content-Type"), kJson) << token;
      EXPECT_TRUE(json::parse(r.body, nullptr, false).contains("error")) << r.body;
    }
  }
  EXPECT_TRUE(Answers(c, real).empty());
}

// ---- over the real server ----

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ApiServerTest, TokenIsNotStoredInClear) {
  cultivate::testing::ServerProcess server;
  httplib::Client cli("127.0.0.1", server.port());
  auto r = cli.Post("/api/v1/checkups", "{\"name\": \"Stored club\"}", "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201);
  EXPECT_EQ(r->get_header_value("Content-Type"), kJson);
  std::string token = json::parse(r->body)["token"];
  json answers = {{"answers", {{{"question", Q(0, 0).id}, {"now", 1}, {"target", 2}, {"note", "stored note"}}}}};
  auto put = cli.Put(("/api/v1/checkups/" + token + "/answers").c_str(), answers.dump(), "application/json");
  ASSERT_TRUE(put);
  ASSERT_EQ(put->status, 200);
  // Everything SQLite wrote: the database, its write-ahead log and shared memory.
  std::string bytes;
  for (const auto& entry : std::filesystem::directory_iterator(server.dir()))
    if (entry.path().filename().string().rfind("test.db", 0) == 0) bytes += ReadFile(entry.path());
  ASSERT_NE(bytes.find("Stored club"), std::string::npos) << "did not find the data at all";
  ASSERT_NE(bytes.find("stored note"), std::string::npos);
  EXPECT_EQ(bytes.find(token), std::string::npos) << "the token is in the database in clear";
  EXPECT_EQ(bytes.find(token.substr(0, 20)), std::string::npos) << "part of the token is in the database";
  EXPECT_NE(bytes.find(auth::HashToken(token)), std::string::npos) << "expected its hash instead";
}

TEST(ApiServerTest, ContractOverHttp) {
  cultivate::testing::ServerProcess server;
  httplib::Client cli("127.0.0.1", server.port());
  auto created = cli.Post("/api/v1/checkups");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 201);
  std::string token = json::parse(created->body)["token"];
  auto bad = cli.Put(("/api/v1/checkups/" + token + "/answers").c_str(),
                     R"({"answers": [{"question": "nope", "now": 1, "target": 2}]})", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(bad->get_header_value("Content-Type"), kJson);
  auto wrong_type = cli.Put(("/api/v1/checkups/" + token + "/answers").c_str(), "{}", "text/plain");
  ASSERT_TRUE(wrong_type);
  EXPECT_EQ(wrong_type->status, 415);
  auto missing = cli.Get(("/api/v1/checkups/" + std::string(43, 'q') + "/results").c_str());
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->get_header_value("Content-Type"), kJson);
  auto results = cli.Get(("/api/v1/checkups/" + token + "/results").c_str());
  ASSERT_TRUE(results);
  EXPECT_EQ(results->status, 200);
  EXPECT_EQ(results->get_header_value("Cache-Control"), "no-store");
}

}  // namespace
}  // namespace cultivate::web
