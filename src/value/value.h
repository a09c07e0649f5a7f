#pragma once
/// Value creation as operations, shared by the HTML pages and the JSON API (issue 16): the
/// value-creation stories of Wenger, Trayner & de Laat (2011), told from a check-up link or
/// by a coordinator; the indicators a coordinator counts; the value matrix (cycles against
/// stories and indicators, per year); and the pieces of the sponsor brief. Who may act is
/// decided by the caller (web/ checks the coordinator or the check-up token) and passed in as
/// a Teller; a story id that is not the teller's is kNotFound. Safe for concurrent use.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "model/community.h"
#include "model/plan.h"
#include "model/value.h"
#include "store/store.h"

namespace cultivate::value {

/// The five cycles, in order.
inline constexpr std::array<const char*, 5> kCycles = {"immediate", "potential", "applied",
                                                       "realized", "reframing"};
inline constexpr size_t kMaxTitle = 200;    // code points
inline constexpr size_t kMaxText = 4000;    // each cycle's text
inline constexpr size_t kMaxAuthor = 200;
inline constexpr size_t kMaxAsk = 2000;
inline constexpr size_t kMaxIndicatorName = 200;
inline constexpr size_t kMaxIndicatorNote = 1000;
inline constexpr size_t kMaxStoriesPerTeller = 50;
inline constexpr size_t kMaxStoriesPerCommunity = 1000;
inline constexpr size_t kMaxIndicatorsPerCommunity = 1000;
inline constexpr size_t kBriefStories = 3;
inline constexpr size_t kBriefDecisions = 2;  // decision notes of the latest review

bool IsCycle(const std::string& id);
/// The cycles a story reaches: those whose text is not empty, in order.
std::vector<std::string> CyclesOf(const model::Story& story);
/// The text of one cycle of a story.
const std::string& CycleText(const model::Story& story, const std::string& cycle);

/// Who tells (or edits) a story: a check-up (a member's or a solo user's, with the community
/// of its round, if any) or a coordinator of a community.
struct Teller {
  std::optional<model::Id> response;   // the check-up
  std::optional<model::Id> community;  // the check-up's community, or the coordinator's
  std::optional<model::Id> user;       // the signed-in account behind it, if any
  bool coordinator = false;            // told as a coordinator (not from a check-up)
};

/// A story as typed: the texts, share and named (author, title, happened ... reframing).
using StoryInput = model::Story;
/// An indicator as typed; `value` is the text typed (parsed here).
struct IndicatorInput {
  std::string name, value, cycle, period, note;
};

/// One row of the value matrix: a cycle, the stories that reach it and the indicators
/// tagged with it, in the year.
struct MatrixRow {
  std::string cycle;
  int stories = 0;
  int indicators = 0;
  std::vector<std::string> indicator_names;
  bool thin() const { return stories == 0 && indicators == 0; }
};

struct Matrix {
  int year = 0;
  std::vector<int> years;  // every year with a story or an indicator, newest first
  std::vector<MatrixRow> rows;  // one per cycle, in order
  int stories = 0;              // stories told in the year
};

/// Actions of a plan by state, for the brief.
struct PlanProgress {
  int done = 0, doing = 0, late = 0, todo = 0;
};

/// Every problem with the story's fields, by field. Pure.
std::vector<FieldError> CheckStory(const StoryInput& story);
/// Every problem with the indicator; fills `out` when there is none. Pure.
std::vector<FieldError> CheckIndicator(const IndicatorInput& input, model::Indicator* out);
/// The stories a sponsor may read: shared with the sponsor, the ones reaching most cycles
/// first, at most `limit` (0: all). The one rule that keeps "coordinators only" private.
std::vector<model::Story> ForSponsor(std::vector<model::Story> stories, size_t limit = 0);
/// A sponsor never sees a name its author did not choose to show.
std::string ShownAuthor(const model::Story& story);
/// The matrix of `year` (0: the newest year with anything, else this year).
Matrix BuildMatrix(const std::vector<model::Story>& stories,
                   const std::vector<model::Indicator>& indicators, int year, std::int64_t now);
PlanProgress ProgressOf(const model::Plan& plan, std::int64_t now);

class Values {
 public:
  Values(store::Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

  /// kInvalid with details; kConflict past the caps.
  Result<model::Story> Tell(const Teller& teller, const StoryInput& input);
  /// The teller's own stories, newest first.
  Result<std::vector<model::Story>> Own(const Teller& teller);
  /// The teller's story `id` (as typed in a path); kNotFound otherwise.
  Result<model::Story> Find(const Teller& teller, const std::string& id);
  Result<model::Story> Edit(const Teller& teller, const std::string& id, const StoryInput& input);
  Status Remove(const Teller& teller, const std::string& id);
  /// Every story of the community (for its coordinators), newest first.
  Result<std::vector<model::Story>> CommunityStories(const model::Community& community);
  /// The stories the community's sponsor may read.
  Result<std::vector<model::Story>> SponsorStories(const model::Community& community,
                                                   size_t limit = 0);

  Result<model::Indicator> Record(const model::Community& community, model::Id user,
                                  const IndicatorInput& input);
  Status RemoveIndicator(const model::Community& community, const std::string& id);
  Result<std::vector<model::Indicator>> Indicators(const model::Community& community);

  Result<std::string> Ask(const model::Community& community);
  /// kInvalid (field "ask").
  Status SaveAsk(const model::Community& community, const std::string& ask);

  /// `year` as typed ("" for the default); kNotFound for a malformed one.
  Result<Matrix> MatrixOf(const model::Community& community, const std::string& year);

  /// The stories an account told as a coordinator, for its export.
  Result<std::vector<model::Story>> AccountStories(model::Id user);
  std::int64_t now() const { return clock_(); }

 private:
  store::Store& store_;
  Clock clock_;
};

}  // namespace cultivate::value
