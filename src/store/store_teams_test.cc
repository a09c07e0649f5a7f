// The Store contract for team check-ups: accounts, sessions, communities, rounds, invites,
// sponsor links and the community plan, run against every implementation.

#include <gtest/gtest.h>

#include "store/store_fixture.h"

namespace cultivate::store {
namespace {

using Kind = Error::Kind;

class TeamStoreTest : public test::StoreTest {
 protected:
  Id NewUser(const std::string& email) {
    auto id = store_->CreateUser({.email = email, .name = "N", .password_hash = "$argon2id$x"});
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }
  Id NewCommunity(Id coordinator, const std::string& name = "Nurses") {
    auto id = store_->CreateCommunity({.name = name, .domain = "wound care"}, coordinator);
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }
  Id NewRound(Id community) {
    auto id = store_->CreateRound({.community_id = community, .bank_version = "2026.1"});
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }
  Id Join(Id invite, const std::string& token_hash) {
    auto id = store_->JoinRound(invite, {.token_hash = token_hash, .phases = {"define"},
                                         .bank_version = "2026.1"});
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }
  Id NewInvite(Id community, Id round, const std::string& hash = "inv") {
    auto id = store_->CreateInvite(
        {.community_id = community, .round_id = round, .token_hash = hash, .expires_at = 9999});
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }
};

TEST_P(TeamStoreTest, UsersHaveUniqueCaseInsensitiveEmails) {
  Id id = NewUser("Ada@Example.org");
  auto found = store_->FindUserByEmail("ada@example.ORG");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->email, "Ada@Example.org");
  EXPECT_EQ(found->password_hash, "$argon2id$x");
  EXPECT_EQ(found->created_at, 1000);
  auto again = store_->CreateUser({.email = "ADA@example.org", .password_hash = "h"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, Kind::kConflict);
  EXPECT_EQ(store_->FindUserByEmail("nobody@example.org").error().kind, Kind::kNotFound);
}

TEST_P(TeamStoreTest, SessionsAreFoundTouchedAndDeleted) {
  Id user = NewUser("a@example.org");
  ASSERT_TRUE(store_->CreateSession({"sid", user, "csrf-1", 1000, 1000}));
  EXPECT_EQ(store_->CreateSession({"sid", user, "x", 1, 1}).error().kind, Kind::kConflict);
  ASSERT_TRUE(store_->TouchSession("sid", 1500));
  auto s = store_->FindSession("sid");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->user_id, user);
  EXPECT_EQ(s->csrf, "csrf-1");
  EXPECT_EQ(s->created_at, 1000);
  EXPECT_EQ(s->seen_at, 1500);
  ASSERT_TRUE(store_->DeleteSession("sid"));
  EXPECT_EQ(store_->FindSession("sid").error().kind, Kind::kNotFound);
  EXPECT_TRUE(store_->DeleteSession("sid"));  // already gone: fine
  EXPECT_EQ(store_->TouchSession("sid", 2000).error().kind, Kind::kNotFound);
}

TEST_P(TeamStoreTest, CommunitiesBelongToTheirCoordinators) {
  Id ada = NewUser("ada@example.org");
  Id bob = NewUser("bob@example.org");
  Id nurses = NewCommunity(ada, "Nurses");
  Id builders = NewCommunity(bob, "Builders");
  auto mine = store_->UserCommunities(ada).value();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].id, nurses);
  EXPECT_EQ(mine[0].domain, "wound care");
  ASSERT_TRUE(store_->AddCoordinator(builders, ada));
  EXPECT_EQ(store_->AddCoordinator(builders, ada).error().kind, Kind::kConflict);
  EXPECT_EQ(store_->UserCommunities(ada).value().size(), 2u);
  EXPECT_EQ(store_->Coordinators(builders).value().size(), 2u);
  ASSERT_TRUE(store_->RemoveCoordinator(builders, bob));
  EXPECT_EQ(store_->RemoveCoordinator(builders, ada).error().kind, Kind::kConflict);
  EXPECT_EQ(store_->Coordinators(builders).value().size(), 1u);
  EXPECT_EQ(store_->RemoveCoordinator(nurses, bob).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->CreateCommunity({.name = "X"}, 999).error().kind, Kind::kNotFound);
}

