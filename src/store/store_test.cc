// The Store contract, run against every implementation. Written against store.h only; a new
// implementation joins by adding a StoreKind to INSTANTIATE_TEST_SUITE_P at the bottom.

#include "store/store.h"

#include <algorithm>
#include <functional>
#include <tuple>

#include <gtest/gtest.h>

#include "store/store_fixture.h"

namespace cultivate::store {
namespace {

using Kind = Error::Kind;
using test::StoreTest;

using AnswerRow = std::tuple<std::string, std::optional<int>, std::optional<int>, std::string>;
std::vector<AnswerRow> Rows(const std::vector<Answer>& answers) {
  std::vector<AnswerRow> rows;
  for (const auto& a : answers) rows.emplace_back(a.question, a.now, a.target, a.note);
  return rows;
}

using ItemRow = std::tuple<std::string, std::string, std::string, std::string, std::string>;
std::vector<ItemRow> Rows(const std::vector<PlanItem>& items) {
  std::vector<ItemRow> rows;
  for (const auto& i : items) rows.emplace_back(i.what, i.owner, i.due, i.status, i.source);
  return rows;
}

TEST_P(StoreTest, PingAnswers) { EXPECT_TRUE(store_->Ping()); }

TEST_P(StoreTest, CreatesAndFindsResponses) {
  Response solo{
      .token_hash = "h-solo", .name = "Gardeners", .phases = {"define"}, .bank_version = "v1"};
  Response team{
      .token_hash = "h-team", .name = "", .phases = {}, .bank_version = "v2", .round_id = 42};
  auto solo_id = store_->CreateResponse(solo);
  auto team_id = store_->CreateResponse(team);
  ASSERT_TRUE(solo_id && team_id);
  EXPECT_NE(*solo_id, *team_id);

  auto found = store_->FindResponse(*solo_id);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->id, *solo_id);
  EXPECT_EQ(found->token_hash, "h-solo");
  EXPECT_EQ(found->name, "Gardeners");
  EXPECT_EQ(found->phases, std::vector<std::string>{"define"});
  EXPECT_EQ(found->bank_version, "v1");
  EXPECT_EQ(found->round_id, std::nullopt);
  EXPECT_EQ(found->created_at, 1000);
  EXPECT_EQ(found->updated_at, 1000);

