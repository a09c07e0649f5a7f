#include "content/markdown.h"

#include <md4c-html.h>
#include <md4c.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>

namespace cultivate::content {
namespace {

constexpr unsigned kParserFlags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;

/// What a parse pass (no HTML output) learns about the source: links, heading lines and,
/// when HTML is recognised, the raw HTML a writer typed.
struct Scan {
  std::string_view source;
  std::vector<size_t> line_starts;
  std::vector<Link> links;
  std::vector<int> heading_lines;  // h2/h3 in order
  bool in_heading = false;
  std::vector<RawHtml> raw_html;

  int LineOf(const char* p) const {
    if (p < source.data() || p >= source.data() + source.size()) return 0;
    size_t offset = static_cast<size_t>(p - source.data());
    auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
    return static_cast<int>(it - line_starts.begin());
  }
};

int EnterBlock(MD_BLOCKTYPE type, void* detail, void* user) {
  auto* scan = static_cast<Scan*>(user);
  if (type == MD_BLOCK_H) {
    unsigned level = static_cast<MD_BLOCK_H_DETAIL*>(detail)->level;
    if (level == 2 || level == 3) {
      scan->heading_lines.push_back(0);
      scan->in_heading = true;
    }
  }
  return 0;
}

int LeaveBlock(MD_BLOCKTYPE type, void*, void* user) {
  if (type == MD_BLOCK_H) static_cast<Scan*>(user)->in_heading = false;
  return 0;
}

int EnterSpan(MD_SPANTYPE type, void* detail, void* user) {
  auto* scan = static_cast<Scan*>(user);
  if (type != MD_SPAN_A) return 0;
  const MD_ATTRIBUTE& href = static_cast<MD_SPAN_A_DETAIL*>(detail)->href;
  std::string value(href.text, href.size);
  bool internal = (!value.empty() && value[0] == '#') ||
                  (value.size() >= 1 && value[0] == '/' && value.substr(0, 2) != "//");
  if (internal) scan->links.push_back({value, scan->LineOf(href.text)});
  return 0;
}

int LeaveSpan(MD_SPANTYPE, void*, void*) { return 0; }

int Text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
  auto* scan = static_cast<Scan*>(user);
  if (scan->in_heading && scan->heading_lines.back() == 0) {
    scan->heading_lines.back() = scan->LineOf(text);
  }
  if (type == MD_TEXT_HTML) {
    std::string_view html(text, size);
    size_t begin = html.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return 0;  // the line ends of an HTML block
    html.remove_prefix(begin);
    int line = scan->LineOf(html.data());
    if (scan->raw_html.empty() || scan->raw_html.back().line != line) {
      std::string snippet(html.substr(0, std::min<size_t>(html.find('\n'), 60)));
      while (!snippet.empty() && (snippet.back() == ' ' || snippet.back() == '\r')) {
        snippet.pop_back();
      }
      scan->raw_html.push_back({snippet, line});
    }
  }
  return 0;
}

void ScanSource(Scan* scan, unsigned flags) {
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = flags;
  parser.enter_block = EnterBlock;
  parser.leave_block = LeaveBlock;
  parser.enter_span = EnterSpan;
  parser.leave_span = LeaveSpan;
  parser.text = Text;
  md_parse(scan->source.data(), static_cast<MD_SIZE>(scan->source.size()), &parser, scan);
}

void AppendOutput(const MD_CHAR* text, MD_SIZE size, void* user) {
  static_cast<std::string*>(user)->append(text, size);
}

std::string RenderHtml(std::string_view markdown) {
  std::string html;
  md_html(markdown.data(), static_cast<MD_SIZE>(markdown.size()), AppendOutput, &html,
          kParserFlags, MD_HTML_FLAG_SKIP_UTF8_BOM);
  return html;
}

bool StartsWith(std::string_view s, size_t pos, std::string_view prefix) {
  return s.compare(pos, prefix.size(), prefix) == 0;
}

/// Adds heading ids and table wrappers. md4c writes `<h2>`, `<table>` without attributes,
/// and escapes every `<` of the text, so each `<` here starts one of md4c's own tags.
std::string PostProcess(const std::string& html, std::vector<Heading>* headings) {
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  std::set<std::string> used, table_names;
  size_t pos = 0;
  while (pos < html.size()) {
    size_t lt = html.find('<', pos);
    if (lt == std::string::npos) {
      out.append(html, pos, std::string::npos);
      break;
    }
    out.append(html, pos, lt - pos);
    if (StartsWith(html, lt, "<h2>") || StartsWith(html, lt, "<h3>")) {
      int level = html[lt + 2] - '0';
      std::string close = "</h" + std::to_string(level) + ">";
      size_t inner_begin = lt + 4;
      size_t end = html.find(close, inner_begin);
      if (end == std::string::npos) end = html.size();
      std::string inner = html.substr(inner_begin, end - inner_begin);
      Heading heading{level, HtmlToText(inner), "", 0};
      std::string base = Slugify(heading.text);
      heading.id = base;
      for (int n = 2; used.count(heading.id) > 0; ++n) heading.id = base + "-" + std::to_string(n);
      used.insert(heading.id);
      out += "<h" + std::to_string(level) + " id=\"" + heading.id + "\">" + inner + close;
      headings->push_back(std::move(heading));
      pos = std::min(html.size(), end + close.size());
    } else if (StartsWith(html, lt, "<table>")) {
      // A focusable region, so keyboard users can scroll a wide table on a phone.
      // Named after the heading above it, so that two tables on a page are two distinct
      // landmarks ("Table", "Table: Settings", "Table: Settings (2)").
      std::string label = "Table";
      if (!headings->empty()) label += ": " + headings->back().text;
      std::string name = label;
      for (int n = 2; !table_names.insert(name).second; ++n) name = label + " (" + std::to_string(n) + ")";
      out += "<section class=\"table-wrap\" tabindex=\"0\" aria-label=\"" + EscapeHtml(name) +
             "\"><table>";
      pos = lt + 7;
    } else if (StartsWith(html, lt, "<input type=\"checkbox\" class=\"task-list-item-checkbox\"")) {
      // A task list ("- [ ] ...") is a list to tick on paper: a box drawn as text, not a
      // form control nobody can use (which would need a label and a 24 px target).
      size_t end = html.find('>', lt);
      if (end == std::string::npos) end = html.size() - 1;
      bool checked = html.substr(lt, end - lt).find("checked") != std::string::npos;
      out += checked ? "<span class=\"task-box\" aria-hidden=\"true\">\u2611</span> "
                     : "<span class=\"task-box\" aria-hidden=\"true\">\u2610</span> ";
      pos = end + 1;
    } else if (StartsWith(html, lt, "<th>") || StartsWith(html, lt, "<th ")) {
      out += "<th scope=\"col\"";
      pos = lt + 3;
    } else if (StartsWith(html, lt, "</table>")) {
      out += "</table></section>";
      pos = lt + 8;
    } else {
      out += '<';
      pos = lt + 1;
    }
  }
  return out;
}

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// Decodes the entity at html[pos] (which is '&') into out; returns the length consumed.
size_t DecodeEntity(std::string_view html, size_t pos, std::string* out) {
  static const std::pair<std::string_view, char> kNamed[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
  for (const auto& [name, c] : kNamed) {
    if (StartsWith(html, pos, name)) {
      *out += c;
      return name.size();
    }
  }
  size_t semi = html.find(';', pos);
  if (StartsWith(html, pos, "&#") && semi != std::string_view::npos && semi - pos <= 10) {
    std::string digits(html.substr(pos + 2, semi - pos - 2));
    bool hex = !digits.empty() && (digits[0] == 'x' || digits[0] == 'X');
    if (hex) digits.erase(0, 1);
    bool ok = !digits.empty() && std::all_of(digits.begin(), digits.end(), [&](char c) {
      return hex ? std::isxdigit(static_cast<unsigned char>(c)) != 0 : (c >= '0' && c <= '9');
    });
    if (ok) {
      AppendUtf8(out, static_cast<uint32_t>(std::stoul(digits, nullptr, hex ? 16 : 10)));
      return semi - pos + 1;
    }
  }
  *out += '&';
  return 1;
}

/// True for `<tag ...>` or `</tag>` of an inline element, whose text runs on without a space.
bool IsInlineTag(std::string_view tag) {
  size_t begin = tag.size() > 1 && tag[1] == '/' ? 2 : 1;
  size_t end = begin;
  while (end < tag.size() && std::isalnum(static_cast<unsigned char>(tag[end])) != 0) ++end;
  std::string_view name = tag.substr(begin, end - begin);
  for (std::string_view inline_tag : {"a", "em", "strong", "code", "del", "span", "mark", "b",
                                      "i", "u", "s", "sub", "sup"}) {
    if (name == inline_tag) return true;
  }
  return false;
}

}  // namespace

RenderedMarkdown RenderMarkdown(std::string_view markdown) {
  Scan scan;
  scan.source = markdown;
  scan.line_starts.push_back(0);
  for (size_t i = 0; i < markdown.size(); ++i) {
    if (markdown[i] == '\n') scan.line_starts.push_back(i + 1);
  }
  ScanSource(&scan, kParserFlags);
  Scan html_scan;  // a second pass that recognises raw HTML, only to report it
  html_scan.source = markdown;
  html_scan.line_starts = scan.line_starts;
  ScanSource(&html_scan, MD_DIALECT_GITHUB);

  RenderedMarkdown result;
  result.html = PostProcess(RenderHtml(markdown), &result.headings);
  if (scan.heading_lines.size() == result.headings.size()) {
    for (size_t i = 0; i < result.headings.size(); ++i) {
      result.headings[i].line = scan.heading_lines[i];
    }
  }
  result.links = std::move(scan.links);
  result.raw_html = std::move(html_scan.raw_html);
  return result;
}

RenderedMarkdown RenderInlineMarkdown(std::string_view markdown, bool* single_paragraph) {
  RenderedMarkdown result = RenderMarkdown(markdown);
  const std::string& html = result.html;
  bool single = html.size() >= 8 && html.compare(0, 3, "<p>") == 0 &&
                html.compare(html.size() - 5, 5, "</p>\n") == 0 &&
                html.find("<p>", 3) == std::string::npos;
  if (single) result.html = html.substr(3, html.size() - 8);
  if (single_paragraph != nullptr) *single_paragraph = single;
  return result;
}

std::string Slugify(std::string_view text) {
  std::string slug;
  bool pending_hyphen = false;
  for (unsigned char c : text) {
    if (std::isalnum(c) != 0 && c < 0x80) {
      if (pending_hyphen && !slug.empty()) slug += '-';
      pending_hyphen = false;
      slug += static_cast<char>(std::tolower(c));
    } else if (c == '\'' || c >= 0x80) {
      // dropped: "What's" -> "whats"
    } else {
      pending_hyphen = true;
    }
  }
  return slug.empty() ? "section" : slug;
}

std::string HtmlToText(std::string_view html) {
  std::string raw;
  raw.reserve(html.size());
  for (size_t pos = 0; pos < html.size();) {
    char c = html[pos];
    if (c == '<') {
      size_t gt = html.find('>', pos);
      if (!IsInlineTag(html.substr(pos))) raw += ' ';
      pos = gt == std::string_view::npos ? html.size() : gt + 1;
    } else if (c == '&') {
      pos += DecodeEntity(html, pos, &raw);
    } else {
      raw += c;
      ++pos;
    }
  }
  std::string text;
  bool space = false;
  for (char c : raw) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !text.empty();
    } else {
      if (space) text += ' ';
      space = false;
      text += c;
    }
  }
  return text;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace cultivate::content
