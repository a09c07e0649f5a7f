// The JSON API contract of issue 4, case by case. In-process through WebApp::Handle, plus
// the real server for what only it shows (the SQLite file, headers on the wire).
#include <gtest/gtest.h>
#include "testing/http_client.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "testing/app_client.h"
#include "testing/server_process.h"
#include "auth/tokens.h"

namespace cultivate::web {
namespace {

using cultivate::testing::AppClient;
using cultivate::testing::TestSite;
using nlohmann::json;

const std::string kJson = "application/json; charset=utf-8";

std::string Create(AppClient& c, const json& body = json::object()) {
  auto r = body.empty() ? c.Send("POST", "/api/v1/checkups") : c.SendJson("POST", "/api/v1/checkups", body);
  EXPECT_EQ(r.status, 201) << r.body;
  if (r.status != 201) return {};
  return json::parse(r.body)["token"].get<std::string>();
}

std::string AnswersUrl(const std::string& token) { return "/api/v1/checkups/" + token + "/answers"; }

json Get(AppClient& c, const std::string& path) {
  auto r = c.Get(path);
  EXPECT_EQ(r.status, 200) << path << ": " << r.body;
  EXPECT_EQ(*r.Header("Content-Type"), kJson) << path;
  return r.status == 200 ? json::parse(r.body) : json();
}

json Answers(AppClient& c, const std::string& token) { return Get(c, "/api/v1/checkups/" + token)["answers"]; }

const assess::Question& Q(size_t phase, size_t i) { return TestSite()->bank.phases.at(phase).questions.at(i); }

/// A 422 with the documented body; returns the details.
json Expect422(const http::Response& r, const std::string& what) {
  EXPECT_EQ(r.status, 422) << what << ": " << r.body;
  EXPECT_EQ(*r.Header("Content-Type"), kJson) << what;
  json body = json::parse(r.body, nullptr, false);
  EXPECT_TRUE(body.is_object()) << what << ": " << r.body;
  if (!body.is_object()) return json::array();
  EXPECT_TRUE(body.contains("error") && body["error"].is_string() && !body["error"].get<std::string>().empty())
      << what << ": " << r.body;
  EXPECT_TRUE(body.contains("details") && body["details"].is_array() && !body["details"].empty())
      << what << ": " << r.body;
  if (!body.contains("details") || !body["details"].is_array()) return json::array();
  for (const auto& d : body["details"])
    EXPECT_TRUE(d.contains("message") && d["message"].is_string()) << what << ": " << d.dump();
  return body["details"];
}

bool NamesQuestion(const json& details, const std::string& id) {
  for (const auto& d : details)
    if (d.value("question", "") == id) return true;
  return false;
}

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

// ---- answers ----

TEST(ApiAnswersTest, SaveReplaceAndRead) {
  AppClient c;
  std::string token = Create(c);
  json body = {{"answers",
                {{{"question", Q(0, 0).id}, {"now", 1}, {"target", 3}, {"note", "first note"}},
                 {{"question", Q(0, 1).id}, {"now", nullptr}, {"target", 4}},
                 {{"question", Q(2, 0).id}, {"now", 0}, {"target", 0}, {"note", ""}}}}};
  auto r = c.SendJson("PUT", AnswersUrl(token), body);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(*r.Header("Content-Type"), kJson);
  EXPECT_EQ(json::parse(r.body), json({{"saved", 3}}));
  json answers = Answers(c, token);
  ASSERT_EQ(answers.size(), 3u);
  std::map<std::string, json> by;
  for (const auto& a : answers) by[a["question"]] = a;
  EXPECT_EQ(by[Q(0, 0).id]["now"], 1);
  EXPECT_EQ(by[Q(0, 0).id]["target"], 3);
  EXPECT_EQ(by[Q(0, 0).id]["note"], "first note");
  EXPECT_TRUE(by[Q(0, 1).id]["now"].is_null());
  EXPECT_EQ(by[Q(0, 1).id]["target"], 4);
  EXPECT_EQ(by[Q(2, 0).id]["now"], 0);

  // A second PUT replaces those questions and leaves the others alone.
  auto again = c.SendJson("PUT", AnswersUrl(token), {{"answers", {{{"question", Q(0, 0).id}, {"now", 2}, {"target", 2}}}}});
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(json::parse(again.body)["saved"], 1);
  answers = Answers(c, token);
  EXPECT_EQ(answers.size(), 3u);
  for (const auto& a : answers)
    if (a["question"] == Q(0, 0).id) { EXPECT_EQ(a["now"], 2); }
  // An empty list saves nothing and is fine.
  auto none = c.SendJson("PUT", AnswersUrl(token), {{"answers", json::array()}});
  EXPECT_EQ(none.status, 200);
  EXPECT_EQ(json::parse(none.body)["saved"], 0);
}

TEST(ApiAnswersTest, NoteLimitCountsCharactersNotBytes) {
  AppClient c;
  std::string token = Create(c);
  std::string accents;
  for (int i = 0; i < 4000; ++i) accents += "\xC3\xA9";  // 4000 characters, 8000 bytes
  EXPECT_EQ(c.SendJson("PUT", AnswersUrl(token), {{"answers", {{{"question", Q(0, 0).id}, {"now", 1}, {"target", 2}, {"note", accents}}}}}).status,
            200);
  EXPECT_EQ(c.SendJson("PUT", AnswersUrl(token), {{"answers", {{{"question", Q(0, 1).id}, {"now", 1}, {"target", 2}, {"note", std::string(4000, 'x')}}}}}).status,
            200);
}

class ApiInvalidAnswersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    token = Create(c);
    json first = {{"answers", {{{"question", Q(0, 0).id}, {"now", 1}, {"target", 3}, {"note", "keep me"}},
                               {{"question", Q(0, 1).id}, {"now", 2}, {"target", 2}}}}};
    ASSERT_EQ(c.SendJson("PUT", AnswersUrl(token), first).status, 200);
    before = Answers(c, token);
  }
  /// PUT `item` next to a valid change of an earlier answer; expect 422 naming `question`
  /// (when not empty) and the earlier answers untouched.
  void ExpectRejected(const json& item, const std::string& question, const std::string& what) {
    json valid = {{"question", Q(0, 0).id}, {"now", 4}, {"target", 4}, {"note", "changed"}};
    json fresh = {{"question", Q(0, 2).id}, {"now", 0}, {"target", 1}};
    auto r = c.SendJson("PUT", AnswersUrl(token), {{"answers", {valid, item, fresh}}});
    json details = Expect422(r, what);
    if (!question.empty()) { EXPECT_TRUE(NamesQuestion(details, question)) << what << ": " << details.dump(); }
    EXPECT_EQ(Answers(c, token), before) << what << ": the request saved something";
  }
  AppClient c;
  std::string token;
  json before;
};

