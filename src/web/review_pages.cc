// The yearly review meeting for coordinators: the overview, the full-screen steps (each its
// own URL, linked with rel="next"/"prev"), and the step forms (open and close the vote, hand
// counts, actions into the plan, decision notes, the next review date). Every form handler
// reads the form, makes one call to community::Meeting and goes back to its step.
#include "common/message_keys_review.h"
#include "web/errors.h"
#include "web/review_pages.h"
#include "web/review_views.h"
#include "web/team_pages.h"
#include "web/team_views.h"

namespace cultivate::web {

using nlohmann::json;

namespace {

constexpr const char* kGuide = "/guide/practices/running-the-yearly-review";

size_t StepIndex(const std::string& id) {
  const auto& steps = ReviewSteps();
  for (size_t i = 0; i < steps.size(); ++i)
    if (id == steps[i].id) return i;
  return steps.size();
}

const MessageKey* NoticeOf(const std::string& done) {
  static const std::map<std::string, const MessageKey*> notices = {
      {"vote-opened", &msg::kReviewVoteOpened}, {"vote-ended", &msg::kReviewVoteEnded},
      {"hands", &msg::kReviewHandsSaved},       {"action", &msg::kReviewActionAdded},
      {"note", &msg::kReviewNoteAdded},         {"next", &msg::kReviewNextSaved}};
  auto it = notices.find(done);
  return it == notices.end() ? nullptr : it->second;
}

json Links(const std::string& base) {
  json steps = json::array();
  int n = 0;
  for (const auto& s : ReviewSteps())
    steps.push_back({{"id", s.id}, {"n", ++n}, {"href", base + "/" + s.id}, {"minutes", s.minutes}});
  return steps;
}

}  // namespace

json ReviewModel(WebApp& app, const http::Request& req, const auth::SignedIn& who,
                 const community::Room& room, const std::string& path, const std::string& title) {
  json m = SignedModel(app, who, path, title, app.Say(msg::kAboutReview));
  m.update(RoomModel(app, room));
  std::string base = ReviewPath(room.community, room.round);
  m["review_href"] = base;
  m["guide_href"] = kGuide;
  m["plan_href"] = CommunityPath(room.community) + "/plan";
  m["print_agenda"] = base + "/print/agenda";
  m["print_ballot"] = base + "/print/ballot";
  m["print_summary"] = base + "/print/summary";
  m["vote_url"] = app.LinkUrl(req, "/vote");
  if (!room.review.code.empty()) m["vote_code_url"] = app.LinkUrl(req, "/vote/" + room.review.code);
  json steps = Links(base);
  for (size_t i = 0; i < steps.size(); ++i)
    steps[i]["title"] = app.Say(*ReviewSteps()[i].title);
  m["steps"] = steps;
  m["js"] = app.site().statics.VersionedUrl("js/review.js");
  return m;
}

http::Response StepPage(WebApp& app, const http::Request& req, const auth::SignedIn& who,
                        const community::Room& room, const std::string& step_id,
                        const cultivate::Error* error, const json& entered) {
  const auto& steps = ReviewSteps();
  size_t i = StepIndex(step_id);
  if (i == steps.size()) return app.Error(404);
  std::string base = ReviewPath(room.community, room.round);
  std::string title = app.Say(*steps[i].title);
  json m = ReviewModel(app, req, who, room, base + "/" + steps[i].id,
                       app.Say({msg::kTitleReviewStep, {Arg("step", title), Arg("name", room.community.name)}}));
  m["noindex"] = true;
  m["step_title"] = title;
  m["step_n"] = i + 1;
  m["step_count"] = steps.size();
  m["minutes"] = steps[i].minutes;
  m[std::string("is_") + steps[i].id] = true;
  m["prev_href"] = i == 0 ? base : base + "/" + steps[i - 1].id;
  if (i + 1 < steps.size()) m["next_href"] = base + "/" + steps[i + 1].id;
  m["steps"][i]["current"] = true;
  if (std::string(steps[i].id) == "choose" && room.review.vote == model::VoteState::kOpen)
    m["events_href"] = base + "/events";
  if (const MessageKey* notice = NoticeOf(req.Query("done"))) m["notice"] = app.Say(*notice);
  int status = 200;
  if (error) {
    status = StatusOf(*error);
    json errors = json::array();
    for (const auto& e : error->details) {
      errors.push_back({{"message", app.Say(e.text)}});
      if (!e.field.empty()) m["error_" + e.field] = app.Say(e.text);
    }
    if (errors.empty()) errors.push_back({{"message", app.Say(TextOf(*error))}});
    m["errors"] = errors;
    m["has_errors"] = true;
    LogError(*error);
  }
  m["entered"] = entered.is_null() ? json::object() : entered;
  for (auto& area : m["tally"]["areas"])  // hand counts as typed, after a failed save
    if (m["entered"].contains("hands." + area["key"].get<std::string>()))
      area["typed"] = m["entered"]["hands." + area["key"].get<std::string>()];
  return NoStore(app.Render("review_step", m, status));
}

template <typename F>
http::Response WithRoomForm(WebApp& app, http::Request& req, F&& f) {
  return WithRoom(app, req, [&](const auth::SignedIn& who, const community::Room& room) {
    http::Response error;
    auto form = SignedForm(app, req, who, &error);
    if (!form) return error;
    return f(who, room, *form);
  });
}

namespace {

// After a form: back to its step with a notice, or the step again with what went wrong.
http::Response After(WebApp& app, http::Request& req, const auth::SignedIn& who,
                     const community::Room& room, const Status& ok, const char* step,
                     const char* done, const json& entered = nullptr) {
  if (!ok) {
    auto again = app.meeting().Open(room.community, std::to_string(room.round.id));
    if (!again) return app.Fail(again.error());
    return StepPage(app, req, who, *again, step, &ok.error(), entered);
  }
  return NoStore(http::Response::Redirect(ReviewPath(room.community, room.round) + "/" + step +
                                          "?done=" + done));
}

}  // namespace

void AddReviewRoutes(WebApp& app, http::Router& router) {
  const std::string base = "/communities/{id}/rounds/{rid}/review";
  router.Add("GET", base, [&app](http::Request& req) {
    return WithRoom(app, req, [&](const auth::SignedIn& who, const community::Room& room) {
      json m = ReviewModel(app, req, who, room, req.path,
                           app.Say({msg::kTitleReview, {Arg("name", room.community.name)}}));
      m["next_href"] = ReviewPath(room.community, room.round) + "/" + ReviewSteps()[0].id;
      return NoStore(app.Render("review", m));
    });
  });
  AddReviewStreamRoute(app, router, base + "/events");
  AddReviewPrintRoutes(app, router, base + "/print/{kind}");
  router.Add("GET", base + "/{step}", [&app](http::Request& req) {
    return WithRoom(app, req, [&](const auth::SignedIn& who, const community::Room& room) {
      return StepPage(app, req, who, room, req.Param("step"), nullptr, nullptr);
    });
  });
  router.Add("POST", base + "/vote/open", [&app](http::Request& req) {
    return WithRoomForm(app, req, [&](const auth::SignedIn& who, const community::Room& room,
                                      const http::Fields&) {
      return After(app, req, who, room, app.meeting().StartVote(room), "choose", "vote-opened");
    });
  }, {.body_limit = 4 * 1024});
  router.Add("POST", base + "/vote/close", [&app](http::Request& req) {
    return WithRoomForm(app, req, [&](const auth::SignedIn& who, const community::Room& room,
                                      const http::Fields&) {
      return After(app, req, who, room, app.meeting().EndVote(room), "choose", "vote-ended");
    });
  }, {.body_limit = 4 * 1024});
  router.Add("POST", base + "/hands", [&app](http::Request& req) {
    return WithRoomForm(app, req, [&](const auth::SignedIn& who, const community::Room& room,
                                      const http::Fields& form) {
      // One count per area on the ballot: hands.KEY=N; an empty box leaves the count alone.
      json entered = json::object();
      Status ok;
      for (const auto& area : room.areas) {
        std::string count = FieldOf(form, "hands." + area.key);
        entered["hands." + area.key] = count;
        if (count.empty() || !ok) continue;
        ok = app.meeting().CountHands(room, area.key, count);
      }
      return After(app, req, who, room, ok, "choose", "hands", entered);
    });
  }, {.body_limit = 8 * 1024});
  router.Add("POST", base + "/actions", [&app](http::Request& req) {
    return WithRoomForm(app, req, [&](const auth::SignedIn& who, const community::Room& room,
                                      const http::Fields& form) {
      community::ActionInput in{FieldOf(form, "what"), FieldOf(form, "owner"), FieldOf(form, "due"),
                                FieldOf(form, "area")};
      json entered{{"what", in.what}, {"owner", in.owner}, {"due", in.due}, {"area", in.area}};
      return After(app, req, who, room, app.meeting().AddAction(room, in), "actions", "action", entered);
    });
  }, {.body_limit = 8 * 1024});
  router.Add("POST", base + "/notes", [&app](http::Request& req) {
    return WithRoomForm(app, req, [&](const auth::SignedIn& who, const community::Room& room,
                                      const http::Fields& form) {
      std::string text = FieldOf(form, "note");
      return After(app, req, who, room, app.meeting().AddNote(room, text), "actions", "note",
                   {{"note", text}});
    });
  }, {.body_limit = 16 * 1024});
  router.Add("POST", base + "/next", [&app](http::Request& req) {
    return WithRoomForm(app, req, [&](const auth::SignedIn& who, const community::Room& room,
                                      const http::Fields& form) {
      std::string date = FieldOf(form, "next_review");
      return After(app, req, who, room, app.meeting().SetNextReview(room, date), "close", "next",
                   {{"next_review", date}});
    });
  }, {.body_limit = 4 * 1024});
}

}  // namespace cultivate::web
