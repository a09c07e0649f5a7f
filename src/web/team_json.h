#pragma once
/// Team results and trends as JSON, for the API and the pages' view models.

#include <memory>

#include <nlohmann/json.hpp>

#include "assess/team.h"
#include "community/team.h"
#include "http/request.h"
#include "http/static_files.h"
#include "web/app.h"

namespace cultivate::web {

/// {"responses", "threshold", "hidden": true} below the threshold; otherwise the solo
/// results shape plus "responses", "threshold", "hidden": false, "hidden_questions",
/// "overall_spread", a "spread" on every phase, element, principle and question, and
/// "notes" [{question, title, notes: [...]}].
nlohmann::json TeamResultsJson(WebApp& app, const assess::TeamResults& team);
/// TeamResultsJson of the round serialised and gzipped once, with an ETag, kept until the
/// round's revision changes.
Result<std::shared_ptr<const http::PreparedBody>> TeamResultsBody(WebApp& app,
                                                                  const model::Community& c,
                                                                  const model::Round& round);
/// Change per phase, element and principle between two rounds' shown results.
nlohmann::json TrendsJson(WebApp& app, const community::Trend& trend);

}  // namespace cultivate::web
