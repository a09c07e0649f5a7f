#include "store/postgres/batched_lookup.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace cultivate::store::postgres {
namespace {

using Rows = std::vector<std::pair<std::string, int>>;

// A fake database: each query records its keys; the first one can be held until released.
struct FakeDb {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::vector<std::string>> queries;
  bool hold_first = false;
  bool released = false;

  BatchedLookup<int>::Fetch Fetch() {
    return [this](const std::vector<std::string>& keys) -> Result<Rows> {
      std::unique_lock lock(mu);
      queries.push_back(keys);
      cv.notify_all();
      if (hold_first && queries.size() == 1) cv.wait(lock, [&] { return released; });
      Rows rows;
      for (const auto& k : keys)
        if (k != "missing") rows.emplace_back(k, static_cast<int>(k.size()));
      return rows;
    };
  }
  void WaitForQueries(std::size_t n) {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return queries.size() >= n; });
  }
};

TEST(BatchedLookupTest, ALoneLookupGoesAtOnceAndMissingKeysAreNotFound) {
  BatchedLookup<int> lookup(1);
  FakeDb db;
  auto found = lookup.Find("abc", db.Fetch(), "no abc");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, 3);
  auto missing = lookup.Find("missing", db.Fetch(), "no such key");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().kind, Error::Kind::kNotFound);
  EXPECT_EQ(missing.error().message, "no such key");
  EXPECT_EQ(db.queries.size(), 2u);
}

TEST(BatchedLookupTest, LookupsMadeWhileOneIsOnItsWayShareTheNextQueryEachKeyOnce) {
  BatchedLookup<int> lookup(1);
  FakeDb db;
  db.hold_first = true;
  auto fetch = db.Fetch();
  std::thread first([&] { EXPECT_EQ(*lookup.Find("first", fetch, "-"), 5); });
  db.WaitForQueries(1);  // the first query is on its way and held there
  std::vector<std::thread> later;
  std::vector<std::string> keys = {"aa", "bbb", "aa", "missing", "cccc"};
  std::atomic<int> answered{0};
  for (const auto& key : keys) {
    later.emplace_back([&, key] {
      auto got = lookup.Find(key, fetch, "no " + key);
      if (key == "missing") {
        EXPECT_FALSE(got.has_value());
      } else {
        ASSERT_TRUE(got.has_value());
        EXPECT_EQ(*got, static_cast<int>(key.size()));
      }
      ++answered;
    });
  }
  // None of them joins the query already sent, and none is answered before it comes back.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(answered.load(), 0);
  {
    std::lock_guard lock(db.mu);
    EXPECT_EQ(db.queries.size(), 1u);
    db.released = true;
  }
  db.cv.notify_all();
  first.join();
  for (auto& t : later) t.join();
  EXPECT_EQ(answered.load(), 5);
  ASSERT_EQ(db.queries.size(), 2u);  // all five in one query, "aa" once
  auto second = db.queries[1];
  std::sort(second.begin(), second.end());
  EXPECT_EQ(second, (std::vector<std::string>{"aa", "bbb", "cccc", "missing"}));
}

TEST(BatchedLookupTest, AFailedQueryFailsEveryLookupInItAndTheNextOneStillRuns) {
  BatchedLookup<int> lookup(1);
  int calls = 0;
  BatchedLookup<int>::Fetch failing = [&](const std::vector<std::string>&) -> Result<Rows> {
    ++calls;
    return Fail(Error::Unavailable("database is down"));
  };
  auto got = lookup.Find("a", failing, "-");
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().kind, Error::Kind::kUnavailable);
  BatchedLookup<int>::Fetch throwing = [&](const std::vector<std::string>&) -> Result<Rows> {
    throw std::runtime_error("boom");
  };
  EXPECT_FALSE(lookup.Find("a", throwing, "-").has_value());
  FakeDb db;
  EXPECT_EQ(*lookup.Find("abc", db.Fetch(), "-"), 3);  // the slot was given back
}

TEST(BatchedLookupTest, ManyThreadsEachGetTheirOwnRow) {
  BatchedLookup<int> lookup(2, /*max_batch=*/4);
  FakeDb db;
  auto fetch = db.Fetch();
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        std::string key(1 + (t + i) % 9, 'x');
        auto got = lookup.Find(key, fetch, "-");
        if (!got || *got != static_cast<int>(key.size())) ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
  for (const auto& q : db.queries) EXPECT_LE(q.size(), 4u);
}

}  // namespace
}  // namespace cultivate::store::postgres
