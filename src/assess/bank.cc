#include "assess/bank.h"

namespace cultivate::assess {

bool ValidVersion(std::string_view v) {
  size_t dot = v.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == v.size()) return false;
  for (size_t i = 0; i < v.size(); ++i)
    if (i != dot && (v[i] < '0' || v[i] > '9')) return false;
  return v.size() <= 20;
}

int CompareVersions(std::string_view a, std::string_view b) {
  auto parts = [](std::string_view v) {
    size_t dot = v.find('.');
    auto num = [](std::string_view s) {
      long long n = 0;
      for (char c : s)
        if (c >= '0' && c <= '9' && n < 100000000000000LL) n = n * 10 + (c - '0');
      return n;
    };
    return std::pair(num(v.substr(0, dot)), dot == std::string_view::npos ? 0 : num(v.substr(dot + 1)));
  };
  auto x = parts(a), y = parts(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

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

const Bank& Bank::ForVersion(std::string_view v) const {
  for (const auto& old : earlier)
    if (old.version == v) return old;
  return *this;
}

const Question* Bank::FindQuestionInHistory(std::string_view id) const {
  if (const Question* q = FindQuestion(id)) return q;
  for (auto old = earlier.rbegin(); old != earlier.rend(); ++old)
    if (const Question* q = old->FindQuestion(id)) return q;
  return nullptr;
}

}  // namespace cultivate::assess
