#include "checkup/checkups.h"

#include <algorithm>
#include <set>

#include "auth/tokens.h"
#include "common/field_rules.h"
#include "common/message_keys.h"
#include "common/text.h"
#include "plan/check.h"
#include "plan/plan.h"

namespace cultivate::checkup {

using Kind = Error::Kind;

Result<std::string> Checkups::Create(const std::string& name,
                                     const std::vector<std::string>& phases) {
  std::vector<FieldError> errors;
  CheckText(name, "name", kMaxNameLength, &errors);
  std::vector<std::string> included;
  for (const auto& section : bank_.phases)  // keep bank order
    if (phases.empty() || std::find(phases.begin(), phases.end(), section.id) != phases.end())
      included.push_back(section.id);
  for (const auto& p : phases)
    if (!bank_.FindPhase(p)) {
      errors.push_back({"", "phases", msg::kPhaseUnknown});
      break;
    }
  if (included.empty() && errors.empty()) errors.push_back({"", "phases", msg::kPhasesNone});
  if (!errors.empty()) return Fail(Error::Fields(std::move(errors), msg::kCheckupInvalid));
  model::Response r;
  r.name = name;
  r.phases = included;
  r.bank_version = bank_.version;
  std::string token = auth::NewToken();
  r.token_hash = auth::HashToken(token);
  auto id = store_.CreateResponse(r);
  if (!id) return Fail(id.error());
  return token;
}

Result<model::Response> Checkups::Find(const std::string& token) {
  if (!auth::PlausibleToken(token)) return Fail(Error::Say(Kind::kNotFound, msg::kCheckupNotFound));
  auto found = store_.FindResponseByTokenHash(auth::HashToken(token));
  if (!found && found.error().kind == Kind::kNotFound)
    return Fail(Error::Say(Kind::kNotFound, msg::kCheckupNotFound));
  return found;
}

Result<std::vector<model::Answer>> Checkups::Answers(const model::Response& response) {
  return store_.Answers(response.id);
}

Result<std::vector<model::Reflection>> Checkups::Reflections(const model::Response& response) {
  return store_.Reflections(response.id);
}

Result<std::optional<Membership>> Checkups::MembershipOf(const model::Response& response) {
  if (!response.round_id) return std::optional<Membership>();
  auto round = store_.FindRound(*response.round_id);  // with its counts, which members see
  if (!round) return Fail(round.error());
  auto community = store_.FindCommunity(round->community_id);
  if (!community) return Fail(community.error());
  return std::optional<Membership>(Membership{std::move(*round), std::move(*community)});
}

std::vector<FieldError> Checkups::Check(const model::Response& response,
                                        const std::vector<SubmittedAnswer>& answers) const {
  std::vector<FieldError> errors;
  std::set<std::string> seen;
  for (const auto& a : answers) {
    const assess::Question* q = BankOf(response).FindQuestion(a.question);
    if (!q) {
      errors.push_back({a.question, "", msg::kQuestionUnknown});
      continue;
    }
    if (std::find(response.phases.begin(), response.phases.end(), q->phase) ==
        response.phases.end()) {
      errors.push_back({a.question, "", msg::kQuestionNotIncluded});
      continue;
    }
    if (!seen.insert(a.question).second)
      errors.push_back({a.question, "", msg::kQuestionTwice});
    if (a.now && (*a.now < 0 || *a.now > 4)) errors.push_back({a.question, "now", msg::kScaleValue});
    if (a.target && (*a.target < 0 || *a.target > 4))
      errors.push_back({a.question, "target", msg::kScaleValue});
    if (!ValidUtf8(a.note))
      errors.push_back({a.question, "note", msg::kNotText});
    else if (CodePoints(a.note) > kMaxNoteLength)
      errors.push_back({a.question, "note",
                        {msg::kNoteTooLong, {Arg("max", kMaxNoteLength),
                                             Arg("length", static_cast<long long>(CodePoints(a.note)))}}});
  }
  return errors;
}

std::vector<FieldError> Checkups::Check(const model::Response& response,
                                        const std::vector<model::Reflection>& items) const {
  std::vector<FieldError> errors;
  std::set<std::string> seen;
  for (const auto& r : items) {
    const assess::Prompt* p = BankOf(response).FindPrompt(r.prompt);
    if (!p)
      errors.push_back({r.prompt, "", msg::kPromptUnknown});
    else if (std::find(response.phases.begin(), response.phases.end(), p->phase) ==
             response.phases.end())
      errors.push_back({r.prompt, "", msg::kQuestionNotIncluded});
    else if (!seen.insert(r.prompt).second)
      errors.push_back({r.prompt, "", msg::kQuestionTwice});
    else
      CheckText(r.text, "text", kMaxReflectionLength, &errors, r.prompt);
  }
  return errors;
}

Status Checkups::CheckOpen(const model::Response& response) {
  if (!response.round_id) return {};
  auto round = store_.FindRoundQuick(*response.round_id);
  if (!round) return Fail(round.error());
  if (!round->open()) return Fail(Error::Say(Kind::kConflict, msg::kRoundClosedAnswers));
  return {};
}

namespace {
// The store refuses a save into a round that closed after CheckOpen looked: say so.
Status Closed(Status saved) {
  if (!saved && saved.error().kind == Kind::kConflict)
    return Fail(Error::Say(Kind::kConflict, msg::kRoundClosedAnswers));
  return saved;
}
}  // namespace

Status Checkups::Save(const model::Response& response, const std::vector<SubmittedAnswer>& answers,
                      const std::vector<model::Reflection>& reflections) {
  auto errors = Check(response, answers);
  auto more = Check(response, reflections);
  errors.insert(errors.end(), more.begin(), more.end());
  if (!errors.empty()) return Fail(Error::Fields(std::move(errors), msg::kAnswersInvalid));
  if (auto open = CheckOpen(response); !open) return open;
  if (!answers.empty()) {
    std::vector<model::Answer> rows;
    rows.reserve(answers.size());
    for (const auto& a : answers) rows.push_back({a.question, a.now, a.target, a.note});
    if (auto ok = store_.SaveAnswers(response.id, rows); !ok) return Closed(ok);
  }
  if (!reflections.empty()) return Closed(store_.SaveReflections(response.id, reflections));
  return {};
}

Result<assess::Results> Checkups::Score(const model::Response& response) {
  auto answers = store_.Answers(response.id);
  if (!answers) return Fail(answers.error());
  return assess::ScoreCheckup(BankOf(response), {*answers}, response.phases);
}

Result<PlanView> Checkups::Plan(const model::Response& response, const assess::Results& results) {
  auto saved = store_.ResponsePlan(response.id);
  if (!saved) return Fail(saved.error());
  if (*saved) return PlanView{std::move(**saved), false};
  auto reflections = store_.Reflections(response.id);
  if (!reflections) return Fail(reflections.error());
  return PlanView{plan::DraftPlan(BankOf(response), results, *reflections), true};
}

Result<model::Plan> Checkups::SavePlan(const model::Response& response, const model::Plan& plan) {
  auto errors = plan::Check(plan);
  if (!errors.empty()) return Fail(Error::Fields(std::move(errors), msg::kPlanInvalid));
  if (auto ok = store_.SaveResponsePlan(response.id, plan); !ok) return Fail(ok.error());
  auto stored = store_.ResponsePlan(response.id);
  if (!stored) return Fail(stored.error());
  if (!*stored) return Fail(Error::Internal("the plan just saved is not there"));
  return **stored;
}

Result<ExportData> Checkups::Export(const model::Response& response) {
  ExportData out;
  auto answers = store_.Answers(response.id);
  if (!answers) return Fail(answers.error());
  out.answers = std::move(*answers);
  out.results = assess::ScoreCheckup(BankOf(response), {out.answers}, response.phases);
  auto reflections = store_.Reflections(response.id);
  if (!reflections) return Fail(reflections.error());
  out.reflections = std::move(*reflections);
  auto plan = Plan(response, out.results);
  if (!plan) return Fail(plan.error());
  out.plan = std::move(*plan);
  return out;
}

}  // namespace cultivate::checkup
