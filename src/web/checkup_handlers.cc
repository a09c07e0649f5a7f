// The solo check-up in HTML: start, one page per phase (fieldset/legend radio groups that
// work without JavaScript), saved on every page, with a private resume link. Results, plan
// and exports are in checkup_results.cc.
#include <algorithm>
#include <set>

#include "http/form.h"
#include "web/app.h"
#include "web/checkup_pages.h"
#include "web/errors.h"
#include "common/message_keys.h"
#include "common/text.h"

namespace cultivate::web {

namespace {

using nlohmann::json;

const std::string* FormValue(const http::Fields& form, const std::string& key) {
  for (const auto& [k, v] : form)
    if (k == key) return &v;
  return nullptr;
}

std::vector<std::string> FormValues(const http::Fields& form, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& [k, v] : form)
    if (k == key) out.push_back(v);
  return out;
}

http::Response StartPage(WebApp& app, const http::Request& req, const std::string& name,
                         const std::vector<std::string>& chosen, const Message& error, int status) {
  const Site& site = app.site();
  json m = app.BaseModel("/checkup", app.Say(msg::kTitleCheckupStart),
                         app.Say(msg::kAboutCheckupStart));
  m["name"] = name;
  std::string focus = req.Query("focus");
  json phases = json::array();
  int questions = 0;
  for (const auto& section : site.bank.phases) {
    bool checked = chosen.empty() ? (focus.empty() || focus == section.id)
                                  : std::find(chosen.begin(), chosen.end(), section.id) != chosen.end();
    const auto* phase = site.catalog.FindPhase(section.id);
    phases.push_back({{"id", section.id}, {"title", section.title},
                      {"summary", phase ? phase->summary : ""},
                      {"count", section.questions.size()}, {"checked", checked}});
    questions += static_cast<int>(section.questions.size());
  }
  m["phases"] = phases;
  m["questions"] = questions;
  if (!error.empty()) m["error"] = app.Say(error);
  return app.Render("checkup_start", m, status);
}

/// Reads the answers and reflections of one phase from a submitted form. Problems go to
/// `errors`; `answers` holds what was submitted (also the invalid values, for re-display).
struct PhaseSubmission {
  std::vector<checkup::SubmittedAnswer> answers;
  std::vector<model::Reflection> reflections;
  std::map<std::string, FormAnswer> shown;  // what to show again, by question id
  std::vector<FieldError> errors;
};

PhaseSubmission ReadPhaseForm(const assess::PhaseSection& section, const http::Fields& form) {
  PhaseSubmission s;
  auto parse = [](const std::string* raw, std::optional<int>* out) {
    if (!raw) return true;
    if (*raw == "na") return true;
    if (raw->size() == 1 && (*raw)[0] >= '0' && (*raw)[0] <= '4') {
      *out = (*raw)[0] - '0';
      return true;
    }
    return false;
  };
  for (const auto& q : section.questions) {
    const std::string* now = FormValue(form, "now." + q.id);
    const std::string* target = FormValue(form, "target." + q.id);
    const std::string* note = FormValue(form, "note." + q.id);
    FormAnswer shown;
    shown.now = now ? *now : "";
    shown.target = target ? *target : "";
    shown.note = note ? *note : "";
    checkup::SubmittedAnswer a;
    a.question = q.id;
    a.note = shown.note;
    bool ok_now = parse(now, &a.now), ok_target = parse(target, &a.target);
    if (!ok_now) s.errors.push_back({q.id, "now", msg::kChooseNowOption});
    if (!ok_target) s.errors.push_back({q.id, "target", msg::kChooseTargetOption});
    if (ok_now && ok_target) {
      if (!now && !target) {
        if (!shown.note.empty())
          s.errors.push_back({q.id, "now", msg::kNoteNeedsAnswer});
        s.shown[q.id] = shown;
        continue;  // not answered yet
      }
      if (!now) s.errors.push_back({q.id, "now", msg::kChooseNow});
      if (!target) s.errors.push_back({q.id, "target", msg::kChooseTarget});
    }
    s.shown[q.id] = shown;
    s.answers.push_back(std::move(a));
  }
  for (const auto& p : section.prompts) {
    const std::string* text = FormValue(form, "prompt." + p.id);
    if (!text) continue;
    s.reflections.push_back({p.id, *text});
  }
  return s;
}

/// The bank section of `phase` when this check-up includes it, else nullptr.
const assess::PhaseSection* IncludedPhase(WebApp& app, const model::Response& response,
                                          const std::string& phase) {
  // The phase as the check-up was started: its questions keep their meaning.
  const auto* section = app.site().bank.ForVersion(response.bank_version).FindPhase(phase);
  if (!section) return nullptr;
  bool included = std::find(response.phases.begin(), response.phases.end(), section->id) !=
                  response.phases.end();
  return included ? section : nullptr;
}

}  // namespace

