// Team results behind the privacy rules (docs/privacy.md): closed rounds only, the response
// and detail thresholds (assess/team.h), and trends between closed rounds.
#include "community/team.h"

namespace cultivate::community {

Result<std::shared_ptr<const assess::TeamResults>> Team::Results(const model::Community& community,
                                                                 const model::Round& round) {
  if (round.open()) {
    // Counts only: a round scored while open gives each new member's answers away to
    // whoever reads the results before and after they answer.
    auto counted = store_.FindRound(round.id);
    if (!counted) return Fail(counted.error());
    auto team = std::make_shared<assess::TeamResults>();
    team->threshold = rules().threshold;
    team->min_detail = rules().min_detail;
    team->open = true;
    team->joined = counted->joined;
    team->responses = counted->answered;
    team->coordinators = counted->coordinator_answered;
    return std::shared_ptr<const assess::TeamResults>(team);
  }
  // Cached by revision; the community's declared phase changes the placement's wording too.
  if (auto hit = cache_.Get(round.id, round.revision); hit && hit->declared == community.phase)
    return hit;
  auto answers = store_.RoundAnswers(round.id);
  if (!answers) return Fail(answers.error());
  std::optional<std::string> declared;
  if (!community.phase.empty()) declared = community.phase;
  auto team = std::make_shared<assess::TeamResults>(
      assess::ScoreRound(bank_.ForVersion(round.bank_version), std::move(*answers),
                         bank_.PhaseIds(), declared, rules()));
  cache_.Put(round.id, round.revision, team);
  return std::shared_ptr<const assess::TeamResults>(team);
}

Result<std::optional<ShownResults>> Team::LatestShown(const model::Community& community) {
  auto rounds = store_.Rounds(community.id);
  if (!rounds) return Fail(rounds.error());
  for (const auto& round : *rounds) {  // newest first
    if (round.open() || round.answered < threshold()) continue;
    auto results = Results(community, round);
    if (!results) return Fail(results.error());
    if (!(*results)->hidden) return std::optional<ShownResults>(ShownResults(round, *results));
  }
  return std::optional<ShownResults>();
}

Result<std::vector<model::Reflection>> Team::Reflections(const model::Community& community,
                                                         const model::Round& round) {
  auto results = Results(community, round);
  if (!results) return Fail(results.error());
  if ((*results)->hidden) return std::vector<model::Reflection>();
  auto all = store_.RoundReflections(round.id);
  if (!all) return Fail(all.error());
  // A phase's reflections only where the phase has a score: at least one of its statements
  // met the threshold (else one member's words would show for a phase nobody else answered).
  std::vector<model::Reflection> shown;
  for (auto& r : *all) {
    const assess::Prompt* prompt = bank_.ForVersion(round.bank_version).FindPrompt(r.prompt);
    if (!prompt) continue;
    const assess::Score* phase = assess::FindScore((*results)->results.phases, prompt->phase);
    if (phase && phase->now) shown.push_back(std::move(r));
  }
  return shown;
}

Result<Trend> Team::Trends(const model::Community& community, const std::string& from_id,
                           const std::string& to_id) {
  auto from = RoundIn(community, from_id);
  if (!from) return Fail(from.error());
  auto to = RoundIn(community, to_id);
  if (!to) return Fail(to.error());
  auto a = Results(community, *from);
  if (!a) return Fail(a.error());
  auto b = Results(community, *to);
  if (!b) return Fail(b.error());
  return Trend{std::move(*from), std::move(*to), std::move(*a), std::move(*b)};
}

}  // namespace cultivate::community
