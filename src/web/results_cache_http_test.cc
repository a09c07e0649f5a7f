// The solo results page is rendered once per revision of the response and served from
// memory: it must never show stale answers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/app_client.h"

namespace cultivate::web {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::AppClient;

TEST(ResultsCacheTest, AnAnswerSavedShowsOnTheNextLoad) {
  AppClient c;
  auto made = c.SendJson("POST", "/api/v1/checkups", {{"name", "Makers"}, {"phases", {"define"}}});
  std::string token = nlohmann::json::parse(made.body)["token"];
  auto put = [&](int now) {
    auto r = c.SendJson("PUT", "/api/v1/checkups/" + token + "/answers",
                        {{"answers", {{{"question", "define-shared-purpose"}, {"now", now}, {"target", 4}}}}});
    ASSERT_EQ(r.status, 200);
  };
  put(0);
  http::Fields host{{"Host", "a.test"}};
  auto first = c.Get("/checkup/" + token + "/results", host);
  ASSERT_EQ(first.status, 200);
  EXPECT_THAT(first.body, HasSubstr("at <strong>0%</strong> now"));
  auto again = c.Get("/checkup/" + token + "/results", host);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(*again.Header("ETag"), *first.Header("ETag"));
  EXPECT_EQ(*again.Header("Cache-Control"), "no-store");
  put(4);
  auto after = c.Get("/checkup/" + token + "/results", host);
  EXPECT_THAT(after.body, HasSubstr("at <strong>100%</strong> now"));
  EXPECT_NE(*after.Header("ETag"), *first.Header("ETag"));
  // The resume link follows the Host, so another host gets its own copy.
  auto other = c.Get("/checkup/" + token + "/results", {{"Host", "b.test"}});
  EXPECT_THAT(other.body, HasSubstr("b.test/checkup/"));
  EXPECT_THAT(other.body, Not(HasSubstr("a.test/checkup/")));
  // Gzip and conditional GET work on the cached copy.
  auto gz = c.Get("/checkup/" + token + "/results", {{"Host", "a.test"}, {"Accept-Encoding", "gzip"}});
  ASSERT_NE(gz.Header("Content-Encoding"), nullptr);
  auto not_modified = c.Get("/checkup/" + token + "/results",
                            {{"Host", "a.test"}, {"If-None-Match", *after.Header("ETag")}});
  EXPECT_EQ(not_modified.status, 304);
}

}  // namespace
}  // namespace cultivate::web
