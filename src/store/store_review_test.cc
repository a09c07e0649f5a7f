// The Store contract for the yearly review meeting: the dot-vote (open, cast, change, close,
// codes), hand counts, decision notes, the next review date, appending to a community plan
// (atomic, also from many threads) and calendar links, run against every implementation.

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "store/store_fixture.h"

namespace cultivate::store {
namespace {

using Kind = Error::Kind;
using model::VoteState;

class ReviewStoreTest : public test::StoreTest {
 protected:
  void SetUp() override {
    test::StoreTest::SetUp();
    user_ = store_->CreateUser({.email = "c@example.org", .name = "C", .password_hash = "$x"}).value();
    community_ = store_->CreateCommunity({.name = "Nurses"}, user_).value();
    round_ = store_->CreateRound({.community_id = community_, .bank_version = "2026.1"}).value();
    ASSERT_TRUE(store_->CloseRound(round_, 2000));
  }
  Id user_ = 0, community_ = 0, round_ = 0;
};

TEST_P(ReviewStoreTest, AnUnreviewedRoundHasTheDefaults) {
  auto review = store_->FindReview(round_).value();
  EXPECT_EQ(review.vote, VoteState::kNotStarted);
  EXPECT_TRUE(review.code.empty());
  EXPECT_TRUE(review.notes.empty());
  EXPECT_EQ(store_->FindReview(round_ + 99).error().kind, Kind::kNotFound);
}

TEST_P(ReviewStoreTest, VotesCountUntilTheVoteCloses) {
  EXPECT_EQ(store_->CastVote(round_, "v1", {"a"}).error().kind, Kind::kConflict) << "not open yet";
  ASSERT_TRUE(store_->OpenVote(round_, "ABC234"));
  EXPECT_TRUE(store_->OpenVote(round_, "ZZZ999")) << "opening again is a no-op";
  EXPECT_EQ(store_->FindReview(round_).value().code, "ABC234");
  EXPECT_EQ(store_->FindOpenVote("ABC234").value(), round_);
  ASSERT_TRUE(store_->CastVote(round_, "v1", {"a", "b"}));
  ASSERT_TRUE(store_->CastVote(round_, "v2", {"a"}));
  ASSERT_TRUE(store_->CastVote(round_, "v1", {"c"})) << "a voter changes their vote";
  ASSERT_TRUE(store_->SetHandCount(round_, "b", 4));
  auto tally = store_->Tally(round_).value();
  EXPECT_EQ(tally.voters, 2);
  EXPECT_EQ(tally.votes, (std::map<std::string, int>{{"a", 1}, {"c", 1}}));
  EXPECT_EQ(tally.hands, (std::map<std::string, int>{{"b", 4}}));
  EXPECT_EQ(store_->VoteOf(round_, "v1").value(), std::vector<std::string>{"c"});
  std::int64_t before = tally.revision;
  ASSERT_TRUE(store_->CloseVote(round_));
  EXPECT_GT(store_->Tally(round_).value().revision, before) << "a stream sees the close";
  EXPECT_EQ(store_->Tally(round_).value().vote, VoteState::kClosed);
  EXPECT_EQ(store_->CastVote(round_, "v2", {"b"}).error().kind, Kind::kConflict);
  EXPECT_EQ(store_->SetHandCount(round_, "b", 9).error().kind, Kind::kConflict);
  EXPECT_EQ(store_->FindOpenVote("ABC234").error().kind, Kind::kNotFound) << "the code dies";
  EXPECT_EQ(store_->OpenVote(round_, "ABC234").error().kind, Kind::kConflict);
  EXPECT_EQ(store_->CloseVote(round_).error().kind, Kind::kConflict);
}

TEST_P(ReviewStoreTest, ACodeBelongsToOneOpenVote) {
  Id second = store_->CreateRound({.community_id = community_, .bank_version = "2026.1"}).value();
  ASSERT_TRUE(store_->OpenVote(round_, "ABC234"));
  EXPECT_EQ(store_->OpenVote(second, "ABC234").error().kind, Kind::kConflict);
  EXPECT_TRUE(store_->OpenVote(second, "XYZ234"));
}

TEST_P(ReviewStoreTest, NotesAndNextReviewAreKept) {
  ASSERT_TRUE(store_->AddDecisionNote(round_, "We focus on newcomers", 3000));
  ASSERT_TRUE(store_->AddDecisionNote(round_, "Ana runs the next call", 3001));
  ASSERT_TRUE(store_->SetNextReview(round_, "2027-11-05"));
  auto review = store_->FindReview(round_).value();
  ASSERT_EQ(review.notes.size(), 2u);
  EXPECT_EQ(review.notes[0].text, "We focus on newcomers");
  EXPECT_EQ(review.next_review, "2027-11-05");
  EXPECT_FALSE(store_->SetNextReview(round_, "soon")) << "the schema keeps dates";
}

TEST_P(ReviewStoreTest, PlanItemsAreAppendedAtomically) {
  ASSERT_TRUE(store_->SaveCommunityPlan(community_, {.vision = "v", .items = {{.what = "old", .status = "todo"}}}));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i)
        EXPECT_TRUE(store_->AddPlanItems(
            community_, {{.what = "t" + std::to_string(t) + "-" + std::to_string(i), .owner = "Ana",
                          .due = "2027-01-31", .status = "todo"}}, 50));
    });
  for (auto& th : threads) th.join();
  auto plan = store_->CommunityPlan(community_).value().value();
  EXPECT_EQ(plan.vision, "v");
  ASSERT_EQ(plan.items.size(), 21u) << "no append lost another";
  EXPECT_EQ(plan.items[0].what, "old");
  EXPECT_EQ(store_->AddPlanItems(community_ + 99, {{.what = "x"}}, 50).error().kind, Kind::kNotFound);
}

