// Results, plan, print view and exports of a solo check-up.
#include <cmath>

#include "http/form.h"
#include "plan/export.h"
#include "view/charts.h"
#include "common/message_keys.h"
#include "web/access.h"
#include "web/checkup_pages.h"
#include "web/value_json.h"
#include "web/errors.h"

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
    if (const auto* q = site.bank.FindQuestionInHistory(id.get<std::string>())) texts.push_back(q->text);
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

json ResultsModel(WebApp& app, const http::Request& req, const model::Response& response,
                  const assess::Results& results) {
  const Site& site = app.site();
  const assess::Bank& bank = site.bank.ForVersion(results.bank_version);
  json m = CheckupModel(app, req, response, "/checkup/" + req.Param("token") + "/results",
                        app.Say(msg::kTitleResults), "results");
  json r = assess::ResultsToJson(results, app.labels());
  Decorate(r["overall"]);
  for (const char* group : {"phases", "elements", "principles", "cycles"}) {
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
  m["cycle_chart"] = Chart(r["cycles"], "cycle-table");
  m["has_cycles"] = !r["cycles"].empty();
  json& p = r["placement"];
  DecoratePlacement(p);
  for (auto& reason : p["reasons"]) {
    reason["attainment_text"] = Pct(reason["attainment"]);
    reason["state_" + reason.value("state", std::string())] = true;
    reason["question_texts"] = QuestionTexts(site, reason["questions"]);
  }
  // Improvement areas and strengths: add the questions' words and answers.
  auto answers = app.checkups().Answers(response);
  std::map<std::string, model::Answer> by_id;
  if (answers)
    for (const auto& a : *answers) by_id[a.question] = a;
  auto label = [&](const std::optional<int>& v) -> std::string {
    if (!v) return bank.not_sure;
    for (const auto& s : bank.scale)
      if (s.value == *v) return s.label;
    return "";
  };
  for (const char* list : {"improvement_areas", "strengths"}) {
    int rank = 0;
    for (auto& area : r[list]) {
      area["rank"] = ++rank;
      area["top"] = rank <= 3;  // the summary at the top of the page names the first three
      area["gap_text"] = Pct(area["gap"]);
      json qs = json::array();
      for (const auto& qid : area["questions"]) {
        const auto* q = bank.FindQuestion(qid.get<std::string>());
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
  for (const auto& section : bank.phases)
    for (const auto& q : section.questions)
      if (auto it = by_id.find(q.id); it != by_id.end() && !it->second.note.empty())
        notes.push_back({{"question", q.text}, {"note", it->second.note}, {"phase", section.title}});
  m["notes"] = notes;
  m["results"] = r;
  m["has_answers"] = results.overall.answered > 0;
  return m;
}

}  // namespace

void AddPlanErrors(WebApp& app, json& m, const std::vector<FieldError>& errors) {
  json list = json::array();
  for (const auto& e : errors) {
    std::string anchor = e.field;
    std::replace(anchor.begin(), anchor.end(), '.', '-');
    std::string text = app.Say(e.text);
    list.push_back({{"href", "#plan-" + anchor}, {"message", text}});
    // Mark the field too.
    if (e.field.rfind("items.", 0) == 0) {
      size_t dot = e.field.find('.', 6);
      size_t i = std::stoul(e.field.substr(6, dot - 6));
      if (i < m["plan"]["items"].size())
        m["plan"]["items"][i]["error_" + e.field.substr(dot + 1)] = text;
    } else if (!e.field.empty()) {
      m["plan"]["error_" + e.field] = text;
    }
  }
  m["errors"] = list;
  m["has_errors"] = !list.empty();
}

json PlanModel(const model::Plan& plan, int empty_rows) {
  json items = json::array();
  auto add = [&](const model::PlanItem& item, size_t i) {
    json statuses = json::array();
    for (const char* s : {"todo", "doing", "done", "dropped"})
      statuses.push_back({{"value", s}, {"selected", item.status == s}, {"is_" + std::string(s), true}});
    items.push_back({{"index", i}, {"number", i + 1}, {"what", item.what}, {"owner", item.owner},
                     {"due", item.due}, {"status", item.status}, {"statuses", statuses},
                     {"source", item.source}});
  };
  size_t i = 0;
  for (const auto& item : plan.items) add(item, i++);
  for (int k = 0; k < empty_rows; ++k) add(model::PlanItem{"", "", "", "todo", ""}, i++);
  return {{"vision", plan.vision}, {"goals", plan.goals}, {"strategies", plan.strategies},
          {"items", items}, {"count", plan.items.size()}};
}

/// Reads the plan form: vision, goals, strategies and rows item.N.what/owner/due/status/source.
model::Plan ReadPlanForm(const http::Fields& form) {
  model::Plan plan;
  std::map<int, model::PlanItem> rows;
  for (const auto& [k, v] : form) {
    if (k == "vision") plan.vision = v;
    else if (k == "goals") plan.goals = v;
    else if (k == "strategies") plan.strategies = v;
    else if (k.rfind("item.", 0) == 0) {
      size_t dot = k.find('.', 5);
      if (dot == std::string::npos) continue;
      std::string index = k.substr(5, dot - 5);
      if (index.empty() || index.size() > 3 || index.find_first_not_of("0123456789") != std::string::npos) continue;
      model::PlanItem& item = rows[std::stoi(index)];
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

http::Response PlanPage(WebApp& app, const http::Request& req, const model::Response& response,
                        const model::Plan& plan, bool draft, const std::vector<FieldError>& errors,
                        int status, int empty_rows) {
  json m = CheckupModel(app, req, response, "/checkup/" + req.Param("token") + "/plan",
                        app.Say(errors.empty() ? msg::kTitlePlan : msg::kTitlePlanErrors),
                        "plan");
  m["plan"] = PlanModel(plan, empty_rows);
  m["draft"] = draft;
  m["saved"] = !req.Query("saved").empty();
  AddPlanErrors(app, m, errors);
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
  // Runs `body` with the check-up of the token in the path and its results.
  auto with_results = [&app](auto&& body) {
    return [&app, body](http::Request& req) -> http::Response {
      auto response = app.checkups().Find(req.Param("token"));
      if (!response) return app.Fail(response.error());
      auto results = app.checkups().Score(*response);
      if (!results) return app.Fail(results.error());
      return body(req, *response, *results);
    };
  };

  // A solo results page depends only on the response (its revision changes with every
  // answer, reflection or name change) and on the Host in its resume link, so it is rendered
  // once per revision and served from memory, gzip and ETag included. Member check-ups also
  // show their round's state, so they are rendered every time.
  router.Add("GET", "/checkup/{token}/results", [&app](http::Request& req) -> http::Response {
    auto response = app.checkups().Find(req.Param("token"));
    if (!response) return app.Fail(response.error());
    const std::string* host = req.Header("Host");
    std::string key = response->token_hash + "|" + std::to_string(response->revision) + "|" +
                      (host ? *host : "");
    bool cacheable = !response->round_id;
    if (cacheable)
      if (auto page = app.pages().Get(key)) return page->Serve(req);
    auto results = app.checkups().Score(*response);
    if (!results) return app.Fail(results.error());
    http::Response r = app.Render("checkup_results", ResultsModel(app, req, *response, *results));
    r.Set("Cache-Control", "no-store");
    if (!cacheable || r.status != 200) return r;
    auto page = std::make_shared<const http::PreparedBody>(
        http::PreparedBody::Make(std::move(r.body), "text/html; charset=utf-8", "no-store"));
    app.pages().Put(key, page);
    return page->Serve(req);
  });

  router.Add("GET", "/checkup/{token}/print", with_results([&app](http::Request& req,
                                                                   const model::Response& response,
                                                                   const assess::Results& results) {
    json m = ResultsModel(app, req, response, results);
    auto plan = app.checkups().Plan(response, results);
    if (!plan) return app.Fail(plan.error());
    m["plan"] = PlanModel(plan->plan, 0);
    m["draft"] = plan->draft;
    m["title"] = response.name.empty() ? app.Say(msg::kTitlePrint)
                                       : app.Say({msg::kTitlePrintNamed, {Arg("name", response.name)}});
    return NoStore(app.Render("checkup_print", m));
  }));

  router.Add("GET", "/checkup/{token}/plan", with_results([&app](http::Request& req,
                                                                  const model::Response& response,
                                                                  const assess::Results& results) {
    auto plan = app.checkups().Plan(response, results);
    if (!plan) return app.Fail(plan.error());
    return PlanPage(app, req, response, plan->plan, plan->draft, {}, 200,
                    plan->plan.items.empty() ? 3 : (req.Query("add").empty() ? 1 : 2));
  }));

  router.Add("POST", "/checkup/{token}/plan", [&app](http::Request& req) {
    auto response = app.checkups().Find(req.Param("token"));
    if (!response) return app.Fail(response.error());
    auto form = http::ParseForm(req.body);
    if (!form) return app.Error(400, msg::kFormUnreadable);
    model::Plan plan = ReadPlanForm(*form);
    auto saved = app.checkups().SavePlan(*response, plan);
    if (!saved) {  // the plan as typed, and why
      const auto& e = saved.error();
      std::vector<FieldError> errors = e.details;
      if (errors.empty()) {
        LogError(e);
        errors.push_back({"", "", msg::kPlanNotSaved});
      }
      return PlanPage(app, req, *response, plan, false, errors, StatusOf(e), 0);
    }
    std::string base = "/checkup/" + req.Param("token") + "/plan";
    bool add = FieldOf(*form, "go") == "add";
    return http::Response::Redirect(add ? base + "?saved=1&add=1#plan-new" : base + "?saved=1");
  }, {.body_limit = 512 * 1024});

  auto export_route = [&app](const std::string& ext) {
    return [&app, ext](http::Request& req) -> http::Response {
      auto response = app.checkups().Find(req.Param("token"));
      if (!response) return app.Fail(response.error());
      auto data = app.checkups().Export(*response);
      if (!data) return app.Fail(data.error());
      plan::ExportInput in{app.checkups().BankOf(*response), response->name, data->results, data->answers,
                           data->reflections, data->plan.plan, app.labels(),
                           [&app](const Message& m) { return app.Say(m); }};
      auto stories = app.values().Own({.response = response->id});
      if (!stories) return app.Fail(stories.error());
      if (ext == "md") {
        std::string md = plan::ToMarkdown(in);
        if (!stories->empty())
          md += "\n## " + app.Say(msg::kTitleStories) + "\n\n" + StoriesMarkdown(app, *stories, false);
        return Download(md, "text/markdown; charset=utf-8", "checkup.md");
      }
      if (ext == "csv") return Download(plan::ToCsv(in), "text/csv; charset=utf-8", "checkup.csv");
      json out = plan::ToJson(in);
      out["stories"] = StoriesJson(*stories);
      return Download(out.dump(2), "application/json; charset=utf-8", "checkup.json");
    };
  };
  router.Add("GET", "/checkup/{token}/export.md", export_route("md"));
  router.Add("GET", "/checkup/{token}/export.csv", export_route("csv"));
  router.Add("GET", "/checkup/{token}/export.json", export_route("json"));
}

}  // namespace cultivate::web
