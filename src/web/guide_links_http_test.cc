// The guide's links: cross-links between pages, and a crawl for broken links, anchors, ids.
#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <regex>
#include <set>

#include "testing/app_client.h"
#include "testing/html_scan.h"
#include "web/guide_test_support.h"

namespace cultivate::web {
namespace {

using namespace cultivate::testing;
using namespace test::guide;

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

}  // namespace
}  // namespace cultivate::web
