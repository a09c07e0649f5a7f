// The JSON API, version 1. Same operations as the HTML pages (CheckupService).
#include "plan/export.h"
#include "web/api_support.h"
#include "web/app.h"
#include "web/checkup_service.h"

namespace cultivate::web {

namespace {

using nlohmann::json;

std::optional<int> ScaleValue(const json& v, bool* ok) {
  *ok = true;
  if (v.is_null()) return std::nullopt;
  // Out-of-range numbers become -1 (rejected by validation), never a wrapped-around int.
  if (v.is_number_unsigned()) return v.get<std::uint64_t>() <= 4 ? static_cast<int>(v.get<std::uint64_t>()) : -1;
  if (v.is_number_integer()) {
    std::int64_t n = v.get<std::int64_t>();
    return n >= 0 && n <= 4 ? static_cast<int>(n) : -1;
  }
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (d == static_cast<double>(static_cast<long long>(d)) && d >= 0 && d <= 4) return static_cast<int>(d);
    if (d == static_cast<double>(static_cast<long long>(d))) return -1;
  }
  *ok = false;
  return std::nullopt;
}

json AnswersJson(const std::vector<store::Answer>& answers) {
  json out = json::array();
  for (const auto& a : answers)
    out.push_back({{"question", a.question},
                   {"now", a.now ? json(*a.now) : json(nullptr)},
                   {"target", a.target ? json(*a.target) : json(nullptr)},
                   {"note", a.note}});
  return out;
}

http::Response StoreError(const Error& e) {
  if (e.kind == Error::Kind::kNotFound) return WebApp::JsonError(404, "no check-up with this token");
  if (e.kind == Error::Kind::kInvalid) return WebApp::JsonError(422, e.message);
  if (e.kind == Error::Kind::kConflict) return WebApp::JsonError(409, e.message);
  if (e.kind == Error::Kind::kUnavailable)
    return WebApp::JsonError(503, "the store is busy or unavailable; nothing was saved, try again");
  return WebApp::JsonError(500, "something went wrong; nothing was saved");
}

json QuestionsJson(const Site& site) {
  json scale = json::array();
  for (const auto& s : site.bank.scale)
    scale.push_back({{"value", s.value}, {"label", s.label}, {"hint", s.hint}});
  json phases = json::array();
  for (const auto& section : site.bank.phases) {
    json qs = json::array(), prompts = json::array();
    for (const auto& q : section.questions)
      qs.push_back({{"id", q.id}, {"text", q.text}, {"why", q.why}, {"guide", q.guide},
                    {"element", q.element}, {"principles", q.principles}, {"weights", q.weights}});
    for (const auto& p : section.prompts)
      prompts.push_back({{"id", p.id}, {"text", p.text}, {"kind", p.kind}});
    phases.push_back({{"id", section.id}, {"title", section.title}, {"intro", section.intro},
                      {"questions", qs}, {"prompts", prompts}});
  }
  return {{"version", site.bank.version}, {"not_sure", site.bank.not_sure}, {"scale", scale},
          {"phases", phases}};
}

}  // namespace