TEST_P(ReviewStoreTest, ThePlansLimitHoldsUnderConcurrentAppends) {
  ASSERT_TRUE(store_->SaveCommunityPlan(community_, {.vision = "v", .items = {{.what = "old", .status = "todo"}}}));
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        auto ok = store_->AddPlanItems(community_, {{.what = "t" + std::to_string(t) + "-" + std::to_string(i)}}, 10);
        if (!ok) {
          EXPECT_EQ(ok.error().kind, Kind::kConflict);
          ++refused;
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(store_->CommunityPlan(community_).value().value().items.size(), 10u) << "never past the limit";
  EXPECT_EQ(refused.load(), 11);
  EXPECT_EQ(store_->AddPlanItems(community_, {{.what = "a"}, {.what = "b"}}, 11).error().kind, Kind::kConflict)
      << "all or nothing";
  EXPECT_EQ(store_->CommunityPlan(community_).value().value().items.size(), 10u);
}

TEST_P(ReviewStoreTest, AddingToNoPlanMakesOne) {
  ASSERT_TRUE(store_->AddPlanItems(community_, {{.what = "first", .due = "2027-01-31"}}, 50));
  auto plan = store_->CommunityPlan(community_).value().value();
  ASSERT_EQ(plan.items.size(), 1u);
  EXPECT_EQ(plan.items[0].status, "todo");
}

TEST_P(ReviewStoreTest, ACalendarLinkCanBeReplacedAndRevoked) {
  EXPECT_FALSE(store_->CalendarLinkSince(community_).value());
  ASSERT_TRUE(store_->SetCalendarLink(community_, "h1", 10));
  EXPECT_EQ(store_->FindCalendarLink("h1").value(), community_);
  ASSERT_TRUE(store_->SetCalendarLink(community_, "h2", 11));
  EXPECT_EQ(store_->FindCalendarLink("h1").error().kind, Kind::kNotFound) << "the old link dies";
  EXPECT_EQ(*store_->CalendarLinkSince(community_).value(), 11);
  ASSERT_TRUE(store_->SetCalendarLink(community_, std::nullopt, 12));
  EXPECT_EQ(store_->FindCalendarLink("h2").error().kind, Kind::kNotFound);
}

TEST_P(ReviewStoreTest, DeletingTheCommunityDeletesItsMeetings) {
  ASSERT_TRUE(store_->OpenVote(round_, "ABC234"));
  ASSERT_TRUE(store_->CastVote(round_, "v1", {"a"}));
  ASSERT_TRUE(store_->SetCalendarLink(community_, "h1", 10));
  ASSERT_TRUE(store_->DeleteCommunity(community_));
  EXPECT_EQ(store_->FindOpenVote("ABC234").error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->FindCalendarLink("h1").error().kind, Kind::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(AllStores, ReviewStoreTest, ::testing::ValuesIn(test::AllStoreKinds()),
                         test::StoreKindName);

}  // namespace
}  // namespace cultivate::store
