#pragma once
/// Value creation in JSON and in forms, both directions (issue 16): a story, an indicator,
/// the value matrix, and the stories and indicators of an export.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "http/form.h"
#include "model/value.h"
#include "value/value.h"
#include "web/app.h"

namespace cultivate::web {

/// {"id","title","happened","immediate","potential","applied","realized","reframing",
///  "share","named","author","cycles","created_at","updated_at"}. For a sponsor: no share,
///  and "author" only when the author chose to be named.
nlohmann::json StoryJson(const model::Story& story, bool for_sponsor = false);
nlohmann::json StoriesJson(const std::vector<model::Story>& stories, bool for_sponsor = false);
/// A story from a POST/PUT body; type problems go to `errors`.
value::StoryInput StoryFromJson(const nlohmann::json& body, std::vector<FieldError>* errors);
/// A story from the story form (title, author, happened, the cycles, share, named).
value::StoryInput StoryFromForm(const http::Fields& form);
/// {"id","name","value","cycle","period","note","created_at"}
nlohmann::json IndicatorJson(const model::Indicator& indicator);
nlohmann::json IndicatorsJson(const std::vector<model::Indicator>& indicators);
value::IndicatorInput IndicatorFromJson(const nlohmann::json& body, std::vector<FieldError>* errors);
/// {"year","years","stories","cycles":[{"id","title","stories","indicators","indicator_names",
///  "thin"}],"thin":[ids]}
nlohmann::json MatrixJson(WebApp& app, const value::Matrix& matrix);
/// A number as people write it: 12, 3.5.
std::string BriefNumber(double v);
/// The words of a cycle ("Realised value").
std::string CycleTitle(WebApp& app, const std::string& cycle);
/// The story form's model: the values typed, cycle rows, and error_<field> texts.
nlohmann::json StoryFormModel(WebApp& app, const value::StoryInput& story,
                              const std::vector<FieldError>& errors);
/// Story rows for a list page, each with its cycles' titles and texts.
nlohmann::json StoryRows(WebApp& app, const std::vector<model::Story>& stories,
                         const std::string& edit_base, bool for_sponsor);
/// The stories as Markdown sections (for exports and the brief).
std::string StoriesMarkdown(WebApp& app, const std::vector<model::Story>& stories,
                            bool for_sponsor);

}  // namespace cultivate::web