TEST_P(TeamStoreTest, UpdateAndDeleteCommunity) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  clock_.Set(2000);
  Community edit = store_->FindCommunity(c).value();
  edit.name = "Wound nurses";
  edit.phase = "grow";
  ASSERT_TRUE(store_->UpdateCommunity(edit));
  auto read = store_->FindCommunity(c).value();
  EXPECT_EQ(read.name, "Wound nurses");
  EXPECT_EQ(read.phase, "grow");
  EXPECT_EQ(read.created_at, 1000);
  EXPECT_EQ(read.updated_at, 2000);
  edit.id = 999;
  EXPECT_EQ(store_->UpdateCommunity(edit).error().kind, Kind::kNotFound);
}

TEST_P(TeamStoreTest, DeletingACommunityRemovesEverythingInIt) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  Id other = NewCommunity(ada, "Other");
  Id round = NewRound(c);
  Id invite = NewInvite(c, round);
  Id member = Join(invite, "member-1");
  ASSERT_TRUE(store_->SaveAnswers(member, {{"q1", 2, 3, "note"}}));
  ASSERT_TRUE(store_->SaveReflections(member, {{"p1", "text"}}));
  ASSERT_TRUE(store_->SaveCommunityPlan(c, {.vision = "v", .items = {{"do", "", "", "todo", ""}}}));
  ASSERT_TRUE(store_->CreateSponsorLink({.community_id = c, .token_hash = "sp"}));
  Id other_round = NewRound(other);
  ASSERT_TRUE(store_->DeleteCommunity(c));
  EXPECT_EQ(store_->FindCommunity(c).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->FindRound(round).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->FindInvite(invite).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->FindResponse(member).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->FindSponsorLinkByTokenHash("sp").error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->CommunityPlan(c).error().kind, Kind::kNotFound);
  EXPECT_TRUE(store_->FindRound(other_round));  // another community is untouched
  EXPECT_EQ(store_->DeleteCommunity(c).error().kind, Kind::kNotFound);
}

TEST_P(TeamStoreTest, OneOpenRoundAtATimeWithCounts) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  Id first = NewRound(c);
  EXPECT_EQ(store_->CreateRound({.community_id = c, .bank_version = "v"}).error().kind,
            Kind::kConflict);
  Id invite = NewInvite(c, first);
  Id m1 = Join(invite, "m1");
  Join(invite, "m2");
  ASSERT_TRUE(store_->SaveAnswers(m1, {{"q1", 1, 3, ""}}));
  auto round = store_->FindRound(first).value();
  EXPECT_TRUE(round.open());
  EXPECT_EQ(round.joined, 2);
  EXPECT_EQ(round.answered, 1);
  EXPECT_EQ(store_->FindInvite(invite).value().uses, 2);
  auto quick = store_->FindRoundQuick(first).value();
  EXPECT_EQ(quick.revision, round.revision);
  EXPECT_EQ(quick.community_id, c);
  EXPECT_EQ(quick.joined, 0) << "no counting";
  std::int64_t revision = round.revision;
  ASSERT_TRUE(store_->SaveAnswers(m1, {{"q2", 2, 2, ""}}));
  EXPECT_GT(store_->FindRound(first).value().revision, revision);
  ASSERT_TRUE(store_->CloseRound(first, 5000));
  EXPECT_EQ(store_->CloseRound(first, 6000).error().kind, Kind::kConflict);
  EXPECT_EQ(store_->FindRound(first).value().closed_at, 5000);
  // Joining a closed round fails and creates nothing.
  auto late = store_->JoinRound(invite, {.token_hash = "m3", .bank_version = "v"});
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().kind, Kind::kConflict);
  EXPECT_EQ(store_->FindResponseByTokenHash("m3").error().kind, Kind::kNotFound);
  clock_.Set(7000);
  Id second = NewRound(c);
  auto rounds = store_->Rounds(c).value();
  ASSERT_EQ(rounds.size(), 2u);
  EXPECT_EQ(rounds[0].id, second);  // newest first
  EXPECT_EQ(rounds[1].joined, 2);
}

