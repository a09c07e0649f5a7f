#include "content/catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace cultivate::content {
namespace {

const std::filesystem::path kFixture =
    std::filesystem::path(CULTIVATE_SOURCE_DIR) / "src/content/testdata/basic";

/// All diagnostics as `file:line: message` lines, for readable failures.
std::string Join(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags) out += d.str() + "\n";
  return out;
}

template <typename T>
std::vector<std::string> IdsOf(const std::vector<const T*>& items) {
  std::vector<std::string> ids;
  for (const T* item : items) ids.push_back(item->id);
  return ids;
}

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = LoadCatalog(kFixture);
    ASSERT_TRUE(loaded) << Join(loaded.error());
    catalog_ = std::move(*loaded);
  }
  Catalog catalog_;
};

TEST_F(CatalogTest, LoadsEveryKindInDisplayOrder) {
  const Catalog& c = catalog_;
  EXPECT_EQ(c.pages().size(), 3u);
  ASSERT_EQ(c.phases().size(), 5u);
  EXPECT_EQ(c.phases()[0].id, "define");
  EXPECT_EQ(c.phases()[4].id, "transform");
  ASSERT_EQ(c.practices().size(), 4u);
  EXPECT_EQ(c.practices()[2].title, "Delta practice");  // by title
  EXPECT_EQ(c.examples().front().title, "Aerial survey team");
  EXPECT_EQ(c.references().size(), 2u);
  EXPECT_EQ(c.FindReference("ref-b")->year, "2015");
  ASSERT_EQ(c.glossary().size(), 2u);
  EXPECT_EQ(c.glossary()[0].term, "Community of practice");
  EXPECT_EQ(c.FindTerm("community-of-practice")->definition_html,
            "People who share a concern and <em>learn</em> together; see the "
            "<a href=\"/guide/glossary#core-group\">core group</a>.");
  EXPECT_EQ(c.elements().size(), 3u);
  EXPECT_EQ(c.FindPrinciple("rhythm")->summary, "Meet at a steady pace.");
  EXPECT_EQ(c.FindSector("manufacturing")->title, "Manufacturing");
  EXPECT_EQ(c.FindPhase("nope"), nullptr);
  EXPECT_EQ(c.FindPractice("nope"), nullptr);
  EXPECT_EQ(c.FindPage("/nope"), nullptr);
}

TEST_F(CatalogTest, EntitiesCarryFieldsAndRenderedBodies) {
  const Phase* define = catalog_.FindPhase("define");
  ASSERT_NE(define, nullptr);
  EXPECT_EQ(define->order, 1);
  EXPECT_EQ(define->stage, "Stage 1");
  EXPECT_EQ(define->practices, (std::vector<std::string>{"p-gamma", "p-alpha", "p-beta"}));
  ASSERT_EQ(define->headings.size(), 5u);
  EXPECT_EQ(define->headings[0].id, "signs-you-are-here");
  EXPECT_NE(define->html.find("<h2 id=\"common-pitfalls\">"), std::string::npos);
  const Page* roles = catalog_.FindPage("/guide/roles");
  ASSERT_NE(roles, nullptr);
  EXPECT_EQ(roles->template_name, "page");
  EXPECT_EQ(roles->nav_title, "Roles");
  EXPECT_FALSE(roles->nav_order);
  EXPECT_EQ(roles->headings[1].id, "coordinator-2");
  EXPECT_EQ(roles->source_file, (kFixture / "pages/roles.md").lexically_normal().string());
  const Example* e = catalog_.FindExample("e-three");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->sector, "manufacturing");
  EXPECT_EQ(e->scale, "40 people");
  EXPECT_EQ(e->sources, (std::vector<std::string>{"ref-a"}));
  EXPECT_NE(catalog_.FindPage("/guide")->html.find("<section class=\"table-wrap\" tabindex=\"0\" aria-label=\"Table"),
            std::string::npos);
}

TEST_F(CatalogTest, Navigation) {
  std::vector<std::string> main, guide;
  for (const Page* p : catalog_.MainNav()) main.push_back(p->path);
  for (const Page* p : catalog_.GuideNav()) guide.push_back(p->path);
  EXPECT_EQ(main, (std::vector<std::string>{"/guide", "/about"}));
  EXPECT_EQ(guide, (std::vector<std::string>{"/guide", "/guide/roles"}));
}

