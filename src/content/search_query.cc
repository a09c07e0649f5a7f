#include "content/search_query.h"

#include <vector>

#include "content/markdown.h"

namespace cultivate::content {
namespace {

constexpr size_t kMaxQueryBytes = 500;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (!IsSpace(c)) return false;
  }
  return true;
}

}  // namespace

Result<std::string> ToFtsQuery(std::string_view query) {
  if (query.size() > kMaxQueryBytes) {
    return Fail(Error::Invalid("This search is too long. Try a few words."));
  }
  std::vector<std::string> parts;
  bool after_term = false;
  auto add_term = [&](std::string_view text, bool prefix) {
    if (IsBlank(text)) return;
    if (after_term) parts.push_back("AND");
    std::string quoted = "\"" + std::string(text) + "\"";
    // The index holds stemmed words ("facilitating" -> "facilit") but FTS5 does not stem a
    // prefix, so "facilitat*" would find nothing: also try the prefix without its last two
    // letters, which covers the common English endings the stemmer removes.
    bool plain = text.find_first_of(" \t") == std::string_view::npos;
    if (prefix && plain && text.size() >= 7)
      parts.push_back("(" + quoted + "* OR \"" + std::string(text.substr(0, text.size() - 2)) + "\"*)");
    else
      parts.push_back(quoted + (prefix ? "*" : ""));
    after_term = true;
  };
  size_t i = 0;
  while (i < query.size()) {
    if (IsSpace(query[i])) {
      ++i;
    } else if (query[i] == '"') {
      size_t close = query.find('"', i + 1);
      if (close == std::string_view::npos) {
        return Fail(Error::Invalid("A quote is not closed. Put a phrase between two \" marks, "
                                   "or leave the quote out."));
      }
      std::string_view phrase = query.substr(i + 1, close - i - 1);
      i = close + 1;
      bool prefix = i < query.size() && query[i] == '*';
      if (prefix) ++i;
      add_term(phrase, prefix);
    } else {
      size_t end = i;
      while (end < query.size() && !IsSpace(query[end]) && query[end] != '"') ++end;
      std::string_view word = query.substr(i, end - i);
      i = end;
      if (word == "AND" || word == "OR" || word == "NOT") {
        parts.emplace_back(word);
        after_term = false;
        continue;
      }
      bool prefix = false;
      while (!word.empty() && word.back() == '*') {
        word.remove_suffix(1);
        prefix = true;
      }
      add_term(word, prefix);
    }
  }
  std::string fts;
  for (const std::string& part : parts) fts += (fts.empty() ? "" : " ") + part;
  return fts;
}

std::string SnippetToHtml(std::string_view snippet) {
  std::string html;
  bool open = false;
  size_t start = 0;
  for (size_t i = 0; i <= snippet.size(); ++i) {
    if (i < snippet.size() && snippet[i] != kMarkOpen && snippet[i] != kMarkClose) continue;
    html += EscapeHtml(snippet.substr(start, i - start));
    start = i + 1;
    if (i == snippet.size()) break;
    if (snippet[i] == kMarkOpen && !open) {
      html += "<mark>";
      open = true;
    } else if (snippet[i] == kMarkClose && open) {
      html += "</mark>";
      open = false;
    }
  }
  if (open) html += "</mark>";
  return html;
}

}  // namespace cultivate::content
