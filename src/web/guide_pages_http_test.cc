// The guide's pages: every URL of issue 3, example filters, glossary and references.
#include <gtest/gtest.h>
#include "testing/http_client.h"

#include <map>
#include <set>

#include "testing/app_client.h"
#include "testing/html_scan.h"
#include "testing/server_process.h"
#include "web/guide_test_support.h"

namespace cultivate::web {
namespace {

using namespace cultivate::testing;
using namespace test::guide;

/// The first <h1> text.
std::string H1(const std::string& html) {
  size_t a = html.find("<h1");
  if (a == std::string::npos) return {};
  a = html.find('>', a) + 1;
  size_t b = html.find("</h1>", a);
  return TextOf(html.substr(a, b - a));
}

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