void AddCheckupRoutes(WebApp& app, http::Router& router) {
  router.Add("GET", "/checkup", [&app](http::Request& req) {
    return StartPage(app, req, "", {}, {}, 200);
  });

  router.Add("POST", "/checkup", [&app](http::Request& req) {
    auto form = http::ParseForm(req.body);
    if (!form) return app.Error(400);
    const std::string* name = FormValue(*form, "name");
    std::vector<std::string> phases = FormValues(*form, "phase");
    std::string n = name ? *name : "";
    if (phases.empty()) return StartPage(app, req, n, {"-"}, msg::kPhasesNone, 422);
    auto token = app.checkups().Create(n, phases);
    if (!token) {
      const auto& e = token.error();
      if (e.kind != cultivate::Error::Kind::kInvalid) return app.Fail(e);
      return StartPage(app, req, n, phases, e.details.front().text, 422);
    }
    auto created = app.checkups().Find(*token);
    std::string first = created && !created->phases.empty() ? created->phases.front() : "define";
    return http::Response::Redirect("/checkup/" + *token + "/phase/" + first + "?started=1");
  }, {.body_limit = 16 * 1024});

  router.Add("GET", "/checkup/{token}", [&app](http::Request& req) {
    auto response = app.checkups().Find(req.Param("token"));
    if (!response) return app.Fail(response.error());
    return OverviewPage(app, req, *response);
  });

  router.Add("GET", "/checkup/{token}/phase/{phase}", [&app](http::Request& req) {
    auto response = app.checkups().Find(req.Param("token"));
    if (!response) return app.Fail(response.error());
    const auto* section = IncludedPhase(app, *response, req.Param("phase"));
    if (!section) return app.Error(404, msg::kPhaseNotInCheckup);
    return PhasePage(app, req, *response, *section, nullptr, {}, 200);
  });

  router.Add("POST", "/checkup/{token}/phase/{phase}", [&app](http::Request& req) {
    auto response = app.checkups().Find(req.Param("token"));
    if (!response) return app.Fail(response.error());
    const auto* section = IncludedPhase(app, *response, req.Param("phase"));
    if (!section) return app.Error(404, msg::kPhaseNotInCheckup);
    auto form = http::ParseForm(req.body);
    if (!form) return app.Error(400, msg::kFormUnreadable);
    PhaseSubmission sub = ReadPhaseForm(*section, *form);
    auto saved = sub.errors.empty()
                     ? app.checkups().Save(*response, sub.answers, sub.reflections)
                     : Status(Fail(cultivate::Error::Fields(sub.errors)));
    if (!saved) {  // show the page again with everything typed, and why
      const auto& e = saved.error();
      std::vector<FieldError> errors = e.details;
      if (errors.empty()) {
        LogError(e);
        errors.push_back({"", "", e.kind == cultivate::Error::Kind::kConflict ? TextOf(e)
                                                                               : msg::kAnswersNotSaved});
      }
      return PhasePage(app, req, *response, *section, &sub.shown, errors, StatusOf(e),
                       &sub.reflections);
    }
    // Where to next: the button pressed decides.
    const std::string* go = FormValue(*form, "go");
    std::string base = "/checkup/" + req.Param("token");
    auto it = std::find(response->phases.begin(), response->phases.end(), section->id);
    if (go && *go == "prev" && it != response->phases.begin())
      return http::Response::Redirect(base + "/phase/" + *(it - 1));
    if (go && *go == "stay") return http::Response::Redirect(base + "/phase/" + section->id + "?saved=1");
    if (go && *go == "results") return http::Response::Redirect(base + "/results");
    if (it + 1 != response->phases.end()) return http::Response::Redirect(base + "/phase/" + *(it + 1));
    return http::Response::Redirect(base + "/results");
  }, {.body_limit = 512 * 1024});

  AddCheckupResultRoutes(app, router);
}

}  // namespace cultivate::web
