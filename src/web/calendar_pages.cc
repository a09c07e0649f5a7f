// Calendars (RFC 5545) to subscribe to: the community's (coordinators, and members through a
// secret link a coordinator can replace or revoke) with the open round's planned close, the
// next review date and the plan's due dates; and a solo check-up's plan. Stable UIDs, so a
// calendar app updates its events instead of adding them again.
#include "auth/tokens.h"
#include "common/message_keys_review.h"
#include "plan/ical.h"
#include "web/access.h"
#include "web/team_pages.h"
#include "web/team_views.h"

namespace cultivate::web {

namespace {

constexpr const char* kUidDomain = "@cultivate";

http::Response IcsResponse(std::string body, const std::string& filename) {
  http::Response r;
  r.status = 200;
  r.body = std::move(body);
  r.Set("Content-Type", "text/calendar; charset=utf-8");
  r.Set("Content-Disposition", "inline; filename=\"" + filename + "\"");
  r.Set("X-Robots-Tag", "noindex");
  return NoStore(std::move(r));
}

http::Response CommunityCalendar(WebApp& app, const http::Request& req, const model::Community& c) {
  auto events = app.meeting().Calendar(c);
  if (!events) return app.Fail(events.error());
  std::vector<plan::IcsEvent> out;
  for (const auto& e : *events) {
    plan::IcsEvent ics{e.uid_key + kUidDomain, e.date, "", "", ""};
    using Kind = community::DatedEvent::Kind;
    if (e.kind == Kind::kRoundCloses) {
      ics.summary = app.Say({msg::kCalendarRoundCloses, {Arg("title", e.title.empty() ? c.name : e.title)}});
      ics.url = app.LinkUrl(req, CommunityPath(c));
    } else if (e.kind == Kind::kNextReview) {
      ics.summary = app.Say({msg::kCalendarNextReview, {Arg("name", c.name)}});
    } else {
      ics.summary = app.Say({msg::kCalendarActionDue, {Arg("what", e.title)}});
      if (!e.owner.empty()) ics.description = app.Say({msg::kCalendarOwner, {Arg("owner", e.owner)}});
    }
    out.push_back(std::move(ics));
  }
  return IcsResponse(plan::Ics(app.Say({msg::kCalendarName, {Arg("name", c.name)}}), out,
                               app.team().now()),
                     "community-" + std::to_string(c.id) + ".ics");
}

}  // namespace

void AddCalendarRoutes(WebApp& app, http::Router& router) {
  router.Add("GET", "/communities/{id}/calendar.ics", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      return CommunityCalendar(app, req, c);
    });
  });

  router.Add("POST", "/communities/{id}/calendar/link", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields&) {
      auto token = app.meeting().NewCalendarLink(c);
      if (!token) return app.Fail(token.error());
      return Dashboard(app, who, c, req,
                       {{"url", app.LinkUrl(req, "/calendar/" + *token + ".ics")}, {"calendar", true}},
                       {msg::kCalendarLinkMade});
    });
  }, {.body_limit = 4 * 1024});

  router.Add("POST", "/communities/{id}/calendar/revoke", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields&) {
      if (auto ok = app.meeting().RevokeCalendarLink(c); !ok) return app.Fail(ok.error());
      return Dashboard(app, who, c, req, nullptr, {msg::kCalendarLinkRevoked});
    });
  }, {.body_limit = 4 * 1024});

  // A member's subscription: the path's last segment is TOKEN.ics.
  router.Add("GET", "/calendar/{file}", [&app](http::Request& req) {
    std::string file = req.Param("file");
    if (file.size() < 5 || file.substr(file.size() - 4) != ".ics") return app.Error(404);
    auto c = app.meeting().CalendarCommunity(file.substr(0, file.size() - 4));
    if (!c) return app.Fail(c.error());
    return CommunityCalendar(app, req, *c);
  });

  router.Add("GET", "/checkup/{token}/plan.ics", [&app](http::Request& req) {
    auto response = app.checkups().Find(req.Param("token"));
    if (!response) return app.Fail(response.error());
    auto results = app.checkups().Score(*response);
    if (!results) return app.Fail(results.error());
    auto view = app.checkups().Plan(*response, *results);
    if (!view) return app.Fail(view.error());
    std::vector<plan::IcsEvent> out;
    std::map<std::string, int> seen;
    for (const auto& item : view->plan.items) {
      if (item.due.empty() || item.status == "done" || item.status == "dropped") continue;
      std::string key = auth::HashToken(item.what).substr(0, 16);
      int n = ++seen[key];
      plan::IcsEvent e{"checkup-" + auth::HashToken("uid:" + response->token_hash).substr(0, 12) + "-" + key +
                           (n > 1 ? "-" + std::to_string(n) : "") + kUidDomain,
                       item.due, app.Say({msg::kCalendarActionDue, {Arg("what", item.what)}}), "", ""};
      if (!item.owner.empty()) e.description = app.Say({msg::kCalendarOwner, {Arg("owner", item.owner)}});
      out.push_back(std::move(e));
    }
    return IcsResponse(plan::Ics(app.Say({msg::kCalendarPlanName, {Arg("name", response->name)}}),
                                 out, app.team().now()),
                       "plan.ics");
  });
}

}  // namespace cultivate::web
