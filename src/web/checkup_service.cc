#include "web/checkup_service.h"

#include <algorithm>
#include <set>

#include <sodium.h>

#include "http/form.h"
#include "plan/plan.h"

namespace cultivate::web {

std::string NewToken() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string HashToken(const std::string& token) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

bool PlausibleToken(const std::string& token) {
  return token.size() == 43 && std::all_of(token.begin(), token.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
         });
}

size_t CodePoints(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

Result<std::string> CheckupService::Create(const std::string& name,
                                           const std::vector<std::string>& phases) {
  if (CodePoints(name) > kMaxNameLength || !http::ValidUtf8(name))
    return Fail(Error::Invalid("the name can be at most 200 characters"));
  std::vector<std::string> included;
  for (const auto& section : site_.bank.phases)  // keep bank order, drop unknown ids
    if (phases.empty() || std::find(phases.begin(), phases.end(), section.id) != phases.end())
      included.push_back(section.id);
  if (included.empty()) return Fail(Error::Invalid("choose at least one phase"));
  store::Response r;
  r.name = name;
  r.phases = included;
  r.bank_version = site_.bank.version;
  std::string token = NewToken();
  r.token_hash = HashToken(token);
  auto id = store_.CreateResponse(r);
  if (!id) return Fail(id.error());
  return token;
}

Result<store::Response> CheckupService::Find(const std::string& token) {
  if (!PlausibleToken(token)) return Fail(Error::NotFound("no check-up with this link"));
  auto found = store_.FindResponseByTokenHash(HashToken(token));
  if (!found && found.error().kind == Error::Kind::kNotFound)
    return Fail(Error::NotFound("no check-up with this link"));
  return found;
}

std::vector<FieldError> CheckupService::Validate(const store::Response& response,
                                                 const std::vector<SubmittedAnswer>& answers) const {
  std::vector<FieldError> errors;
  std::set<std::string> seen;
  for (const auto& a : answers) {
    const assess::Question* q = site_.bank.FindQuestion(a.question);
    if (!q) {
      errors.push_back({a.question, "", "unknown question"});
      continue;
    }
    if (std::find(response.phases.begin(), response.phases.end(), q->phase) == response.phases.end()) {
      errors.push_back({a.question, "", "this question's phase is not part of this check-up"});
      continue;
    }
    if (!seen.insert(a.question).second) errors.push_back({a.question, "", "answered twice in one request"});
    if (a.now && (*a.now < 0 || *a.now > 4))
      errors.push_back({a.question, "now", "choose a value from 0 to 4, or not sure"});
    if (a.target && (*a.target < 0 || *a.target > 4))
      errors.push_back({a.question, "target", "choose a value from 0 to 4, or not sure"});
    if (!http::ValidUtf8(a.note))
      errors.push_back({a.question, "note", "the note is not valid text"});
    else if (CodePoints(a.note) > kMaxNoteLength)
      errors.push_back({a.question, "note", "notes can be at most 4000 characters (this one has " +
                                                std::to_string(CodePoints(a.note)) + ")"});
  }
  return errors;
}

Status CheckupService::CheckOpen(const store::Response& response) {
  if (!response.round_id) return {};
  auto round = store_.FindRoundQuick(*response.round_id);
  if (!round) return Fail(round.error());
  if (!round->open())
    return Fail(Error::Conflict("This round of the check-up is closed, so answers can no longer change."));
  return {};
}

Status CheckupService::SaveAnswers(const store::Response& response,
                                   const std::vector<SubmittedAnswer>& answers) {
  if (auto open = CheckOpen(response); !open) return open;
  auto errors = Validate(response, answers);
  if (!errors.empty()) return Fail(Error::Invalid(errors.front().message));
  std::vector<store::Answer> rows;
  rows.reserve(answers.size());
  for (const auto& a : answers) rows.push_back({a.question, a.now, a.target, a.note});
  return store_.SaveAnswers(response.id, rows);
}

std::vector<FieldError> CheckupService::ValidateReflections(
    const std::vector<store::Reflection>& items) const {
  std::vector<FieldError> errors;
  for (const auto& r : items) {
    if (!site_.bank.FindPrompt(r.prompt))
      errors.push_back({r.prompt, "", "unknown prompt"});
    else if (!http::ValidUtf8(r.text))
      errors.push_back({r.prompt, "text", "this is not valid text"});
    else if (CodePoints(r.text) > kMaxReflectionLength)
      errors.push_back({r.prompt, "text", "at most 8000 characters, please"});
  }
  return errors;
}

Result<assess::Results> CheckupService::Score(const store::Response& response) {
  auto answers = store_.Answers(response.id);
  if (!answers) return Fail(answers.error());
  return assess::ScoreCheckup(site_.bank, {*answers}, response.phases);
}

Result<store::Plan> CheckupService::PlanOrDraft(const store::Response& response,
                                                const assess::Results& results, bool* is_draft) {
  auto saved = store_.ResponsePlan(response.id);
  if (!saved) return Fail(saved.error());
  if (*saved) {
    *is_draft = false;
    return **saved;
  }
  auto reflections = store_.Reflections(response.id);
  if (!reflections) return Fail(reflections.error());
  *is_draft = true;
  return plan::DraftPlan(site_.bank, results, *reflections);
}

std::vector<FieldError> CheckupService::ValidatePlan(const store::Plan& plan) const {
  std::vector<FieldError> errors;
  auto text = [&](const std::string& v, const std::string& field, size_t max) {
    if (!http::ValidUtf8(v))
      errors.push_back({"", field, "this is not valid text"});
    else if (CodePoints(v) > max)
      errors.push_back({"", field, "at most " + std::to_string(max) + " characters, please"});
  };
  text(plan.vision, "vision", kMaxPlanTextLength);
  text(plan.goals, "goals", kMaxPlanTextLength);
  text(plan.strategies, "strategies", kMaxPlanTextLength);
  if (plan.items.size() > kMaxPlanItems)
    errors.push_back({"", "items", "a plan can hold at most 50 actions"});
  for (size_t i = 0; i < plan.items.size() && i < kMaxPlanItems; ++i) {
    const auto& item = plan.items[i];
    std::string p = "items." + std::to_string(i) + ".";
    text(item.what, p + "what", kMaxPlanFieldLength);
    text(item.owner, p + "owner", 200);
    static const std::set<std::string> kStatus = {"todo", "doing", "done", "dropped"};
    if (!kStatus.count(item.status))
      errors.push_back({"", p + "status", "status must be todo, doing, done or dropped"});
    const std::string& d = item.due;
    bool date_ok = d.empty() || (d.size() == 10 && d[4] == '-' && d[7] == '-' &&
                                 std::all_of(d.begin(), d.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; }));
    if (date_ok && !d.empty()) {
      int month = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
      date_ok = month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }
    if (!date_ok) errors.push_back({"", p + "due", "use a date like 2027-03-31"});
    if (item.what.empty() && (!item.owner.empty() || !item.due.empty()))
      errors.push_back({"", p + "what", "say what the action is"});
  }
  return errors;
}

assess::Labels CheckupService::Labels() const {
  const content::Catalog& c = site_.catalog;
  return assess::WithBank(site_.bank, [&c](assess::LabelKind kind, const std::string& id) -> std::string {
    switch (kind) {
      case assess::LabelKind::kPhase: {
        const auto* p = c.FindPhase(id);
        return p ? p->title : "";
      }
      case assess::LabelKind::kElement: {
        const auto* e = c.FindElement(id);
        return e ? e->title : "";
      }
      case assess::LabelKind::kPrinciple: {
        const auto* p = c.FindPrinciple(id);
        return p ? p->title : "";
      }
      case assess::LabelKind::kPractice: {
        const auto* p = c.FindPractice(id);
        return p ? p->title : "";
      }
      case assess::LabelKind::kExample: {
        const auto* e = c.FindExample(id);
        return e ? e->title : "";
      }
      default: return "";
    }
  });
}

}  // namespace cultivate::web
