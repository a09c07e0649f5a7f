#include "plan/plan.h"

#include <map>
#include <string>
#include <string_view>

namespace cultivate::plan {
namespace {

std::string Trim(std::string_view s) {
  const char* space = " \t\r\n";
  size_t begin = s.find_first_not_of(space);
  if (begin == std::string_view::npos) return "";
  size_t end = s.find_last_not_of(space);
  return std::string(s.substr(begin, end - begin + 1));
}

void Append(std::string& section, const std::string& text) {
  if (!section.empty()) section += "\n\n";
  section += text;
}

}  // namespace

model::Plan DraftPlan(const assess::Bank& bank, const assess::Results& results,
                      const std::vector<model::Reflection>& reflections) {
  std::map<std::string_view, std::string> text_by_prompt;
  for (const auto& r : reflections) text_by_prompt[r.prompt] = Trim(r.text);  // last one wins

  model::Plan plan;
  for (const auto& phase : bank.phases) {
    for (const auto& prompt : phase.prompts) {
      auto it = text_by_prompt.find(prompt.id);
      if (it == text_by_prompt.end() || it->second.empty()) continue;
      if (prompt.kind == "vision") {
        Append(plan.vision, it->second);
      } else if (prompt.kind == "goals") {
        Append(plan.goals, it->second);
      } else if (prompt.kind == "strategy") {
        Append(plan.strategies, it->second);
      }
    }
  }
  for (const auto& area : results.improvement_areas) {
    model::PlanItem item;
    item.what = area.action;
    item.status = "todo";
    item.source = area.questions.empty() ? "" : area.questions.front();
    plan.items.push_back(std::move(item));
  }
  return plan;
}

}  // namespace cultivate::plan
