#pragma once
/// Value creation in HTML and the JSON API (issue 16): stories told from a check-up link or
/// by a coordinator (value_story_pages.cc), the value matrix with indicators and the ask of
/// the sponsor, the sponsor brief (value_pages.cc, value_brief.cc), the API (value_api.cc).

#include <string>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "model/community.h"
#include "value/value.h"
#include "web/app.h"

namespace cultivate::web {

/// The teller of the check-up behind `token`: a member's (with its round's community, also
/// after the round closed) or a solo user's. kNotFound for an unknown token.
Result<value::Teller> CheckupTeller(WebApp& app, const std::string& token);

/// Everything the brief shows, for the coordinators' copy and the sponsor's alike: only
/// stories shared with the sponsor, never a name its author did not choose to show.
Result<nlohmann::json> BriefModel(WebApp& app, const model::Community& community);
/// The brief as Markdown.
std::string BriefMarkdown(WebApp& app, const nlohmann::json& brief);

/// The account export's value part: the stories the account told as a coordinator, and each
/// of its communities' stories, indicators and ask (added to the export's "communities").
Status AddValueExport(WebApp& app, model::Id user, nlohmann::json* account_export);

void AddValueApiRoutes(WebApp& app, http::Router& router);
void AddValueStoryRoutes(WebApp& app, http::Router& router);
void AddValuePageRoutes(WebApp& app, http::Router& router);

}  // namespace cultivate::web
