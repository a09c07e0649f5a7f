#pragma once
/// The solo check-up (and a member's check-up in a team round) as operations, shared by the
/// HTML pages and the JSON API: start one behind a private token, find it again, save
/// answers and reflections (validated, all or nothing, never once its round is closed),
/// score it, and draft, save and export its plan.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "assess/bank.h"
#include "assess/scoring.h"
#include "common/error.h"
#include "model/checkup.h"
#include "model/community.h"
#include "model/plan.h"
#include "store/store.h"

namespace cultivate::checkup {

inline constexpr size_t kMaxNoteLength = 4000;  // code points
inline constexpr size_t kMaxNameLength = 200;
inline constexpr size_t kMaxReflectionLength = 8000;

/// An answer as submitted: values already parsed; empty means "not sure / n.a.". A value
/// outside 0..4 is kept as given so Validate can name it.
struct SubmittedAnswer {
  std::string question;
  std::optional<int> now;
  std::optional<int> target;
  std::string note;
};

/// A plan and whether it is a draft (never saved: made from the results).
struct PlanView {
  model::Plan plan;
  bool draft = false;
};

/// The round and community of a member's check-up.
struct Membership {
  model::Round round;
  model::Community community;
};

/// Everything an export needs, read at one time.
struct ExportData {
  assess::Results results;
  std::vector<model::Answer> answers;
  std::vector<model::Reflection> reflections;
  PlanView plan;
};

/// Safe for concurrent use (holds only references to immutable content and the store).
class Checkups {
 public:
  Checkups(const assess::Bank& bank, store::Store& store) : bank_(bank), store_(store) {}

  /// Starts a solo check-up over `phases` (bank order; every phase when empty); returns the
  /// token, shown once and never stored. kInvalid (fields "name", "phases").
  Result<std::string> Create(const std::string& name, const std::vector<std::string>& phases);
  /// kNotFound for an unknown or malformed token.
  Result<model::Response> Find(const std::string& token);
  Result<std::vector<model::Answer>> Answers(const model::Response& response);
  Result<std::vector<model::Reflection>> Reflections(const model::Response& response);
  /// The round and community when this is a member's check-up, else empty.
  Result<std::optional<Membership>> MembershipOf(const model::Response& response);

  /// Every problem with these answers (known question of an included phase, values 0..4
  /// or empty, note length, each question once). Pure.
  std::vector<FieldError> Check(const model::Response& response,
                                const std::vector<SubmittedAnswer>& answers) const;
  /// Every problem with these reflections (known prompt of an included phase, each once,
  /// valid text, length). Pure.
  std::vector<FieldError> Check(const model::Response& response,
                                const std::vector<model::Reflection>& reflections) const;

  /// Validates both lists, then saves the answers and the reflections: kInvalid with every
  /// problem (nothing saved); kConflict when the check-up's round is closed.
  Status Save(const model::Response& response, const std::vector<SubmittedAnswer>& answers,
              const std::vector<model::Reflection>& reflections);

  /// Scores the saved answers over the included phases.
  Result<assess::Results> Score(const model::Response& response);
  /// The saved plan, or a draft from the results and reflections when none was saved.
  Result<PlanView> Plan(const model::Response& response, const assess::Results& results);
  /// Validates (kInvalid with details) and saves the plan; returns it as stored.
  Result<model::Plan> SavePlan(const model::Response& response, const model::Plan& plan);
  /// Results, answers, reflections and plan for an export.
  Result<ExportData> Export(const model::Response& response);

  const assess::Bank& bank() const { return bank_; }
  /// The bank this check-up was started with (its answers and results keep their meaning
  /// when the bank changes; a new check-up gets today's).
  const assess::Bank& BankOf(const model::Response& response) const {
    return bank_.ForVersion(response.bank_version);
  }

 private:
  /// kConflict when the response belongs to a closed team round (its answers are final).
  Status CheckOpen(const model::Response& response);

  const assess::Bank& bank_;
  store::Store& store_;
};

}  // namespace cultivate::checkup
