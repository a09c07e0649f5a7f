#pragma once
/// Test-only helpers for assess/ and plan/ tests: small banks built in code, answers.
/// Header-only, so the library never links it.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assess/bank.h"
#include "model/checkup.h"

namespace cultivate::assess::test {

/// A question whose phase is the part of `id` before the first '-'. Weights default to
/// { own phase = 2 }; practices and examples to "<id>-practice" / "<id>-example".
inline Question Q(const std::string& id, const std::string& element,
                  std::vector<std::string> principles, std::map<std::string, int> weights = {}) {
  Question q;
  q.id = id;
  q.phase = id.substr(0, id.find('-'));
  q.text = "Text of " + id;
  q.element = element;
  q.principles = std::move(principles);
  q.weights = weights.empty() ? std::map<std::string, int>{{q.phase, 2}} : std::move(weights);
  q.recommendation = "Recommendation of " + id;
  q.action = "Action of " + id;
  q.practices = {id + "-practice"};
  q.examples = {id + "-example"};
  return q;
}

/// A bank with all five phases (titles "Title of <phase>") holding `questions` in the
/// given order and the given prompts.
inline Bank MakeBank(const std::vector<Question>& questions,
                     const std::vector<Prompt>& prompts = {}) {
  Bank bank;
  bank.version = "test";
  bank.not_sure = "Not sure";
  for (int v = 0; v <= 4; ++v) bank.scale.push_back({v, "L" + std::to_string(v), "H"});
  for (std::string_view id : kPhaseOrder) {
    PhaseSection section;
    section.id = std::string(id);
    section.title = "Title of " + section.id;
    for (const auto& q : questions) {
      if (q.phase == id) section.questions.push_back(q);
    }
    for (const auto& p : prompts) {
      if (p.phase == id) section.prompts.push_back(p);
    }
    bank.phases.push_back(std::move(section));
  }
  return bank;
}

inline model::Answer A(const std::string& question, std::optional<int> now,
                       std::optional<int> target, const std::string& note = "") {
  return {question, now, target, note};
}

inline const std::vector<std::string> kAllPhases = {"define", "design", "grow", "perform",
                                                    "transform"};

/// The ids src/assess/testdata/good refers to (and /guide/practices/charter as its one page).
inline KnownIds FixtureIds() {
  KnownIds ids;
  ids.phases = {"define", "design", "grow", "perform", "transform"};
  ids.elements = {"domain", "community", "practice"};
  ids.principles = {"focus-on-value", "rhythm", "levels-of-participation", "design-for-evolution"};
  ids.practices = {"charter", "core-group"};
  ids.examples = {"uw-madison-cops"};
  ids.path_exists = [](const std::string& path) { return path == "/guide/practices/charter"; };
  return ids;
}

}  // namespace cultivate::assess::test
