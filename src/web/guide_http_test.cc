// The guide as a reader meets it: every URL of issue 3, filters, cross-links, a crawl for
// broken links and anchors, and search. In-process through WebApp::Handle (the same code
// the server calls), plus one pass over the real server.
#include <gtest/gtest.h>
#include "testing/http_client.h"

#include <algorithm>
#include <deque>
#include <map>
#include <regex>
#include <set>

#include "http/form.h"
#include "testing/app_client.h"
#include "testing/html_scan.h"
#include "testing/server_process.h"

namespace cultivate::web {
namespace {

using cultivate::testing::AppClient;
using cultivate::testing::Count;
using cultivate::testing::ElementById;
using cultivate::testing::Hrefs;
using cultivate::testing::Ids;
using cultivate::testing::TestSite;
using cultivate::testing::TextOf;

const std::vector<std::string> kPhases = {"define", "design", "grow", "perform", "transform"};

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

/// Links on a page under a prefix such as "/guide/practices/" (one level deeper, no query).
std::set<std::string> LinksUnder(const std::string& html, const std::string& prefix) {
  std::set<std::string> out;
  for (const auto& href : Hrefs(html)) {
    if (!StartsWith(href, prefix)) continue;
    std::string rest = href.substr(prefix.size());
    if (rest.empty() || rest.find_first_of("/?#") != std::string::npos) continue;
    out.insert(href);
  }
  return out;
}

/// The first <h1> text.
std::string H1(const std::string& html) {
  size_t a = html.find("<h1");
  if (a == std::string::npos) return {};
  a = html.find('>', a) + 1;
  size_t b = html.find("</h1>", a);
  return TextOf(html.substr(a, b - a));
}

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

// ---- every URL of the issue ----

TEST(GuidePagesTest, TopLevelPagesAnswer) {
  AppClient c;
  for (std::string path : {"/", "/guide", "/guide/phases", "/guide/elements", "/guide/practices",
                           "/guide/examples", "/guide/roles", "/guide/glossary", "/guide/references",
                           "/search", "/search?q=sponsor", "/checkup", "/about"}) {
    auto r = c.Get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(*r.Header("Content-Type"), "text/html; charset=utf-8") << path;
    EXPECT_FALSE(H1(r.body).empty()) << path << " has no <h1>";
    EXPECT_NE(r.body.find("<title>"), std::string::npos) << path;
  }
}

TEST(GuidePagesTest, FivePhasePagesInOrderWithCheckupLink) {
  AppClient c;
  std::string overview = c.Get("/guide/phases").body;
  size_t last = 0;
  for (const auto& id : kPhases) {
    std::string href = "/guide/phases/" + id;
    size_t at = overview.find("href=\"" + href + "\"");
    ASSERT_NE(at, std::string::npos) << "overview does not link " << href;
    EXPECT_GT(at, last) << id << " is out of order on the overview";
    last = at;
    auto r = c.Get(href);
    ASSERT_EQ(r.status, 200) << href;
    EXPECT_NE(r.body.find("href=\"/checkup?focus=" + id + "\""), std::string::npos)
        << id << " does not link to its check-up questions";
  }
  EXPECT_EQ(c.Get("/guide/phases/growth").status, 404);
}

TEST(GuidePagesTest, PhaseOverviewHasTimelineAndTextEquivalent) {
  AppClient c;
  std::string html = c.Get("/guide/phases").body;
  EXPECT_NE(html.find("<svg class=\"timeline-svg\""), std::string::npos);
  EXPECT_NE(html.find("aria-hidden=\"true\""), std::string::npos);
  // Every phase title is also there as text outside the SVG.
  std::string outside = html.substr(0, html.find("<svg")) + html.substr(html.find("</svg>"));
  for (const auto& phase : TestSite()->catalog.phases())
    EXPECT_NE(outside.find(phase.title), std::string::npos) << phase.title;
}

TEST(GuidePagesTest, EveryPracticeAndExampleHasAPage) {
  AppClient c;
  auto practices = LinksUnder(c.Get("/guide/practices").body, "/guide/practices/");
  EXPECT_GE(practices.size(), 12u);
  EXPECT_EQ(practices.size(), TestSite()->catalog.practices().size());
  for (const auto& href : practices) {
    auto r = c.Get(href);
    EXPECT_EQ(r.status, 200) << href;
    EXPECT_FALSE(H1(r.body).empty()) << href;
  }
  auto examples = LinksUnder(c.Get("/guide/examples").body, "/guide/examples/");
  EXPECT_GE(examples.size(), 15u);
  EXPECT_EQ(examples.size(), TestSite()->catalog.examples().size());
  for (const auto& href : examples) {
    auto r = c.Get(href);
    EXPECT_EQ(r.status, 200) << href;
    EXPECT_FALSE(H1(r.body).empty()) << href;
  }
}

TEST(GuidePagesTest, ExamplesComeFromAtLeastFiveSectors) {
  std::set<std::string> sectors;
  for (const auto& e : TestSite()->catalog.examples()) sectors.insert(e.sector);
  EXPECT_GE(sectors.size(), 5u);
}

// ---- cross-links ----

TEST(GuideCrossLinksTest, PhasesLinkPracticesAndExamples) {
  AppClient c;
  for (const auto& id : kPhases) {
    std::string html = c.Get("/guide/phases/" + id).body;
    EXPECT_GE(LinksUnder(html, "/guide/practices/").size(), 3u) << id;
    EXPECT_GE(LinksUnder(html, "/guide/examples/").size(), 2u) << id;
  }
}

TEST(GuideCrossLinksTest, PracticesLinkTheirPhasesAndExamples) {
  AppClient c;
  for (const auto& p : TestSite()->catalog.practices()) {
    std::string html = c.Get("/guide/practices/" + p.id).body;
    EXPECT_GE(LinksUnder(html, "/guide/phases/").size(), 1u) << p.id;
    for (const auto& phase : p.phases)
      EXPECT_NE(html.find("href=\"/guide/phases/" + phase + "\""), std::string::npos) << p.id << " -> " << phase;
    for (const auto& ex : p.examples)
      EXPECT_NE(html.find("href=\"/guide/examples/" + ex + "\""), std::string::npos) << p.id << " -> " << ex;
  }
}

TEST(GuideCrossLinksTest, ExamplesLinkPhasesPracticesAndSources) {
  AppClient c;
  for (const auto& e : TestSite()->catalog.examples()) {
    std::string html = c.Get("/guide/examples/" + e.id).body;
    EXPECT_GE(LinksUnder(html, "/guide/phases/").size(), 1u) << e.id;
    EXPECT_GE(LinksUnder(html, "/guide/practices/").size(), 1u) << e.id;
    for (const auto& phase : e.phases)
      EXPECT_NE(html.find("href=\"/guide/phases/" + phase + "\""), std::string::npos) << e.id << " -> " << phase;
    for (const auto& p : e.practices)
      EXPECT_NE(html.find("href=\"/guide/practices/" + p + "\""), std::string::npos) << e.id << " -> " << p;
    EXPECT_FALSE(e.sources.empty()) << e.id;
    for (const auto& ref : e.sources)
      EXPECT_NE(html.find("href=\"/guide/references#" + ref + "\""), std::string::npos) << e.id << " -> " << ref;
  }
}

// ---- filters ----

/// The example pages listed on a filtered list.
std::set<std::string> Listed(AppClient& c, const std::string& query) {
  auto r = c.Get("/guide/examples?" + query);
  EXPECT_EQ(r.status, 200) << query;
  return LinksUnder(r.body, "/guide/examples/");
}

TEST(ExampleFiltersTest, EachFilterNarrowsToExactlyTheMatchingExamples) {
  AppClient c;
  const auto& catalog = TestSite()->catalog;
  size_t total = catalog.examples().size();
  // Which examples a reader would say match: judged from each example's own page.
  std::map<std::string, std::string> page_of;
  for (const auto& e : catalog.examples()) page_of["/guide/examples/" + e.id] = c.Get("/guide/examples/" + e.id).body;
  auto matching = [&](const std::string& needle) {
    std::set<std::string> out;
    for (const auto& [href, html] : page_of)
      if (html.find(needle) != std::string::npos) out.insert(href);
    return out;
  };
  int narrowed = 0;
  for (const auto& s : catalog.sectors()) {
    auto listed = Listed(c, "sector=" + s.id);
    EXPECT_EQ(listed, matching("href=\"/guide/examples?sector=" + s.id + "\"")) << "sector " << s.id;
    if (!listed.empty() && listed.size() < total) ++narrowed;
  }
  for (const auto& id : kPhases) {
    auto listed = Listed(c, "phase=" + id);
    EXPECT_EQ(listed, matching("class=\"tag\" href=\"/guide/phases/" + id + "\"")) << "phase " << id;
    EXPECT_LE(listed.size(), total);
  }
  for (const auto& p : catalog.practices()) {
    auto listed = Listed(c, "practice=" + p.id);
    EXPECT_EQ(listed, matching("class=\"tag\" href=\"/guide/practices/" + p.id + "\"")) << "practice " << p.id;
  }
  EXPECT_GE(narrowed, 5);
}

TEST(ExampleFiltersTest, FiltersCombineAndShowTheCount) {
  AppClient c;
  const auto& catalog = TestSite()->catalog;
  const auto& e = catalog.examples().front();
  std::string phase = catalog.PhasesForExample(e.id).front()->id;
  auto r = c.Get("/guide/examples?sector=" + e.sector + "&phase=" + phase);
  ASSERT_EQ(r.status, 200);
  auto listed = LinksUnder(r.body, "/guide/examples/");
  EXPECT_TRUE(listed.count("/guide/examples/" + e.id));
  auto by_sector = Listed(c, "sector=" + e.sector), by_phase = Listed(c, "phase=" + phase);
  for (const auto& href : listed) EXPECT_TRUE(by_sector.count(href) && by_phase.count(href)) << href;
  std::string status = std::to_string(listed.size()) + " of " + std::to_string(catalog.examples().size()) +
                       " examples match";
  EXPECT_NE(r.body.find(status), std::string::npos) << status;
  EXPECT_NE(r.body.find("Clear filters"), std::string::npos);
  // The chosen filters stay selected in the form.
  EXPECT_NE(r.body.find("value=\"" + e.sector + "\" selected"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"" + phase + "\" selected"), std::string::npos);
}

TEST(ExampleFiltersTest, EmptyResultSaysSoAndOffersToClear) {
  AppClient c;
  const auto& catalog = TestSite()->catalog;
  std::string query;
  for (const auto& s : catalog.sectors()) {
    for (const auto& p : catalog.practices())
      if (catalog.FilterExamples(s.id, "", p.id).empty()) {
        query = "sector=" + s.id + "&practice=" + p.id;
        break;
      }
    if (!query.empty()) break;
  }
  ASSERT_FALSE(query.empty()) << "every sector/practice pair has an example";
  auto r = c.Get("/guide/examples?" + query);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(LinksUnder(r.body, "/guide/examples/").empty());
  EXPECT_NE(r.body.find("No examples match"), std::string::npos) << query;
  EXPECT_NE(r.body.find("href=\"/guide/examples\""), std::string::npos);
  EXPECT_NE(r.body.find("0 of "), std::string::npos);
}

TEST(ExampleFiltersTest, UnknownFilterValueIsIgnoredAndSaid) {
  AppClient c;
  auto r = c.Get("/guide/examples?sector=%3Cscript%3E&phase=grow");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("<script>"), std::string::npos);
  EXPECT_NE(r.body.find("left out"), std::string::npos);
  EXPECT_EQ(LinksUnder(r.body, "/guide/examples/"), Listed(c, "phase=grow"));
}

TEST(ExampleFiltersTest, EmptyFilterValuesMeanNoFilter) {
  AppClient c;
  auto r = c.Get("/guide/examples?sector=&phase=&practice=");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(LinksUnder(r.body, "/guide/examples/").size(), TestSite()->catalog.examples().size());
}

// ---- roles, glossary, references ----

TEST(GuidePagesTest, GlossaryAndReferencesHaveAnchorsForEveryEntry) {
  AppClient c;
  auto glossary = Ids(c.Get("/guide/glossary").body);
  for (const auto& t : TestSite()->catalog.glossary()) EXPECT_TRUE(glossary.count(t.id)) << t.id;
  std::string refs = c.Get("/guide/references").body;
  auto ref_ids = Ids(refs);
  for (const auto& r : TestSite()->catalog.references()) {
    EXPECT_TRUE(ref_ids.count(r.id)) << r.id;
    EXPECT_NE(refs.find(r.year), std::string::npos) << r.id;
  }
  // Every source an example cites is on the references page.
  for (const auto& e : TestSite()->catalog.examples())
    for (const auto& s : e.sources) EXPECT_TRUE(ref_ids.count(s)) << e.id << " cites " << s;
}

TEST(GuidePagesTest, RolesPageNamesTheRoles) {
  AppClient c;
  std::string text = TextOf(c.Get("/guide/roles").body);
  for (const char* word : {"coordinator", "core group", "sponsor"})
    EXPECT_NE(text.find(word), std::string::npos) << word;
}

// ---- the crawl ----

TEST(GuideCrawlTest, NoBrokenInternalLinkOrAnchor) {
  AppClient c;
  std::deque<std::string> queue = {"/"};
  std::map<std::string, int> status;             // page -> status
  std::map<std::string, std::set<std::string>> ids;  // page -> ids on it
  std::vector<std::pair<std::string, std::string>> anchors;  // (from, target#anchor)
  std::vector<std::string> broken;
  while (!queue.empty()) {
    std::string url = queue.front();
    queue.pop_front();
    if (status.count(url)) continue;
    auto r = c.Get(url);
    status[url] = r.status;
    if (r.status != 200) continue;
    if (StartsWith(url, "/static/")) continue;
    if (r.Header("Content-Type") && r.Header("Content-Type")->find("text/html") == std::string::npos) continue;
    ids[url] = Ids(r.body);
    for (const std::string& href : Hrefs(r.body)) {
      if (href.empty()) {
        broken.push_back(url + " has an empty href");
        continue;
      }
      if (StartsWith(href, "http://") || StartsWith(href, "https://") || StartsWith(href, "mailto:")) continue;
      if (StartsWith(href, "//")) {
        broken.push_back(url + " links protocol-relative " + href);
        continue;
      }
      std::string target = href, fragment;
      size_t hash = href.find('#');
      if (hash != std::string::npos) {
        target = href.substr(0, hash);
        fragment = href.substr(hash + 1);
        if (target.empty()) target = url;
      }
      if (!StartsWith(target, "/")) {
        broken.push_back(url + " has a relative link " + href);
        continue;
      }
      if (!fragment.empty()) anchors.emplace_back(url, target + "#" + fragment);
      if (!status.count(target)) queue.push_back(target);
    }
  }
  for (const auto& [url, s] : status)
    if (s != 200) broken.push_back(url + " answered " + std::to_string(s));
  for (const auto& [from, link] : anchors) {
    std::string page = link.substr(0, link.find('#')), id = link.substr(link.find('#') + 1);
    if (status[page] != 200) continue;  // reported above
    if (!ids[page].count(id)) broken.push_back(from + " links " + link + " but there is no such id");
  }
  EXPECT_GE(status.size(), 50u) << "the crawl found too few pages to be a crawl";
  EXPECT_TRUE(status.count("/guide/glossary"));
  EXPECT_TRUE(status.count("/guide/references"));
  EXPECT_TRUE(broken.empty()) << ::testing::PrintToString(broken);
}

TEST(GuideCrawlTest, PagesHaveUniqueIds) {
  AppClient c;
  std::vector<std::string> pages = {"/", "/guide", "/guide/phases", "/guide/glossary", "/guide/references",
                                    "/guide/examples", "/guide/practices", "/guide/roles", "/guide/elements"};
  for (const auto& p : TestSite()->catalog.practices()) pages.push_back("/guide/practices/" + p.id);
  for (const auto& id : kPhases) pages.push_back("/guide/phases/" + id);
  for (const auto& page : pages) {
    std::string html = c.Get(page).body;
    std::map<std::string, int> seen;
    static const std::regex kId("\\sid=\"([^\"]*)\"");
    for (std::sregex_iterator it(html.begin(), html.end(), kId), end; it != end; ++it)
      ++seen[(*it)[1].str()];
    for (const auto& [id, n] : seen) EXPECT_EQ(n, 1) << page << " repeats id=\"" << id << "\"";
  }
}

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

// ---- the same over the real server ----

TEST(GuideServerTest, IssueUrlsOverHttp) {
  cultivate::testing::ServerProcess server;
  httplib::Client cli("127.0.0.1", server.port());
  std::vector<std::string> urls = {"/guide", "/guide/phases", "/guide/elements", "/guide/practices",
                                   "/guide/examples", "/guide/examples?sector=health-care&phase=grow",
                                   "/guide/roles", "/guide/glossary", "/guide/references",
                                   "/search?q=newcomers"};
  for (const auto& id : kPhases) urls.push_back("/guide/phases/" + id);
  urls.push_back("/guide/practices/" + TestSite()->catalog.practices().front().id);
  urls.push_back("/guide/examples/" + TestSite()->catalog.examples().front().id);
  for (const auto& url : urls) {
    auto r = cli.Get(url.c_str());
    ASSERT_TRUE(r) << url;
    EXPECT_EQ(r->status, 200) << url;
    EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8") << url;
  }
}

}  // namespace
}  // namespace cultivate::web
