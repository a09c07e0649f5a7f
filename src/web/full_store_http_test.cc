// A full (or read-only) store: every write answers 503 saying nothing was saved, in JSON and
// on the page (with what was typed still there), no store text reaches the person, and the
// server carries on by itself once space is back. The store is made full with SQLite's
// max_page_count, as a full disk would make it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "common/message_keys.h"
#include "store/sqlite/sqlite_store.h"
#include "store/test_support.h"
#include "web/checkup_test_support.h"

namespace cultivate::web {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

std::int64_t Pages(const std::string& path) {
  SQLite::Database db(path);
  SQLite::Statement q(db, "PRAGMA page_count");
  q.executeStep();
  return q.getColumn(0).getInt64();
}

json LongAnswers(const std::string& phase, char fill) {
  json answers = json::array();
  for (const auto& q : test::Section(phase).questions)
    answers.push_back({{"question", q.id}, {"now", 2}, {"target", 3}, {"note", std::string(3900, fill)}});
  return {{"answers", answers}};
}

TEST(FullStoreTest, WritesAnswer503UntilSpaceIsBackThenSucceed) {
  store::test::TempDir dir;
  std::string path = dir.File("full.db");
  auto store = store::SqliteStore::Open(path, {.create = true}).value();
  ASSERT_TRUE(store->Migrate());
  testing::AppClient c(store.get());
  std::string token = test::Start(c, {"define", "design"});
  ASSERT_FALSE(token.empty());

  store->LimitPages(Pages(path));  // no page left to grow into
  const std::string url = "/api/v1/checkups/" + token + "/answers";
  auto api = c.SendJson("PUT", url, LongAnswers("define", 'a'));
  ASSERT_EQ(api.status, 503) << api.body;
  json body = json::parse(api.body);
  EXPECT_EQ(body["code"], "unavailable");
  EXPECT_THAT(body["error"].get<std::string>(), HasSubstr("Nothing was saved"));
  EXPECT_THAT(api.body, Not(HasSubstr("SQLITE"))) << "no store text in a response";
  EXPECT_THAT(api.body, Not(HasSubstr("full"))) << api.body;

  // The page keeps every answer and note typed, and says nothing was saved.
  auto form = test::AnswerAll(test::Section("define"), "1", "3", "kept note " + std::string(3000, 'n'));
  auto page = c.PostForm(test::PhasePath(token, "define"), testing::FormBody(form));
  EXPECT_EQ(page.status, 503);
  EXPECT_THAT(page.body, HasSubstr("kept note nnn"));
  EXPECT_THAT(page.body, HasSubstr(c.app().Say(msg::kAnswersNotSaved)));
  EXPECT_TRUE(test::InSiteDesign(page.body));
  EXPECT_EQ(test::ApiCheckup(c, token)["answers"].size(), 0u) << "nothing half-saved";

  // Small writes fill the last free bytes, then fail the same way: 503, never 500.
  int status = 201;
  for (int i = 0; i < 2000 && status == 201; ++i)
    status = c.SendJson("POST", "/api/v1/checkups", json::object()).status;
  EXPECT_EQ(status, 503);

  // Space is back: the same server saves again, with no restart.
  store->LimitPages(0);
  auto again = c.SendJson("PUT", url, LongAnswers("define", 'b'));
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(test::ApiCheckup(c, token)["answers"].size(), test::Section("define").questions.size());
  EXPECT_EQ(c.SendJson("POST", "/api/v1/checkups", json::object()).status, 201);
}

TEST(FullStoreTest, AnUnavailableStoreIsA503NeverA404) {
  store::test::TempDir dir;
  std::string path = dir.File("gone.db");
  auto store = store::SqliteStore::Open(path, {.create = true}).value();
  ASSERT_TRUE(store->Migrate());
  testing::AppClient c(store.get());
  std::string token = test::Start(c, {"define"});
  store->LimitPages(Pages(path));
  // Reads still work on a full store: the person can still see their check-up.
  EXPECT_EQ(c.Get("/checkup/" + token).status, 200);
  EXPECT_EQ(c.Get("/api/v1/checkups/" + token + "/results").status, 200);
}

}  // namespace
}  // namespace cultivate::web
