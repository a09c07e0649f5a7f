// The Store contract under concurrency, run against every implementation: each
// check-then-act holds when callers race (acceptance 2 of issue 15). Threads start together
// at a latch so that their calls overlap; each race is run several times.

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "store/store_fixture.h"

namespace cultivate::store {
namespace {

using Kind = Error::Kind;

constexpr int kRepeats = 10;

class ConcurrentStoreTest : public test::StoreTest {
 protected:
  Id NewUser(const std::string& email) {
    auto id = store_->CreateUser({.email = email, .name = "N", .password_hash = "$argon2id$x"});
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }
  Id NewCommunity(Id coordinator, const std::string& name = "Nurses") {
    auto id = store_->CreateCommunity({.name = name}, coordinator);
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }
  Id NewRound(Id community) {
    auto id = store_->CreateRound({.community_id = community, .bank_version = "2026.1"});
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }
  Id NewInvite(Id community, Id round, const std::string& hash, int max_uses = 1000) {
    auto id = store_->CreateInvite({.community_id = community,
                                    .round_id = round,
                                    .token_hash = hash,
                                    .expires_at = 9999,
                                    .max_uses = max_uses});
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }
  Response Member(const std::string& token_hash) {
    return {.token_hash = token_hash, .phases = {"define"}, .bank_version = "2026.1"};
  }

  /// Runs body(i) on `n` threads at once; returns when all are done.
  template <typename Body>
  void Race(int n, Body body) {
    std::latch start(n);
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        body(i);
      });
    }
    for (auto& thread : threads) thread.join();
  }
};

TEST_P(ConcurrentStoreTest, AnInviteAdmitsExactlyMaxUsesWhateverTheRace) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  Id round = NewRound(c);
  Id invite = NewInvite(c, round, "five", 5);
  std::atomic<int> joined = 0, gone = 0, other = 0;
  Race(8, [&](int t) {
    for (int i = 0; i < 5; ++i) {
      auto id =
          store_->JoinRound(invite, Member("m" + std::to_string(t) + "-" + std::to_string(i)));
      if (id) {
        ++joined;
      } else if (id.error().kind == Kind::kGone) {
        ++gone;
      } else {
        ADD_FAILURE() << id.error().message;
        ++other;
      }
    }
  });
  EXPECT_EQ(joined.load(), 5);
  EXPECT_EQ(gone.load(), 35);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(store_->FindInvite(invite).value().uses, 5);
  EXPECT_EQ(store_->FindRound(round).value().joined, 5) << "no response without a use";
}

TEST_P(ConcurrentStoreTest, RemovingTheLastTwoCoordinatorsAtOnceKeepsOne) {
  Id ada = NewUser("ada@example.org");
  Id bob = NewUser("bob@example.org");
  for (int r = 0; r < kRepeats; ++r) {
    Id c = NewCommunity(ada, "C" + std::to_string(r));
    ASSERT_TRUE(store_->AddCoordinator(c, bob));
    Status removed[2];
    Race(2, [&](int t) { removed[t] = store_->RemoveCoordinator(c, t == 0 ? ada : bob); });
    ASSERT_NE(static_cast<bool>(removed[0]), static_cast<bool>(removed[1]))
        << "exactly one removal succeeds (round " << r << ")";
    const Status& refused = removed[0] ? removed[1] : removed[0];
    EXPECT_EQ(refused.error().kind, Kind::kConflict) << refused.error().message;
    auto left = store_->Coordinators(c).value();
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].id, removed[0] ? bob : ada);
  }
}

TEST_P(ConcurrentStoreTest, TwoCoordinatorsDeletingTheirAccountsAtOnceTakeTheCommunity) {
  for (int r = 0; r < kRepeats; ++r) {
    std::string n = std::to_string(r);
    Id ada = NewUser("ada" + n + "@example.org");
    Id bob = NewUser("bob" + n + "@example.org");
    Id c = NewCommunity(ada);
    ASSERT_TRUE(store_->AddCoordinator(c, bob));
    Status deleted[2];
    Race(2, [&](int t) { deleted[t] = store_->DeleteUser(t == 0 ? ada : bob); });
    ASSERT_TRUE(deleted[0]) << deleted[0].error().message;
    ASSERT_TRUE(deleted[1]) << deleted[1].error().message;
    // Never a community left with no coordinator: the second to go took it along.
    EXPECT_EQ(store_->FindCommunity(c).error().kind, Kind::kNotFound) << "round " << r;
  }
}

TEST_P(ConcurrentStoreTest, TwoClosesAtOnceCloseOnce) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  for (int r = 0; r < kRepeats; ++r) {
    Id round = NewRound(c);
    Status closed[2];
    Race(2, [&](int t) { closed[t] = store_->CloseRound(round, 2000 + t); });
    ASSERT_NE(static_cast<bool>(closed[0]), static_cast<bool>(closed[1])) << "round " << r;
    const Status& refused = closed[0] ? closed[1] : closed[0];
    EXPECT_EQ(refused.error().kind, Kind::kConflict) << refused.error().message;
    EXPECT_EQ(store_->FindRound(round).value().closed_at, closed[0] ? 2000 : 2001);
  }
}

TEST_P(ConcurrentStoreTest, TwoRoundsOpenedAtOnceOpenOne) {
  Id ada = NewUser("ada@example.org");
  for (int r = 0; r < kRepeats; ++r) {
    Id c = NewCommunity(ada, "C" + std::to_string(r));
    Result<Id> opened[2];
    Race(2,
         [&](int t) { opened[t] = store_->CreateRound({.community_id = c, .bank_version = "v"}); });
    ASSERT_NE(static_cast<bool>(opened[0]), static_cast<bool>(opened[1])) << "round " << r;
    const Result<Id>& refused = opened[0] ? opened[1] : opened[0];
    EXPECT_EQ(refused.error().kind, Kind::kConflict) << refused.error().message;
    EXPECT_EQ(store_->Rounds(c).value().size(), 1u);
  }
}

