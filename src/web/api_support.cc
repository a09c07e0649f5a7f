#include "web/api_support.h"

#include "web/app.h"

namespace cultivate::web {

using nlohmann::json;

http::Response Json(int status, const json& body) {
  http::Response r = http::Response::Json(status, body.dump());
  r.Set("Cache-Control", "no-store");
  return r;
}

bool IsJson(const http::Request& req) {
  const std::string* ct = req.Header("Content-Type");
  if (!ct) return false;
  std::string v = ct->substr(0, ct->find(';'));
  while (!v.empty() && v.back() == ' ') v.pop_back();
  return http::IEquals(v, "application/json");
}

/// Parses a JSON request body; an error response when it is not JSON or not an object.
std::optional<http::Response> ParseBody(const http::Request& req, json* out, bool optional_body) {
  if (req.body.empty() && optional_body) {
    *out = json::object();
    return std::nullopt;
  }
  if (!IsJson(req)) return WebApp::JsonError(415, "send the body as Content-Type: application/json");
  try {
    *out = json::parse(req.body);
  } catch (const json::parse_error& e) {
    return WebApp::JsonError(422, "the body is not valid JSON", json::array({{{"message", e.what()}}}));
  }
  if (!out->is_object())
    return WebApp::JsonError(422, "the body must be a JSON object",
                             json::array({{{"message", "expected an object like {\"answers\": [...]}"}}}));
  return std::nullopt;
}

json PlanJson(const store::Plan& plan, bool draft) {
  json items = json::array();
  for (const auto& i : plan.items)
    items.push_back({{"what", i.what}, {"owner", i.owner}, {"due", i.due}, {"status", i.status},
                     {"source", i.source}});
  return {{"vision", plan.vision}, {"goals", plan.goals}, {"strategies", plan.strategies},
          {"items", items}, {"draft", draft}, {"updated_at", plan.updated_at}};
}

json ErrorsJson(const std::vector<FieldError>& errors) {
  json details = json::array();
  for (const auto& e : errors) {
    json d{{"message", e.message}};
    if (!e.question.empty()) d["question"] = e.question;
    if (!e.field.empty()) d["field"] = e.field;
    details.push_back(std::move(d));
  }
  return details;
}

store::Plan PlanFromJson(const json& body, std::vector<FieldError>* errors) {
  store::Plan plan;
  auto str = [&](const json& obj, const char* key, std::string* out, const std::string& field) {
    if (!obj.contains(key) || obj[key].is_null()) return;
    if (!obj[key].is_string()) {
      errors->push_back({"", field, std::string(key) + " must be a string"});
      return;
    }
    *out = obj[key].get<std::string>();
  };
  str(body, "vision", &plan.vision, "vision");
  str(body, "goals", &plan.goals, "goals");
  str(body, "strategies", &plan.strategies, "strategies");
  if (!body.contains("items")) return plan;
  if (!body["items"].is_array()) {
    errors->push_back({"", "items", "items must be a list"});
    return plan;
  }
  for (size_t i = 0; i < body["items"].size(); ++i) {
    const json& it = body["items"][i];
    std::string p = "items." + std::to_string(i) + ".";
    if (!it.is_object()) {
      errors->push_back({"", p, "each item must be an object"});
      continue;
    }
    store::PlanItem item;
    item.status = "todo";
    str(it, "what", &item.what, p + "what");
    str(it, "owner", &item.owner, p + "owner");
    str(it, "due", &item.due, p + "due");
    str(it, "status", &item.status, p + "status");
    str(it, "source", &item.source, p + "source");
    plan.items.push_back(std::move(item));
  }
  return plan;
}

}  // namespace cultivate::web
