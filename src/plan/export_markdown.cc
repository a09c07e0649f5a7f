// ToMarkdown (declared in export.h).

#include <optional>
#include <string>
#include <string_view>

#include "plan/csv.h"
#include "plan/export.h"

namespace cultivate::plan {
namespace {

using assess::LabelKind;

/// Backslash-escapes Markdown and HTML punctuation so text shows as typed.
std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\`*_[]<>|#!~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

/// Escaped and on one line, for table cells and list items.
std::string Inline(std::string_view s) {
  std::string out = Escape(s);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string Percent(const std::optional<double>& v) { return v ? FormatNumber(*v) + "%" : "-"; }

std::string Points(const std::optional<double>& v) { return v ? FormatNumber(*v) : "-"; }

void ScoreTable(const std::vector<assess::GroupScore>& groups, LabelKind kind,
                const assess::Labels& labels, std::string* out) {
  *out += "| | Now | Target | Gap | Answered |\n|---|---|---|---|---|\n";
  for (const auto& g : groups) {
    *out += "| " + Inline(assess::Title(labels, kind, g.id)) + " | " + Percent(g.score.now) +
            " | " + Percent(g.score.target) + " | " + Points(g.score.gap) + " | " +
            std::to_string(g.score.answered) + " of " + std::to_string(g.score.questions) + " |\n";
  }
  *out += "\n";
}

std::string ScaleValue(const assess::Bank& bank, const std::optional<int>& v) {
  if (!v) return Inline(bank.not_sure);
  for (const auto& point : bank.scale) {
    if (point.value == *v) return std::to_string(*v) + " (" + Inline(point.label) + ")";
  }
  return std::to_string(*v);
}

void Placement(const assess::Placement& p, const assess::Labels& labels, std::string* out) {
  *out += "## Phase\n\n";
  std::string title =
      p.phase.empty() ? "" : Inline(assess::Title(labels, LabelKind::kPhase, p.phase));
  if (p.summary_key == "not-enough-answers") {
    *out += "Not enough answers to place the community in a phase.\n\n";
  } else if (p.summary_key == "all-strong") {
    *out += "Every phase included is at 60% or more: the community is in **" + title + "**.\n\n";
  } else {
    *out += "The community is in the **" + title + "** phase.";
    if (p.weak_foundation) *out += " Its foundations need attention.";
    *out += "\n\n";
  }
  if (!p.declared.empty()) {
    *out += "Declared by the coordinator: **" +
            Inline(assess::Title(labels, LabelKind::kPhase, p.declared)) + "**.\n\n";
  }
  for (const auto& r : p.reasons) {
    *out += "- " + Inline(assess::Title(labels, LabelKind::kPhase, r.phase)) + ": ";
    if (r.attainment) {
      *out += Percent(r.attainment) + (r.state == "reached" ? " (reached)" : " (below 60%)");
    } else {
      *out += r.state == "excluded" ? "not included" : "no answers, skipped";
    }
    *out += "\n";
  }
  *out += "\n";
}

void Areas(const std::vector<assess::Area>& areas, const assess::Labels& labels, std::string* out) {
  int rank = 0;
  for (const auto& a : areas) {
    LabelKind kind = a.kind == "element" ? LabelKind::kElement : LabelKind::kPrinciple;
    *out += std::to_string(++rank) + ". **" + Inline(assess::Title(labels, kind, a.key)) +
            "** (gap " + FormatNumber(a.gap) + ")";
    if (!a.recommendation.empty()) *out += ": " + Inline(a.recommendation);
    *out += "\n";
    std::string links;
    for (const auto& p : a.practices) {
      links += (links.empty() ? "" : ", ") + std::string("[") +
               Inline(assess::Title(labels, LabelKind::kPractice, p)) + "](" +
               assess::PracticeHref(p) + ")";
    }
    for (const auto& e : a.examples) {
      links += (links.empty() ? "" : ", ") + std::string("[") +
               Inline(assess::Title(labels, LabelKind::kExample, e)) + "](" +
               assess::ExampleHref(e) + ")";
    }
    if (!links.empty()) *out += "   Read more: " + links + "\n";
  }
  *out += areas.empty() ? "None.\n\n" : "\n";
}

void Section(const std::string& heading, const std::string& text, std::string* out) {
  *out += "### " + heading + "\n\n" + (text.empty() ? "-" : Escape(text)) + "\n\n";
}

}  // namespace

std::string ToMarkdown(const ExportInput& in) {
  const assess::Labels labels = assess::WithBank(in.bank, in.labels);
  const assess::Results& r = in.results;
  std::string out = "# " + (in.name.empty() ? std::string("Check-up") : Inline(in.name)) + "\n\n";
  out += "Question bank " + Inline(in.bank.version) +
         ". Percentages: the mean answer on the "
         "0 to 4 scale, as a share of 4. Gap: target minus now.\n\n";
  out += "## Results\n\nOverall: now " + Percent(r.overall.now) + ", target " +
         Percent(r.overall.target) + ", gap " + Points(r.overall.gap) + " (" +
         std::to_string(r.overall.answered) + " of " + std::to_string(r.overall.questions) +
         " questions answered).\n\n";
  out += "### Phases\n\n";
  ScoreTable(r.phases, LabelKind::kPhase, labels, &out);
  out += "### Elements\n\n";
  ScoreTable(r.elements, LabelKind::kElement, labels, &out);
  out += "### Principles\n\n";
  ScoreTable(r.principles, LabelKind::kPrinciple, labels, &out);
  Placement(r.placement, labels, &out);
  out += "## Improvement areas\n\n";
  Areas(r.improvement_areas, labels, &out);
  out += "## Strengths\n\n";
  Areas(r.strengths, labels, &out);

  out += "## Plan\n\n";
  Section("Vision", in.plan.vision, &out);
  Section("Goals", in.plan.goals, &out);
  Section("Strategies", in.plan.strategies, &out);
  out += "### Actions\n\n| What | Owner | Due | Status |\n|---|---|---|---|\n";
  for (const auto& item : in.plan.items) {
    out += "| " + Inline(item.what) + " | " + Inline(item.owner) + " | " + Inline(item.due) +
           " | " + Inline(item.status) + " |\n";
  }
  out += "\n## Answers\n\n| Question | Now | In a year | Note |\n|---|---|---|---|\n";
  for (const auto& a : in.answers) {
    out += "| " + Inline(assess::Title(labels, LabelKind::kQuestion, a.question)) + " | " +
           ScaleValue(in.bank, a.now) + " | " + ScaleValue(in.bank, a.target) + " | " +
           Inline(a.note) + " |\n";
  }
  out += "\n## Reflections\n\n";
  for (const auto& ref : in.reflections) {
    const assess::Prompt* prompt = in.bank.FindPrompt(ref.prompt);
    out += "**" + Inline(prompt ? prompt->text : ref.prompt) + "**\n\n" +
           (ref.text.empty() ? "-" : Escape(ref.text)) + "\n\n";
  }
  return out;
}

}  // namespace cultivate::plan
