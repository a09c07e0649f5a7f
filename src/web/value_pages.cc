// Value creation in HTML for coordinators: the value matrix of a year (cycles against stories
// and indicators, a table and a chart), the indicators and their form, what the community
// asks of its sponsor, and the sponsor brief (also through the sponsor's link, and as
// Markdown).
#include "common/message_keys.h"
#include "http/form.h"
#include "view/charts.h"
#include "web/access.h"
#include "web/errors.h"
#include "web/team_pages.h"
#include "web/team_views.h"
#include "web/value_json.h"
#include "web/value_pages.h"

namespace cultivate::web {

using nlohmann::json;

namespace {

// The guide's pages on collecting more evidence of a cycle.
constexpr const char* kGuide = "/guide/practices/measuring-value";
constexpr const char* kStoryGuide = "/guide/practices/telling-value-stories";

json IndicatorForm(const value::IndicatorInput& in, WebApp& app, const std::vector<FieldError>& errors) {
  json f{{"name", in.name}, {"value", in.value}, {"period", in.period}, {"note", in.note}};
  json cycles = json::array();
  for (const char* c : value::kCycles)
    cycles.push_back({{"id", c}, {"title", CycleTitle(app, c)}, {"selected", in.cycle == c}});
  f["cycles"] = cycles;
  json list = json::array();
  for (const auto& e : errors) {
    std::string text = app.Say(e.text);
    list.push_back({{"href", "#indicator-" + e.field}, {"message", text}});
    f["error_" + e.field] = text;
  }
  f["errors"] = list;
  f["has_errors"] = !list.empty();
  return f;
}

http::Response ValuePage(WebApp& app, const auth::SignedIn& who, const model::Community& c,
                         const http::Request& req, const value::IndicatorInput& typed,
                         const std::vector<FieldError>& errors, const std::string* ask_typed,
                         const std::vector<FieldError>& ask_errors, int status) {
  auto matrix = app.values().MatrixOf(c, req.Query("year"));
  if (!matrix) return app.Fail(matrix.error());
  auto indicators = app.values().Indicators(c);
  if (!indicators) return app.Fail(indicators.error());
  auto ask = app.values().Ask(c);
  if (!ask) return app.Fail(ask.error());
  json m = SignedModel(app, who, CommunityPath(c) + "/value",
                       app.Say({msg::kTitleValue, {Arg("name", c.name)}}), app.Say(msg::kAboutValue));
  m["community"] = CommunityModel(app.site(), c);
  json mx = MatrixJson(app, *matrix);
  std::vector<view::CountBar> bars;
  json thin = json::array();
  for (auto& row : mx["cycles"]) {
    bars.push_back({row["title"].get<std::string>(), row["stories"].get<int>(),
                    row["indicators"].get<int>()});
    std::string names;
    for (const auto& n : row["indicator_names"]) names += (names.empty() ? "" : ", ") + n.get<std::string>();
    row["names"] = names;
    if (row["thin"].get<bool>())
      thin.push_back(app.Say({msg::kValueThin, {Arg("cycle", row["title"].get<std::string>())}}));
  }
  json years = json::array();
  for (int y : matrix->years)
    years.push_back({{"year", y}, {"href", CommunityPath(c) + "/value?year=" + std::to_string(y)},
                     {"current", y == matrix->year}});
  m["matrix"] = mx;
  m["chart"] = view::CountsSvg(bars, "value-matrix-table");
  m["thin"] = thin;
  m["has_thin"] = !thin.empty();
  m["years"] = years;
  m["has_years"] = years.size() > 1;
  m["guide"] = kGuide;
  m["story_guide"] = kStoryGuide;
  json rows = json::array();
  for (const auto& i : *indicators) {
    json r = IndicatorJson(i);
    r["cycle_title"] = CycleTitle(app, i.cycle);
    r["value_text"] = BriefNumber(i.value);
    r["delete"] = CommunityPath(c) + "/indicators/" + std::to_string(i.id) + "/delete";
    rows.push_back(std::move(r));
  }
  m["indicators"] = rows;
  m["has_indicators"] = !rows.empty();
  m["indicator"] = IndicatorForm(typed, app, errors);
  m["ask"] = ask_typed ? *ask_typed : *ask;
  for (const auto& e : ask_errors) m["error_ask"] = app.Say(e.text);
  m["saved"] = req.Query("saved");
  return NoStore(app.Render("value", m, status));
}

http::Response BriefPage(WebApp& app, const model::Community& c, json m,
                         const std::string& base) {
  auto brief = BriefModel(app, c);
  if (!brief) return app.Fail(brief.error());
  m["brief"] = *brief;
  m["markdown"] = base + ".md";
  return NoStore(app.Render("brief", m));
}

http::Response BriefMd(WebApp& app, const model::Community& c) {
  auto brief = BriefModel(app, c);
  if (!brief) return app.Fail(brief.error());
  http::Response r = http::Response::Text(200, BriefMarkdown(app, *brief));
  r.Set("Content-Type", "text/markdown; charset=utf-8");
  r.Set("Content-Disposition", "attachment; filename=\"sponsor-brief.md\"");
  return NoStore(std::move(r));
}

}  // namespace

void AddValuePageRoutes(WebApp& app, http::Router& router) {
  router.Add("GET", "/communities/{id}/value", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      return ValuePage(app, who, c, req, {.cycle = "immediate"}, {}, nullptr, {}, 200);
    });
  });
  router.Add("POST", "/communities/{id}/indicators", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields& form) {
      value::IndicatorInput in{FieldOf(form, "name"), FieldOf(form, "value"), FieldOf(form, "cycle"),
                               FieldOf(form, "period"), FieldOf(form, "note")};
      auto made = app.values().Record(c, who.user.id, in);
      if (!made) {
        const auto& e = made.error();
        std::vector<FieldError> errors = e.details;
        if (errors.empty()) errors.push_back({"", "name", TextOf(e)});
        return ValuePage(app, who, c, req, in, errors, nullptr, {}, StatusOf(e));
      }
      return NoStore(http::Response::Redirect(CommunityPath(c) + "/value?saved=indicator#indicators-title"));
    });
  }, {.body_limit = 16 * 1024});
  router.Add("POST", "/communities/{id}/indicators/{iid}/delete", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn&, const model::Community& c,
                                           const http::Fields&) {
      if (auto ok = app.values().RemoveIndicator(c, req.Param("iid")); !ok) return app.Fail(ok.error());
      return NoStore(http::Response::Redirect(CommunityPath(c) + "/value?saved=deleted#indicators-title"));
    });
  });
  router.Add("POST", "/communities/{id}/ask", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields& form) {
      std::string ask = FieldOf(form, "ask");
      if (auto ok = app.values().SaveAsk(c, ask); !ok) {
        if (ok.error().kind != cultivate::Error::Kind::kInvalid) return app.Fail(ok.error());
        return ValuePage(app, who, c, req, {.cycle = "immediate"}, {}, &ask, ok.error().details, 422);
      }
      return NoStore(http::Response::Redirect(CommunityPath(c) + "/value?saved=ask#ask-title"));
    });
  }, {.body_limit = 16 * 1024});

  // ---- the sponsor brief ----
  router.Add("GET", "/communities/{id}/brief", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      json m = SignedModel(app, who, req.path, app.Say({msg::kTitleBrief, {Arg("name", c.name)}}),
                           app.Say(msg::kAboutBrief));
      m["coordinator"] = true;
      m["community"] = CommunityModel(app.site(), c);
      return BriefPage(app, c, std::move(m), req.path);
    });
  });
  router.Add("GET", "/communities/{id}/brief.md", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      return BriefMd(app, c);
    });
  });
  router.Add("GET", "/sponsor/{token}/brief", [&app](http::Request& req) {
    auto view = app.team().Sponsor(req.Param("token"));
    if (!view) return app.Fail(view.error());
    const model::Community& c = view->community;
    json m = app.BaseModel(req.path, app.Say({msg::kTitleBrief, {Arg("name", c.name)}}),
                           app.Say(msg::kAboutBrief));
    m["noindex"] = true;
    return BriefPage(app, c, std::move(m), req.path);
  });
  router.Add("GET", "/sponsor/{token}/brief.md", [&app](http::Request& req) {
    auto view = app.team().Sponsor(req.Param("token"));
    if (!view) return app.Fail(view.error());
    return BriefMd(app, view->community);
  });
}

}  // namespace cultivate::web
