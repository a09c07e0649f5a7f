// The Store contract for the lookups a signed-in request starts with (store_lookups.cc, and
// one query each on PostgreSQL): a session with its user, and a community its user
// coordinates. Run against every implementation.

#include <gtest/gtest.h>

#include "store/store_fixture.h"

namespace cultivate::store {
namespace {

using Kind = Error::Kind;
using test::StoreTest;

class LookupStoreTest : public StoreTest {
 protected:
  Id NewUser(const std::string& email) {
    auto id = store_->CreateUser({.email = email, .name = "Name of " + email,
                                  .password_hash = "$argon2id$" + email});
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }
};

TEST_P(LookupStoreTest, ASessionIsFoundWithItsOwnUser) {
  Id ada = NewUser("ada@example.org");
  Id bo = NewUser("bo@example.org");
  ASSERT_TRUE(store_->CreateSession({"sid-ada", ada, "csrf-ada", 1000, 1100}));
  ASSERT_TRUE(store_->CreateSession({"sid-bo", bo, "csrf-bo", 1200, 1300}));
  auto found = store_->FindSessionUser("sid-bo");
  ASSERT_TRUE(found) << found.error().message;
  const auto& [session, user] = *found;
  EXPECT_EQ(session.id_hash, "sid-bo");
  EXPECT_EQ(session.user_id, bo);
  EXPECT_EQ(session.csrf, "csrf-bo");
  EXPECT_EQ(session.created_at, 1200);
  EXPECT_EQ(session.seen_at, 1300);
  EXPECT_EQ(user.id, bo);
  EXPECT_EQ(user.email, "bo@example.org");
  EXPECT_EQ(user.name, "Name of bo@example.org");
  EXPECT_EQ(user.password_hash, "$argon2id$bo@example.org");
  EXPECT_EQ(user.created_at, 1000);
  EXPECT_EQ(store_->FindSessionUser("sid-ada")->second.id, ada);
  EXPECT_EQ(store_->FindSessionUser("sid-nobody").error().kind, Kind::kNotFound);
  ASSERT_TRUE(store_->DeleteUser(bo));
  EXPECT_EQ(store_->FindSessionUser("sid-bo").error().kind, Kind::kNotFound);
  ASSERT_TRUE(store_->DeleteSession("sid-ada"));
  EXPECT_EQ(store_->FindSessionUser("sid-ada").error().kind, Kind::kNotFound);
}

TEST_P(LookupStoreTest, ACommunityIsFoundOnlyByItsCoordinators) {
  Id ada = NewUser("ada@example.org");
  Id bo = NewUser("bo@example.org");
  auto nurses = store_->CreateCommunity({.name = "Nurses", .domain = "wound care"}, ada);
  auto makers = store_->CreateCommunity({.name = "Makers", .domain = "3D printing"}, bo);
  ASSERT_TRUE(nurses && makers);
  auto found = store_->FindCoordinatedCommunity(*nurses, ada);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->id, *nurses);
  EXPECT_EQ(found->name, "Nurses");
  EXPECT_EQ(found->domain, "wound care");
  EXPECT_EQ(store_->FindCoordinatedCommunity(*nurses, bo).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->FindCoordinatedCommunity(*makers, ada).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->FindCoordinatedCommunity(*makers + 100, ada).error().kind, Kind::kNotFound);
  ASSERT_TRUE(store_->AddCoordinator(*nurses, bo));
  EXPECT_EQ(store_->FindCoordinatedCommunity(*nurses, bo)->name, "Nurses");
  ASSERT_TRUE(store_->RemoveCoordinator(*nurses, ada));
  EXPECT_EQ(store_->FindCoordinatedCommunity(*nurses, ada).error().kind, Kind::kNotFound);
  ASSERT_TRUE(store_->DeleteCommunity(*nurses));
  EXPECT_EQ(store_->FindCoordinatedCommunity(*nurses, bo).error().kind, Kind::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(AllStores, LookupStoreTest, ::testing::ValuesIn(test::AllStoreKinds()),
                         test::StoreKindName);

}  // namespace
}  // namespace cultivate::store
