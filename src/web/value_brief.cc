// The sponsor brief's content (one printed page): purpose and phase, the latest shown
// round's headline and trend, strengths and areas, plan progress, stories shared with the
// sponsor, indicators and the coordinators' ask. Also the value part of the account export.
#include <cmath>

#include "common/message_keys.h"
#include "common/text.h"
#include "plan/export.h"
#include "web/checkup_pages.h"
#include "web/team_json.h"
#include "web/team_views.h"
#include "web/value_json.h"
#include "web/value_pages.h"

namespace cultivate::web {

using nlohmann::json;

namespace {

json Titles(const json& list, size_t most) {
  json out = json::array();
  for (const auto& item : list) {
    if (out.size() >= most) break;
    out.push_back(item.value("title", ""));
  }
  return out;
}

std::optional<int> NowOf(WebApp& app, const assess::TeamResults& r) {
  json j = TeamResultsJson(app, r);
  const json& now = j["overall"]["now"];
  if (!now.is_number()) return std::nullopt;
  return static_cast<int>(std::lround(now.get<double>()));
}

// At most `most` code points of valid UTF-8 text, cut at a space, with an ellipsis: the brief
// is one page, and the whole story is in the coordinators' pages.
std::string Shorten(const std::string& text, size_t most) {
  if (CodePoints(text) <= most) return text;
  size_t at = 0, points = 0;
  while (at < text.size() && points < most) {
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
    ++points;
  }
  size_t space = text.rfind(' ', at);
  if (space != std::string::npos && space > at / 2) at = space;
  return text.substr(0, at) + "…";
}

void ShortenStories(json& rows) {
  for (auto& s : rows) {
    s["happened"] = Shorten(s["happened"].get<std::string>(), 180);
    for (auto& c : s["cycles"]) c["text"] = Shorten(c["text"].get<std::string>(), 120);
  }
}

}  // namespace

Result<json> BriefModel(WebApp& app, const model::Community& c) {
  json b;
  b["community"] = CommunityModel(app.site(), c);
  b["has_purpose"] = !c.purpose.empty();
  auto latest = app.team().LatestShown(c);
  if (!latest) return Fail(latest.error());
  std::string phase = PhaseTitle(app.site(), c.phase);
  if (*latest) {
    const auto& [round, results] = **latest;
    json j = TeamResultsJson(app, *results);
    b["round"] = {{"title", RoundTitle(app.site(), round)}, {"responses", results->responses}};
    auto now = NowOf(app, *results);
    b["headline"] = {{"now", now ? json(*now) : json(nullptr)}, {"has_now", now.has_value()},
                     {"target", Pct(j["overall"]["target"])}};
    if (j["placement"]["title"].is_string()) phase = j["placement"]["title"].get<std::string>();
    b["strengths"] = Titles(j["strengths"], 3);
    b["areas"] = Titles(j["improvement_areas"], 3);
    b["has_strengths"] = !b["strengths"].empty();
    b["has_areas"] = !b["areas"].empty();
    // The trend: from the shown round before it.
    auto rounds = app.team().RoundsOf(c);
    if (!rounds) return Fail(rounds.error());
    bool past = false;
    for (const auto& r : *rounds) {  // newest first
      if (r.id == round.id) {
        past = true;
        continue;
      }
      if (!past || r.open() || r.answered < app.team().threshold()) continue;
      auto before = app.team().Results(c, r);
      if (!before) return Fail(before.error());
      if ((*before)->hidden) continue;
      auto then = NowOf(app, **before);
      if (now && then)
        b["trend"] = {{"from", RoundTitle(app.site(), r)}, {"change", *now - *then}, {"points", std::abs(*now - *then)},
                      {"up", *now > *then}, {"down", *now < *then}, {"same", *now == *then}};
      break;
    }
  }
  b["has_results"] = latest->has_value();
  // The record of the latest shown round's review meeting: the sponsor reads what was decided.
  json decisions = json::array();
  if (*latest) {
    auto notes = app.meeting().Decisions((*latest)->first);
    if (!notes) return Fail(notes.error());
    for (const auto& n : *notes)
      if (decisions.size() < value::kBriefDecisions) decisions.push_back(Shorten(n.text, 120));
  }
  b["decisions"] = decisions;
  b["has_decisions"] = !decisions.empty();
  b["phase"] = phase;
  auto plan = app.team().SavedPlan(c);
  if (!plan) return Fail(plan.error());
  if (*plan) {
    auto p = value::ProgressOf(**plan, app.values().now());
    b["progress"] = app.Say({msg::kBriefPlan, {Arg("done", p.done), Arg("doing", p.doing),
                                               Arg("late", p.late)}});
  }
  auto stories = app.values().SponsorStories(c, value::kBriefStories);
  if (!stories) return Fail(stories.error());
  b["stories"] = StoryRows(app, *stories, "", true);
  ShortenStories(b["stories"]);
  b["has_stories"] = !stories->empty();
  auto indicators = app.values().Indicators(c);
  if (!indicators) return Fail(indicators.error());
  json list = json::array();
  std::string year = indicators->empty() ? "" : indicators->front().period.substr(0, 4);
  for (const auto& i : *indicators) {
    if (i.period.substr(0, 4) != year || list.size() >= 8) continue;
    list.push_back({{"name", i.name}, {"value", BriefNumber(i.value)}, {"period", i.period},
                    {"cycle", CycleTitle(app, i.cycle)}, {"note", i.note}});
  }
  b["indicators"] = list;
  b["has_indicators"] = !list.empty();
  auto ask = app.values().Ask(c);
  if (!ask) return Fail(ask.error());
  b["ask"] = Shorten(*ask, 400);
  b["has_ask"] = !ask->empty();
  return b;
}

std::string BriefMarkdown(WebApp& app, const json& b) {
  // Every text from the JSON shows as typed: a member's story cannot forge a heading or a link.
  auto md = [](const json& v) { return plan::MarkdownInline(v.get<std::string>()); };
  auto none = "_" + app.Say(msg::kBriefNone) + "_\n\n";
  std::string out = "# " + app.Say({msg::kTitleBrief, {Arg("name", md(b["community"]["name"]))}}) + "\n\n";
  out += "## " + app.Say(msg::kBriefPurpose) + "\n\n" + md(b["community"]["purpose"]) + "\n\n";
  out += "## " + app.Say(msg::kBriefPhase) + "\n\n" + md(b["phase"]) + "\n\n";
  out += "## " + app.Say(msg::kBriefHeadline) + "\n\n";
  if (b["has_results"].get<bool>()) {
    out += md(b["round"]["title"]) + ": " +
           (b["headline"]["has_now"].get<bool>() ? b["headline"]["now"].dump() + "%" : "-");
    if (b.contains("trend"))
      out += " (" + std::string(b["trend"]["change"].get<int>() > 0 ? "+" : "") +
             b["trend"]["change"].dump() + ", " + md(b["trend"]["from"]) + ")";
    out += "\n\n";
    auto titles = [&](const Message& heading, const char* list) {
      out += "### " + app.Say(heading) + "\n\n";
      for (const auto& t : b[list]) out += "- " + md(t) + "\n";
      out += "\n";
    };
    titles(msg::kBriefStrengths, "strengths");
    titles(msg::kBriefAreas, "areas");
  } else {
    out += app.Say(msg::kBriefNoResults) + "\n\n";
  }
  if (b.contains("progress")) out += b["progress"].get<std::string>() + "\n\n";
  if (b["has_decisions"].get<bool>()) {
    out += "### " + app.Say(msg::kBriefDecisions) + "\n\n";
    for (const auto& d : b["decisions"]) out += "- " + md(d) + "\n";
    out += "\n";
  }
  out += "## " + app.Say(msg::kBriefStories) + "\n\n";
  if (!b["has_stories"].get<bool>()) out += none;
  for (const auto& s : b["stories"]) {
    out += "### " + md(s["title"]) + "\n\n";
    if (!s["author"].get<std::string>().empty()) out += "*" + md(s["author"]) + "*\n\n";
    out += md(s["happened"]) + "\n\n";
    for (const auto& c : s["cycles"])
      out += "- **" + md(c["title"]) + ":** " + md(c["text"]) + "\n";
    out += "\n";
  }
  out += "## " + app.Say(msg::kBriefIndicators) + "\n\n";
  if (!b["has_indicators"].get<bool>()) out += none;
  for (const auto& i : b["indicators"])
    out += "- " + md(i["name"]) + ": **" + md(i["value"]) + "** (" + md(i["period"]) + ", " +
           md(i["cycle"]) + ")\n";
  if (b["has_indicators"].get<bool>()) out += "\n";
  out += "## " + app.Say(msg::kBriefAsk) + "\n\n";
  out += b["has_ask"].get<bool>() ? md(b["ask"]) + "\n" : none;
  return out;
}

Status AddValueExport(WebApp& app, model::Id user, json* out) {
  auto mine = app.values().AccountStories(user);
  if (!mine) return Fail(mine.error());
  (*out)["stories"] = StoriesJson(*mine);
  for (auto& c : (*out)["communities"]) {
    model::Community community;
    community.id = c["id"].get<model::Id>();
    auto stories = app.values().CommunityStories(community);
    if (!stories) return Fail(stories.error());
    auto indicators = app.values().Indicators(community);
    if (!indicators) return Fail(indicators.error());
    auto ask = app.values().Ask(community);
    if (!ask) return Fail(ask.error());
    c["stories"] = StoriesJson(*stories);
    c["indicators"] = IndicatorsJson(*indicators);
    c["sponsor_ask"] = *ask;
  }
  return {};
}

}  // namespace cultivate::web
