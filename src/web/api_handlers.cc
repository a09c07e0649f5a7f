// The JSON API for the solo check-up, version 1. Same operations as the HTML pages
// (checkup::Checkups); a handler reads the body, makes one call, renders JSON.
#include "common/message_keys.h"
#include "plan/export.h"
#include "web/api_support.h"
#include "web/app.h"
#include "web/errors.h"

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

json AnswersJson(const std::vector<model::Answer>& answers) {
  json out = json::array();
  for (const auto& a : answers)
    out.push_back({{"question", a.question},
                   {"now", a.now ? json(*a.now) : json(nullptr)},
                   {"target", a.target ? json(*a.target) : json(nullptr)},
                   {"note", a.note}});
  return out;
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
                    {"element", q.element}, {"principles", q.principles}, {"weights", q.weights},
                    {"coordinator_only", q.coordinator_only},
                    {"added", q.added.empty() ? json(nullptr) : json(q.added)},
                    {"reworded", q.reworded.empty() ? json(nullptr) : json(q.reworded)}});
    for (const auto& p : section.prompts)
      prompts.push_back({{"id", p.id}, {"text", p.text}, {"kind", p.kind}});
    phases.push_back({{"id", section.id}, {"title", section.title}, {"intro", section.intro},
                      {"questions", qs}, {"prompts", prompts}});
  }
  return {{"version", site.bank.version}, {"not_sure", site.bank.not_sure}, {"scale", scale},
          {"phases", phases}};
}

/// Reads {"answers": [{"question", "now", "target", "note"}]}; type problems to `errors`.
std::vector<checkup::SubmittedAnswer> AnswersFromJson(const json& body,
                                                      std::vector<FieldError>* errors) {
  std::vector<checkup::SubmittedAnswer> answers;
  if (!body.contains("answers") || !body["answers"].is_array()) {
    errors->push_back({"", "answers", msg::kJsonNotList});
    return answers;
  }
  for (const auto& item : body["answers"]) {
    if (!item.is_object() || !item.contains("question") || !item["question"].is_string()) {
      errors->push_back({"", "", msg::kAnswerNeedsQuestion});
      continue;
    }
    checkup::SubmittedAnswer a;
    a.question = item["question"].get<std::string>();
    bool ok = true;
    if (item.contains("now")) a.now = ScaleValue(item["now"], &ok);
    if (!ok) errors->push_back({a.question, "now", msg::kScaleValue});
    if (item.contains("target")) a.target = ScaleValue(item["target"], &ok);
    if (!ok) errors->push_back({a.question, "target", msg::kScaleValue});
    if (item.contains("note") && !item["note"].is_null()) {
      if (!item["note"].is_string())
        errors->push_back({a.question, "note", msg::kJsonNotString});
      else
        a.note = item["note"].get<std::string>();
    }
    answers.push_back(std::move(a));
  }
  return answers;
}

/// Reads {"reflections": [{"prompt", "text"}]}; type problems to `errors`.
std::vector<model::Reflection> ReflectionsFromJson(const json& body,
                                                   std::vector<FieldError>* errors) {
  std::vector<model::Reflection> out;
  if (!body.contains("reflections") || !body["reflections"].is_array()) {
    errors->push_back({"", "reflections", msg::kJsonNotList});
    return out;
  }
  for (const auto& item : body["reflections"]) {
    if (!item.is_object() || !item.contains("prompt") || !item["prompt"].is_string()) {
      errors->push_back({"", "", msg::kReflectionNeedsPrompt});
      continue;
    }
    std::string prompt = item["prompt"].get<std::string>();
    std::string text;
    if (item.contains("text") && !item["text"].is_null()) {
      if (!item["text"].is_string()) {
        errors->push_back({prompt, "text", msg::kJsonNotString});
        continue;
      }
      text = item["text"].get<std::string>();
    }
    out.push_back({prompt, text});
  }
  return out;
}

json CheckupJson(const model::Response& response, const std::vector<model::Answer>& answers,
                 const std::vector<model::Reflection>& reflections) {
  json refl = json::array();
  for (const auto& r : reflections) refl.push_back({{"prompt", r.prompt}, {"text", r.text}});
  return {{"name", response.name}, {"phases", response.phases},
          {"bank_version", response.bank_version}, {"created_at", response.created_at},
          {"updated_at", response.updated_at}, {"answers", AnswersJson(answers)},
          {"reflections", refl}};
}

// Runs `f` with the check-up of the token in the path; its error as JSON otherwise.
template <typename F>
http::Response WithCheckup(WebApp& app, const http::Request& req, F&& f) {
  auto response = app.checkups().Find(req.Param("token"));
  if (!response) return app.JsonFail(response.error());
  return f(*response);
}

}  // namespace

