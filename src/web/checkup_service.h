#pragma once
/// The solo check-up as operations, shared by the HTML pages and the JSON API so both
/// behave the same: create a check-up with a private token, find it again by the token,
/// validate and save answers (all or nothing), score it, draft and save its plan.

#include <optional>
#include <string>
#include <vector>

#include "assess/results_json.h"
#include "assess/scoring.h"
#include "common/error.h"
#include "store/store.h"
#include "web/site.h"

namespace cultivate::web {

inline constexpr size_t kMaxNoteLength = 4000;        // characters (code points)
inline constexpr size_t kMaxNameLength = 200;
inline constexpr size_t kMaxReflectionLength = 8000;
inline constexpr size_t kMaxPlanTextLength = 8000;
inline constexpr size_t kMaxPlanItems = 50;
inline constexpr size_t kMaxPlanFieldLength = 500;

/// A fresh resume token: 32 random bytes (256 bits), base64url without padding.
std::string NewToken();
/// The only form in which a token is stored: hex SHA-256 of the token.
std::string HashToken(const std::string& token);
/// True when `token` has the shape NewToken() makes (so junk never reaches the store).
bool PlausibleToken(const std::string& token);
/// Counts Unicode code points of valid UTF-8.
size_t CodePoints(const std::string& s);

/// One problem with one submitted item, shown next to its field or listed in a 422.
struct FieldError {
  std::string question;  // question or prompt id ("" for the request as a whole)
  std::string field;     // "now" | "target" | "note" | "text" | "" (the item)
  std::string message;
};

/// An answer as submitted: values already parsed; `not_sure` means "not sure / n.a.".
struct SubmittedAnswer {
  std::string question;
  std::optional<int> now;
  std::optional<int> target;
  std::string note;
};

class CheckupService {
 public:
  CheckupService(const Site& site, store::Store& store) : site_(site), store_(store) {}

  /// Creates a solo check-up; returns the token (shown once, never stored).
  Result<std::string> Create(const std::string& name, const std::vector<std::string>& phases);
  /// kNotFound for an unknown or malformed token.
  Result<store::Response> Find(const std::string& token);

  /// Checks every item (known question in an included phase, values 0..4 or empty, note
  /// length); returns every problem found. Nothing is saved here.
  std::vector<FieldError> Validate(const store::Response& response,
                                   const std::vector<SubmittedAnswer>& answers) const;
  /// kConflict when the response belongs to a closed team round (its answers are final).
  Status CheckOpen(const store::Response& response);
  /// Validates, then saves all answers in one transaction; kInvalid if any item is bad;
  /// kConflict for a closed round.
  Status SaveAnswers(const store::Response& response, const std::vector<SubmittedAnswer>& answers);

  std::vector<FieldError> ValidateReflections(const std::vector<store::Reflection>& items) const;

  /// Scores the response's saved answers over its included phases.
  Result<assess::Results> Score(const store::Response& response);
  /// The saved plan, or a draft from the results and reflections when none was saved.
  Result<store::Plan> PlanOrDraft(const store::Response& response, const assess::Results& results,
                                  bool* is_draft);
  std::vector<FieldError> ValidatePlan(const store::Plan& plan) const;

  /// Resolves ids to titles for results, exports and views.
  assess::Labels Labels() const;

 private:
  const Site& site_;
  store::Store& store_;
};

}  // namespace cultivate::web