  auto by_hash = store_->FindResponseByTokenHash("h-team");
  ASSERT_TRUE(by_hash) << by_hash.error().message;
  EXPECT_EQ(by_hash->id, *team_id);
  EXPECT_EQ(by_hash->round_id, std::optional<Id>(42));
  EXPECT_TRUE(by_hash->phases.empty());
  EXPECT_EQ(by_hash->bank_version, "v2");
}

TEST_P(StoreTest, DuplicateTokenHashIsConflict) {
  NewResponse("same");
  auto again = store_->CreateResponse({.token_hash = "same", .bank_version = "v1"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, Kind::kConflict);
}

TEST_P(StoreTest, UnknownResponseIsNotFound) {
  const Id missing = 987654;
  EXPECT_EQ(store_->FindResponse(missing).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->FindResponseByTokenHash("nope").error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->UpdateResponse({.id = missing}).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->SaveAnswers(missing, {{"q1", 1, 2, ""}}).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->Answers(missing).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->SaveReflections(missing, {{"p", "t"}}).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->Reflections(missing).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->ResponsePlan(missing).error().kind, Kind::kNotFound);
  EXPECT_EQ(store_->SaveResponsePlan(missing, {}).error().kind, Kind::kNotFound);
}

TEST_P(StoreTest, UpdateChangesNameAndPhasesOnlyAndTouchesUpdatedAt) {
  Id id = NewResponse("h");
  clock_.Set(2000);
  Response change{.id = id,
                  .token_hash = "other",
                  .name = "Makers & Co",
                  .phases = {"grow", "perform", "transform"},
                  .bank_version = "other",
                  .round_id = 7};
  ASSERT_TRUE(store_->UpdateResponse(change));
  auto found = store_->FindResponse(id).value();
  EXPECT_EQ(found.name, "Makers & Co");
  EXPECT_EQ(found.phases, (std::vector<std::string>{"grow", "perform", "transform"}));
  EXPECT_EQ(found.token_hash, "h");
  EXPECT_EQ(found.bank_version, "2024.1");
  EXPECT_EQ(found.round_id, std::nullopt);
  EXPECT_EQ(found.created_at, 1000);
  EXPECT_EQ(found.updated_at, 2000);
}

TEST_P(StoreTest, PhaseIdsMustBeStorable) {
  auto comma =
      store_->CreateResponse({.token_hash = "a", .phases = {"define,grow"}, .bank_version = "v"});
  EXPECT_EQ(comma.error().kind, Kind::kInvalid);
  auto empty = store_->CreateResponse({.token_hash = "b", .phases = {""}, .bank_version = "v"});
  EXPECT_EQ(empty.error().kind, Kind::kInvalid);
  Id id = NewResponse();
  EXPECT_EQ(store_->UpdateResponse({.id = id, .phases = {"a,b"}}).error().kind, Kind::kInvalid);
  EXPECT_EQ(store_->FindResponse(id)->phases, (std::vector<std::string>{"define", "grow"}));
}

TEST_P(StoreTest, SaveAnswersUpsertsAndKeepsOtherAnswers) {
  Id id = NewResponse();
  ASSERT_TRUE(store_->SaveAnswers(id, {{"q2", 1, 3, "first"}, {"q1", 0, 4, ""}}));
  ASSERT_TRUE(
      store_->SaveAnswers(id, {{"q2", std::nullopt, 2, "second"}, {"q3", 2, std::nullopt, ""}}));
  auto answers = store_->Answers(id);
  ASSERT_TRUE(answers) << answers.error().message;
  EXPECT_EQ(Rows(*answers),
            (std::vector<AnswerRow>{
                {"q1", 0, 4, ""}, {"q2", std::nullopt, 2, "second"}, {"q3", 2, std::nullopt, ""}}));
  Id other = NewResponse("hash-2");
  EXPECT_TRUE(store_->Answers(other)->empty());
}

TEST_P(StoreTest, SaveAnswersTouchesUpdatedAt) {
  Id id = NewResponse();
  clock_.Set(1500);
  ASSERT_TRUE(store_->SaveAnswers(id, {{"q1", 1, 2, ""}}));
  EXPECT_EQ(UpdatedAt(id), 1500);
  EXPECT_EQ(store_->FindResponse(id)->created_at, 1000);
}

TEST_P(StoreTest, SaveAnswersIsAllOrNone) {
  Id id = NewResponse();
  ASSERT_TRUE(store_->SaveAnswers(id, {{"q1", 1, 1, "kept"}}));
  clock_.Set(3000);
  for (auto bad :
       {Answer{"q3", 7, 2, ""}, Answer{"q3", 2, -1, ""}, Answer{"q3", -1, std::nullopt, ""}}) {
    auto saved = store_->SaveAnswers(id, {{"q1", 3, 3, "changed"}, {"q2", 2, 2, "new"}, bad});
    ASSERT_FALSE(saved);
    EXPECT_EQ(saved.error().kind, Kind::kInvalid) << saved.error().message;
  }
  EXPECT_EQ(Rows(store_->Answers(id).value()), (std::vector<AnswerRow>{{"q1", 1, 1, "kept"}}));
  EXPECT_EQ(UpdatedAt(id), 1000);
}

TEST_P(StoreTest, TextRoundTripsExactly) {
  const std::string tricky =
      "It's \"ours\"; -- not yours'); DROP TABLE answers; --\n\ttab, comma, back\\slash, "
      "Gemeinschaft – größer · 日本語 · 🌱 · مجتمع";
  Response r{.token_hash = "h", .name = tricky, .bank_version = tricky};
  Id id = store_->CreateResponse(r).value();
  ASSERT_TRUE(store_->SaveAnswers(id, {{"q-" + tricky, 2, 3, tricky}}));
  ASSERT_TRUE(store_->SaveReflections(id, {{"p", tricky}}));
  EXPECT_EQ(store_->FindResponse(id)->name, tricky);
  EXPECT_EQ(store_->FindResponse(id)->bank_version, tricky);
  EXPECT_EQ(Rows(store_->Answers(id).value()),
            (std::vector<AnswerRow>{{"q-" + tricky, 2, 3, tricky}}));
  EXPECT_EQ(store_->Reflections(id).value().at(0).text, tricky);
}

// Text that means something in a PostgreSQL array literal or a CSV-ish list, as question ids
// and notes, saved together in one call: each comes back as it went in.
TEST_P(StoreTest, AnswersKeepTextThatLooksLikeSyntax) {
  Id id = NewResponse();
  const std::vector<std::string> texts = {"{", "}", "{a,b}", "NULL", "null", "", "  padded  ",
                                          "a,b", "\"", "\\", "\\\"", "'", "{\"x\": [1, 2]}",
                                          "line\nbreak"};
  std::vector<Answer> answers;
  for (std::size_t i = 0; i < texts.size(); ++i)
    answers.push_back({"q" + std::to_string(i + 10) + texts[i], static_cast<int>(i % 5),
                       i % 3 ? std::optional<int>(static_cast<int>((i + 1) % 5)) : std::nullopt,
                       texts[i]});
  ASSERT_TRUE(store_->SaveAnswers(id, answers));
  std::vector<AnswerRow> want = Rows(answers);
  std::sort(want.begin(), want.end());
  EXPECT_EQ(Rows(store_->Answers(id).value()), want);
}

TEST_P(StoreTest, AQuestionGivenTwiceInOneSaveKeepsItsLastAnswer) {
  Id id = NewResponse();
  ASSERT_TRUE(store_->SaveAnswers(id, {{"q1", 1, 1, "first"}, {"q2", 2, 2, ""}, {"q1", 3, 4, "last"}}));
  EXPECT_EQ(Rows(store_->Answers(id).value()),
            (std::vector<AnswerRow>{{"q1", 3, 4, "last"}, {"q2", 2, 2, ""}}));
}

TEST_P(StoreTest, AWholeBankIsSavedInOneCall) {
  Id id = NewResponse();
  std::vector<Answer> answers;
  for (int i = 0; i < 300; ++i) answers.push_back({"q" + std::to_string(1000 + i), i % 5, (i + 1) % 5, ""});
  ASSERT_TRUE(store_->SaveAnswers(id, answers));
  EXPECT_EQ(Rows(store_->Answers(id).value()), Rows(answers));
  ASSERT_TRUE(store_->SaveAnswers(id, {}));  // nothing to save: still fine, nothing lost
  EXPECT_EQ(store_->Answers(id).value().size(), 300u);
  EXPECT_EQ(store_->SaveAnswers(id + 1000, {{"q1", 1, 1, ""}}).error().kind, Kind::kNotFound);
}

TEST_P(StoreTest, ReflectionsUpsertByPromptInPromptOrder) {
  Id id = NewResponse();
  EXPECT_TRUE(store_->Reflections(id)->empty());
  ASSERT_TRUE(store_->SaveReflections(id, {{"why", "to learn"}, {"hope", "more members"}}));
  ASSERT_TRUE(store_->SaveReflections(id, {{"why", "to learn together"}, {"fear", ""}}));
  auto reflections = store_->Reflections(id).value();
  ASSERT_EQ(reflections.size(), 3u);
  EXPECT_EQ(reflections[0].prompt, "fear");
  EXPECT_EQ(reflections[0].text, "");
  EXPECT_EQ(reflections[1].prompt, "hope");
  EXPECT_EQ(reflections[1].text, "more members");
  EXPECT_EQ(reflections[2].prompt, "why");
  EXPECT_EQ(reflections[2].text, "to learn together");
}

TEST_P(StoreTest, PlanIsAbsentUntilSaved) {
  Id id = NewResponse();
  auto plan = store_->ResponsePlan(id);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_FALSE(plan->has_value());
}

TEST_P(StoreTest, PlanSaveReplaceAndReadKeepItemOrder) {
  Id id = NewResponse();
  Id other = NewResponse("hash-2");
  Plan plan{.vision = "A lively CoP",
            .goals = "Grow to 40",
            .strategies = "Monthly meetups",
            .items = {{"Zeta task", "Ann", "2025-03-01", "todo", "q7"},
                      {"Alpha task", "", "", "doing", ""},
                      {"Mid task", "Bo", "2025-01-15", "done", "q2"}}};
  clock_.Set(2000);
  ASSERT_TRUE(store_->SaveResponsePlan(id, plan));
  auto read = store_->ResponsePlan(id).value();
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->vision, "A lively CoP");
  EXPECT_EQ(read->goals, "Grow to 40");
  EXPECT_EQ(read->strategies, "Monthly meetups");
  EXPECT_EQ(read->updated_at, 2000);
  EXPECT_EQ(Rows(read->items), Rows(plan.items));

  Plan replacement{.vision = "v2",
                   .items = {{"Second", "", "", "dropped", ""}, {"First", "", "", "todo", ""}}};
  clock_.Set(3000);
  ASSERT_TRUE(store_->SaveResponsePlan(id, replacement));
  read = store_->ResponsePlan(id).value();
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->vision, "v2");
  EXPECT_EQ(read->goals, "");
  EXPECT_EQ(read->updated_at, 3000);
  EXPECT_EQ(Rows(read->items), Rows(replacement.items));

