// The community's calendar and a solo check-up's plan as RFC 5545, read back by libical: the
// open round's planned close, the next review date and the plan's due dates as all-day events
// with UIDs that stay the same between downloads; the members' secret link, replaced and
// revoked (then 404); and only coordinators reach the community's own address.
#include <libical/ical.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "web/review_test_support.h"

namespace cultivate::web {
namespace {

using ::testing::HasSubstr;

// UID -> (date, summary) of every event in an iCalendar text parsed by libical.
std::map<std::string, std::pair<std::string, std::string>> Events(const std::string& text) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  EXPECT_NE(cal, nullptr) << text;
  if (!cal) return out;
  for (icalcomponent* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    icaltimetype start = icalcomponent_get_dtstart(e);
    EXPECT_TRUE(start.is_date) << "all-day events";
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", start.year, start.month, start.day);
    out[icalcomponent_get_uid(e)] = {date, icalcomponent_get_summary(e)};
  }
  EXPECT_EQ(icalcomponent_count_errors(cal), 0);
  icalcomponent_free(cal);
  return out;
}

class CalendarTest : public test::ReviewFixture {
 protected:
  std::string Ics() { return "/communities/" + std::to_string(community_) + "/calendar.ics"; }
};

TEST_F(CalendarTest, TheCommunitysDatesWithStableUids) {
  ASSERT_EQ(Post(review_ + "/next", {{"next_review", "2027-11-05"}}).status, 303);
  ASSERT_EQ(Post(review_ + "/actions", {{"what", "Run the clinic; monthly, with cake"}, {"owner", "Ana"}, {"due", "2027-03-31"}}).status, 303);
  auto open = c_.Json("POST", c_.C(community_) + "/rounds", {{"title", "Review 2028"}, {"closes_at", "2027-02-15"}});
  ASSERT_EQ(open.status, 201) << open.body;
  auto r = Get(Ics());
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(*r.Header("Content-Type"), HasSubstr("text/calendar"));
  auto events = Events(r.body);
  ASSERT_EQ(events.size(), 3u) << r.body;
  std::map<std::string, std::string> by_summary;
  for (const auto& [uid, e] : events) by_summary[e.second] = e.first;
  EXPECT_EQ(by_summary["Yearly review of Wound care nurses"], "2027-11-05");
  EXPECT_EQ(by_summary["Due: Run the clinic; monthly, with cake"], "2027-03-31") << "escaping survives";
  EXPECT_EQ(by_summary["Check-up closes: Review 2028"], "2027-02-15");
  // Another download after an unrelated change: the same UIDs, so calendars update in place.
  ASSERT_EQ(Post(review_ + "/notes", {{"note", "Cake is mandatory"}}).status, 303);
  auto again = Events(Get(Ics()).body);
  for (const auto& [uid, e] : events) EXPECT_TRUE(again.count(uid)) << uid;
  ASSERT_EQ(Post(review_ + "/next", {{"next_review", "2027-12-01"}}).status, 303);
  auto moved = Events(Get(Ics()).body);
  std::string review_uid;
  for (const auto& [uid, e] : events)
    if (e.first == "2027-11-05") review_uid = uid;
  ASSERT_TRUE(moved.count(review_uid)) << "a moved date keeps its UID";
  EXPECT_EQ(moved[review_uid].first, "2027-12-01");
}

TEST_F(CalendarTest, MembersSubscribeThroughASecretLinkThatCanBeRevoked) {
  auto page = Post("/communities/" + std::to_string(community_) + "/calendar/link", {});
  ASSERT_EQ(page.status, 200);
  std::string url = test::Between(page.body, "id=\"new-calendar-url\" value=\"", "\"");
  std::string path = url.substr(url.find("/calendar/"));
  ASSERT_THAT(path, HasSubstr(".ics"));
  EXPECT_EQ(c_.client().Get(path).status, 200) << "no account needed";
  EXPECT_EQ(c_.client().Get("/calendar/" + std::string(43, 'A') + ".ics").status, 404);
  EXPECT_EQ(c_.client().Get(path.substr(0, path.size() - 4)).status, 404);

  auto replaced = Post("/communities/" + std::to_string(community_) + "/calendar/link", {});
  std::string second = test::Between(replaced.body, "id=\"new-calendar-url\" value=\"", "\"");
  EXPECT_EQ(c_.client().Get(path).status, 404) << "the old link stops when replaced";
  std::string second_path = second.substr(second.find("/calendar/"));
  EXPECT_EQ(c_.client().Get(second_path).status, 200);
  ASSERT_EQ(Post("/communities/" + std::to_string(community_) + "/calendar/revoke", {}).status, 200);
  EXPECT_EQ(c_.client().Get(second_path).status, 404) << "a revoked link is gone";
  EXPECT_THAT(Get("/communities/" + std::to_string(community_)).body, HasSubstr("Add to your calendar"));
}

TEST_F(CalendarTest, OnlyCoordinatorsReachTheCommunitysAddress) {
  EXPECT_EQ(c_.client().Get(Ics()).status, 303) << "to sign in";
  test::TeamClient other(clock_, &c_.store());
  other.SignUpAndIn("eve@example.org");
  EXPECT_EQ(other.client().Get(Ics(), {{"Cookie", "__Host-cultivate-session=" + other.session()}}).status, 404);
}

TEST_F(CalendarTest, ASoloCheckupsPlanHasItsDueDates) {
  auto created = c_.Anonymous("POST", "/api/v1/checkups", {{"phases", {"define"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string token = c_.Body(created)["token"];
  auto saved = c_.Anonymous("PUT", "/api/v1/checkups/" + token + "/plan",
                            {{"vision", "v"}, {"items", {{{"what", "Call Bo"}, {"due", "2027-04-01"}, {"status", "todo"}}}}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto r = c_.client().Get("/checkup/" + token + "/plan.ics");
  ASSERT_EQ(r.status, 200);
  auto events = Events(r.body);
  ASSERT_EQ(events.size(), 1u) << r.body;
  EXPECT_EQ(events.begin()->second.first, "2027-04-01");
  EXPECT_EQ(Events(c_.client().Get("/checkup/" + token + "/plan.ics").body).begin()->first,
            events.begin()->first) << "a stable UID";
  EXPECT_EQ(c_.client().Get("/checkup/" + std::string(43, 'x') + "/plan.ics").status, 404);
}

}  // namespace
}  // namespace cultivate::web
