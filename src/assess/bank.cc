#include "assess/bank.h"

namespace cultivate::assess {

int PhaseIndex(std::string_view phase) {
  for (size_t i = 0; i < kPhaseOrder.size(); ++i) {
    if (kPhaseOrder[i] == phase) return static_cast<int>(i);
  }
  return -1;
}

int Question::Weight(std::string_view p) const {
  auto it = weights.find(std::string(p));
  return it == weights.end() ? 0 : it->second;
}

const Question* Bank::FindQuestion(std::string_view id) const {
  for (const auto& phase : phases) {
    for (const auto& q : phase.questions) {
      if (q.id == id) return &q;
    }
  }
  return nullptr;
}

const Prompt* Bank::FindPrompt(std::string_view id) const {
  for (const auto& phase : phases) {
    for (const auto& p : phase.prompts) {
      if (p.id == id) return &p;
    }
  }
  return nullptr;
}

const PhaseSection* Bank::FindPhase(std::string_view id) const {
  for (const auto& phase : phases) {
    if (phase.id == id) return &phase;
  }
  return nullptr;
}

int Bank::QuestionCount() const {
  int n = 0;
  for (const auto& phase : phases) n += static_cast<int>(phase.questions.size());
  return n;
}

std::vector<std::string> Bank::PhaseIds() const {
  std::vector<std::string> out;
  for (const auto& p : phases) out.push_back(p.id);
  return out;
}

}  // namespace cultivate::assess
