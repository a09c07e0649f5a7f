// Value creation in JSON and in forms (value_json.h).

#include "web/value_json.h"

#include <cmath>
#include <sstream>

#include "common/message_keys.h"
#include "plan/export.h"
#include "web/access.h"
#include "web/api_support.h"

namespace cultivate::web {

using nlohmann::json;

namespace {

const std::vector<std::pair<const char*, std::string model::Story::*>> kTexts = {
    {"title", &model::Story::title},         {"happened", &model::Story::happened},
    {"immediate", &model::Story::immediate}, {"potential", &model::Story::potential},
    {"applied", &model::Story::applied},     {"realized", &model::Story::realized},
    {"reframing", &model::Story::reframing}, {"author", &model::Story::author}};

}  // namespace

std::string BriefNumber(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string CycleTitle(WebApp& app, const std::string& cycle) {
  if (cycle == "immediate") return app.Say(msg::kCycleImmediate);
  if (cycle == "potential") return app.Say(msg::kCyclePotential);
  if (cycle == "applied") return app.Say(msg::kCycleApplied);
  if (cycle == "realized") return app.Say(msg::kCycleRealized);
  return app.Say(msg::kCycleReframing);
}

json StoryJson(const model::Story& s, bool for_sponsor) {
  json out{{"id", s.id}};
  for (const auto& [key, member] : kTexts) out[key] = s.*member;
  out["cycles"] = value::CyclesOf(s);
  out["named"] = s.named;
  if (for_sponsor) {
    out["author"] = value::ShownAuthor(s);
  } else {
    out["share"] = s.share;
    out["created_at"] = s.created_at;
    out["updated_at"] = s.updated_at;
  }
  return out;
}

json StoriesJson(const std::vector<model::Story>& stories, bool for_sponsor) {
  json out = json::array();
  for (const auto& s : stories) out.push_back(StoryJson(s, for_sponsor));
  return out;
}

value::StoryInput StoryFromJson(const json& body, std::vector<FieldError>* errors) {
  value::StoryInput s;
  for (const auto& [key, member] : kTexts)
    if (auto v = StringField(body, key, errors)) s.*member = *v;
  if (auto v = StringField(body, "share", errors)) s.share = *v;
  if (body.contains("named") && !body["named"].is_null()) {
    if (body["named"].is_boolean())
      s.named = body["named"].get<bool>();
    else
      errors->push_back({"", "named", msg::kJsonNotBool});
  }
  return s;
}

value::StoryInput StoryFromForm(const http::Fields& form) {
  value::StoryInput s;
  for (const auto& [key, member] : kTexts) s.*member = FieldOf(form, key);
  s.share = FieldOf(form, "share");
  s.named = FieldOf(form, "named") == "1";
  return s;
}

json IndicatorJson(const model::Indicator& i) {
  return {{"id", i.id}, {"name", i.name}, {"value", i.value}, {"cycle", i.cycle},
          {"period", i.period}, {"note", i.note}, {"created_at", i.created_at}};
}

json IndicatorsJson(const std::vector<model::Indicator>& indicators) {
  json out = json::array();
  for (const auto& i : indicators) out.push_back(IndicatorJson(i));
  return out;
}

value::IndicatorInput IndicatorFromJson(const json& body, std::vector<FieldError>* errors) {
  value::IndicatorInput in;
  in.name = StringField(body, "name", errors).value_or("");
  in.cycle = StringField(body, "cycle", errors).value_or("");
  in.period = StringField(body, "period", errors).value_or("");
  in.note = StringField(body, "note", errors).value_or("");
  if (body.contains("value") && body["value"].is_number())
    in.value = BriefNumber(body["value"].get<double>());
  else if (body.contains("value") && !body["value"].is_null())
    errors->push_back({"", "value", msg::kJsonNotNumber});
  return in;
}

json MatrixJson(WebApp& app, const value::Matrix& m) {
  json cycles = json::array(), thin = json::array();
  for (const auto& row : m.rows) {
    cycles.push_back({{"id", row.cycle}, {"title", CycleTitle(app, row.cycle)},
                      {"stories", row.stories}, {"indicators", row.indicators},
                      {"indicator_names", row.indicator_names}, {"thin", row.thin()}});
    if (row.thin()) thin.push_back(row.cycle);
  }
  return {{"year", m.year}, {"years", m.years}, {"stories", m.stories}, {"cycles", cycles},
          {"thin", thin}};
}

json StoryFormModel(WebApp& app, const value::StoryInput& s, const std::vector<FieldError>& errors) {
  json m{{"share_sponsor", s.share == "sponsor"}, {"share_coordinators", s.share != "sponsor"},
         {"named", s.named}};
  for (const auto& [key, member] : kTexts) m[key] = s.*member;
  json list = json::array();
  for (const auto& e : errors) {
    std::string text = app.Say(e.text);
    list.push_back({{"href", "#story-" + e.field}, {"message", text}});
    m["error_" + e.field] = text;
  }
  m["errors"] = list;
  m["has_errors"] = !list.empty();
  return m;
}

json StoryRows(WebApp& app, const std::vector<model::Story>& stories, const std::string& edit_base,
               bool for_sponsor) {
  json rows = json::array();
  for (const auto& s : stories) {
    json cycles = json::array();
    for (const auto& c : value::CyclesOf(s))
      cycles.push_back({{"id", c}, {"title", CycleTitle(app, c)},
                        {"text", value::CycleText(s, c)}});
    json row{{"id", s.id}, {"title", s.title}, {"happened", s.happened}, {"cycles", cycles},
             {"author", for_sponsor ? value::ShownAuthor(s) : (s.named ? s.author : "")},
             {"for_sponsor", s.share == "sponsor"}, {"has_cycles", !cycles.empty()}};
    if (!edit_base.empty()) row["edit"] = edit_base + "/" + std::to_string(s.id);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string StoriesMarkdown(WebApp& app, const std::vector<model::Story>& stories,
                            bool for_sponsor) {
  std::string out;
  for (const auto& s : stories) {
    out += "### " + plan::MarkdownInline(s.title) + "\n\n";
    std::string author = for_sponsor ? value::ShownAuthor(s) : s.author;
    if (!author.empty()) out += "*" + plan::MarkdownInline(author) + "*\n\n";
    out += plan::MarkdownInline(s.happened) + "\n\n";
    for (const auto& c : value::CyclesOf(s))
      out += "- **" + CycleTitle(app, c) + ":** " + plan::MarkdownInline(value::CycleText(s, c)) + "\n";
    out += "\n";
  }
  return out;
}

}  // namespace cultivate::web
