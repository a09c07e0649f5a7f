#pragma once
/// The JSON of a coordinator's data export: the account and everything stored about the
/// communities they coordinate (no password hash, no tokens, no member's own answers).

#include <vector>

#include <nlohmann/json.hpp>

#include "community/team.h"
#include "model/account.h"
#include "web/app.h"

namespace cultivate::web {

nlohmann::json AccountExportJson(WebApp& app, const model::User& user,
                                 const std::vector<community::CommunityExport>& communities);

}  // namespace cultivate::web
