#pragma once
/// Pieces every JSON API handler shares: JSON responses that are never cached, the request
/// body check (415 unless application/json, 422 unless a JSON object), typed field reads,
/// and the plan's JSON shape in both directions.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "http/request.h"
#include "model/plan.h"
#include "web/app.h"

namespace cultivate::web {

/// A JSON response with Cache-Control: no-store.
http::Response Json(int status, const nlohmann::json& body);
/// True when the Content-Type is application/json (parameters such as charset allowed).
bool IsJson(const http::Request& req);
/// Parses a JSON request body into `out`; returns an error response when the body is not
/// application/json (415), not JSON or not an object (422). An empty body is an empty object
/// when `optional_body`.
std::optional<http::Response> ParseBody(WebApp& app, const http::Request& req,
                                        nlohmann::json* out, bool optional_body);
/// body[key] as a string: empty when absent or null; a problem in `errors` when not a string.
std::optional<std::string> StringField(const nlohmann::json& body, const char* key,
                                       std::vector<FieldError>* errors);
/// {"vision","goals","strategies","items":[{"what","owner","due","status","source"}],
///  "draft","updated_at"}
nlohmann::json PlanJson(const model::Plan& plan, bool draft);
/// The plan in a PUT body; type problems go to `errors` (values are checked by plan::Check).
model::Plan PlanFromJson(const nlohmann::json& body, std::vector<FieldError>* errors);

}  // namespace cultivate::web
