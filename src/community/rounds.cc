// Check-up rounds of a community.
#include "common/dates.h"
#include "common/field_rules.h"
#include "common/message_keys.h"
#include "common/text.h"
#include "community/team.h"

namespace cultivate::community {

using Kind = Error::Kind;

Result<model::Round> Team::RoundIn(const model::Community& community, const std::string& round_id,
                                   bool counts) {
  auto id = ParseId(round_id);
  if (!id) return Fail(Error::NotFound("malformed round id"));
  auto round = counts ? store_.FindRound(*id) : store_.FindRoundQuick(*id);
  if (!round) return Fail(round.error());
  if (round->community_id != community.id) return Fail(Error::NotFound("round of another community"));
  return round;
}

Result<std::optional<model::Round>> Team::OpenRound(const model::Community& community) {
  auto rounds = store_.Rounds(community.id);
  if (!rounds) return Fail(rounds.error());
  for (const auto& r : *rounds)
    if (r.open()) return std::optional<model::Round>(r);
  return std::optional<model::Round>();
}

Result<model::Round> Team::OpenNewRound(const model::Community& community, const RoundInput& in) {
  std::vector<FieldError> errors;
  CheckText(in.title, "title", kMaxRoundTitle, &errors);
  std::optional<std::int64_t> closes;
  if (!in.closes.empty()) {
    closes = ParseDate(in.closes);
    if (!closes)
      errors.push_back({"", "closes_at", msg::kDateInvalid});
    else if (*closes < clock_())
      errors.push_back({"", "closes_at", msg::kRoundClosesPast});
  }
  if (!errors.empty()) return Fail(Error::Fields(std::move(errors), msg::kRoundInvalid));
  auto rounds = store_.Rounds(community.id);
  if (!rounds) return Fail(rounds.error());
  if (rounds->size() >= kMaxRoundsPerCommunity)
    return Fail(Error::Say(Kind::kConflict, {msg::kCapRounds, {Arg("max", kMaxRoundsPerCommunity)}}));
  model::Round round;
  round.community_id = community.id;
  round.title = in.title;
  round.bank_version = bank_.version;
  round.opened_at = clock_();
  round.closes_at = closes;
  auto id = store_.CreateRound(round);
  if (!id) {
    if (id.error().kind == Kind::kConflict)
      return Fail(Error::Say(Kind::kConflict, msg::kRoundAlreadyOpen));
    return Fail(id.error());
  }
  round.id = *id;
  return round;
}

Result<model::Round> Team::CloseRound(const model::Community& community,
                                      const std::string& round_id) {
  auto round = RoundIn(community, round_id);
  if (!round) return Fail(round.error());
  if (auto ok = store_.CloseRound(round->id, clock_()); !ok) {
    if (ok.error().kind == Kind::kConflict)
      return Fail(Error::Say(Kind::kConflict, msg::kRoundAlreadyClosed));
    return Fail(ok.error());
  }
  return store_.FindRound(round->id);
}

}  // namespace cultivate::community
