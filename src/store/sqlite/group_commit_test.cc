// Group commit: writes made at the same time share one transaction, yet each keeps its own
// outcome, and nobody hears "saved" before the transaction holding their write committed.

#include "store/sqlite/group_commit.h"

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include "store/test_support.h"

namespace cultivate::store::sqlite {
namespace {

using namespace std::chrono_literals;

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = pool_.Acquire();
    db->exec("CREATE TABLE rows (name TEXT PRIMARY KEY)");
  }

  /// A write that inserts `name`, and keeps it when `keep`.
  static GroupCommit::Job Insert(std::string name, bool keep = true) {
    return [name = std::move(name), keep](SQLite::Database& db) {
      SQLite::Statement insert(db, "INSERT INTO rows (name) VALUES (?)");
      insert.bind(1, name);
      insert.exec();
      return keep;
    };
  }

  std::vector<std::string> Rows() {
    auto db = pool_.Acquire();
    SQLite::Statement q(*db, "SELECT name FROM rows ORDER BY name");
    std::vector<std::string> names;
    while (q.executeStep()) names.push_back(q.getColumn(0).getString());
    return names;
  }

  /// Holds the current group open until `n` more writes queue behind it, so they are sure to
  /// be committed together in the next group.
  GroupCommit::Job HoldUntilQueued(std::size_t n) {
    return [this, n](SQLite::Database& db) {
      leader_running_ = true;
      auto deadline = std::chrono::steady_clock::now() + 10s;
      while (commits_.Queued() < n && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(1ms);
      db.exec("INSERT INTO rows (name) VALUES ('leader')");
      return true;
    };
  }

  test::TempDir dir_;
  ConnectionPool pool_{dir_.File("group.db"), true, 5000};
  GroupCommit commits_{pool_};
  std::atomic<bool> leader_running_ = false;

  void WaitForLeader() {
    while (!leader_running_) std::this_thread::sleep_for(1ms);
  }
};

TEST_F(GroupCommitTest, ConcurrentWritesAllLand) {
  constexpr int kThreads = 16, kEach = 40;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto job = Insert("t" + std::to_string(t) + "-" + std::to_string(i));
        if (!commits_.Run("insert", job)) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Rows().size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(commits_.Queued(), 0u);
}

TEST_F(GroupCommitTest, AWriteThatFailsRollsBackOnlyItselfInItsGroup) {
  auto leader = HoldUntilQueued(3);
  Status led, kept1, dropped, kept2;
  std::thread first([&] { led = commits_.Run("lead", leader); });
  WaitForLeader();  // the leader's group is taken: what queues now goes in the next one
  auto a = Insert("kept-1"), b = Insert("dropped", false), c = Insert("kept-2");
  std::thread t1([&] { kept1 = commits_.Run("a", a); });
  std::thread t2([&] { dropped = commits_.Run("b", b); });
  std::thread t3([&] { kept2 = commits_.Run("c", c); });
  for (auto* t : {&first, &t1, &t2, &t3}) t->join();

  EXPECT_TRUE(led && kept1 && dropped && kept2) << "every group committed";
  EXPECT_EQ(commits_.Groups(), 2u) << "the three writes queued behind the leader shared one commit";
  EXPECT_EQ(Rows(), (std::vector<std::string>{"kept-1", "kept-2", "leader"}));
}

TEST_F(GroupCommitTest, AGroupThatCannotCommitKeepsNothingAndTellsEveryWriter) {
  auto leader = HoldUntilQueued(2);
  Status led, innocent, breaker;
  std::thread first([&] { led = commits_.Run("lead", leader); });
  WaitForLeader();
  auto a = Insert("innocent");
  GroupCommit::Job b = [](SQLite::Database& db) {
    db.exec("ROLLBACK");  // ends the shared transaction under everyone's feet
    return true;
  };
  std::thread t1([&] { innocent = commits_.Run("a", a); });
  std::thread t2([&] { breaker = commits_.Run("b", b); });
  for (auto* t : {&first, &t1, &t2}) t->join();

  EXPECT_TRUE(led);
  ASSERT_FALSE(innocent) << "a writer whose group did not commit must not hear it was saved";
  EXPECT_FALSE(breaker);
  EXPECT_EQ(Rows(), (std::vector<std::string>{"leader"}));
  EXPECT_TRUE(commits_.Run("after", Insert("after"))) << "the next group works";
  EXPECT_EQ(Rows(), (std::vector<std::string>{"after", "leader"}));
}

TEST_F(GroupCommitTest, AWriteThatThrowsIsRolledBack) {
  GroupCommit::Job job = [](SQLite::Database& db) -> bool {
    db.exec("INSERT INTO rows (name) VALUES ('half')");
    db.exec("INSERT INTO no_such_table VALUES (1)");
    return true;
  };
  EXPECT_TRUE(commits_.Run("throws", job));
  EXPECT_TRUE(Rows().empty());
}

}  // namespace
}  // namespace cultivate::store::sqlite
