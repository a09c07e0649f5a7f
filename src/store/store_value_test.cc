// The Store contract for value creation: stories, indicators and the ask of the sponsor,
// run against every implementation (memory, sqlite, postgres).

#include <gtest/gtest.h>

#include "store/store_fixture.h"

namespace cultivate::store {
namespace {

using Kind = Error::Kind;

class ValueStoreTest : public test::StoreTest {
 protected:
  Id NewUser(const std::string& email) {
    auto id = store_->CreateUser({.email = email, .name = "N", .password_hash = "$argon2id$x"});
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }
  Id NewCommunity(Id coordinator) {
    auto id = store_->CreateCommunity({.name = "Nurses", .domain = "wound care"}, coordinator);
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }
  Story NewStory(std::optional<Id> community, std::optional<Id> response, std::optional<Id> user,
                 const std::string& title) {
    Story s{.community_id = community, .response_id = response, .user_id = user,
            .author = "Ada", .title = title, .happened = "We met", .immediate = "Ideas",
            .realized = "Fewer infections", .share = "sponsor", .named = true};
    auto id = store_->CreateStory(s);
    EXPECT_TRUE(id) << id.error().message;
    s.id = id.value_or(0);
    return s;
  }
};

TEST_P(ValueStoreTest, StoriesRoundTripUpdateAndDelete) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  Id response = NewResponse();
  Story told = NewStory(c, response, std::nullopt, "Dressings “week”");
  auto found = store_->FindStory(told.id);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->community_id, c);
  EXPECT_EQ(found->response_id, response);
  EXPECT_FALSE(found->user_id);
  EXPECT_EQ(found->title, "Dressings “week”");
  EXPECT_EQ(found->realized, "Fewer infections");
  EXPECT_EQ(found->potential, "");
  EXPECT_EQ(found->share, "sponsor");
  EXPECT_TRUE(found->named);
  EXPECT_EQ(found->created_at, 1000);

  clock_.Set(2000);
  told.title = "Renamed";
  told.share = "coordinators";
  told.named = false;
  ASSERT_TRUE(store_->UpdateStory(told));
  found = store_->FindStory(told.id);
  EXPECT_EQ(found->title, "Renamed");
  EXPECT_EQ(found->share, "coordinators");
  EXPECT_FALSE(found->named);
  EXPECT_EQ(found->updated_at, 2000);
  EXPECT_EQ(found->created_at, 1000);

  EXPECT_EQ(store_->ResponseStories(response).value().size(), 1u);
  EXPECT_EQ(store_->CommunityStories(c).value().size(), 1u);
  ASSERT_TRUE(store_->DeleteStory(told.id));
  EXPECT_EQ(store_->FindStory(told.id).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->DeleteStory(told.id).error().kind, Kind::kNotFound);
  Story ghost = told;
  ghost.id = 999;
  EXPECT_EQ(store_->UpdateStory(ghost).error().kind, Kind::kNotFound);
}

TEST_P(ValueStoreTest, StoriesAreListedByTellerNewestFirst) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  Id solo = NewResponse("solo");
  NewStory(std::nullopt, solo, std::nullopt, "Solo");
  clock_.Set(1100);
  Id first = NewStory(c, std::nullopt, ada, "First").id;
  clock_.Set(1200);
  Id second = NewStory(c, std::nullopt, ada, "Second").id;
  auto mine = store_->UserStories(ada).value();
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].id, second);
  EXPECT_EQ(mine[1].id, first);
  EXPECT_EQ(store_->CommunityStories(c).value().size(), 2u) << "a solo story is in no community";
  EXPECT_EQ(store_->ResponseStories(solo).value().size(), 1u);
}

TEST_P(ValueStoreTest, StoriesGoWithTheirCommunityAndTheirAuthorsAccount) {
  Id ada = NewUser("ada@example.org");
  Id bob = NewUser("bob@example.org");
  Id c = NewCommunity(ada);
  ASSERT_TRUE(store_->AddCoordinator(c, bob));
  Id by_bob = NewStory(c, std::nullopt, bob, "Bob's").id;
  Id by_ada = NewStory(c, std::nullopt, ada, "Ada's").id;
  ASSERT_TRUE(store_->CreateIndicator({.community_id = c, .user_id = bob, .name = "Meetings",
                                       .value = 4, .cycle = "immediate", .period = "2026"}));
  ASSERT_TRUE(store_->SaveSponsorAsk(c, "Time"));
  ASSERT_TRUE(store_->DeleteUser(bob));  // the community stays: Ada coordinates it
  EXPECT_EQ(store_->FindStory(by_bob).error().kind, Kind::kNotFound);
  EXPECT_TRUE(store_->FindStory(by_ada));
  EXPECT_TRUE(store_->Indicators(c).value().empty()) << "Bob's indicator went with his account";
  ASSERT_TRUE(store_->DeleteCommunity(c));
  EXPECT_EQ(store_->FindStory(by_ada).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->SponsorAsk(c).value(), "");
}

TEST_P(ValueStoreTest, IndicatorsAndTheAsk) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  Id other = NewCommunity(ada);
  auto a = store_->CreateIndicator({.community_id = c, .user_id = ada, .name = "Downloads",
                                    .value = 12.5, .cycle = "potential", .period = "2025",
                                    .note = "web log"});
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_TRUE(store_->CreateIndicator({.community_id = c, .name = "Meetings", .value = 3,
                                       .cycle = "immediate", .period = "2026-Q1"}));
  auto list = store_->Indicators(c).value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].period, "2026-Q1") << "newest period first";
  EXPECT_EQ(list[1].value, 12.5);
  EXPECT_EQ(list[1].note, "web log");
  EXPECT_EQ(list[1].user_id, ada);
  EXPECT_FALSE(store_->CreateIndicator({.community_id = c, .name = "x", .cycle = "nonsense",
                                        .period = "2026"}));
  EXPECT_EQ(store_->DeleteIndicator(other, *a).error().kind, Kind::kNotFound)
      << "only from its own community";
  ASSERT_TRUE(store_->DeleteIndicator(c, *a));
  EXPECT_EQ(store_->Indicators(c).value().size(), 1u);

  EXPECT_EQ(store_->SponsorAsk(c).value(), "");
  ASSERT_TRUE(store_->SaveSponsorAsk(c, "An hour a month"));
  ASSERT_TRUE(store_->SaveSponsorAsk(c, "Two hours"));
  EXPECT_EQ(store_->SponsorAsk(c).value(), "Two hours");
  EXPECT_EQ(store_->SponsorAsk(other).value(), "");
}

INSTANTIATE_TEST_SUITE_P(AllStores, ValueStoreTest, ::testing::ValuesIn(test::AllStoreKinds()),
                         test::StoreKindName);

}  // namespace
}  // namespace cultivate::store