void AddApiRoutes(WebApp& app, http::Router& router) {
  auto questions = std::make_shared<std::string>(QuestionsJson(app.site()).dump());
  router.Add("GET", "/api/v1/questions", [questions](http::Request&) {
    http::Response r = http::Response::Json(200, *questions);
    r.Set("Cache-Control", "public, max-age=300");
    return r;
  });

  router.Add("POST", "/api/v1/checkups", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(req, &body, true)) return *err;
    std::string name;
    std::vector<std::string> phases;
    if (body.contains("name")) {
      if (!body["name"].is_string() && !body["name"].is_null())
        return WebApp::JsonError(422, "name must be a string", json::array({{{"field", "name"}, {"message", "must be a string"}}}));
      if (body["name"].is_string()) name = body["name"].get<std::string>();
    }
    if (body.contains("phases")) {
      if (!body["phases"].is_array()) return WebApp::JsonError(422, "phases must be a list of phase ids");
      for (const auto& p : body["phases"]) {
        if (!p.is_string() || !app.site().bank.FindPhase(p.get<std::string>()))
          return WebApp::JsonError(422, "unknown phase in phases");
        phases.push_back(p.get<std::string>());
      }
      if (phases.empty()) return WebApp::JsonError(422, "phases must name at least one phase");
    }
    CheckupService svc(app.site(), app.store());
    auto token = svc.Create(name, phases);
    if (!token) return StoreError(token.error());
    http::Response r = Json(201, {{"token", *token}, {"resume_url", "/checkup/" + *token}});
    r.Set("Location", "/api/v1/checkups/" + *token);
    return r;
  }, {.body_limit = 16 * 1024});

  router.Add("GET", "/api/v1/checkups/{token}", [&app](http::Request& req) {
    CheckupService svc(app.site(), app.store());
    auto response = svc.Find(req.Param("token"));
    if (!response) return StoreError(response.error());
    auto answers = app.store().Answers(response->id);
    if (!answers) return StoreError(answers.error());
    auto reflections = app.store().Reflections(response->id);
    if (!reflections) return StoreError(reflections.error());
    json refl = json::array();
    for (const auto& r : *reflections) refl.push_back({{"prompt", r.prompt}, {"text", r.text}});
    return Json(200, {{"name", response->name}, {"phases", response->phases},
                      {"bank_version", response->bank_version},
                      {"created_at", response->created_at}, {"updated_at", response->updated_at},
                      {"answers", AnswersJson(*answers)}, {"reflections", refl}});
  });

  router.Add("PUT", "/api/v1/checkups/{token}/answers", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(req, &body, false)) return *err;
    CheckupService svc(app.site(), app.store());
    auto response = svc.Find(req.Param("token"));
    if (!response) return StoreError(response.error());
    if (!body.contains("answers") || !body["answers"].is_array())
      return WebApp::JsonError(422, "the body needs an \"answers\" list",
                               json::array({{{"message", "missing or not a list: answers"}}}));
    std::vector<SubmittedAnswer> answers;
    std::vector<FieldError> errors;
    for (const auto& item : body["answers"]) {
      if (!item.is_object() || !item.contains("question") || !item["question"].is_string()) {
        errors.push_back({"", "", "each answer needs a \"question\" id"});
        continue;
      }
      SubmittedAnswer a;
      a.question = item["question"].get<std::string>();
      bool ok = true;
      if (item.contains("now")) a.now = ScaleValue(item["now"], &ok);
      if (!ok) errors.push_back({a.question, "now", "now must be 0-4 or null"});
      if (item.contains("target")) a.target = ScaleValue(item["target"], &ok);
      if (!ok) errors.push_back({a.question, "target", "target must be 0-4 or null"});
      if (item.contains("note") && !item["note"].is_null()) {
        if (!item["note"].is_string())
          errors.push_back({a.question, "note", "note must be a string"});
        else
          a.note = item["note"].get<std::string>();
      }
      answers.push_back(std::move(a));
    }
    auto more = svc.Validate(*response, answers);
    errors.insert(errors.end(), more.begin(), more.end());
    if (!errors.empty())
      return WebApp::JsonError(422, "some answers are invalid; nothing was saved", ErrorsJson(errors));
    auto saved = svc.SaveAnswers(*response, answers);
    if (!saved) return StoreError(saved.error());
    return Json(200, {{"saved", answers.size()}});
  }, {.body_limit = 512 * 1024});

  router.Add("GET", "/api/v1/checkups/{token}/results", [&app](http::Request& req) {
    CheckupService svc(app.site(), app.store());
    auto response = svc.Find(req.Param("token"));
    if (!response) return StoreError(response.error());
    auto results = svc.Score(*response);
    if (!results) return StoreError(results.error());
    return Json(200, assess::ResultsToJson(*results, svc.Labels()));
  });

  router.Add("GET", "/api/v1/checkups/{token}/plan", [&app](http::Request& req) {
    CheckupService svc(app.site(), app.store());
    auto response = svc.Find(req.Param("token"));
    if (!response) return StoreError(response.error());
    auto results = svc.Score(*response);
    if (!results) return StoreError(results.error());
    bool draft = false;
    auto plan = svc.PlanOrDraft(*response, *results, &draft);
    if (!plan) return StoreError(plan.error());
    return Json(200, PlanJson(*plan, draft));
  });

  router.Add("PUT", "/api/v1/checkups/{token}/plan", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(req, &body, false)) return *err;
    CheckupService svc(app.site(), app.store());
    auto response = svc.Find(req.Param("token"));
    if (!response) return StoreError(response.error());
    std::vector<FieldError> errors;
    store::Plan plan = PlanFromJson(body, &errors);
    auto more = svc.ValidatePlan(plan);
    errors.insert(errors.end(), more.begin(), more.end());
    if (!errors.empty())
      return WebApp::JsonError(422, "the plan is invalid; nothing was saved", ErrorsJson(errors));
    auto saved = app.store().SaveResponsePlan(response->id, plan);
    if (!saved) return StoreError(saved.error());
    auto stored = app.store().ResponsePlan(response->id);
    if (!stored || !*stored) return StoreError(stored ? Error::Internal("plan vanished") : stored.error());
    return Json(200, PlanJson(**stored, false));
  }, {.body_limit = 512 * 1024});
}

}  // namespace cultivate::web
