#include "testing/html_scan.h"

#include <cctype>
#include <regex>

namespace cultivate::testing {

std::string UnescapeHtml(const std::string& s) {
  static const std::vector<std::pair<std::string, std::string>> kEntities = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}, {"&#x27;", "'"},
      {"&amp;", "&"}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool matched = false;
    if (s[i] == '&') {
      for (const auto& [from, to] : kEntities) {
        if (s.compare(i, from.size(), from) == 0) {
          out += to;
          i += from.size();
          matched = true;
          break;
        }
      }
    }
    if (!matched) out += s[i++];
  }
  return out;
}

std::vector<std::string> Tags(const std::string& html, const std::string& name) {
  std::vector<std::string> out;
  std::string open = "<" + name;
  for (size_t pos = html.find(open); pos != std::string::npos; pos = html.find(open, pos + 1)) {
    size_t after = pos + open.size();
    if (after < html.size() && !std::isspace(static_cast<unsigned char>(html[after])) &&
        html[after] != '>' && html[after] != '/')
      continue;  // a longer tag name
    size_t end = html.find('>', pos);
    if (end == std::string::npos) break;
    out.push_back(html.substr(pos, end - pos + 1));
  }
  return out;
}

std::optional<std::string> Attr(const std::string& tag, const std::string& attribute) {
  std::regex re("\\s" + attribute + "=\"([^\"]*)\"");
  std::smatch m;
  if (!std::regex_search(tag, m, re)) return std::nullopt;
  return UnescapeHtml(m[1].str());
}

bool HasAttr(const std::string& tag, const std::string& attribute) {
  std::regex re("\\s" + attribute + "(=|\\s|>|/)");
  return std::regex_search(tag, re);
}

std::vector<std::string> Hrefs(const std::string& html) {
  std::vector<std::string> out;
  static const std::regex re("\\shref=\"([^\"]*)\"");
  for (std::sregex_iterator it(html.begin(), html.end(), re), end; it != end; ++it)
    out.push_back(UnescapeHtml((*it)[1].str()));
  return out;
}

std::set<std::string> Ids(const std::string& html) {
  std::set<std::string> out;
  static const std::regex re("\\sid=\"([^\"]*)\"");
  for (std::sregex_iterator it(html.begin(), html.end(), re), end; it != end; ++it)
    out.insert(UnescapeHtml((*it)[1].str()));
  return out;
}

std::optional<std::string> CheckedRadio(const std::string& html, const std::string& name) {
  for (const auto& tag : Tags(html, "input")) {
    if (Attr(tag, "type") != "radio" || Attr(tag, "name") != name) continue;
    if (HasAttr(tag, "checked")) return Attr(tag, "value");
  }
  return std::nullopt;
}

std::vector<std::string> RadioValues(const std::string& html, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& tag : Tags(html, "input"))
    if (Attr(tag, "type") == "radio" && Attr(tag, "name") == name) out.push_back(Attr(tag, "value").value_or(""));
  return out;
}

std::optional<std::string> InputValue(const std::string& html, const std::string& name) {
  for (const auto& tag : Tags(html, "input"))
    if (Attr(tag, "name") == name) return Attr(tag, "value").value_or("");
  return std::nullopt;
}

std::optional<std::string> TextareaText(const std::string& html, const std::string& name) {
  for (const auto& tag : Tags(html, "textarea")) {
    if (Attr(tag, "name") != name) continue;
    size_t start = html.find(tag);
    if (start == std::string::npos) return std::nullopt;
    start += tag.size();
    size_t end = html.find("</textarea>", start);
    if (end == std::string::npos) return std::nullopt;
    return UnescapeHtml(html.substr(start, end - start));
  }
  return std::nullopt;
}

std::string ElementById(const std::string& html, const std::string& id) {
  size_t at = html.find(" id=\"" + id + "\"");
  if (at == std::string::npos) return {};
  size_t start = html.rfind('<', at);
  if (start == std::string::npos) return {};
  size_t name_end = start + 1;
  while (name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end]))) ++name_end;
  std::string name = html.substr(start + 1, name_end - start - 1);
  std::string open = "<" + name, close = "</" + name + ">";
  size_t pos = html.find('>', start);
  if (pos == std::string::npos) return {};
  int depth = 1;
  for (;;) {
    size_t next_open = html.find(open, pos);
    size_t next_close = html.find(close, pos);
    if (next_close == std::string::npos) return html.substr(start);
    if (next_open != std::string::npos && next_open < next_close) {
      size_t after_at = next_open + open.size();
      char after = after_at < html.size() ? html[after_at] : '>';
      if (std::isspace(static_cast<unsigned char>(after)) || after == '>') ++depth;
      pos = after_at;
    } else {
      if (--depth == 0) return html.substr(start, next_close + close.size() - start);
      pos = next_close + close.size();
    }
  }
}

int Count(const std::string& haystack, const std::string& needle) {
  if (needle.empty()) return 0;
  int n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size()))
    ++n;
  return n;
}

std::string TextOf(const std::string& html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    else if (c == '>') in_tag = false;
    else if (!in_tag) out += c;
  }
  return out;
}

std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    any = true;
    if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else {
      field += c;
    }
  }
  if (any || !field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace cultivate::testing
