#pragma once
/// Results as JSON, the one shape shared by the JSON API and the JSON export.
///
/// {
///   "included": ["define", ...],
///   "overall": Score,
///   "phases" | "elements" | "principles": [ {"id", "title", ...Score}, ... ]  (bank order),
///   "placement": {"phase": id|null, "title": str|null, "summary": key, "weak_foundation": bool,
///                 "declared": id|null, "declared_key": str,
///                 "reasons": [{"phase", "title", "state", "attainment": num|null,
///                              "questions": [id, ...]}]},
///   "improvement_areas" | "strengths": [ {"key", "kind", "title", "gap", "priority",
///        "recommendation", "action", "questions": [id, ...],
///        "links": [{"title", "href"}]} ],   (ranked; links: practices then examples)
///   "questions": [ {"id", "title", ...Score, "n", "responses", "min", "max", "stddev",
///                   "disputed"} ]
/// }
/// where Score is {"now", "target", "gap": number on 0..100 (gap -100..100) rounded to one
/// decimal, or null when nothing was answered; "answered": int; "questions": int}.

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "assess/bank.h"
#include "assess/scoring.h"

namespace cultivate::assess {

enum class LabelKind { kPhase, kElement, kPrinciple, kPractice, kExample, kQuestion, kCycle };

/// Resolves an id to the title readers see. May be empty, or return "" for an unknown id:
/// the id itself is used then.
using Labels = std::function<std::string(LabelKind kind, const std::string& id)>;

/// A resolver that answers phase titles and question texts from the bank and asks
/// `fallback` (taxonomy, practices, examples) for everything else. Keeps a reference to
/// `bank`, which must outlive the resolver.
Labels WithBank(const Bank& bank, Labels fallback);

/// The title for an id through `labels`, or the id when there is none.
std::string Title(const Labels& labels, LabelKind kind, const std::string& id);

/// Site path of a guide page: /guide/practices/<id> or /guide/examples/<id>.
std::string PracticeHref(const std::string& id);
std::string ExampleHref(const std::string& id);

/// Rounds a percentage to one decimal for display and JSON.
double RoundPercent(double value);

nlohmann::json ScoreToJson(const Score& score);
nlohmann::json ResultsToJson(const Results& results, const Labels& labels);

}  // namespace cultivate::assess
