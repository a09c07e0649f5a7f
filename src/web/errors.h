#pragma once
/// The one mapping from an operation's error kind to an HTTP status, shared by the pages
/// and the JSON API, and the JSON shape of field problems.

#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "content/messages.h"

namespace cultivate::web {

/// not found 404, invalid 422, conflict 409, gone 410, denied 401, throttled 429,
/// unavailable 503, internal 500.
int StatusOf(const Error& error);
/// What the person is told: the operation's message, or the generic one for the kind.
Message TextOf(const Error& error);
/// Logs what only the log may hear: the store's or library's own words, for the kinds that
/// carry them (unavailable, internal, and any error without a message for people).
void LogError(const Error& error);
/// The `details` list of a 422: [{"message", "code", "question"?, "field"?}].
nlohmann::json ErrorsJson(const content::Messages& messages, const std::vector<FieldError>& errors);

}  // namespace cultivate::web