TEST_P(TeamStoreTest, RoundAnswersAreGroupedPerResponse) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  Id round = NewRound(c);
  Id invite = NewInvite(c, round);
  Id m1 = Join(invite, "m1");
  Id m2 = Join(invite, "m2");
  Join(invite, "m3");  // joined, never answered
  ASSERT_TRUE(store_->SaveAnswers(m1, {{"q1", 1, 3, "a"}, {"q2", 2, 2, ""}}));
  ASSERT_TRUE(store_->SaveAnswers(m2, {{"q1", 4, 4, ""}}));
  ASSERT_TRUE(store_->SaveReflections(m1, {{"p1", "zebra"}, {"p2", " "}}));
  ASSERT_TRUE(store_->SaveReflections(m2, {{"p1", "apple"}}));
  auto lists = store_->RoundAnswers(round).value();
  ASSERT_EQ(lists.size(), 2u);
  std::size_t total = lists[0].answers.size() + lists[1].answers.size();
  EXPECT_FALSE(lists[0].by_coordinator);
  EXPECT_EQ(total, 3u);
  auto notes = store_->RoundReflections(round).value();
  ASSERT_EQ(notes.size(), 2u);  // blank text left out
  EXPECT_EQ(notes[0].text, "apple");  // sorted, not in the order people wrote
  EXPECT_EQ(notes[1].text, "zebra");
  // A solo response never shows up in a round.
  Id solo = NewResponse("solo");
  ASSERT_TRUE(store_->SaveAnswers(solo, {{"q1", 0, 0, ""}}));
  EXPECT_EQ(store_->RoundAnswers(round).value().size(), 2u);
}

TEST_P(TeamStoreTest, AnInviteIsUsedAtMostMaxUsesTimes) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  Id round = NewRound(c);
  auto invite = store_->CreateInvite({.community_id = c, .round_id = round, .token_hash = "two",
                                      .expires_at = 9999, .max_uses = 2});
  ASSERT_TRUE(invite);
  Join(*invite, "a");
  Join(*invite, "b");
  auto third = store_->JoinRound(*invite, {.token_hash = "c", .bank_version = "v"});
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().kind, Kind::kGone);
  EXPECT_EQ(store_->FindResponseByTokenHash("c").error().kind, Kind::kNotFound) << "nothing made";
  auto found = store_->FindInvite(*invite).value();
  EXPECT_EQ(found.uses, 2);
  EXPECT_EQ(found.max_uses, 2);
  EXPECT_TRUE(found.full());
  EXPECT_EQ(store_->FindRound(round).value().invited, 2);
  ASSERT_TRUE(store_->RevokeInvite(*invite, 2000));
  EXPECT_EQ(store_->FindRound(round).value().invited, 2) << "a withdrawn link counts its joins";
}

TEST_P(TeamStoreTest, ACoordinatorsOwnResponseIsMarkedAndFound) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  Id round = NewRound(c);
  Id invite = NewInvite(c, round);
  auto mine = store_->JoinRound(invite, {.token_hash = "mine", .bank_version = "v",
                                         .by_coordinator = true, .user_id = ada});
  ASSERT_TRUE(mine);
  Id member = Join(invite, "member");
  ASSERT_TRUE(store_->SaveAnswers(*mine, {{"q1", 0, 0, ""}}));
  ASSERT_TRUE(store_->SaveAnswers(member, {{"q1", 4, 4, ""}}));
  auto r = store_->FindRound(round).value();
  EXPECT_EQ(r.answered, 1) << "members only";
  EXPECT_EQ(r.coordinator_answered, 1);
  EXPECT_EQ(r.joined, 1) << "members only";
  auto lists = store_->RoundAnswers(round).value();
  ASSERT_EQ(lists.size(), 2u);
  EXPECT_NE(lists[0].by_coordinator, lists[1].by_coordinator);
  EXPECT_EQ(store_->UserResponse(round, ada).value().id, *mine);
  ASSERT_TRUE(store_->ReplaceResponseToken(*mine, "fresh"));
  EXPECT_EQ(store_->FindResponseByTokenHash("mine").error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->FindResponseByTokenHash("fresh").value().id, *mine);
  // The account goes; the response stays the coordinator's and never counts as a member's.
  Id bob = NewUser("bob@example.org");
  ASSERT_TRUE(store_->AddCoordinator(c, bob));
  ASSERT_TRUE(store_->DeleteUser(ada));
  auto kept = store_->FindResponseByTokenHash("fresh").value();
  EXPECT_TRUE(kept.by_coordinator);
  EXPECT_FALSE(kept.user_id);
  EXPECT_EQ(store_->FindRound(round).value().answered, 1);
  EXPECT_EQ(store_->UserResponse(round, bob).error().kind, Kind::kNotFound);
}

