#include "web/checkup_pages.h"

#include <algorithm>
#include <set>

#include "common/message_keys.h"

namespace cultivate::web {

namespace {

using nlohmann::json;

std::string ResumeUrl(const http::Request& req, const std::string& path) {
  const std::string* host = req.Header("Host");
  if (!host || host->empty() || host->find_first_of(" <>\"'") != std::string::npos) return path;
  bool local = host->rfind("127.", 0) == 0 || host->rfind("localhost", 0) == 0 || host->rfind("[::1]", 0) == 0;
  return std::string(local ? "http://" : "https://") + *host + path;
}

std::string ValueOf(const std::optional<int>& v) { return v ? std::to_string(*v) : "na"; }

}  // namespace

json CheckupModel(WebApp& app, const http::Request& req, const model::Response& response,
                  const std::vector<model::Answer>& answers, const std::string& path,
                  const std::string& title, const std::string& current_step) {
  const Site& site = app.site();
  json m = app.BaseModel(path, title, app.Say(msg::kAboutCheckup));
  m["noindex"] = true;
  std::string token = req.Param("token");
  std::string base = "/checkup/" + token;
  m["base"] = base;
  m["resume_path"] = base;
  m["resume_url"] = ResumeUrl(req, base);
  m["name"] = response.name;
  std::set<std::string> answered;
  for (const auto& a : answers) answered.insert(a.question);
  json steps = json::array();
  int total = 0, done = 0, index = 0, position = 0;
  for (const auto& id : response.phases) {
    const auto* section = site.bank.ForVersion(response.bank_version).FindPhase(id);
    if (!section) continue;
    ++index;
    int n = 0;
    for (const auto& q : section->questions) n += answered.count(q.id) ? 1 : 0;
    total += static_cast<int>(section->questions.size());
    done += n;
    json step{{"title", section->title}, {"href", base + "/phase/" + id}, {"answered", n},
              {"questions", section->questions.size()}, {"number", index}};
    if (current_step == id) {
      step["current"] = true;
      position = index;
    }
    steps.push_back(std::move(step));
  }
  m["steps"] = steps;
  m["phase_count"] = index;
  m["phase_position"] = position;
  m["answered"] = done;
  m["total"] = total;
  m["percent"] = total ? done * 100 / total : 0;
  if (auto membership = app.checkups().MembershipOf(response); membership && *membership) {
    const auto& [round, community] = **membership;
    m["member"] = {{"community", community.name},
                   {"round_open", round.open()},
                   {"threshold", app.team().threshold()},
                   {"by_coordinator", response.by_coordinator},
                   {"round_counts", {{"invited", round.invited},
                                     {"joined", round.joined},
                                     {"answered", round.answered},
                                     {"coordinator_answered", round.coordinator_answered},
                                     {"has_coordinator_answered", round.coordinator_answered > 0}}},
                   {"demo", community.demo}};
  }
  m["community_current"] = current_step == "community";
  m["results_current"] = current_step == "results";
  m["plan_current"] = current_step == "plan";
  m["overview_current"] = current_step == "overview";
  return m;
}

json CheckupModel(WebApp& app, const http::Request& req, const model::Response& response,
                  const std::string& path, const std::string& title, const std::string& current_step) {
  auto answers = app.checkups().Answers(response);
  return CheckupModel(app, req, response, answers ? *answers : std::vector<model::Answer>{}, path,
                      title, current_step);
}

http::Response OverviewPage(WebApp& app, const http::Request& req, const model::Response& response) {
  json m = CheckupModel(app, req, response, "/checkup/" + req.Param("token"),
                        app.Say(msg::kTitleCheckupOverview), "overview");
  // The first phase with unanswered questions is where "Continue" goes.
  for (const auto& step : m["steps"]) {
    if (step["answered"].get<int>() < step["questions"].get<int>()) {
      m["continue"] = step["href"];
      break;
    }
  }
  if (!m.contains("continue")) m["complete"] = true;
  if (response.round_id) {  // the review meeting's vote is open: the member's way to it
    auto ballot = app.meeting().MemberBallot(response, req.Param("token"));
    if (ballot && ballot->vote == model::VoteState::kOpen && !ballot->areas.empty())
      m["vote_href"] = "/checkup/" + req.Param("token") + "/vote";
  }
  return app.Render("checkup_overview", m);
}

http::Response PhasePage(WebApp& app, const http::Request& req, const model::Response& response,
                         const assess::PhaseSection& section,
                         const std::map<std::string, FormAnswer>* shown,
                         const std::vector<FieldError>& errors, int status,
                         const std::vector<model::Reflection>* shown_reflections) {
  const Site& site = app.site();
  auto answers = app.checkups().Answers(response);
  if (!answers) return app.Fail(answers.error());
  std::string title = app.Say({errors.empty() ? msg::kTitleCheckupPhase : msg::kTitleCheckupPhaseErrors,
                               {Arg("phase", section.title)}});
  json m = CheckupModel(app, req, response, *answers,
                        "/checkup/" + req.Param("token") + "/phase/" + section.id, title, section.id);
  std::map<std::string, const model::Answer*> saved;
  for (const auto& a : *answers) saved[a.question] = &a;
  std::map<std::string, std::map<std::string, std::string>> field_errors;
  for (const auto& e : errors) field_errors[e.question][e.field] = app.Say(e.text);

  const auto* phase = site.catalog.FindPhase(section.id);
  m["section"] = {{"id", section.id}, {"title", section.title}, {"intro", section.intro},
                  {"guide", phase ? "/guide/phases/" + section.id : ""}};
  const assess::Bank& bank = site.bank.ForVersion(response.bank_version);
  m["not_sure"] = bank.not_sure;
  json questions = json::array();
  int number = 0;
  for (const auto& q : section.questions) {
    ++number;
    FormAnswer value;
    if (shown) {
      auto it = shown->find(q.id);
      if (it != shown->end()) value = it->second;
    } else if (auto it = saved.find(q.id); it != saved.end()) {
      value = {ValueOf(it->second->now), ValueOf(it->second->target), it->second->note};
    }
    auto options = [&](const std::string& which, const std::string& chosen) {
      json out = json::array();
      for (const auto& s : bank.scale) {
        std::string v = std::to_string(s.value);
        out.push_back({{"value", v}, {"label", s.label}, {"hint", s.hint},
                       {"id", which + "-" + q.id + "-" + v}, {"name", which + "." + q.id},
                       {"checked", chosen == v}, {"is_not_sure", false}});
      }
      out.push_back({{"value", "na"}, {"label", bank.not_sure}, {"hint", ""},
                     {"id", which + "-" + q.id + "-na"}, {"name", which + "." + q.id},
                     {"checked", chosen == "na"}, {"is_not_sure", true}});
      return out;
    };
    json item{{"id", q.id}, {"number", number}, {"text", q.text}, {"why", q.why},
              {"coordinator_only", q.coordinator_only},
              {"guide", q.guide}, {"now", options("now", value.now)},
              {"target", options("target", value.target)}, {"note", value.note},
              {"answered", !value.now.empty() && !value.target.empty()}};
    if (auto it = field_errors.find(q.id); it != field_errors.end()) {
      item["has_error"] = true;
      for (const auto& [field, message] : it->second) {
        if (field == "now" || field == "target" || field == "note")
          item["error_" + field] = message;
        else
          item["error_now"] = message;
      }
    }
    questions.push_back(std::move(item));
  }
  m["questions"] = questions;

  std::map<std::string, std::string> reflections;
  if (shown_reflections) {
    for (const auto& r : *shown_reflections) reflections[r.prompt] = r.text;
  } else if (auto saved_refl = app.checkups().Reflections(response)) {
    for (const auto& r : *saved_refl) reflections[r.prompt] = r.text;
  }
  json prompts = json::array();
  for (const auto& p : section.prompts) {
    json item{{"id", p.id}, {"text", p.text}, {"value", reflections[p.id]}};
    if (auto it = field_errors.find(p.id); it != field_errors.end()) item["error"] = it->second.begin()->second;
    prompts.push_back(std::move(item));
  }
  m["prompts"] = prompts;

  json summary = json::array();
  for (const auto& e : errors) {
    std::string anchor = e.question.empty() ? "questions" : "q-" + e.question;
    const auto* q = bank.FindQuestion(e.question);
    summary.push_back({{"href", "#" + anchor}, {"message", (q ? q->text + ": " : "") + app.Say(e.text)}});
  }
  m["errors"] = summary;
  auto it = std::find(response.phases.begin(), response.phases.end(), section.id);
  m["has_prev"] = it != response.phases.begin();
  m["is_last"] = it == response.phases.end() || it + 1 == response.phases.end();
  m["started"] = !req.Query("started").empty();
  m["saved"] = !req.Query("saved").empty();
  http::Response r = app.Render("checkup_phase", m, status);
  r.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace cultivate::web