TEST_F(ApiInvalidAnswersTest, UnknownQuestion) {
  ExpectRejected({{"question", "define-no-such-question"}, {"now", 1}, {"target", 2}}, "define-no-such-question",
                 "unknown question");
}

TEST_F(ApiInvalidAnswersTest, NowFive) {
  ExpectRejected({{"question", Q(1, 0).id}, {"now", 5}, {"target", 2}}, Q(1, 0).id, "now 5");
}

TEST_F(ApiInvalidAnswersTest, NowMinusOne) {
  ExpectRejected({{"question", Q(1, 0).id}, {"now", -1}, {"target", 2}}, Q(1, 0).id, "now -1");
}

TEST_F(ApiInvalidAnswersTest, NowAsString) {
  ExpectRejected({{"question", Q(1, 0).id}, {"now", "2"}, {"target", 2}}, Q(1, 0).id, "now \"2\"");
}

TEST_F(ApiInvalidAnswersTest, TargetNotAWholeNumber) {
  ExpectRejected({{"question", Q(1, 0).id}, {"now", 1}, {"target", 2.5}}, Q(1, 0).id, "target 2.5");
}

TEST_F(ApiInvalidAnswersTest, TargetBoolean) {
  ExpectRejected({{"question", Q(1, 0).id}, {"now", 1}, {"target", true}}, Q(1, 0).id, "target true");
}

TEST_F(ApiInvalidAnswersTest, NowTooLargeForAnInt) {
  // 2^32 must not wrap around to 0 and pass as "Not at all".
  ExpectRejected({{"question", Q(1, 0).id}, {"now", 4294967296LL}, {"target", 2}}, Q(1, 0).id, "now 2^32");
}

TEST_F(ApiInvalidAnswersTest, NowHugeUnsigned) {
  ExpectRejected({{"question", Q(1, 0).id}, {"now", 18446744073709551615ULL}, {"target", 2}}, Q(1, 0).id,
                 "now 2^64-1");
}

TEST_F(ApiInvalidAnswersTest, NoteOf4001Characters) {
  ExpectRejected({{"question", Q(1, 0).id}, {"now", 1}, {"target", 2}, {"note", std::string(4001, 'x')}}, Q(1, 0).id,
                 "note of 4001 characters");
}

TEST_F(ApiInvalidAnswersTest, NoteNotAString) {
  ExpectRejected({{"question", Q(1, 0).id}, {"now", 1}, {"target", 2}, {"note", {1, 2}}}, Q(1, 0).id, "note list");
}

