// Results, plan, print view and exports of a solo check-up.
#include <cmath>

#include "http/form.h"
#include "plan/export.h"
#include "view/charts.h"
#include "web/checkup_pages.h"

namespace cultivate::web {

using nlohmann::json;

std::string Pct(const json& v) {
  if (v.is_null()) return "";
  return std::to_string(static_cast<int>(std::lround(v.get<double>())));
}

/// Adds display strings (whole percentages) to a score object from ResultsToJson.
void Decorate(json& s) {
  s["now_text"] = Pct(s["now"]);
  s["target_text"] = Pct(s["target"]);
  s["gap_text"] = Pct(s["gap"]);
  s["scored"] = !s["now"].is_null();
}

json QuestionTexts(const Site& site, const json& ids) {
  json texts = json::array();
  for (const auto& id : ids)
    if (const auto* q = site.bank.FindQuestion(id.get<std::string>())) texts.push_back(q->text);
  return texts;
}

void DecoratePlacement(json& p) {
  p["is_" + p.value("summary", std::string("placed"))] = true;
  if (p.contains("phase") && p["phase"].is_string()) p["href"] = "/guide/phases/" + p["phase"].get<std::string>();
}

std::string Chart(const json& groups, const std::string& id) {
  std::vector<view::Bar> bars;
  for (const auto& g : groups) {
    if (g.value("questions", 0) == 0) continue;
    view::Bar b;
    b.label = g.value("title", g.value("id", ""));
    if (!g["now"].is_null()) b.now = g["now"].get<double>();
    if (!g["target"].is_null()) b.target = g["target"].get<double>();
    bars.push_back(std::move(b));
  }
  return view::NowTargetSvg(bars, id);
}

namespace {

json ResultsModel(WebApp& app, const http::Request& req, const store::Response& response,
                  const assess::Results& results, CheckupService& svc) {
  const Site& site = app.site();
  json m = CheckupModel(app, req, response, "/checkup/" + req.Param("token") + "/results",
                        "Your results", "results");
  json r = assess::ResultsToJson(results, svc.Labels());
  Decorate(r["overall"]);
  for (const char* group : {"phases", "elements", "principles"}) {
    json kept = json::array();
    for (auto& g : r[group]) {
      if (g.value("questions", 0) == 0) continue;  // phases left out of this check-up
      Decorate(g);
      kept.push_back(g);
    }
    r[group] = kept;
  }
  m["phase_chart"] = Chart(r["phases"], "phase-table");
  m["element_chart"] = Chart(r["elements"], "element-table");
  m["principle_chart"] = Chart(r["principles"], "principle-table");
  json& p = r["placement"];
  DecoratePlacement(p);
  for (auto& reason : p["reasons"]) {
    reason["attainment_text"] = Pct(reason["attainment"]);
    reason["state_" + reason.value("state", std::string())] = true;
    reason["question_texts"] = QuestionTexts(site, reason["questions"]);
  }
  // Improvement areas and strengths: add the questions' words and answers.
  auto answers = app.store().Answers(response.id);
  std::map<std::string, store::Answer> by_id;
  if (answers)
    for (const auto& a : *answers) by_id[a.question] = a;
  auto label = [&](const std::optional<int>& v) -> std::string {
    if (!v) return site.bank.not_sure;
    for (const auto& s : site.bank.scale)
      if (s.value == *v) return s.label;
    return "";
  };
  for (const char* list : {"improvement_areas", "strengths"}) {
    int rank = 0;
    for (auto& area : r[list]) {
      area["rank"] = ++rank;
      area["gap_text"] = Pct(area["gap"]);
      json qs = json::array();
      for (const auto& qid : area["questions"]) {
        const auto* q = site.bank.FindQuestion(qid.get<std::string>());
        if (!q) continue;
        json item{{"text", q->text}, {"why", q->why}, {"guide", q->guide}};
        if (auto it = by_id.find(q->id); it != by_id.end()) {
          item["now"] = label(it->second.now);
          item["target"] = label(it->second.target);
        }
        qs.push_back(item);
      }
      area["question_items"] = qs;
      if (!qs.empty()) area["why"] = qs[0]["why"];
    }
  }
  json notes = json::array();
  for (const auto& section : site.bank.phases)
    for (const auto& q : section.questions)
      if (auto it = by_id.find(q.id); it != by_id.end() && !it->second.note.empty())
        notes.push_back({{"question", q.text}, {"note", it->second.note}, {"phase", section.title}});
  m["notes"] = notes;
  m["results"] = r;
  m["has_answers"] = results.overall.answered > 0;
  return m;
}

}  // namespace

void AddPlanErrors(json& m, const std::vector<FieldError>& errors) {
  json list = json::array();
  for (const auto& e : errors) {
    std::string anchor = e.field;
    std::replace(anchor.begin(), anchor.end(), '.', '-');
    list.push_back({{"href", "#plan-" + anchor}, {"message", e.message}});
    // Mark the field too.
    if (e.field.rfind("items.", 0) == 0) {
      size_t dot = e.field.find('.', 6);
      size_t i = std::stoul(e.field.substr(6, dot - 6));
      if (i < m["plan"]["items"].size())
        m["plan"]["items"][i]["error_" + e.field.substr(dot + 1)] = e.message;
    } else if (!e.field.empty()) {
      m["plan"]["error_" + e.field] = e.message;
    }
  }
  m["errors"] = list;
  m["has_errors"] = !list.empty();
}

json PlanModel(const store::Plan& plan, int empty_rows) {
  json items = json::array();
  auto add = [&](const store::PlanItem& item, size_t i) {
    json statuses = json::array();
    for (const char* s : {"todo", "doing", "done", "dropped"})
      statuses.push_back({{"value", s}, {"selected", item.status == s}, {"is_" + std::string(s), true}});
    items.push_back({{"index", i}, {"number", i + 1}, {"what", item.what}, {"owner", item.owner},
                     {"due", item.due}, {"status", item.status}, {"statuses", statuses},
                     {"source", item.source}});
  };
  size_t i = 0;
  for (const auto& item : plan.items) add(item, i++);
  for (int k = 0; k < empty_rows; ++k) add(store::PlanItem{"", "", "", "todo", ""}, i++);
  return {{"vision", plan.vision}, {"goals", plan.goals}, {"strategies", plan.strategies},
          {"items", items}, {"count", plan.items.size()}};
}

/// Reads the plan form: vision, goals, strategies and rows item.N.what/owner/due/status/source.
store::Plan ReadPlanForm(const http::Fields& form) {
  store::Plan plan;
  std::map<int, store::PlanItem> rows;
  for (const auto& [k, v] : form) {
    if (k == "vision") plan.vision = v;
    else if (k == "goals") plan.goals = v;
    else if (k == "strategies") plan.strategies = v;
    else if (k.rfind("item.", 0) == 0) {
      size_t dot = k.find('.', 5);
      if (dot == std::string::npos) continue;
      std::string index = k.substr(5, dot - 5);
      if (index.empty() || index.size() > 3 || index.find_first_not_of("0123456789") != std::string::npos) continue;
      store::PlanItem& item = rows[std::stoi(index)];
      std::string field = k.substr(dot + 1);
      if (field == "what") item.what = v;
      else if (field == "owner") item.owner = v;
      else if (field == "due") item.due = v;
      else if (field == "status") item.status = v;
      else if (field == "source") item.source = v;
    }
  }
  for (auto& [i, item] : rows) {
    if (item.status.empty()) item.status = "todo";
    bool blank = item.what.empty() && item.owner.empty() && item.due.empty();
    if (!blank) plan.items.push_back(std::move(item));
  }
  return plan;
}

namespace {

http::Response PlanPage(WebApp& app, const http::Request& req, const store::Response& response,
                        const store::Plan& plan, bool draft, const std::vector<FieldError>& errors,
                        int status, int empty_rows) {
  json m = CheckupModel(app, req, response, "/checkup/" + req.Param("token") + "/plan",
                        errors.empty() ? "Your strategy plan" : "Please check your plan: Your strategy plan",
                        "plan");
  m["plan"] = PlanModel(plan, empty_rows);
  m["draft"] = draft;
  m["saved"] = !req.Query("saved").empty();
  AddPlanErrors(m, errors);
  http::Response r = app.Render("checkup_plan", m, status);
  r.Set("Cache-Control", "no-store");
  return r;
}

http::Response Download(std::string body, const std::string& type, const std::string& filename) {
  http::Response r;
  r.status = 200;
  r.body = std::move(body);
  r.Set("Content-Type", type);
  r.Set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace

void AddCheckupResultRoutes(WebApp& app, http::Router& router) {
  auto with_results = [&app](auto&& body) {
    return [&app, body](http::Request& req) -> http::Response {
      CheckupService svc(app.site(), app.store());
      auto response = svc.Find(req.Param("token"));
      if (!response) return CheckupNotFound(app, response.error());
      auto results = svc.Score(*response);
      if (!results) return CheckupNotFound(app, results.error());
      return body(req, svc, *response, *results);
    };
  };

  // A solo results page depends only on the response (its revision changes with every
  // answer, reflection or name change) and on the Host in its resume link, so it is rendered
  // once per revision and served from memory, gzip and ETag included. Member check-ups also
  // show their round's state, so they are rendered every time.
  router.Add("GET", "/checkup/{token}/results", [&app](http::Request& req) -> http::Response {
    CheckupService svc(app.site(), app.store());
    auto response = svc.Find(req.Param("token"));
    if (!response) return CheckupNotFound(app, response.error());
    const std::string* host = req.Header("Host");
    std::string key = response->token_hash + "|" + std::to_string(response->revision) + "|" +
                      (host ? *host : "");
    bool cacheable = !response->round_id;
    if (cacheable)
      if (auto page = app.pages().Get(key)) return page->Serve(req);
    auto results = svc.Score(*response);
    if (!results) return CheckupNotFound(app, results.error());
    json m = ResultsModel(app, req, *response, *results, svc);
    http::Response r = app.Render("checkup_results", m);
    r.Set("Cache-Control", "no-store");
    if (!cacheable || r.status != 200) return r;
    auto page = std::make_shared<const http::PreparedBody>(
        http::PreparedBody::Make(std::move(r.body), "text/html; charset=utf-8", "no-store"));
    app.pages().Put(key, page);
    return page->Serve(req);
  });

  router.Add("GET", "/checkup/{token}/print", with_results([&app](http::Request& req, CheckupService& svc,
                                                                   const store::Response& response,
                                                                   const assess::Results& results) {
    json m = ResultsModel(app, req, response, results, svc);
    bool draft = false;
    auto plan = svc.PlanOrDraft(response, results, &draft);
    if (!plan) return CheckupNotFound(app, plan.error());
    m["plan"] = PlanModel(*plan, 0);
    m["draft"] = draft;
    m["title"] = response.name.empty() ? "Check-up results and plan" : response.name + ": check-up results and plan";
    http::Response r = app.Render("checkup_print", m);
    r.Set("Cache-Control", "no-store");
    return r;
  }));

  router.Add("GET", "/checkup/{token}/plan", with_results([&app](http::Request& req, CheckupService& svc,
                                                                  const store::Response& response,
                                                                  const assess::Results& results) {
    bool draft = false;
    auto plan = svc.PlanOrDraft(response, results, &draft);
    if (!plan) return CheckupNotFound(app, plan.error());
    return PlanPage(app, req, response, *plan, draft, {}, 200,
                    plan->items.empty() ? 3 : (req.Query("add").empty() ? 1 : 2));
  }));

  router.Add("POST", "/checkup/{token}/plan", [&app](http::Request& req) {
    CheckupService svc(app.site(), app.store());
    auto response = svc.Find(req.Param("token"));
    if (!response) return CheckupNotFound(app, response.error());
    auto form = http::ParseForm(req.body);
    if (!form) return app.Error(400, "Your plan could not be read. Go back and try again.");
    store::Plan plan = ReadPlanForm(*form);
    auto errors = svc.ValidatePlan(plan);
    bool add = false;
    for (const auto& [k, v] : *form)
      if (k == "go" && v == "add") add = true;
    if (!errors.empty()) return PlanPage(app, req, *response, plan, false, errors, 422, 0);
    auto saved = app.store().SaveResponsePlan(response->id, plan);
    if (!saved) {
      FieldError e{"", "", "We could not save your plan just now. It is still on this page: please try again."};
      return PlanPage(app, req, *response, plan, false, {e}, 503, 0);
    }
    std::string base = "/checkup/" + req.Param("token") + "/plan";
    return http::Response::Redirect(add ? base + "?saved=1&add=1#plan-new" : base + "?saved=1");
  }, {.body_limit = 512 * 1024});

  auto export_route = [&app, with_results](const std::string& ext) {
    return with_results([&app, ext](http::Request&, CheckupService& svc, const store::Response& response,
                                    const assess::Results& results) {
      auto answers = app.store().Answers(response.id);
      auto reflections = app.store().Reflections(response.id);
      bool draft = false;
      auto plan = svc.PlanOrDraft(response, results, &draft);
      if (!answers || !reflections || !plan)
        return app.Error(503, "We could not prepare your download just now. Please try again.");
      plan::ExportInput in{app.site().bank, response.name, results, *answers, *reflections, *plan, svc.Labels()};
      if (ext == "md") return Download(plan::ToMarkdown(in), "text/markdown; charset=utf-8", "checkup.md");
      if (ext == "csv") return Download(plan::ToCsv(in), "text/csv; charset=utf-8", "checkup.csv");
      return Download(plan::ToJson(in).dump(2), "application/json; charset=utf-8", "checkup.json");
    });
  };
  router.Add("GET", "/checkup/{token}/export.md", export_route("md"));
  router.Add("GET", "/checkup/{token}/export.csv", export_route("csv"));
  router.Add("GET", "/checkup/{token}/export.json", export_route("json"));
}

}  // namespace cultivate::web
