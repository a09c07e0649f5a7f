#include "web/errors.h"

#include <spdlog/spdlog.h>

#include "common/message_keys.h"
#include "web/app.h"

namespace cultivate::web {

using Kind = Error::Kind;
using nlohmann::json;

int StatusOf(const Error& e) {
  switch (e.kind) {
    case Kind::kNotFound: return 404;
    case Kind::kInvalid: return 422;
    case Kind::kConflict: return 409;
    case Kind::kGone: return 410;
    case Kind::kDenied: return 401;
    case Kind::kThrottled: return 429;
    case Kind::kUnavailable: return 503;
    case Kind::kInternal: return 500;
  }
  return 500;
}

Message TextOf(const Error& e) {
  // Unavailable and internal errors come from below the operations: never their words.
  if (!e.text.empty() && e.kind != Kind::kInternal) return e.text;
  switch (e.kind) {
    case Kind::kNotFound: return msg::kNotFound;
    case Kind::kInvalid: return msg::kInvalid;
    case Kind::kConflict: return msg::kConflict;
    case Kind::kGone: return msg::kGone;
    case Kind::kDenied: return msg::kDenied;
    case Kind::kThrottled: return msg::kThrottled;
    case Kind::kUnavailable: return msg::kUnavailable;
    case Kind::kInternal: return msg::kInternal;
  }
  return msg::kInternal;
}

void LogError(const Error& e) {
  if (e.kind == Kind::kInternal)
    spdlog::error("internal error: {}", e.message);
  else if (e.kind == Kind::kUnavailable)
    spdlog::warn("store unavailable: {}", e.message);
  else if (e.text.empty())
    spdlog::info("store answered {}: {}", StatusOf(e), e.message);
}

json ErrorsJson(const content::Messages& messages, const std::vector<FieldError>& errors) {
  json details = json::array();
  for (const auto& e : errors) {
    json d{{"message", messages.Text(e.text)}, {"code", e.text.key}};
    if (!e.question.empty()) d["question"] = e.question;
    if (!e.field.empty()) d["field"] = e.field;
    details.push_back(std::move(d));
  }
  return details;
}

http::Response WebApp::Fail(const cultivate::Error& e) {
  LogError(e);
  return Error(StatusOf(e), TextOf(e));
}

http::Response WebApp::JsonFail(const cultivate::Error& e) {
  LogError(e);
  json details = e.details.empty() ? json(nullptr) : ErrorsJson(site_->messages, e.details);
  http::Response r = JsonError(StatusOf(e), TextOf(e), std::move(details));
  if (e.kind == Kind::kThrottled) r.Set("Retry-After", std::to_string(e.retry_after));
  return r;
}

}  // namespace cultivate::web
