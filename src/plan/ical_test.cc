// Our iCalendar output, read back by libical (a calendar library, not our own parser):
// all-day events, stable UIDs, escaped text and folded lines survive exactly.
#include "plan/ical.h"

#include <libical/ical.h>

#include <sstream>

#include <gtest/gtest.h>

namespace cultivate::plan {
namespace {

struct Parsed {
  std::string uid, summary, description;
  icaltimetype start{}, end{};
};

std::vector<Parsed> Parse(const std::string& text) {
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  EXPECT_NE(cal, nullptr);
  std::vector<Parsed> out;
  if (!cal) return out;
  EXPECT_EQ(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
  for (icalcomponent* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    Parsed p;
    p.uid = icalcomponent_get_uid(e) ? icalcomponent_get_uid(e) : "";
    p.summary = icalcomponent_get_summary(e) ? icalcomponent_get_summary(e) : "";
    p.description = icalcomponent_get_description(e) ? icalcomponent_get_description(e) : "";
    p.start = icalcomponent_get_dtstart(e);
    p.end = icalcomponent_get_dtend(e);
    // libical adds X-LIC-ERROR properties for anything it could not read.
    EXPECT_EQ(icalcomponent_count_errors(e), 0) << icalcomponent_as_ical_string(e);
    out.push_back(std::move(p));
  }
  EXPECT_EQ(icalcomponent_count_errors(cal), 0);
  icalcomponent_free(cal);
  return out;
}

TEST(IcsTest, AllDayEventsWithStableUidsParse) {
  std::string ics = Ics("Nurses (cultivate)",
                        {{"review-12@cultivate", "2027-11-05", "Yearly review of Nurses", "", ""},
                         {"action-3-ab@cultivate", "2027-12-31", "Due: newsletter", "Owner: Ana", ""}},
                        1700000000);
  auto events = Parse(ics);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].uid, "review-12@cultivate");
  EXPECT_TRUE(events[0].start.is_date) << "an all-day event";
  EXPECT_EQ(events[0].start.year, 2027);
  EXPECT_EQ(events[0].start.month, 11);
  EXPECT_EQ(events[0].start.day, 5);
  EXPECT_EQ(events[0].end.day, 6) << "DTEND is the next day";
  EXPECT_EQ(events[1].end.year, 2028) << "the day after New Year's Eve";
  EXPECT_EQ(events[1].description, "Owner: Ana");
  EXPECT_EQ(ics, Ics("Nurses (cultivate)",
                     {{"review-12@cultivate", "2027-11-05", "Yearly review of Nurses", "", ""},
                      {"action-3-ab@cultivate", "2027-12-31", "Due: newsletter", "Owner: Ana", ""}},
                     1700000000))
      << "the same data gives the same file";
}

TEST(IcsTest, TextIsEscapedAndLongLinesFolded) {
  std::string tricky = "Plan; review, and\\ follow up\nline two: ";
  for (int i = 0; i < 20; ++i) tricky += "é–日本";  // multi-byte characters across folds
  auto ics = Ics("A, B; C", {{"x@cultivate", "2027-01-02", tricky, tricky, ""}}, 0);
  std::istringstream lines(ics);
  std::string line;
  while (std::getline(lines, line)) {
    ASSERT_FALSE(line.empty());
    EXPECT_EQ(line.back(), '\r') << "CRLF line ends";
    EXPECT_LE(line.size() - 1, 75u) << "folded at 75 octets: " << line;
  }
  auto events = Parse(ics);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].summary, tricky);
  EXPECT_EQ(events[0].description, tricky);
}

TEST(IcsTest, EscapeAndFoldFollowTheRfc) {
  EXPECT_EQ(IcsEscape("a,b;c\\d\r\ne"), "a\\,b\\;c\\\\d\\ne");
  EXPECT_EQ(IcsEscape("bell\x07"), "bell") << "no control characters";
  std::string folded = IcsFold(std::string(80, 'x'));
  EXPECT_EQ(folded, std::string(75, 'x') + "\r\n " + std::string(5, 'x') + "\r\n");
}

TEST(IcsTest, EventsWithoutARealDateAreLeftOut) {
  auto events = Parse(Ics("n", {{"a", "soon", "s", "", ""}, {"b", "2027-02-30", "s", "", ""},
                               {"c", "9999-12-31", "s", "", ""}}, 0));
  EXPECT_TRUE(events.empty()) << "9999-12-31 ends on a day no calendar can write";
  std::string text = Ics("n", {{"c", "9999-12-31", "s", "", ""}}, 0);
  EXPECT_EQ(text.find("100000101"), std::string::npos);
}

}  // namespace
}  // namespace cultivate::plan