TEST_P(TeamStoreTest, NothingIsSavedIntoAClosedRound) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  Id round = NewRound(c);
  Id member = Join(NewInvite(c, round), "m");
  ASSERT_TRUE(store_->SaveAnswers(member, {{"q1", 1, 2, "before"}}));
  ASSERT_TRUE(store_->CloseRound(round, 2000));
  std::int64_t revision = store_->FindRound(round).value().revision;
  auto late = store_->SaveAnswers(member, {{"q1", 4, 4, "after"}});
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().kind, Kind::kConflict);
  EXPECT_EQ(store_->SaveReflections(member, {{"p1", "after"}}).error().kind, Kind::kConflict);
  EXPECT_EQ(store_->Answers(member).value()[0].note, "before");
  EXPECT_TRUE(store_->Reflections(member).value().empty());
  EXPECT_EQ(store_->FindRound(round).value().revision, revision) << "a closed round never changes";
  // A solo check-up has no round to close.
  Id solo = NewResponse("solo");
  EXPECT_TRUE(store_->SaveAnswers(solo, {{"q1", 1, 1, ""}}));
}

TEST_P(TeamStoreTest, AJoinBySomeoneWhoCoordinatesIsMarkedWhateverTheCallerThought) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  Id round = NewRound(c);
  auto invite = store_->CreateInvite({.community_id = c, .round_id = round, .token_hash = "one",
                                      .expires_at = 9999, .max_uses = 1});
  auto id = store_->JoinRound(*invite, {.token_hash = "ada", .bank_version = "v", .user_id = ada});
  ASSERT_TRUE(id);
  EXPECT_TRUE(store_->FindResponseByTokenHash("ada").value().by_coordinator);
  EXPECT_EQ(store_->FindInvite(*invite).value().uses, 0) << "and takes no place";
}

TEST_P(TeamStoreTest, BecomingACoordinatorMarksTheResponsesMadeSignedIn) {
  Id ada = NewUser("ada@example.org");
  Id bob = NewUser("bob@example.org");
  Id c = NewCommunity(ada);
  Id round = NewRound(c);
  Id invite = NewInvite(c, round);
  auto bobs = store_->JoinRound(invite, {.token_hash = "bob", .bank_version = "v", .user_id = bob});
  ASSERT_TRUE(bobs);
  ASSERT_TRUE(store_->SaveAnswers(*bobs, {{"q1", 4, 4, ""}}));
  EXPECT_EQ(store_->FindRound(round).value().answered, 1);
  std::int64_t revision = store_->FindRound(round).value().revision;
  ASSERT_TRUE(store_->AddCoordinator(c, bob));
  auto r = store_->FindRound(round).value();
  EXPECT_EQ(r.answered, 0);
  EXPECT_EQ(r.coordinator_answered, 1);
  EXPECT_GT(r.revision, revision) << "cached results are known stale";
  EXPECT_TRUE(store_->FindResponseByTokenHash("bob").value().by_coordinator);
  EXPECT_EQ(store_->UserResponse(round, bob).value().id, *bobs);
}

