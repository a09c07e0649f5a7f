#pragma once
/// The check-up's question bank (questions/*.toml): the answer scale, and per life phase its
/// statements (questions) and open reflection prompts. Loaded once at start, read-only after,
/// so a Bank is safe for concurrent reads.

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "common/diagnostic.h"
#include "common/known_ids.h"

namespace cultivate::assess {

/// The five life phases, in the order they build on each other. Each has its own bank file
/// `<phase>.toml`; Bank::phases is always in this order.
inline constexpr std::array<std::string_view, 5> kPhaseOrder = {"define", "design", "grow",
                                                                "perform", "transform"};

/// Index of a phase id in kPhaseOrder, or -1 when it is not a phase.
int PhaseIndex(std::string_view phase);

/// Orders bank versions ("2026.1" < "2026.2" < "2026.10"): negative, zero or positive.
int CompareVersions(std::string_view a, std::string_view b);
/// A bank version: digits, a dot, digits ("2026.2").
bool ValidVersion(std::string_view v);

/// One point of the 0..4 answer scale.
struct ScalePoint {
  int value = 0;
  std::string label;  // a few words beside the radio button
  std::string hint;   // one sentence explaining the point
};

/// One statement a person rates twice: where the CoP is now, where it should be in a year.
struct Question {
  std::string id;     // stable, lowercase slug, starts with "<phase>-"
  std::string phase;  // the phase whose file holds it
  std::string text;
  std::string why;
  std::string guide;    // site path to read more
  std::string element;  // domain | community | practice
  std::vector<std::string> principles;
  std::string cycle;  // the value-creation cycle it speaks to (immediate ... reframing), or ""
  std::map<std::string, int> weights;  // phase id -> 1..3; always holds its own phase
  std::string recommendation;          // one concrete next step when this is a gap
  std::string action;                  // a short plan action
  std::vector<std::string> practices;  // practice ids, at least one
  std::vector<std::string> examples;   // example ids, at least one
  // Its history across bank versions, for trends (questions/README.md): the version that
  // added it (empty: it was in the first bank) and the last that reworded it (empty: never).
  std::string added;
  std::string reworded;
  bool coordinator_only = false;  // an ordinary member may not know: members may skip it

  /// w(q, phase): the weight for that phase, 0 where it does not matter.
  int Weight(std::string_view phase) const;
};

/// An open reflection prompt; its answer lands in the plan's vision, goals or strategies.
struct Prompt {
  std::string id;
  std::string phase;
  std::string text;
  std::string kind;  // vision | goals | strategy
};

/// One phase file.
struct PhaseSection {
  std::string id;
  std::string title;
  std::string intro;
  std::vector<Question> questions;  // file order
  std::vector<Prompt> prompts;      // file order
};

struct Bank {
  std::string version;
  // The versions before this one (questions/archive/<version>/), oldest first: a check-up or
  // round keeps being answered and scored with the questions it was started with.
  std::vector<Bank> earlier;
  std::string not_sure;              // label of the "not sure" choice
  std::vector<ScalePoint> scale;     // exactly five, values 0..4 in order
  std::vector<PhaseSection> phases;  // kPhaseOrder order

  /// nullptr when unknown. Linear scans: the bank has tens of questions.
  const Question* FindQuestion(std::string_view id) const;
  const Prompt* FindPrompt(std::string_view id) const;
  const PhaseSection* FindPhase(std::string_view id) const;
  int QuestionCount() const;
  /// Every phase id, in order.
  std::vector<std::string> PhaseIds() const;
  /// The bank of `version`: this one, or the archived one; this one when `version` is
  /// unknown (a response older than every archive is read with today's questions).
  const Bank& ForVersion(std::string_view version) const;
  /// A statement's text in this bank, else in the newest archived bank that has it (a
  /// statement retired since), else nullptr: for labels of old results.
  const Question* FindQuestionInHistory(std::string_view id) const;
};

/// Reads `dir`/bank.toml and the five `dir`/<phase>.toml files and checks them against
/// `ids` (ids known from content/; path_exists is used for `guide` when set). Returns every
/// problem found, each as `file:line: message` with the line of the offending key or table,
/// rather than stopping at the first. The only IO in assess/.
tl::expected<Bank, Diagnostics> LoadBankVersion(const std::filesystem::path& dir,
                                                const KnownIds& ids);

/// LoadBankVersion of `dir`, with every earlier version under `dir`/archive/<version>/ in
/// Bank::earlier, checked: each folder is named after its bank.toml version, older than
/// the current one, and the current bank's history keys agree with the archives (a statement
/// missing from an archive says it was added after it; one whose text differs says it was
/// reworded after it).
tl::expected<Bank, Diagnostics> LoadBank(const std::filesystem::path& dir, const KnownIds& ids);

}  // namespace cultivate::assess
