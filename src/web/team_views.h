#pragma once
/// View models of the team pages (templates community*.html, team_*.html, join.html,
/// member_plan.html, sponsor.html), shared by the coordinators', members' and sponsors' pages.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "assess/team.h"
#include "store/store.h"
#include "web/app.h"
#include "web/team_service.h"

namespace cultivate::web {

std::string CommunityPath(const store::Community& c);
/// The five phases as radio choices, `selected` checked.
nlohmann::json PhaseChoices(const Site& site, const std::string& selected);
std::string PhaseTitle(const Site& site, const std::string& id);
nlohmann::json CommunityModel(const Site& site, const store::Community& c);
/// The round's title, or "Round of YYYY-MM-DD" when it has none.
std::string RoundTitle(const store::Round& r);
nlohmann::json RoundModel(const store::Community& c, const store::Round& r, int threshold);
/// Team results for partials/team_results_body.html: hidden/responses/threshold/need, and when
/// shown the decorated results, charts, disagreements, capped notes and reflections.
nlohmann::json TeamResultsModel(WebApp& app, TeamService& team, const assess::TeamResults& results,
                                const std::vector<store::Reflection>& reflections);
/// Rows of a trends table from TrendsJson's list for one breakdown.
nlohmann::json TrendRows(const nlohmann::json& list);
/// The before/after bar chart of a trends breakdown, described by the table with `id`.
std::string TrendChart(const nlohmann::json& list, const std::string& id);
/// A plan for reading only (partials/plan_readonly.html).
nlohmann::json ReadOnlyPlan(const store::Plan& plan);

}  // namespace cultivate::web
