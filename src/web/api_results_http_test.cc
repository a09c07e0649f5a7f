// The JSON API's results and action plan: the shape of the scores; the plan saved and refused.
#include <gtest/gtest.h>

#include "testing/app_client.h"
#include "web/api_test_support.h"

namespace cultivate::web {
namespace {

using namespace cultivate::testing;
using nlohmann::json;
using namespace test::api;

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

}  // namespace
}  // namespace cultivate::web
