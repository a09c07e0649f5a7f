#pragma once
/// Test support for the HTML check-up: starting one through the form, answering a whole
/// phase, reading it back through the API.

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/app_client.h"
#include "testing/html_scan.h"

namespace cultivate::web::test {

using Form = std::vector<std::pair<std::string, std::string>>;

inline const assess::PhaseSection& Section(const std::string& id) { return *testing::TestSite()->bank.FindPhase(id); }

inline std::string Start(testing::AppClient& c, const std::vector<std::string>& phases, const std::string& name = "Tea club") {
  Form f = {{"name", name}};
  for (const auto& p : phases) f.emplace_back("phase", p);
  auto r = c.PostForm("/checkup", testing::FormBody(f));
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 500);
  const std::string* loc = r.Header("Location");
  return loc ? testing::TokenFromLocation(*loc) : std::string();
}

/// Every question of a phase answered with the same values and a numbered note.
inline Form AnswerAll(const assess::PhaseSection& s, const std::string& now, const std::string& target,
               const std::string& note = "") {
  Form f;
  int i = 0;
  for (const auto& q : s.questions) {
    f.emplace_back("now." + q.id, now);
    f.emplace_back("target." + q.id, target);
    f.emplace_back("note." + q.id, note.empty() ? "" : note + " " + std::to_string(++i));
  }
  return f;
}

inline nlohmann::json ApiCheckup(testing::AppClient& c, const std::string& token) {
  auto r = c.Get("/api/v1/checkups/" + token);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? nlohmann::json::parse(r.body) : nlohmann::json::object();
}

inline std::string PhasePath(const std::string& token, const std::string& phase) {
  return "/checkup/" + token + "/phase/" + phase;
}

inline bool InSiteDesign(const std::string& html) {
  return html.find("<header class=\"site-header\">") != std::string::npos &&
         html.find("aria-label=\"Main\"") != std::string::npos;
}

/// A filled-in plan form: vision, goals, strategies and two items, the first due on `due`.
inline Form PlanForm(const std::string& due) {
  return {{"vision", "A lively <community>"}, {"goals", "Monthly meetings"}, {"strategies", "Rotate hosts"},
          {"item.0.what", "Book a room"},       {"item.0.owner", "Ana"},       {"item.0.due", due},
          {"item.0.status", "doing"},           {"item.1.what", "Write the charter"}, {"item.1.owner", ""},
          {"item.1.due", ""},                   {"item.1.status", "todo"},     {"go", "save"}};
}

}  // namespace cultivate::web::test
