// `cultivate backup` of a live store (issue 15, acceptance 7): run while a stream of saves
// goes through the real server, the copy holds every save acknowledged before it began and
// passes SQLite's integrity check.
#include "store/sqlite/backup.h"

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/run_command.h"
#include "web/server_test_support.h"

namespace cultivate::store {
namespace {

using nlohmann::json;
using web::test::server::Fetch;
using web::test::server::Req;

TEST(BackupTest, ALiveStoreIsCopiedWithEverySaveMadeBeforeTheBackupBegan) {
  testing::ServerProcess server;
  auto created = Fetch(server, Req("POST", "/api/v1/checkups", {"Content-Type: application/json"}, "{}"));
  ASSERT_TRUE(created);
  std::string token = json::parse(created->body)["token"];
  auto bank = json::parse(Fetch(server, Req("GET", "/api/v1/questions"))->body);
  std::vector<std::string> questions;
  for (const auto& phase : bank["phases"])
    for (const auto& q : phase["questions"]) questions.push_back(q["id"]);

  std::mutex mu;
  std::map<std::string, int> acknowledged_before;  // question -> last save acknowledged before
  std::atomic<bool> backup_began{false}, stop{false};
  std::atomic<int> saves{0};
  std::thread stream([&] {
    for (int i = 0; !stop && i < 100000; ++i) {
      const std::string& q = questions[static_cast<size_t>(i) % questions.size()];
      json body{{"answers", {{{"question", q}, {"now", i % 5}, {"target", 4}, {"note", std::to_string(i)}}}}};
      auto r = Fetch(server, Req("PUT", "/api/v1/checkups/" + token + "/answers",
                                 {"Content-Type: application/json"}, body.dump()));
      if (r && r->status == 200) {
        ++saves;
        if (!backup_began) {  // acknowledged before the backup was started
          std::lock_guard lock(mu);
          acknowledged_before[q] = i;
        }
      }
    }
  });
  while (saves < 100) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::string copy = (server.dir() / "backup.db").string();
  backup_began = true;
  auto run = testing::RunCommand({testing::Binary().string(), "backup", "--db", server.db().string(),
                                  "--to", copy});
  int during = saves;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  stop = true;
  stream.join();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, ::testing::HasSubstr("integrity check ok"));
  EXPECT_GT(saves.load(), during) << "saves went on during and after the backup";

  SQLite::Database db(copy, SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("PRAGMA integrity_check").getString(), "ok");
  std::map<std::string, int> in_copy;
  SQLite::Statement q(db, "SELECT question_id, note FROM answers");
  while (q.executeStep()) in_copy[q.getColumn(0).getString()] = std::stoi(q.getColumn(1).getString());
  ASSERT_FALSE(acknowledged_before.empty());
  for (const auto& [question, save] : acknowledged_before) {
    ASSERT_TRUE(in_copy.count(question)) << question;
    EXPECT_GE(in_copy[question], save) << question << ": save " << save << " was acknowledged before";
  }
  // A backup never overwrites.
  auto again = testing::RunCommand({testing::Binary().string(), "backup", "--db", server.db().string(),
                                    "--to", copy});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.err, ::testing::HasSubstr("exists already"));
}

}  // namespace
}  // namespace cultivate::store