TEST_P(TeamStoreTest, InvitesAreRevocableAndTiedToTheirCommunity) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  Id other = NewCommunity(ada, "Other");
  Id round = NewRound(c);
  auto wrong = store_->CreateInvite(
      {.community_id = other, .round_id = round, .token_hash = "x", .expires_at = 1});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().kind, Kind::kNotFound);
  Id invite = NewInvite(c, round, "hash-a");
  auto found = store_->FindInviteByTokenHash("hash-a").value();
  EXPECT_EQ(found.id, invite);
  EXPECT_EQ(found.round_id, round);
  EXPECT_EQ(found.expires_at, 9999);
  EXPECT_FALSE(found.revoked_at);
  ASSERT_TRUE(store_->RevokeInvite(invite, 3000));
  ASSERT_TRUE(store_->RevokeInvite(invite, 4000));  // keeps the first time
  EXPECT_EQ(store_->FindInvite(invite).value().revoked_at, 3000);
  EXPECT_EQ(store_->Invites(c).value().size(), 1u);
  EXPECT_TRUE(store_->Invites(other).value().empty());
}

TEST_P(TeamStoreTest, CommunityPlanIsSavedAndReplaced) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  EXPECT_FALSE(store_->CommunityPlan(c).value().has_value());
  Plan plan{.vision = "v1", .items = {{"a", "Ada", "2027-01-31", "doing", "q1"}}};
  ASSERT_TRUE(store_->SaveCommunityPlan(c, plan));
  plan.vision = "v2";
  plan.items.push_back({"b", "", "", "todo", ""});
  ASSERT_TRUE(store_->SaveCommunityPlan(c, plan));
  auto read = store_->CommunityPlan(c).value();
  ASSERT_TRUE(read);
  EXPECT_EQ(read->vision, "v2");
  ASSERT_EQ(read->items.size(), 2u);
  EXPECT_EQ(read->items[0].status, "doing");
  Plan bad = plan;
  bad.items[0].status = "maybe";
  EXPECT_EQ(store_->SaveCommunityPlan(c, bad).error().kind, Kind::kInvalid);
  EXPECT_EQ(store_->CommunityPlan(c).value()->items[0].status, "doing");
  EXPECT_EQ(store_->SaveCommunityPlan(999, plan).error().kind, Kind::kNotFound);
}

TEST_P(TeamStoreTest, SponsorLinksAreRevocable) {
  Id ada = NewUser("ada@example.org");
  Id c = NewCommunity(ada);
  auto id = store_->CreateSponsorLink({.community_id = c, .token_hash = "sp", .label = "Dean"});
  ASSERT_TRUE(id);
  auto link = store_->FindSponsorLinkByTokenHash("sp").value();
  EXPECT_EQ(link.label, "Dean");
  EXPECT_FALSE(link.revoked_at);
  ASSERT_TRUE(store_->RevokeSponsorLink(*id, 3000));
  EXPECT_EQ(store_->FindSponsorLink(*id).value().revoked_at, 3000);
  EXPECT_EQ(store_->SponsorLinks(c).value().size(), 1u);
}

TEST_P(TeamStoreTest, DeletingAUserDeletesCommunitiesTheyRanAlone) {
  Id ada = NewUser("ada@example.org");
  Id bob = NewUser("bob@example.org");
  Id alone = NewCommunity(ada, "Alone");
  Id shared = NewCommunity(ada, "Shared");
  ASSERT_TRUE(store_->AddCoordinator(shared, bob));
  ASSERT_TRUE(store_->CreateSession({"s", ada, "c", 1, 1}));
  ASSERT_TRUE(store_->DeleteUser(ada));
  EXPECT_EQ(store_->FindUser(ada).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->FindSession("s").error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->FindCommunity(alone).error().kind, Kind::kNotFound);
  ASSERT_TRUE(store_->FindCommunity(shared));
  auto left = store_->Coordinators(shared).value();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].id, bob);
}

INSTANTIATE_TEST_SUITE_P(AllStores, TeamStoreTest, ::testing::ValuesIn(test::AllStoreKinds()),
                         test::StoreKindName);

}  // namespace
}  // namespace cultivate::store