TEST_F(ApiInvalidAnswersTest, SameQuestionTwice) {
  ExpectRejected({{"question", Q(0, 0).id}, {"now", 0}, {"target", 0}}, Q(0, 0).id, "answered twice");
}

TEST_F(ApiInvalidAnswersTest, ItemWithoutQuestion) {
  ExpectRejected({{"now", 1}, {"target", 2}}, "", "no question id");
}

TEST_F(ApiInvalidAnswersTest, ItemNotAnObject) { ExpectRejected(json(3), "", "a number as item"); }

TEST_F(ApiInvalidAnswersTest, BadJson) {
  for (std::string body : {"{\"answers\": [", "not json", "", "{\"answers\": [{\"question\": \"x\",}]}"}) {
    auto r = c.Send("PUT", AnswersUrl(token), body, {{"Content-Type", "application/json"}});
    Expect422(r, "bad JSON: " + body);
  }
  EXPECT_EQ(Answers(c, token), before);
}

TEST_F(ApiInvalidAnswersTest, AnswersNotAList) {
  for (json body : {json{{"answers", {{"question", Q(0, 0).id}}}}, json{{"answers", "all of them"}},
                    json{{"answers", nullptr}}, json::object(), json{{"answer", json::array()}}}) {
    Expect422(c.SendJson("PUT", AnswersUrl(token), body), "answers not a list: " + body.dump());
  }
  Expect422(c.Send("PUT", AnswersUrl(token), "[]", {{"Content-Type", "application/json"}}), "top-level list");
  EXPECT_EQ(Answers(c, token), before);
}

TEST_F(ApiInvalidAnswersTest, QuestionOfAPhaseNotIncluded) {
  std::string define_only = Create(c, {{"phases", {"define"}}});
  auto r = c.SendJson("PUT", AnswersUrl(define_only), {{"answers", {{{"question", Q(4, 0).id}, {"now", 1}, {"target", 2}}}}});
  json details = Expect422(r, "phase not included");
  EXPECT_TRUE(NamesQuestion(details, Q(4, 0).id));
  EXPECT_TRUE(Answers(c, define_only).empty());
}

TEST_F(ApiInvalidAnswersTest, NonJsonContentTypeIs415) {
  std::string body = json{{"answers", {{{"question", Q(0, 0).id}, {"now", 4}, {"target", 4}}}}}.dump();
  for (std::string type : {"text/plain", "application/x-www-form-urlencoded", "application/jsonx", ""}) {
    http::Fields headers;
    if (!type.empty()) headers.emplace_back("Content-Type", type);
    auto r = c.Send("PUT", AnswersUrl(token), body, headers);
    EXPECT_EQ(r.status, 415) << "Content-Type: " << type;
    EXPECT_EQ(*r.Header("Content-Type"), kJson);
  }
  // Parameters and case are fine.
  auto ok = c.Send("PUT", AnswersUrl(token), body, {{"Content-Type", "Application/JSON; charset=utf-8"}});
  EXPECT_EQ(ok.status, 200) << ok.body;
}

// ---- results ----

TEST(ApiResultsTest, Shape) {
  AppClient c;
  std::string token = Create(c, {{"phases", {"define", "design"}}});
  json answers = json::array();
  for (size_t p = 0; p < 2; ++p)
    for (const auto& q : TestSite()->bank.phases[p].questions)
      answers.push_back({{"question", q.id}, {"now", p == 0 ? 2 : 1}, {"target", 4}, {"note", "n"}});
  ASSERT_EQ(c.SendJson("PUT", AnswersUrl(token), {{"answers", answers}}).status, 200);
  json r = Get(c, "/api/v1/checkups/" + token + "/results");

  auto score = [](const json& s, const std::string& what) {
    for (const char* key : {"now", "target", "gap", "answered"}) EXPECT_TRUE(s.contains(key)) << what << " lacks " << key;
    if (s["now"].is_number()) {
      EXPECT_GE(s["now"].get<double>(), 0) << what;
      EXPECT_LE(s["now"].get<double>(), 100) << what;
      EXPECT_NEAR(s["gap"].get<double>(), s["target"].get<double>() - s["now"].get<double>(), 0.11) << what;
    }
  };
  score(r["overall"], "overall");
  EXPECT_EQ(r["overall"]["answered"], answers.size());
  EXPECT_NEAR(r["overall"]["target"].get<double>(), 100.0, 0.01);
  for (const char* group : {"phases", "elements", "principles"}) {
    ASSERT_TRUE(r[group].is_array() && !r[group].empty()) << group;
    for (const auto& g : r[group]) {
      EXPECT_TRUE(g["id"].is_string()) << group;
      EXPECT_TRUE(g["title"].is_string()) << group;
      score(g, std::string(group) + "/" + g["id"].get<std::string>());
    }
  }
  EXPECT_EQ(r["elements"].size(), 3u);
  for (const auto& p : r["phases"])
    if (p["id"] == "define") { EXPECT_NEAR(p["now"].get<double>(), 50.0, 0.01); }
  ASSERT_TRUE(r["placement"].is_object());
  EXPECT_TRUE(r["placement"].contains("phase"));
  ASSERT_TRUE(r["placement"]["reasons"].is_array());
  EXPECT_FALSE(r["placement"]["reasons"].empty());
  EXPECT_EQ(r["placement"]["phase"], "define") << "define at 50% is not reached";

  const json& areas = r["improvement_areas"];
  ASSERT_TRUE(areas.is_array());
  ASSERT_FALSE(areas.empty());
  double last_priority = 1e9;
  for (const auto& a : areas) {
    EXPECT_FALSE(a["title"].get<std::string>().empty());
    EXPECT_TRUE(a["gap"].is_number());
    EXPECT_GT(a["gap"].get<double>(), 0);
    EXPECT_FALSE(a["recommendation"].get<std::string>().empty());
    ASSERT_TRUE(a["links"].is_array());
    bool practice = false, example = false;
    for (const auto& l : a["links"]) {
      std::string href = l["href"];
      EXPECT_FALSE(l["title"].get<std::string>().empty());
      practice |= href.rfind("/guide/practices/", 0) == 0;
      example |= href.rfind("/guide/examples/", 0) == 0;
    }
    EXPECT_TRUE(practice && example) << a.dump();
    EXPECT_LE(a["priority"].get<double>(), last_priority) << "ranked, highest priority first";
    last_priority = a["priority"].get<double>();
  }
  EXPECT_TRUE(r["strengths"].is_array());
}