TEST_P(ConcurrentStoreTest, AnInvitationIsAcceptedOnce) {
  Id ada = NewUser("ada@example.org");
  Id bob = NewUser("bob@example.org");
  for (int r = 0; r < kRepeats; ++r) {
    Id c = NewCommunity(ada, "C" + std::to_string(r));
    ASSERT_TRUE(store_->InviteCoordinator({.community_id = c, .email = "bob@example.org"}, ada));
    Id invitation = store_->PendingInvitations(c).value().at(0).id;
    Status accepted[2];
    Race(2, [&](int t) {
      accepted[t] = store_->AcceptInvitation(invitation, "bob@example.org", bob);
    });
    ASSERT_NE(static_cast<bool>(accepted[0]), static_cast<bool>(accepted[1])) << "round " << r;
    const Status& refused = accepted[0] ? accepted[1] : accepted[0];
    EXPECT_EQ(refused.error().kind, Kind::kNotFound) << refused.error().message;
    EXPECT_EQ(store_->Coordinators(c).value().size(), 2u);
    EXPECT_TRUE(store_->PendingInvitations(c).value().empty());
  }
}

// Members keep joining while a coordinator closes the round. No join lands after the close:
// once CloseRound has returned (the clock then moves past closed_at) every join is refused,
// and every response in the round was created no later than closed_at.
TEST_P(ConcurrentStoreTest, NoJoinLandsInARoundAfterItClosed) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  for (int r = 0; r < kRepeats / 2; ++r) {
    const std::int64_t closed_at = 1000 + 10 * r + 5;
    clock_.Set(closed_at - 5);
    Id round = NewRound(c);
    Id invite = NewInvite(c, round, "inv-" + std::to_string(r));
    std::atomic<bool> closed = false;
    std::atomic<int> joins_seen = 0;
    std::vector<Id> ids[4];
    std::atomic<int> wrong = 0;
    Race(5, [&](int t) {
      if (t == 4) {  // the coordinator, once a few members are in
        while (joins_seen.load() < 6) std::this_thread::yield();
        ASSERT_TRUE(store_->CloseRound(round, closed_at));
        clock_.Set(closed_at + 5);
        closed = true;
        return;
      }
      for (int i = 0;; ++i) {
        bool after_close = closed.load();
        auto id = store_->JoinRound(invite, Member("r" + std::to_string(r) + "-" +
                                                   std::to_string(t) + "-" + std::to_string(i)));
        ++joins_seen;
        if (id) {
          if (after_close) ++wrong;
          ids[t].push_back(*id);
          continue;
        }
        if (id.error().kind != Kind::kConflict) {
          ADD_FAILURE() << id.error().message;
          ++wrong;
        }
        if (after_close) break;  // refused after the close, as it must be
      }
    });
    EXPECT_EQ(wrong.load(), 0);
    std::size_t total = 0;
    for (const auto& list : ids) {
      total += list.size();
      for (Id id : list) EXPECT_LE(store_->FindResponse(id).value().created_at, closed_at);
    }
    auto found = store_->FindRound(round).value();
    EXPECT_EQ(found.closed_at, closed_at);
    EXPECT_EQ(static_cast<std::size_t>(found.joined), total) << "no response from a refused join";
    EXPECT_EQ(static_cast<std::size_t>(store_->FindInvite(invite).value().uses), total);
  }
}

TEST_P(ConcurrentStoreTest, ThrottleSlotsAreTakenAtMostLimitTimes) {
  // Sign-ups through several servers at once: an hourly limit of 5 admits exactly 5.
  for (int repeat = 0; repeat < kRepeats; ++repeat) {
    std::string key = "signup:203.0.113." + std::to_string(repeat);
    std::atomic<int> taken{0};
    Race(8, [&](int) {
      for (int i = 0; i < 2; ++i) {
        auto ok = store_->AddThrottleTime(key, 5000, 3600, 5);
        ASSERT_TRUE(ok) << ok.error().message;
        if (*ok) ++taken;
      }
    });
    EXPECT_EQ(taken.load(), 5) << "repeat " << repeat;
    EXPECT_EQ(store_->ThrottleTimes(key, 0).value().size(), 5u);
  }
}

TEST_P(ConcurrentStoreTest, ThrottleEventsAreForgottenAfterADayExceptKnownAddresses) {
  ASSERT_TRUE(store_->AddThrottleTime("addr:a", 1000, 0, 0));
  ASSERT_TRUE(store_->AddThrottleTime("known:ada\na", 1000, 0, 0));
  ASSERT_TRUE(store_->AddThrottleTime("addr:b", 1000 + 86401, 0, 0));
  EXPECT_TRUE(store_->ThrottleTimes("addr:a", 0).value().empty());
  EXPECT_EQ(store_->ThrottleTimes("known:ada\na", 0).value().size(), 1u);
  ASSERT_TRUE(store_->ClearThrottle("known:ada\na"));
  EXPECT_TRUE(store_->ThrottleTimes("known:ada\na", 0).value().empty());
}

INSTANTIATE_TEST_SUITE_P(AllStores, ConcurrentStoreTest, ::testing::ValuesIn(test::AllStoreKinds()),
                         test::StoreKindName);

}  // namespace
}  // namespace cultivate::store
