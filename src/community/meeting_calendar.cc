// The community's calendar: its dated events and the members' secret subscription link.
#include "auth/tokens.h"
#include "common/dates.h"
#include "community/meeting.h"

namespace cultivate::community {

using Kind = Error::Kind;

Result<std::vector<DatedEvent>> Meeting::Calendar(const model::Community& community) {
  std::vector<DatedEvent> events;
  auto rounds = store_.Rounds(community.id);
  if (!rounds) return Fail(rounds.error());
  bool review_found = false;
  for (const auto& r : *rounds) {  // newest first
    if (r.open() && r.closes_at)
      events.push_back({"round-" + std::to_string(r.id) + "-closes", FormatDate(*r.closes_at),
                        DatedEvent::Kind::kRoundCloses, r.title, ""});
    if (r.open() || review_found) continue;
    auto review = store_.FindReview(r.id);
    if (!review) return Fail(review.error());
    if (review->next_review.empty()) continue;
    review_found = true;  // only the newest meeting's choice counts
    events.push_back({"review-" + std::to_string(r.id), review->next_review,
                      DatedEvent::Kind::kNextReview, r.title, ""});
  }
  auto plan = store_.CommunityPlan(community.id);
  if (!plan) return Fail(plan.error());
  if (*plan) {
    std::map<std::string, int> seen;  // the same words twice get their own events
    for (const auto& item : (*plan)->items) {
      if (item.due.empty() || item.status == "done" || item.status == "dropped") continue;
      std::string key = auth::HashToken(item.what).substr(0, 16);
      int n = ++seen[key];
      events.push_back({"action-" + std::to_string(community.id) + "-" + key +
                            (n > 1 ? "-" + std::to_string(n) : ""),
                        item.due, DatedEvent::Kind::kActionDue, item.what, item.owner});
    }
  }
  return events;
}

Result<model::Community> Meeting::CalendarCommunity(const std::string& token) {
  if (!auth::PlausibleToken(token)) return Fail(Error::NotFound("malformed calendar token"));
  auto id = store_.FindCalendarLink(auth::HashToken(token));
  if (!id) return Fail(id.error());
  return store_.FindCommunity(*id);
}

Result<std::string> Meeting::NewCalendarLink(const model::Community& community) {
  std::string token = auth::NewToken();
  if (auto ok = store_.SetCalendarLink(community.id, auth::HashToken(token), clock_()); !ok)
    return Fail(ok.error());
  return token;
}

Status Meeting::RevokeCalendarLink(const model::Community& community) {
  return store_.SetCalendarLink(community.id, std::nullopt, clock_());
}

Result<std::optional<std::int64_t>> Meeting::CalendarLinkSince(const model::Community& community) {
  return store_.CalendarLinkSince(community.id);
}

}  // namespace cultivate::community
