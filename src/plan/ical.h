#pragma once
/// iCalendar (RFC 5545) output for the community's and a solo check-up's calendar: all-day
/// events only, written by hand. Text values are escaped (backslash, semicolon, comma, line
/// breaks; section 3.3.11) and content lines folded at 75 octets (3.1), never inside a UTF-8
/// character, with CRLF line ends. Pure.

#include <cstdint>
#include <string>
#include <vector>

namespace cultivate::plan {

struct IcsEvent {
  std::string uid;          // stable across downloads, so a calendar updates the event
  std::string date;         // YYYY-MM-DD: an all-day event on that day
  std::string summary;
  std::string description;  // may be empty
  std::string url;          // may be empty
};

/// A whole VCALENDAR. `stamp` (unix seconds) becomes every event's DTSTAMP. Events with a
/// date that is not YYYY-MM-DD are left out.
std::string Ics(const std::string& name, const std::vector<IcsEvent>& events, std::int64_t stamp);
/// A TEXT value escaped per RFC 5545 3.3.11.
std::string IcsEscape(const std::string& text);
/// One content line folded at 75 octets, each line ended by CRLF.
std::string IcsFold(const std::string& line);

}  // namespace cultivate::plan
