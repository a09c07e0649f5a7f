#include "assess/results_json.h"

#include <cmath>
#include <utility>

namespace cultivate::assess {
namespace {

using nlohmann::json;

json Optional(const std::optional<double>& v) { return v ? json(RoundPercent(*v)) : json(nullptr); }

json Groups(const std::vector<GroupScore>& groups, LabelKind kind, const Labels& labels) {
  json out = json::array();
  for (const auto& g : groups) {
    json item = ScoreToJson(g.score);
    item["id"] = g.id;
    item["title"] = Title(labels, kind, g.id);
    out.push_back(std::move(item));
  }
  return out;
}

json AreasToJson(const std::vector<Area>& areas, const Labels& labels) {
  json out = json::array();
  for (const auto& a : areas) {
    json links = json::array();
    for (const auto& p : a.practices) {
      links.push_back(
          {{"title", Title(labels, LabelKind::kPractice, p)}, {"href", PracticeHref(p)}});
    }
    for (const auto& e : a.examples) {
      links.push_back({{"title", Title(labels, LabelKind::kExample, e)}, {"href", ExampleHref(e)}});
    }
    LabelKind kind = a.kind == "element" ? LabelKind::kElement : LabelKind::kPrinciple;
    out.push_back({{"key", a.key},
                   {"kind", a.kind},
                   {"title", Title(labels, kind, a.key)},
                   {"gap", RoundPercent(a.gap)},
                   {"priority", RoundPercent(a.priority)},
                   {"recommendation", a.recommendation},
                   {"action", a.action},
                   {"questions", a.questions},
                   {"links", std::move(links)}});
  }
  return out;
}

json PlacementToJson(const Placement& p, const Labels& labels) {
  json reasons = json::array();
  for (const auto& r : p.reasons) {
    reasons.push_back({{"phase", r.phase},
                       {"title", Title(labels, LabelKind::kPhase, r.phase)},
                       {"state", r.state},
                       {"attainment", Optional(r.attainment)},
                       {"questions", r.questions}});
  }
  auto id_or_null = [](const std::string& id) { return id.empty() ? json(nullptr) : json(id); };
  return {
      {"phase", id_or_null(p.phase)},
      {"title", p.phase.empty() ? json(nullptr) : json(Title(labels, LabelKind::kPhase, p.phase))},
      {"summary", p.summary_key},
      {"weak_foundation", p.weak_foundation},
      {"declared", id_or_null(p.declared)},
      {"declared_key", p.declared_key},
      {"reasons", std::move(reasons)}};
}

}  // namespace

Labels WithBank(const Bank& bank, Labels fallback) {
  return [&bank, fallback = std::move(fallback)](LabelKind kind, const std::string& id) {
    if (kind == LabelKind::kPhase) {
      if (const PhaseSection* p = bank.FindPhase(id)) return p->title;
    }
    if (kind == LabelKind::kQuestion) {
      if (const Question* q = bank.FindQuestionInHistory(id)) return q->text;
    }
    return fallback ? fallback(kind, id) : std::string();
  };
}

std::string Title(const Labels& labels, LabelKind kind, const std::string& id) {
  if (labels) {
    std::string title = labels(kind, id);
    if (!title.empty()) return title;
  }
  return id;
}

std::string PracticeHref(const std::string& id) { return "/guide/practices/" + id; }
std::string ExampleHref(const std::string& id) { return "/guide/examples/" + id; }

double RoundPercent(double value) {
  double r = std::round(value * 10.0) / 10.0;
  return r == 0.0 ? 0.0 : r;  // no "-0.0"
}

json ScoreToJson(const Score& score) {
  return {{"now", Optional(score.now)},
          {"target", Optional(score.target)},
          {"gap", Optional(score.gap)},
          {"answered", score.answered},
          {"questions", score.questions}};
}

json ResultsToJson(const Results& results, const Labels& labels) {
  json questions = json::array();
  for (const auto& row : results.questions) {
    json item = ScoreToJson(row.score);
    item["id"] = row.id;
    item["title"] = Title(labels, LabelKind::kQuestion, row.id);
    item["n"] = row.n;
    item["responses"] = row.responses;
    item["min"] = row.min_now ? json(*row.min_now) : json(nullptr);
    item["max"] = row.max_now ? json(*row.max_now) : json(nullptr);
    item["stddev"] = row.stddev_now ? json(std::round(*row.stddev_now * 100) / 100) : json(nullptr);
    item["disputed"] = row.disputed;
    questions.push_back(std::move(item));
  }
  return {{"included", results.included},
          {"overall", ScoreToJson(results.overall)},
          {"phases", Groups(results.phases, LabelKind::kPhase, labels)},
          {"elements", Groups(results.elements, LabelKind::kElement, labels)},
          {"principles", Groups(results.principles, LabelKind::kPrinciple, labels)},
          {"cycles", Groups(results.cycles, LabelKind::kCycle, labels)},
          {"placement", PlacementToJson(results.placement, labels)},
          {"improvement_areas", AreasToJson(results.improvement_areas, labels)},
          {"strengths", AreasToJson(results.strengths, labels)},
          {"questions", std::move(questions)}};
}

}  // namespace cultivate::assess
