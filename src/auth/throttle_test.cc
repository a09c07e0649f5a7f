#include "auth/throttle.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "store/memory/memory_store.h"

namespace cultivate::auth {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

std::string Addr(int i) { return "198.51.100." + std::to_string(i); }

TEST(LoginThrottleTest, StrangersElsewhereNeverLockTheOwnerOut) {
  store::MemoryStore store;
  LoginThrottle t(store);
  for (int a = 0; a < 9; ++a)
    for (int i = 0; i < 10; ++i) t.Failed("ada", Addr(a), kNow);
  EXPECT_GT(t.RetryAfter("ada", Addr(0), kNow), 0) << "a guessing address is slowed";
  EXPECT_EQ(t.RetryAfter("ada", Addr(200), kNow), 0) << "the owner, elsewhere, is not";
}

TEST(LoginThrottleTest, AtMostAHundredGuessesAnHourPerAccountExceptFromTheOwnersAddress) {
  store::MemoryStore store;
  LoginThrottle t(store);
  t.Succeeded("ada", "203.0.113.1", kNow);
  for (int a = 0; a < 100; ++a) t.Failed("ada", Addr(a), kNow + a);
  std::int64_t wait = t.RetryAfter("ada", Addr(150), kNow + 100);
  EXPECT_GT(wait, 0) << "a hundred and first guess from a fresh address waits";
  EXPECT_LE(wait, 3600);
  EXPECT_EQ(t.RetryAfter("ada", "203.0.113.1", kNow + 100), 0) << "the owner's address is exempt";
  EXPECT_EQ(t.RetryAfter("bob", Addr(150), kNow + 100), 0) << "other accounts are not touched";
  EXPECT_EQ(t.RetryAfter("ada", Addr(150), kNow + 3601), 0) << "an hour later";
}

TEST(LoginThrottleTest, TenFailuresFromOneAddressPauseThatAddressForTheAccount) {
  store::MemoryStore store;
  LoginThrottle t(store);
  for (int i = 0; i < 9; ++i) t.Failed("ada", Addr(1), kNow);
  EXPECT_EQ(t.RetryAfter("ada", Addr(1), kNow), 0);
  t.Failed("ada", Addr(1), kNow);
  EXPECT_EQ(t.RetryAfter("ada", Addr(1), kNow), 15 * 60);
  EXPECT_EQ(t.RetryAfter("ada", Addr(2), kNow), 0);
  t.Succeeded("ada", Addr(2), kNow);
  EXPECT_EQ(t.RetryAfter("ada", Addr(1), kNow + 1), 15 * 60 - 1) << "success elsewhere clears nothing here";
  EXPECT_EQ(t.RetryAfter("ada", Addr(1), kNow + 15 * 60 + 1), 0) << "once the window has passed";
}

TEST(LoginThrottleTest, ThirtyFailuresFromOneAddressOverAnyAccountsPauseIt) {
  store::MemoryStore store;
  LoginThrottle t(store);
  for (int i = 0; i < 30; ++i) t.Failed("user" + std::to_string(i), Addr(9), kNow);
  EXPECT_GT(t.RetryAfter("fresh", Addr(9), kNow), 0);
  EXPECT_EQ(t.RetryAfter("fresh", Addr(10), kNow), 0);
}

TEST(LoginThrottleTest, ServersSharingAStoreCountTogether) {
  // Two servers behind a load balancer: failures through either count for both.
  store::MemoryStore store;
  LoginThrottle one(store), two(store);
  for (int i = 0; i < 5; ++i) one.Failed("ada", Addr(1), kNow);
  for (int i = 0; i < 5; ++i) two.Failed("ada", Addr(1), kNow);
  EXPECT_GT(one.RetryAfter("ada", Addr(1), kNow), 0);
  EXPECT_GT(two.RetryAfter("ada", Addr(1), kNow), 0);
  two.Succeeded("ada", Addr(1), kNow);
  EXPECT_EQ(one.RetryAfter("ada", Addr(1), kNow), 0) << "a success on one clears it on both";
}

TEST(HourlyLimitTest, RacingAttemptsNeverTakeMoreThanTheLimit) {
  store::MemoryStore store;
  HourlyLimit a(store, 20), b(store, 20);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i)
        if ((t % 2 ? a : b).Attempt("203.0.113.9", kNow) == 0) ++allowed;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(allowed.load(), 20);
  EXPECT_GT(a.Attempt("203.0.113.9", kNow + 10), 0);
  EXPECT_EQ(a.Attempt("203.0.113.10", kNow + 10), 0) << "another address";
  EXPECT_EQ(b.Attempt("203.0.113.9", kNow + 3601), 0) << "an hour later";
}

}  // namespace
}  // namespace cultivate::auth