TEST_F(CatalogTest, CrossLinksAreTheUnionOfBothDirections) {
  const Catalog& c = catalog_;
  // Listed by the phase (in its order), then p-delta, which lists define itself.
  EXPECT_EQ(IdsOf(c.PracticesForPhase("define")),
            (std::vector<std::string>{"p-gamma", "p-alpha", "p-beta", "p-delta"}));
  EXPECT_EQ(IdsOf(c.PracticesForPhase("grow")),
            (std::vector<std::string>{"p-alpha", "p-beta", "p-gamma"}));
  EXPECT_EQ(IdsOf(c.ExamplesForPhase("define")),
            (std::vector<std::string>{"e-one", "e-two", "e-three"}));
  EXPECT_EQ(IdsOf(c.PhasesForPractice("p-delta")), (std::vector<std::string>{"define"}));
  EXPECT_EQ(IdsOf(c.PhasesForPractice("p-gamma")),
            (std::vector<std::string>{"define", "design", "grow", "perform", "transform"}));
  EXPECT_EQ(IdsOf(c.PracticesForExample("e-one")),
            (std::vector<std::string>{"p-alpha", "p-gamma"}));
  EXPECT_EQ(IdsOf(c.ExamplesForPractice("p-delta")), (std::vector<std::string>{"e-three"}));
  EXPECT_EQ(IdsOf(c.PhasesForExample("e-three")), (std::vector<std::string>{"define"}));
  EXPECT_TRUE(c.PracticesForPhase("nope").empty());
  EXPECT_TRUE(c.PhasesForExample("nope").empty());
}

TEST_F(CatalogTest, FilterExamples) {
  const Catalog& c = catalog_;
  EXPECT_EQ(IdsOf(c.FilterExamples("", "", "")),
            (std::vector<std::string>{"e-three", "e-two", "e-one"}));  // by title
  EXPECT_EQ(IdsOf(c.FilterExamples("manufacturing", "", "")),
            (std::vector<std::string>{"e-three", "e-two"}));
  EXPECT_EQ(IdsOf(c.FilterExamples("", "grow", "")), (std::vector<std::string>{"e-two", "e-one"}));
  EXPECT_EQ(IdsOf(c.FilterExamples("", "", "p-delta")), (std::vector<std::string>{"e-three"}));
  EXPECT_EQ(IdsOf(c.FilterExamples("health-care", "design", "p-alpha")),
            (std::vector<std::string>{"e-one"}));
  EXPECT_TRUE(c.FilterExamples("health-care", "", "p-delta").empty());
}

TEST_F(CatalogTest, PathExists) {
  const Catalog& c = catalog_;
  for (const char* path : {"/", "/about", "/about#who-we-are", "/checkup", "/search?q=x",
                           "/healthz", "/guide/roles#coordinator-2",
                           "/guide/phases/define#signs-you-are-here",
                           "/guide/practices/p-delta#sources", "/guide/examples/e-one",
                           "/guide/glossary", "/guide/glossary#core-group",
                           "/guide/references#ref-b", "/guide/phases/grow#"}) {
    EXPECT_TRUE(c.PathExists(path)) << path;
  }
  for (const char* path : {"", "/nope", "/about#nope", "/checkup#x", "/guide/phases/nope",
                           "/guide/glossary#nope", "/guide/references#ref-c", "/about/",
                           "#who-we-are"}) {
    EXPECT_FALSE(c.PathExists(path)) << path;
  }
}

TEST_F(CatalogTest, IdsOutliveTheCatalog) {
  KnownIds ids = catalog_.Ids();
  catalog_ = Catalog();
  EXPECT_EQ(ids.phases.size(), 5u);
  EXPECT_EQ(ids.elements, (std::set<std::string>{"community", "domain", "practice"}));
  EXPECT_EQ(ids.principles.size(), 2u);
  EXPECT_EQ(ids.sectors.count("health-care"), 1u);
  EXPECT_EQ(ids.practices.size(), 4u);
  EXPECT_EQ(ids.examples.count("e-three"), 1u);
  EXPECT_TRUE(ids.path_exists("/guide/practices/p-alpha"));
  EXPECT_FALSE(ids.path_exists("/guide/practices/p-zeta"));
}

}  // namespace
}  // namespace cultivate::content
