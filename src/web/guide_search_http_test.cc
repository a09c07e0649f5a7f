// The guide's search: words, phrases and prefixes find the right page; help and errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "http/form.h"
#include "testing/app_client.h"
#include "testing/html_scan.h"
#include "web/guide_test_support.h"

namespace cultivate::web {
namespace {

using namespace cultivate::testing;
using namespace test::guide;

/// Result links of a search page, best first.
std::vector<std::string> SearchResults(const std::string& html) {
  size_t start = html.find("<ol class=\"results-list\">");
  if (start == std::string::npos) return {};
  size_t end = html.find("</ol>", start);
  std::vector<std::string> out;
  std::string list = html.substr(start, end - start);
  size_t pos = 0;
  while ((pos = list.find("<h2><a href=\"", pos)) != std::string::npos) {
    pos += 13;
    out.push_back(list.substr(pos, list.find('"', pos) - pos));
  }
  return out;
}

std::string Top3(const std::vector<std::string>& r) {
  std::string s;
  for (size_t i = 0; i < r.size() && i < 3; ++i) s += r[i] + " ";
  return s;
}

std::string Q(const std::string& query) { return "/search?q=" + http::PercentEncode(query); }

// ---- search ----

TEST(GuideSearchTest, TypicalWordsFindTheRightPage) {
  AppClient c;
  const std::map<std::string, std::string> expected = {
      {"newcomers", "/guide/practices/onboarding-newcomers"},
      {"sponsor", "/guide/practices/engaging-sponsors"},
      {"rhythm", "/guide/practices/rhythm-calendar"},
      {"trust", "/guide/phases/design"},
      {"succession", "/guide/practices/succession"},
  };
  for (const auto& [word, page] : expected) {
    auto r = c.Get(Q(word));
    ASSERT_EQ(r.status, 200) << word;
    auto results = SearchResults(r.body);
    std::vector<std::string> top(results.begin(), results.begin() + std::min<size_t>(3, results.size()));
    EXPECT_NE(std::find(top.begin(), top.end(), page), top.end())
        << word << ": expected " << page << " in the top 3, got " << Top3(results);
  }
}

TEST(GuideSearchTest, ResultsAreRankedLinksWithHighlightedSnippets) {
  AppClient c;
  auto r = c.Get(Q("sponsor"));
  auto results = SearchResults(r.body);
  ASSERT_GE(results.size(), 2u);
  EXPECT_NE(r.body.find("<mark>"), std::string::npos);
  EXPECT_NE(r.body.find(std::to_string(results.size()) + " results for <strong>sponsor</strong>"), std::string::npos);
  for (const auto& href : results) {
    std::string page = href.substr(0, href.find('#'));
    EXPECT_EQ(c.Get(page).status, 200) << href;
  }
}

TEST(GuideSearchTest, PhraseQueryMatchesTheWordsTogether) {
  AppClient c;
  auto phrase = SearchResults(c.Get(Q("\"core group\"")).body);
  auto words = SearchResults(c.Get(Q("core group")).body);
  ASSERT_FALSE(phrase.empty());
  EXPECT_LE(phrase.size(), words.size());
  // Every phrase hit is a hit for both words.
  for (const auto& href : phrase) EXPECT_NE(std::find(words.begin(), words.end(), href), words.end()) << href;
  auto reversed = SearchResults(c.Get(Q("\"group core\"")).body);
  EXPECT_LT(reversed.size(), phrase.size()) << "word order matters in a phrase";
}

TEST(GuideSearchTest, PrefixQueryFindsWordsStartingThatWay) {
  AppClient c;
  const std::map<std::string, std::string> expected = {
      {"spons*", "/guide/practices/engaging-sponsors"},
      {"newcom*", "/guide/practices/onboarding-newcomers"},
      {"facilitat*", "/guide/practices/facilitating-meetings"},  // the example on the help page
      {"succes*", "/guide/practices/succession"},
  };
  for (const auto& [query, page] : expected) {
    auto results = SearchResults(c.Get(Q(query)).body);
    EXPECT_NE(std::find(results.begin(), results.end(), page), results.end())
        << query << " should find " << page << "; got " << Top3(results);
  }
  // A prefix finds at least what the whole word finds.
  auto prefix = SearchResults(c.Get(Q("spons*")).body);
  for (const auto& href : SearchResults(c.Get(Q("sponsor")).body))
    EXPECT_NE(std::find(prefix.begin(), prefix.end(), href), prefix.end()) << href;
}

TEST(GuideSearchTest, EveryExampleOnTheHelpPageFindsSomething) {
  AppClient c;
  auto help = c.Get("/search");
  int examples = 0;
  for (const auto& href : Hrefs(help.body)) {
    if (!StartsWith(href, "/search?q=")) continue;
    ++examples;
    auto r = c.Get(href);
    EXPECT_EQ(r.status, 200) << href;
    EXPECT_FALSE(SearchResults(r.body).empty()) << "the help suggests " << href << " but it finds nothing";
  }
  EXPECT_GE(examples, 3);
}

TEST(GuideSearchTest, UnparseableQueriesGetAFriendlyMessageNot500) {
  AppClient c;
  for (std::string q : {"\"", "AND (", "core \"group", "NEAR(", "*", "OR", "\"\"", ")", "a AND", "-", "^x",
                        "col:umn", "{x}", "NOT"}) {
    auto r = c.Get(Q(q));
    EXPECT_EQ(r.status, 200) << q;
    EXPECT_EQ(*r.Header("Content-Type"), "text/html; charset=utf-8") << q;
    EXPECT_NE(r.body.find("<form class=\"search-form\""), std::string::npos) << q << ": no search box to try again";
    EXPECT_EQ(r.body.find("fts5"), std::string::npos) << q << ": leaks the engine's words";
    EXPECT_EQ(r.body.find("syntax error"), std::string::npos) << q << ": leaks the engine's words";
  }
  auto quote = c.Get(Q("\""));
  EXPECT_NE(quote.body.find("role=\"alert\""), std::string::npos) << "an unclosed quote is explained";
}

TEST(GuideSearchTest, QueryAndSnippetsAreEscaped) {
  AppClient c;
  auto r = c.Get(Q("<script>alert(1)</script> sponsor"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(r.body.find("&lt;script&gt;"), std::string::npos);
  auto hits = c.Get(Q("sponsor"));
  // Snippets carry only <mark> as markup.
  size_t start = hits.body.find("<ol class=\"results-list\">");
  ASSERT_NE(start, std::string::npos);
  std::string list = hits.body.substr(start, hits.body.find("</ol>", start) - start);
  std::regex tag("<(/?)([a-z0-9]+)");
  std::set<std::string> tags;
  for (std::sregex_iterator it(list.begin(), list.end(), tag), end; it != end; ++it) tags.insert((*it)[2].str());
  for (const auto& t : tags) EXPECT_TRUE(t == "ol" || t == "li" || t == "h2" || t == "a" || t == "p" || t == "span" || t == "mark") << t;
}

TEST(GuideSearchTest, EmptyQueryShowsHelp) {
  AppClient c;
  for (std::string path : {"/search", "/search?q="}) {
    auto r = c.Get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_NE(r.body.find("exact phrase"), std::string::npos) << path;
    EXPECT_TRUE(SearchResults(r.body).empty()) << path;
  }
}

TEST(GuideSearchTest, BlankQueryShowsHelpToo) {
  AppClient c;
  auto r = c.Get("/search?q=+++");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("exact phrase"), std::string::npos) << "a query of spaces is an empty query";
  EXPECT_EQ(r.body.find("Nothing found"), std::string::npos);
}

TEST(GuideSearchTest, NothingFoundSaysSo) {
  AppClient c;
  auto r = c.Get(Q("xylophonezebra"));
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Nothing found"), std::string::npos);
}

}  // namespace
}  // namespace cultivate::web