  ASSERT_TRUE(store_->SaveResponsePlan(id, {.vision = "no items"}));
  EXPECT_TRUE(store_->ResponsePlan(id).value()->items.empty());
  EXPECT_FALSE(store_->ResponsePlan(other).value().has_value());
}

TEST_P(StoreTest, PlanWithInvalidItemChangesNothing) {
  Id id = NewResponse();
  Plan good{.vision = "kept", .items = {{"Keep me", "", "", "todo", ""}}};
  ASSERT_TRUE(store_->SaveResponsePlan(id, good));
  Plan bad_status{.vision = "lost",
                  .items = {{"ok", "", "", "done", ""}, {"bad", "", "", "blocked", ""}}};
  Plan bad_due{.vision = "lost", .items = {{"bad", "", "next week", "todo", ""}}};
  EXPECT_EQ(store_->SaveResponsePlan(id, bad_status).error().kind, Kind::kInvalid);
  EXPECT_EQ(store_->SaveResponsePlan(id, bad_due).error().kind, Kind::kInvalid);
  auto read = store_->ResponsePlan(id).value();
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->vision, "kept");
  EXPECT_EQ(Rows(read->items), Rows(good.items));
}

INSTANTIATE_TEST_SUITE_P(AllStores, StoreTest, ::testing::ValuesIn(test::AllStoreKinds()),
                         test::StoreKindName);

}  // namespace
}  // namespace cultivate::store
