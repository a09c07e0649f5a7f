// View models of the yearly review meeting.
#include "web/review_views.h"

#include <algorithm>

#include "assess/results_json.h"
#include "common/dates.h"
#include "common/message_keys_review.h"
#include "web/checkup_pages.h"
#include "web/team_views.h"

namespace cultivate::web {

using nlohmann::json;

const std::vector<ReviewStep>& ReviewSteps() {
  static const std::vector<ReviewStep> steps = {
      {"purpose", &msg::kReviewStepPurpose, 5},   {"overall", &msg::kReviewStepOverall, 10},
      {"disagree", &msg::kReviewStepDisagree, 20}, {"phases", &msg::kReviewStepPhases, 15},
      {"choose", &msg::kReviewStepChoose, 15},    {"actions", &msg::kReviewStepActions, 20},
      {"close", &msg::kReviewStepClose, 5}};
  return steps;
}

std::string ReviewPath(const model::Community& c, const model::Round& r) {
  return CommunityPath(c) + "/rounds/" + std::to_string(r.id) + "/review";
}

namespace {

std::string AreaTitle(WebApp& app, const assess::Area& a) {
  const auto& labels = app.labels();
  auto kind = a.kind == "element" ? assess::LabelKind::kElement : assess::LabelKind::kPrinciple;
  return assess::Title(labels, kind, a.key);
}

}  // namespace

json TallyModel(WebApp& app, const std::vector<assess::Area>& areas, const model::VoteTally& tally) {
  json list = json::array();
  int max = 0;
  for (const auto& a : areas) {
    auto v = tally.votes.find(a.key);
    auto h = tally.hands.find(a.key);
    int votes = v == tally.votes.end() ? 0 : v->second;
    int hands = h == tally.hands.end() ? 0 : h->second;
    max = std::max(max, votes + hands);
    list.push_back({{"key", a.key}, {"title", AreaTitle(app, a)}, {"votes", votes},
                    {"hands", hands}, {"total", votes + hands}});
  }
  return {{"revision", tally.revision},
          {"open", tally.vote == model::VoteState::kOpen},
          {"closed", tally.vote == model::VoteState::kClosed},
          {"not_started", tally.vote == model::VoteState::kNotStarted},
          {"voters", tally.voters},
          {"areas", list},
          {"max", std::max(max, 1)}};
}

json BallotChoices(WebApp& app, const std::vector<assess::Area>& areas,
                   const std::vector<std::string>& chosen) {
  json list = json::array();
  int i = 0;
  for (const auto& a : areas)
    list.push_back({{"key", a.key},
                    {"n", ++i},
                    {"title", AreaTitle(app, a)},
                    {"gap_text", Pct(json(a.gap))},
                    {"chosen", std::find(chosen.begin(), chosen.end(), a.key) != chosen.end()}});
  return list;
}

json RoomModel(WebApp& app, const community::Room& room) {
  json m;
  m["community"] = CommunityModel(app.site(), room.community);
  m["round"] = RoundModel(app.site(), room.community, room.round, app.team().threshold());
  m["team"] = TeamResultsModel(app, *room.results, {});
  json& team = m["team"];
  // Talking points first: at most six statements, the projector has no room for more.
  if (team.contains("disputed") && team["disputed"].size() > 6) {
    json first(team["disputed"].begin(), team["disputed"].begin() + 6);
    team["disputed_more"] = team["disputed"].size() - 6;
    team["disputed"] = first;
  }
  if (team.contains("results")) {
    json& r = team["results"];
    for (auto& p : r["phases"])
      if (p.contains("gap")) p["gap_text"] = Pct(p["gap"]);
    if (r["strengths"].size() > 3) r["strengths"] = json(r["strengths"].begin(), r["strengths"].begin() + 3);
    r["top_areas"] = json(r["improvement_areas"].begin(),
                          r["improvement_areas"].begin() + std::min<size_t>(3, r["improvement_areas"].size()));
  }
  m["tally"] = TallyModel(app, room.areas, room.tally);
  m["has_areas"] = !room.areas.empty();
  m["code"] = room.review.code;
  m["next_review"] = room.review.next_review;
  json notes = json::array();
  for (const auto& n : room.review.notes) notes.push_back({{"text", n.text}, {"date", FormatDate(n.created_at)}});
  m["notes"] = notes;
  m["has_notes"] = !notes.empty();
  json recent = notes.size() > 3 ? json(notes.end() - 3, notes.end()) : notes;
  m["recent_notes"] = recent;
  m["more_notes"] = notes.size() > 3 ? notes.size() - 3 : 0;
  m["choices"] = BallotChoices(app, room.areas, {});
  return m;
}

}  // namespace cultivate::web
