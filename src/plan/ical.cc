#include "plan/ical.h"

#include <ctime>

#include "plan/check.h"

namespace cultivate::plan {

namespace {

std::string Compact(const std::string& date) {  // 2027-11-05 -> 20271105
  return date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
}

std::string DayAfter(const std::string& date) {
  std::tm tm{};
  tm.tm_year = std::stoi(date.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(date.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(date.substr(8, 2)) + 1;
  tm.tm_hour = 12;
  std::time_t t = timegm(&tm);
  std::tm out{};
  gmtime_r(&t, &out);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d", &out);
  return buf;
}

std::string Stamp(std::int64_t at) {
  std::time_t t = static_cast<std::time_t>(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

}  // namespace

std::string IcsEscape(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (ch == '\\' || ch == ';' || ch == ',') {
      out += '\\';
      out += ch;
    } else if (ch == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (ch == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t') {
      continue;  // no other control character may appear in a value
    } else {
      out += ch;
    }
  }
  return out;
}

std::string IcsFold(const std::string& line) {
  std::string out;
  size_t width = 0;  // octets on the current line
  for (size_t i = 0; i < line.size();) {
    size_t len = 1;  // the whole UTF-8 sequence starting at i
    unsigned char lead = static_cast<unsigned char>(line[i]);
    if (lead >= 0xF0) len = 4;
    else if (lead >= 0xE0) len = 3;
    else if (lead >= 0xC0) len = 2;
    len = std::min(len, line.size() - i);
    if (width + len > 75) {
      out += "\r\n ";
      width = 1;  // the leading space counts
    }
    out.append(line, i, len);
    width += len;
    i += len;
  }
  out += "\r\n";
  return out;
}

std::string Ics(const std::string& name, const std::vector<IcsEvent>& events, std::int64_t stamp) {
  std::string out;
  out += IcsFold("BEGIN:VCALENDAR");
  out += IcsFold("VERSION:2.0");
  out += IcsFold("PRODID:-//cultivate//community calendar//EN");
  out += IcsFold("CALSCALE:GREGORIAN");
  out += IcsFold("METHOD:PUBLISH");
  out += IcsFold("X-WR-CALNAME:" + IcsEscape(name));
  for (const auto& e : events) {
    // The day after 9999-12-31 has no four-digit year, so a calendar cannot hold that date.
    if (e.date.size() != 10 || !ValidDueDate(e.date) || e.date == "9999-12-31") continue;
    out += IcsFold("BEGIN:VEVENT");
    out += IcsFold("UID:" + IcsEscape(e.uid));
    out += IcsFold("DTSTAMP:" + Stamp(stamp));
    out += IcsFold("DTSTART;VALUE=DATE:" + Compact(e.date));
    out += IcsFold("DTEND;VALUE=DATE:" + DayAfter(e.date));
    out += IcsFold("SUMMARY:" + IcsEscape(e.summary));
    if (!e.description.empty()) out += IcsFold("DESCRIPTION:" + IcsEscape(e.description));
    if (!e.url.empty()) out += IcsFold("URL:" + e.url);
    out += IcsFold("TRANSP:TRANSPARENT");
    out += IcsFold("END:VEVENT");
  }
  out += IcsFold("END:VCALENDAR");
  return out;
}

}  // namespace cultivate::plan