void AddApiRoutes(WebApp& app, http::Router& router) {
  auto questions = std::make_shared<std::string>(QuestionsJson(app.site()).dump());
  router.Add("GET", "/api/v1/questions", [questions](http::Request&) {
    http::Response r = http::Response::Json(200, *questions);
    r.Set("Cache-Control", "public, max-age=300");
    return r;
  });

  // The API's contract: every route, body and response (content/openapi.json).
  auto openapi = std::make_shared<http::PreparedBody>(http::PreparedBody::Make(
      app.site().openapi, "application/json; charset=utf-8", "public, max-age=300"));
  router.Add("GET", "/api/v1/openapi.json", [openapi](http::Request& req) {
    return openapi->Serve(req);
  });

  router.Add("POST", "/api/v1/checkups", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, true)) return *err;
    std::vector<FieldError> errors;
    std::string name = StringField(body, "name", &errors).value_or("");
    std::vector<std::string> phases;
    if (body.contains("phases")) {
      if (!body["phases"].is_array()) errors.push_back({"", "phases", msg::kJsonNotList});
      for (const auto& p : body.value("phases", json::array()))
        phases.push_back(p.is_string() ? p.get<std::string>() : "?");
      if (body["phases"].is_array() && phases.empty())
        errors.push_back({"", "phases", msg::kPhasesNone});
    }
    if (!errors.empty()) return app.JsonFail(cultivate::Error::Fields(errors, msg::kCheckupInvalid));
    auto token = app.checkups().Create(name, phases);
    if (!token) return app.JsonFail(token.error());
    http::Response r = Json(201, {{"token", *token}, {"resume_url", "/checkup/" + *token}});
    r.Set("Location", "/api/v1/checkups/" + *token);
    return r;
  }, {.body_limit = 16 * 1024});

  router.Add("GET", "/api/v1/checkups/{token}", [&app](http::Request& req) {
    return WithCheckup(app, req, [&](const model::Response& response) {
      auto answers = app.checkups().Answers(response);
      if (!answers) return app.JsonFail(answers.error());
      auto reflections = app.checkups().Reflections(response);
      if (!reflections) return app.JsonFail(reflections.error());
      return Json(200, CheckupJson(response, *answers, *reflections));
    });
  });

  router.Add("PUT", "/api/v1/checkups/{token}/answers", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    return WithCheckup(app, req, [&](const model::Response& response) {
      std::vector<FieldError> errors;
      auto answers = AnswersFromJson(body, &errors);
      if (!errors.empty())
        return app.JsonFail(cultivate::Error::Fields(errors, msg::kAnswersInvalid));
      if (auto ok = app.checkups().Save(response, answers, {}); !ok) return app.JsonFail(ok.error());
      return Json(200, {{"saved", answers.size()}});
    });
  }, {.body_limit = 512 * 1024});

  router.Add("PUT", "/api/v1/checkups/{token}/reflections", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    return WithCheckup(app, req, [&](const model::Response& response) {
      std::vector<FieldError> errors;
      auto reflections = ReflectionsFromJson(body, &errors);
      if (!errors.empty())
        return app.JsonFail(cultivate::Error::Fields(errors, msg::kAnswersInvalid));
      if (auto ok = app.checkups().Save(response, {}, reflections); !ok)
        return app.JsonFail(ok.error());
      return Json(200, {{"saved", reflections.size()}});
    });
  }, {.body_limit = 512 * 1024});

  router.Add("GET", "/api/v1/checkups/{token}/results", [&app](http::Request& req) {
    return WithCheckup(app, req, [&](const model::Response& response) {
      auto results = app.checkups().Score(response);
      if (!results) return app.JsonFail(results.error());
      return Json(200, assess::ResultsToJson(*results, app.labels()));
    });
  });

  router.Add("GET", "/api/v1/checkups/{token}/plan", [&app](http::Request& req) {
    return WithCheckup(app, req, [&](const model::Response& response) {
      auto results = app.checkups().Score(response);
      if (!results) return app.JsonFail(results.error());
      auto plan = app.checkups().Plan(response, *results);
      if (!plan) return app.JsonFail(plan.error());
      return Json(200, PlanJson(plan->plan, plan->draft));
    });
  });

  router.Add("PUT", "/api/v1/checkups/{token}/plan", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    return WithCheckup(app, req, [&](const model::Response& response) {
      std::vector<FieldError> errors;
      model::Plan plan = PlanFromJson(body, &errors);
      if (!errors.empty()) return app.JsonFail(cultivate::Error::Fields(errors, msg::kPlanInvalid));
      auto saved = app.checkups().SavePlan(response, plan);
      if (!saved) return app.JsonFail(saved.error());
      return Json(200, PlanJson(*saved, false));
    });
  }, {.body_limit = 512 * 1024});
}

}  // namespace cultivate::web
