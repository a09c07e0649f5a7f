#include "web/account_export.h"

#include "common/message_keys.h"
#include "web/api_support.h"

namespace cultivate::web {

using nlohmann::json;

namespace {

json Maybe(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(); }

}  // namespace

json AccountExportJson(WebApp& app, const model::User& user,
                       const std::vector<community::CommunityExport>& communities) {
  json out = json::array();
  for (const auto& [c, o, plan, reviews] : communities) {
    json r = json::array(), i = json::array(), l = json::array(), who = json::array();
    for (const auto& x : o.rounds)
      r.push_back({{"id", x.id}, {"title", x.title}, {"bank_version", x.bank_version},
                   {"opened_at", x.opened_at}, {"closes_at", Maybe(x.closes_at)},
                   {"closed_at", Maybe(x.closed_at)}, {"joined", x.joined},
                   {"answered", x.answered}});
    for (const auto& x : o.invites)
      i.push_back({{"id", x.id}, {"round_id", x.round_id}, {"created_at", x.created_at},
                   {"expires_at", x.expires_at}, {"revoked_at", Maybe(x.revoked_at)},
                   {"uses", x.uses}, {"max_uses", x.max_uses}});
    for (const auto& x : o.links)
      l.push_back({{"id", x.id}, {"label", x.label}, {"created_at", x.created_at},
                   {"revoked_at", Maybe(x.revoked_at)}});
    json meetings = json::array();  // the review meetings' record: decisions, next date
    for (const auto& x : reviews) {
      json notes = json::array();
      for (const auto& n : x.notes) notes.push_back({{"text", n.text}, {"created_at", n.created_at}});
      meetings.push_back({{"round_id", x.round_id}, {"next_review", x.next_review}, {"decisions", notes}});
    }
    for (const auto& x : o.coordinators) who.push_back({{"name", x.name}, {"email", x.email}});
    json p = nullptr;
    if (plan) {
      p = PlanJson(*plan, false);
      p.erase("draft");
      p.erase("updated_at");
    }
    out.push_back({{"id", c.id}, {"name", c.name}, {"domain", c.domain},
                   {"purpose", c.purpose}, {"phase", c.phase}, {"demo", c.demo},
                   {"created_at", c.created_at}, {"coordinators", who}, {"rounds", r},
                   {"invites", i}, {"sponsor_links", l}, {"plan", p},
                   {"review_meetings", meetings}});
  }
  return json{{"account", {{"id", user.id}, {"email", user.email}, {"name", user.name},
                           {"created_at", user.created_at}}},
              {"communities", out},
              {"note", app.Say(msg::kExportNote)}};
}

}  // namespace cultivate::web
