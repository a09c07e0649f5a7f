// The yearly review meeting: the dot-vote, hand counts, actions, notes and the next review.
#include "community/meeting.h"

#include <algorithm>
#include <set>

#include <sodium.h>

#include "auth/tokens.h"
#include "common/dates.h"
#include "common/field_rules.h"
#include "common/message_keys.h"
#include "common/message_keys_review.h"
#include "plan/check.h"

namespace cultivate::community {

using Kind = Error::Kind;
using model::VoteState;

namespace {

// The voter as stored: a hash of a secret only their device holds (their private link, or
// the browser's vote cookie), so the store can let them change their vote but no one can
// tell from the store whose it is.
std::string VoterHash(const std::string& secret) { return auth::HashToken("vote:" + secret); }

std::string NewCode() {
  std::string code;
  const std::string alphabet = kCodeAlphabet;
  for (size_t i = 0; i < kCodeLength; ++i)
    code += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
  return code;
}

}  // namespace

Result<Room> Meeting::Open(const model::Community& community, const std::string& round_id) {
  auto round = team_.RoundIn(community, round_id, /*counts=*/true);
  if (!round) return Fail(round.error());
  if (round->open()) return Fail(Error::Say(Kind::kConflict, msg::kReviewRoundOpen));
  auto results = team_.Results(community, *round);
  if (!results) return Fail(results.error());
  auto review = store_.FindReview(round->id);
  if (!review) return Fail(review.error());
  auto tally = store_.Tally(round->id);
  if (!tally) return Fail(tally.error());
  Room room{community, *round, *results, std::move(*review), std::move(*tally), {}};
  if (!room.results->hidden) room.areas = room.results->results.improvement_areas;
  return room;
}

Status Meeting::StartVote(const Room& room) {
  if (room.areas.empty()) return Fail(Error::Say(Kind::kConflict, msg::kReviewNothingToVote));
  if (room.review.vote == VoteState::kClosed)
    return Fail(Error::Say(Kind::kConflict, msg::kReviewVoteClosed));
  for (int attempt = 0; attempt < 5; ++attempt) {  // a code in use elsewhere: draw again
    auto ok = store_.OpenVote(room.round.id, NewCode());
    if (ok || ok.error().kind != Kind::kConflict) return ok;
    auto now = store_.FindReview(room.round.id);
    if (now && now->vote == VoteState::kClosed)
      return Fail(Error::Say(Kind::kConflict, msg::kReviewVoteClosed));
  }
  return Fail(Error::Unavailable("no free voting code"));
}

Status Meeting::EndVote(const Room& room) {
  auto ok = store_.CloseVote(room.round.id);
  if (!ok && ok.error().kind == Kind::kConflict)
    return Fail(Error::Say(Kind::kConflict, msg::kReviewVoteNotOpen));
  return ok;
}

Status Meeting::CountHands(const Room& room, const std::string& area, const std::string& count) {
  std::vector<FieldError> errors;
  bool known = std::any_of(room.areas.begin(), room.areas.end(),
                           [&](const assess::Area& a) { return a.key == area; });
  if (!known) errors.push_back({"", "area", msg::kReviewUnknownArea});
  auto n = ParseId(count);
  int value = count == "0" ? 0 : n && *n <= kMaxHandCount ? static_cast<int>(*n) : -1;
  if (value < 0) errors.push_back({"", "count", {msg::kReviewHandCount, {Arg("max", kMaxHandCount)}}});
  if (!errors.empty()) {
    Message first = errors.front().text;
    return Fail(Error::Fields(std::move(errors), std::move(first)));
  }
  auto ok = store_.SetHandCount(room.round.id, area, value);
  if (!ok && ok.error().kind == Kind::kConflict)
    return Fail(Error::Say(Kind::kConflict, msg::kReviewVoteClosed));
  return ok;
}

Result<model::VoteTally> Meeting::Tally(const model::Round& round) { return store_.Tally(round.id); }

Status Meeting::AddAction(const Room& room, const ActionInput& action) {
  model::Plan one;
  one.items.push_back({action.what, action.owner, action.due, "todo", ""});
  std::vector<FieldError> errors = plan::Check(one);
  for (auto& e : errors)  // "items.0.due" -> "due": the form has one action
    if (auto dot = e.field.rfind('.'); dot != std::string::npos) e.field = e.field.substr(dot + 1);
  if (action.what.empty()) errors.push_back({"", "what", msg::kReviewActionWhat});
  if (!action.area.empty() &&
      std::none_of(room.areas.begin(), room.areas.end(),
                   [&](const assess::Area& a) { return a.key == action.area; }))
    errors.push_back({"", "area", msg::kReviewUnknownArea});
  if (!errors.empty()) return Fail(Error::Fields(std::move(errors), msg::kReviewActionInvalid));
  model::PlanItem item = one.items.front();
  if (!action.area.empty()) {
    for (const auto& a : room.areas)
      if (a.key == action.area && !a.questions.empty()) item.source = a.questions.front();
  }
  // The store checks the limit in the same step as the append: two facilitators adding the
  // fiftieth action at once cannot make a plan that no later save accepts.
  auto added = store_.AddPlanItems(room.community.id, {item}, plan::kMaxPlanItems);
  if (!added && added.error().kind == Kind::kConflict)
    return Fail(Error::Say(Kind::kConflict, {msg::kReviewPlanFull, {Arg("max", plan::kMaxPlanItems)}}));
  return added;
}

Status Meeting::AddNote(const Room& room, const std::string& text) {
  std::vector<FieldError> errors;
  CheckText(text, "note", kMaxNoteLength, &errors);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    errors.push_back({"", "note", msg::kReviewNoteEmpty});
  if (!errors.empty()) {
    Message first = errors.front().text;
    return Fail(Error::Fields(std::move(errors), std::move(first)));
  }
  if (room.review.notes.size() >= kMaxNotes)
    return Fail(Error::Say(Kind::kConflict, {msg::kReviewNotesFull, {Arg("max", kMaxNotes)}}));
  auto id = store_.AddDecisionNote(room.round.id, text, clock_());
  if (!id) return Fail(id.error());
  return {};
}

Status Meeting::SetNextReview(const Room& room, const std::string& date) {
  if (!date.empty()) {
    auto at = ParseDate(date);
    if (!at) return Fail(Error::Fields({{"", "next_review", msg::kDateInvalid}}, msg::kDateInvalid));
    if (*at + 86400 <= clock_())
      return Fail(Error::Fields({{"", "next_review", msg::kReviewDatePast}}, msg::kReviewDatePast));
  }
  return store_.SetNextReview(room.round.id, date);
}

// ---- members ----

Result<Ballot> Meeting::BallotOf(const model::Community& community, const model::Round& round,
                                 const std::string& voter_hash) {
  auto results = team_.Results(community, round);
  if (!results) return Fail(results.error());
  auto review = store_.FindReview(round.id);
  if (!review) return Fail(review.error());
  Ballot ballot{community, round, {}, {}, review->vote};
  if (!(*results)->hidden) ballot.areas = (*results)->results.improvement_areas;
  auto mine = store_.VoteOf(round.id, voter_hash);
  if (!mine) return Fail(mine.error());
  ballot.mine = std::move(*mine);
  return ballot;
}

Status Meeting::Vote(const Ballot& ballot, const std::string& voter_hash,
                     const std::vector<std::string>& areas) {
  std::set<std::string> chosen(areas.begin(), areas.end());
  if (chosen.size() > kMaxVotes)
    return Fail(Error::Fields({{"", "areas", {msg::kReviewTooManyVotes, {Arg("max", kMaxVotes)}}}},
                              {msg::kReviewTooManyVotes, {Arg("max", kMaxVotes)}}));
  for (const auto& key : chosen)
    if (std::none_of(ballot.areas.begin(), ballot.areas.end(),
                     [&](const assess::Area& a) { return a.key == key; }))
      return Fail(Error::Fields({{"", "areas", msg::kReviewUnknownArea}}, msg::kReviewUnknownArea));
  // A code works on any phone in the room, so a fresh browser is a fresh voter: never more
  // voters than people who joined the round, or fresh cookies could stuff the tally.
  if (!chosen.empty()) {
    auto before = store_.VoteOf(ballot.round.id, voter_hash);
    if (!before) return Fail(before.error());
    if (before->empty()) {
      auto tally = store_.Tally(ballot.round.id);
      if (!tally) return Fail(tally.error());
      auto counted = store_.FindRound(ballot.round.id);
      if (!counted) return Fail(counted.error());
      if (tally->voters >= std::max(counted->joined, 1))
        return Fail(Error::Say(Kind::kConflict, msg::kReviewVotersFull));
    }
  }
  auto ok = store_.CastVote(ballot.round.id, voter_hash, {chosen.begin(), chosen.end()});
  if (!ok && ok.error().kind == Kind::kConflict)
    return Fail(Error::Say(Kind::kConflict, msg::kReviewVoteNotOpen));
  return ok;
}

Result<Ballot> Meeting::MemberBallot(const model::Response& response, const std::string& token) {
  if (!response.round_id) return Fail(Error::NotFound("a solo check-up has no meeting"));
  auto round = store_.FindRoundQuick(*response.round_id);
  if (!round) return Fail(round.error());
  if (round->open()) return Fail(Error::Say(Kind::kConflict, msg::kReviewVoteNotOpen));
  auto community = store_.FindCommunity(round->community_id);
  if (!community) return Fail(community.error());
  return BallotOf(*community, *round, VoterHash(token));
}

Status Meeting::MemberVote(const model::Response& response, const std::string& token,
                           const std::vector<std::string>& areas) {
  auto ballot = MemberBallot(response, token);
  if (!ballot) return Fail(ballot.error());
  return Vote(*ballot, VoterHash(token), areas);
}

std::string Meeting::CleanCode(const std::string& typed) {
  std::string code;
  for (char ch : typed) {
    if (ch == ' ' || ch == '-') continue;
    char up = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
    if (std::string(kCodeAlphabet).find(up) == std::string::npos) return "";
    code += up;
  }
  return code.size() == kCodeLength ? code : "";
}

Result<model::Round> Meeting::CodeRound(const std::string& typed, const std::string& address) {
  std::string key = "vote-code:" + address;
  std::int64_t now = clock_();
  auto misses = store_.ThrottleTimes(key, now - kCodeWindow);
  if (!misses) return Fail(misses.error());
  if (misses->size() >= static_cast<size_t>(kCodeMisses))
    return Fail(Error::Say(Kind::kThrottled, msg::kReviewCodeThrottled));
  std::string code = CleanCode(typed);
  auto round_id = code.empty() ? Result<model::Id>(Fail(Error::NotFound("malformed code")))
                               : store_.FindOpenVote(code);
  if (!round_id) {
    if (round_id.error().kind != Kind::kNotFound) return Fail(round_id.error());
    if (auto counted = store_.AddThrottleTime(key, now, kCodeWindow, 0); !counted)
      return Fail(counted.error());
    return Fail(Error::Say(Kind::kNotFound, msg::kReviewCodeUnknown));
  }
  return store_.FindRoundQuick(*round_id);
}

Result<Ballot> Meeting::CodeBallot(const std::string& code, const std::string& voter,
                                   const std::string& address) {
  auto round = CodeRound(code, address);
  if (!round) return Fail(round.error());
  auto community = store_.FindCommunity(round->community_id);
  if (!community) return Fail(community.error());
  return BallotOf(*community, *round, VoterHash(voter));
}

Status Meeting::CodeVote(const std::string& code, const std::string& voter,
                         const std::string& address, const std::vector<std::string>& areas) {
  if (!auth::PlausibleToken(voter)) return Fail(Error::Say(Kind::kInvalid, msg::kFormCookieMissing));
  auto ballot = CodeBallot(code, voter, address);
  if (!ballot) return Fail(ballot.error());
  return Vote(*ballot, VoterHash(voter), areas);
}

Result<std::vector<model::DecisionNote>> Meeting::Decisions(const model::Round& round) {
  auto review = store_.FindReview(round.id);
  if (!review) return Fail(review.error());
  return std::move(review->notes);
}

}  // namespace cultivate::community