TEST(ApiResultsTest, NothingAnsweredHasNullScoresNotZero) {
  AppClient c;
  std::string token = Create(c);
  json r = Get(c, "/api/v1/checkups/" + token + "/results");
  EXPECT_TRUE(r["overall"]["now"].is_null());
  EXPECT_EQ(r["overall"]["answered"], 0);
  EXPECT_TRUE(r["improvement_areas"].empty());
}

// ---- plan ----

TEST(ApiPlanTest, RoundTrip) {
  AppClient c;
  std::string token = Create(c);
  json draft = Get(c, "/api/v1/checkups/" + token + "/plan");
  EXPECT_EQ(draft["draft"], true);
  json plan = {{"vision", "A network every new nurse joins"},
               {"goals", "Two meetings a month"},
               {"strategies", "Pair newcomers with old hands"},
               {"items",
                {{{"what", "Book the room"}, {"owner", "Sam"}, {"due", "2027-02-28"}, {"status", "doing"}},
                 {{"what", "=Draft the charter"}, {"owner", ""}, {"due", ""}, {"status", "todo"}}}}};
  auto put = c.SendJson("PUT", "/api/v1/checkups/" + token + "/plan", plan);
  ASSERT_EQ(put.status, 200) << put.body;
  json got = Get(c, "/api/v1/checkups/" + token + "/plan");
  EXPECT_EQ(got["draft"], false);
  for (const char* key : {"vision", "goals", "strategies"}) EXPECT_EQ(got[key], plan[key]) << key;
  ASSERT_EQ(got["items"].size(), 2u);
  for (size_t i = 0; i < 2; ++i)
    for (const char* key : {"what", "owner", "due", "status"}) EXPECT_EQ(got["items"][i][key], plan["items"][i][key]);
  EXPECT_EQ(json::parse(put.body)["items"], got["items"]);
}

TEST(ApiPlanTest, InvalidPlanIs422AndKeepsTheSavedOne) {
  AppClient c;
  std::string token = Create(c);
  json good = {{"vision", "v"}, {"items", {{{"what", "a"}, {"status", "todo"}}}}};
  ASSERT_EQ(c.SendJson("PUT", "/api/v1/checkups/" + token + "/plan", good).status, 200);
  json saved = Get(c, "/api/v1/checkups/" + token + "/plan");
  for (json bad : {json{{"items", {{{"what", "a"}, {"due", "31.12.2027"}}}}}, json{{"items", {{{"what", "a"}, {"status", "someday"}}}}},
                   json{{"vision", 3}}, json{{"items", "x"}}, json{{"vision", std::string(8001, 'v')}}}) {
    Expect422(c.SendJson("PUT", "/api/v1/checkups/" + token + "/plan", bad), bad.dump().substr(0, 80));
  }
  EXPECT_EQ(Get(c, "/api/v1/checkups/" + token + "/plan"), saved);
  EXPECT_EQ(c.Send("PUT", "/api/v1/checkups/" + token + "/plan", "{}", {{"Content-Type", "text/plain"}}).status, 415);
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
