// ToMarkdown (declared in export.h).

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/message_keys.h"
#include "plan/csv.h"
#include "plan/export.h"

namespace cultivate::plan {
namespace {

using assess::LabelKind;
using Say = std::function<std::string(const Message&)>;

/// Backslash-escapes Markdown and HTML punctuation so text shows as typed.
std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\`*_[]<>|#!~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string Inline(std::string_view s) { return MarkdownInline(s); }

std::string Percent(const std::optional<double>& v) { return v ? FormatNumber(*v) + "%" : "-"; }

std::string Points(const std::optional<double>& v) { return v ? FormatNumber(*v) : "-"; }

void ScoreTable(const std::vector<assess::GroupScore>& groups, LabelKind kind,
                const assess::Labels& labels, const Say& say, std::string* out) {
  *out += "| | " + say(msg::kExportNow) + " | " + say(msg::kExportTarget) + " | " +
          say(msg::kExportGap) + " | " + say(msg::kExportAnswered) + " |\n|---|---|---|---|---|\n";
  for (const auto& g : groups) {
    *out += "| " + Inline(assess::Title(labels, kind, g.id)) + " | " + Percent(g.score.now) +
            " | " + Percent(g.score.target) + " | " + Points(g.score.gap) + " | " +
            say({msg::kExportOf, {Arg("n", g.score.answered), Arg("of", g.score.questions)}}) + " |\n";
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

void Placement(const assess::Placement& p, const assess::Labels& labels, const Say& say,
               std::string* out) {
  *out += "## " + say(msg::kExportPhase) + "\n\n";
  std::string title =
      p.phase.empty() ? "" : Inline(assess::Title(labels, LabelKind::kPhase, p.phase));
  if (p.summary_key == "not-enough-answers") {
    *out += say(msg::kExportNotPlaced) + "\n\n";
  } else if (p.summary_key == "all-strong") {
    *out += say({msg::kExportAllStrong, {Arg("phase", title)}}) + "\n\n";
  } else {
    *out += say({msg::kExportPlaced, {Arg("phase", title)}});
    if (p.weak_foundation) *out += " " + say(msg::kExportWeakFoundation);
    *out += "\n\n";
  }
  if (!p.declared.empty()) {
    *out += say({msg::kExportDeclared,
                 {Arg("phase", Inline(assess::Title(labels, LabelKind::kPhase, p.declared)))}}) +
            "\n\n";
  }
  for (const auto& r : p.reasons) {
    *out += "- " + Inline(assess::Title(labels, LabelKind::kPhase, r.phase)) + ": ";
    if (r.attainment) {
      *out += Percent(r.attainment) + " (" +
              say(r.state == "reached" ? msg::kExportReached : msg::kExportBelow) + ")";
    } else {
      *out += say(r.state == "excluded" ? msg::kExportExcluded : msg::kExportSkipped);
    }
    *out += "\n";
  }
  *out += "\n";
}

void Areas(const std::vector<assess::Area>& areas, const assess::Labels& labels, const Say& say,
           std::string* out) {
  int rank = 0;
  for (const auto& a : areas) {
    LabelKind kind = a.kind == "element" ? LabelKind::kElement : LabelKind::kPrinciple;
    *out += std::to_string(++rank) + ". **" + Inline(assess::Title(labels, kind, a.key)) +
            "** (" + say({msg::kExportGapOf, {Arg("gap", FormatNumber(a.gap))}}) + ")";
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
    if (!links.empty()) *out += "   " + say(msg::kExportReadMore) + " " + links + "\n";
  }
  *out += areas.empty() ? say(msg::kExportNone) + "\n\n" : "\n";
}

void Section(const std::string& heading, const std::string& text, std::string* out) {
  *out += "### " + heading + "\n\n" + (text.empty() ? "-" : Escape(text)) + "\n\n";
}

}  // namespace

std::string MarkdownInline(std::string_view s) {
  std::string out = Escape(s);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string ToMarkdown(const ExportInput& in) {
  const assess::Labels labels = assess::WithBank(in.bank, in.labels);
  const Say say = in.say ? in.say : Say([](const Message& m) { return m.key; });
  const assess::Results& r = in.results;
  std::string out = "# " + (in.name.empty() ? say(msg::kExportTitle) : Inline(in.name)) + "\n\n";
  out += say({msg::kExportIntro, {Arg("version", Inline(in.bank.version))}}) + "\n\n";
  out += "## " + say(msg::kExportResults) + "\n\n" +
         say({msg::kExportOverall,
              {Arg("now", Percent(r.overall.now)), Arg("target", Percent(r.overall.target)),
               Arg("gap", Points(r.overall.gap)), Arg("n", r.overall.answered),
               Arg("of", r.overall.questions)}}) +
         "\n\n";
  out += "### " + say(msg::kExportPhases) + "\n\n";
  ScoreTable(r.phases, LabelKind::kPhase, labels, say, &out);
  out += "### " + say(msg::kExportElements) + "\n\n";
  ScoreTable(r.elements, LabelKind::kElement, labels, say, &out);
  out += "### " + say(msg::kExportPrinciples) + "\n\n";
  ScoreTable(r.principles, LabelKind::kPrinciple, labels, say, &out);
  Placement(r.placement, labels, say, &out);
  out += "## " + say(msg::kExportAreas) + "\n\n";
  Areas(r.improvement_areas, labels, say, &out);
  out += "## " + say(msg::kExportStrengths) + "\n\n";
  Areas(r.strengths, labels, say, &out);

  out += "## " + say(msg::kExportPlan) + "\n\n";
  Section(say(msg::kExportVision), in.plan.vision, &out);
  Section(say(msg::kExportGoals), in.plan.goals, &out);
  Section(say(msg::kExportStrategies), in.plan.strategies, &out);
  out += "### " + say(msg::kExportActions) + "\n\n| " + say(msg::kExportWhat) + " | " +
         say(msg::kExportOwner) + " | " + say(msg::kExportDue) + " | " + say(msg::kExportStatus) +
         " |\n|---|---|---|---|\n";
  for (const auto& item : in.plan.items) {
    out += "| " + Inline(item.what) + " | " + Inline(item.owner) + " | " + Inline(item.due) +
           " | " + Inline(item.status) + " |\n";
  }
  out += "\n## " + say(msg::kExportAnswers) + "\n\n| " + say(msg::kExportQuestion) + " | " +
         say(msg::kExportNow) + " | " + say(msg::kExportInAYear) + " | " + say(msg::kExportNoteColumn) +
         " |\n|---|---|---|---|\n";
  for (const auto& a : in.answers) {
    out += "| " + Inline(assess::Title(labels, LabelKind::kQuestion, a.question)) + " | " +
           ScaleValue(in.bank, a.now) + " | " + ScaleValue(in.bank, a.target) + " | " +
           Inline(a.note) + " |\n";
  }
  out += "\n## " + say(msg::kExportReflections) + "\n\n";
  for (const auto& ref : in.reflections) {
    const assess::Prompt* prompt = in.bank.FindPrompt(ref.prompt);
    out += "**" + Inline(prompt ? prompt->text : ref.prompt) + "**\n\n" +
           (ref.text.empty() ? "-" : Escape(ref.text)) + "\n\n";
  }
  return out;
}

}  // namespace cultivate::plan
