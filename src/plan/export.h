#pragma once
/// Exports of one check-up (results, plan, answers, reflections) as Markdown, CSV and JSON.
/// Pure functions of an ExportInput: no IO, no clock.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "assess/bank.h"
#include "assess/results_json.h"
#include "assess/scoring.h"
#include "common/message.h"
#include "model/checkup.h"
#include "model/plan.h"

namespace cultivate::plan {

/// Everything an export shows. References: the caller keeps the values alive during the
/// call. `labels` resolves element, principle, practice and example titles (phase titles and
/// question texts come from the bank when the resolver has none); ids stand in for missing
/// titles.
struct ExportInput {
  const assess::Bank& bank;
  std::string name;  // model::Response::name; may be empty
  const assess::Results& results;
  const std::vector<model::Answer>& answers;
  const std::vector<model::Reflection>& reflections;
  const model::Plan& plan;
  assess::Labels labels;
  /// The words of the Markdown export's headings and sentences (content/messages.toml);
  /// empty: the message keys themselves.
  std::function<std::string(const Message&)> say;
};

/// A readable, printable document. Every user-written text (name, notes, reflections, plan)
/// is escaped so it shows as typed and never becomes Markdown or HTML.
std::string ToMarkdown(const ExportInput& in);

/// User-written text for Markdown: backslash-escapes Markdown and HTML punctuation and puts
/// it on one line, so it shows as typed and never becomes a heading, link or HTML.
std::string MarkdownInline(std::string_view text);

/// One sheet, CRLF lines, header
///   section,id,title,now_pct,target_pct,gap_pct,answered,answer_now,answer_target,
///   owner,due,status,note
/// sections in order: overall, phase, element, principle, placement, area, strength,
/// answer, reflection, vision, goals, strategies, action. RFC 4180 quoting; text cells that
/// start with =, +, -, @, tab or CR get a leading ' (see csv.h).
std::string ToCsv(const ExportInput& in);

/// {"response": {"name", "bank_version"}, "results": assess::ResultsToJson(...),
///  "plan": {"vision", "goals", "strategies", "updated_at",
///           "items": [{"what", "owner", "due", "status", "source"}]},
///  "answers": [{"question", "now", "target", "note"}]  (now/target null for "not sure"),
///  "reflections": [{"prompt", "text"}]}
nlohmann::json ToJson(const ExportInput& in);

}  // namespace cultivate::plan
