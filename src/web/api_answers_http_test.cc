// The JSON API's answers: saved, replaced and read; invalid requests refused whole.
#include <gtest/gtest.h>

#include <map>

#include "testing/app_client.h"
#include "web/api_test_support.h"

namespace cultivate::web {
namespace {

using namespace cultivate::testing;
using nlohmann::json;
using namespace test::api;

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

}  // namespace
}  // namespace cultivate::web
