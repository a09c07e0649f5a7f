#pragma once
/// Page builders for the check-up, shared by checkup_handlers.cc and checkup_results.cc.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "web/app.h"
#include "checkup/checkups.h"

namespace cultivate::web {

/// Raw form values for one question, shown again after a validation error.
struct FormAnswer {
  std::string now, target, note;  // "0".."4", "na" or "" (nothing chosen)
};

/// The model every check-up page starts from: resume link, steps and progress.
nlohmann::json CheckupModel(WebApp& app, const http::Request& req, const model::Response& response,
                            const std::string& path, const std::string& title,
                            const std::string& current_step);

http::Response OverviewPage(WebApp& app, const http::Request& req, const model::Response& response);

/// One phase's questions. `shown` (after a failed POST) replaces the saved answers, so
/// nothing typed is lost; `errors` are shown next to their fields and in a summary.
http::Response PhasePage(WebApp& app, const http::Request& req, const model::Response& response,
                         const assess::PhaseSection& section,
                         const std::map<std::string, FormAnswer>* shown,
                         const std::vector<FieldError>& errors, int status,
                         const std::vector<model::Reflection>* shown_reflections = nullptr);

/// A whole percentage for display ("" for null).
std::string Pct(const nlohmann::json& v);
/// Adds now_text/target_text/gap_text/scored to a score object from ResultsToJson.
void Decorate(nlohmann::json& score);
/// The bank's wording of each question id in `ids` (ids it does not know are skipped).
nlohmann::json QuestionTexts(const Site& site, const nlohmann::json& ids);
/// Adds the template's flags to a placement from ResultsToJson: is_<summary>, and href to
/// the guide page of its phase.
void DecoratePlacement(nlohmann::json& placement);
/// The now/target bar chart (SVG) of scored groups, described by the table with `id`.
std::string Chart(const nlohmann::json& groups, const std::string& id);
/// The plan form's model: vision, goals, strategies and item rows plus `empty_rows` blanks.
nlohmann::json PlanModel(const model::Plan& plan, int empty_rows);
/// Adds a plan form's errors to its model `m` (with m["plan"] from PlanModel): "errors" (links
/// to the fields), "has_errors", and error_<field> on the plan and its item rows.
void AddPlanErrors(WebApp& app, nlohmann::json& m, const std::vector<FieldError>& errors);
/// Reads the plan form: vision, goals, strategies and rows item.N.what/owner/due/status/source.
model::Plan ReadPlanForm(const http::Fields& form);

/// Results, plan, print view and exports.
void AddCheckupResultRoutes(WebApp& app, http::Router& router);

}  // namespace cultivate::web
