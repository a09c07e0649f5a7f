#pragma once
/// View models of the team pages (templates community*.html, team_*.html, join.html,
/// member_plan.html, sponsor.html), shared by the coordinators', members' and sponsors' pages.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "assess/team.h"
#include "model/community.h"
#include "model/plan.h"
#include "web/app.h"

namespace cultivate::web {

std::string CommunityPath(const model::Community& c);
/// The five phases as radio choices, `selected` checked.
nlohmann::json PhaseChoices(const Site& site, const std::string& selected);
std::string PhaseTitle(const Site& site, const std::string& id);
nlohmann::json CommunityModel(const Site& site, const model::Community& c);
/// The round's title, or "Round of YYYY-MM-DD" when it has none.
std::string RoundTitle(const Site& site, const model::Round& r);
nlohmann::json RoundModel(const Site& site, const model::Community& c, const model::Round& r,
                          int threshold);
/// Team results for partials/team_results_body.html: hidden/responses/threshold/need, and when
/// shown the decorated results, charts, disagreements, capped notes and reflections.
nlohmann::json TeamResultsModel(WebApp& app, const assess::TeamResults& results,
                                const std::vector<model::Reflection>& reflections);
/// Rows of a trends table from TrendsJson's list for one breakdown.
nlohmann::json TrendRows(const nlohmann::json& list);
/// The before/after bar chart of a trends breakdown, described by the table with `id`.
std::string TrendChart(const nlohmann::json& list, const std::string& id);
/// A plan for reading only (partials/plan_readonly.html).
nlohmann::json ReadOnlyPlan(const model::Plan& plan);

}  // namespace cultivate::web
