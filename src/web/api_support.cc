#include "web/api_support.h"

#include "common/message_keys.h"
#include "common/text.h"

namespace cultivate::web {

using nlohmann::json;

http::Response Json(int status, const json& body) {
  http::Response r = http::Response::Json(status, body.dump(-1, ' ', false, json::error_handler_t::replace));
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

std::optional<http::Response> ParseBody(WebApp& app, const http::Request& req, json* out,
                                        bool optional_body) {
  if (req.body.empty() && optional_body) {
    *out = json::object();
    return std::nullopt;
  }
  if (!IsJson(req)) return app.JsonError(415, msg::kJsonContentType);
  // Invalid UTF-8 is a client error like any other malformed JSON; the parser's own words
  // (with an excerpt of the input) are never sent back.
  if (!ValidUtf8(req.body)) return app.JsonError(422, msg::kJsonMalformed);
  *out = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded()) return app.JsonError(422, msg::kJsonMalformed);
  if (!out->is_object()) return app.JsonError(422, msg::kJsonNotObject);
  return std::nullopt;
}

std::optional<std::string> StringField(const json& body, const char* key,
                                       std::vector<FieldError>* errors) {
  if (!body.contains(key) || body[key].is_null()) return std::nullopt;
  if (!body[key].is_string()) {
    errors->push_back({"", key, msg::kJsonNotString});
    return std::nullopt;
  }
  return body[key].get<std::string>();
}

json PlanJson(const model::Plan& plan, bool draft) {
  json items = json::array();
  for (const auto& i : plan.items)
    items.push_back({{"what", i.what}, {"owner", i.owner}, {"due", i.due}, {"status", i.status},
                     {"source", i.source}});
  return {{"vision", plan.vision}, {"goals", plan.goals}, {"strategies", plan.strategies},
          {"items", items}, {"draft", draft}, {"updated_at", plan.updated_at}};
}

model::Plan PlanFromJson(const json& body, std::vector<FieldError>* errors) {
  model::Plan plan;
  auto str = [&](const json& obj, const char* key, std::string* out, const std::string& field) {
    if (!obj.contains(key) || obj[key].is_null()) return;
    if (!obj[key].is_string()) {
      errors->push_back({"", field, msg::kJsonNotString});
      return;
    }
    *out = obj[key].get<std::string>();
  };
  str(body, "vision", &plan.vision, "vision");
  str(body, "goals", &plan.goals, "goals");
  str(body, "strategies", &plan.strategies, "strategies");
  if (!body.contains("items")) return plan;
  if (!body["items"].is_array()) {
    errors->push_back({"", "items", msg::kJsonNotList});
    return plan;
  }
  for (size_t i = 0; i < body["items"].size(); ++i) {
    const json& it = body["items"][i];
    std::string p = "items." + std::to_string(i) + ".";
    if (!it.is_object()) {
      errors->push_back({"", p, msg::kJsonNotObject});
      continue;
    }
    model::PlanItem item;
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
