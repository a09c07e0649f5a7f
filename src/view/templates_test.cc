#include "view/templates.h"

#include <gtest/gtest.h>

#include <fstream>

#include "store/test_support.h"

namespace cultivate::view {
namespace {

using nlohmann::json;
using store::test::TempDir;

class TemplatesTest : public ::testing::Test {
 protected:
  void Write(const std::string& rel, const std::string& text) {
    auto p = tmp.path() / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << text;
  }
  Templates MustLoad() {
    auto t = Templates::Load(tmp.path());
    if (!t) {
      std::string all;
      for (const auto& d : t.error()) all += d.str() + "\n";
      ADD_FAILURE() << all;
      return Templates();
    }
    return std::move(*t);
  }
  std::string Render(const Templates& t, const std::string& name, const json& model) {
    auto out = t.Render(name, model);
    EXPECT_TRUE(out) << (out ? "" : out.error().message);
    return out ? *out : std::string();
  }
  /// The diagnostics of a load that must fail, as printed lines.
  std::vector<std::string> Problems() {
    auto t = Templates::Load(tmp.path());
    EXPECT_FALSE(t) << "loaded although broken";
    std::vector<std::string> out;
    if (!t)
      for (const auto& d : t.error()) out.push_back(d.str());
    return out;
  }
  std::string File(const std::string& rel) { return (tmp.path() / rel).string(); }
  TempDir tmp;
};

TEST_F(TemplatesTest, DoubleBracesEscapeTripleBracesDoNot) {
  Write("page.html", "<p title=\"{{x}}\">{{x}}</p>|{{{x}}}|{{&x}}");
  Templates t = MustLoad();
  std::string out = Render(t, "page", {{"x", "<script>alert(\"1\" & '2')</script>"}});
  std::string escaped_part = out.substr(0, out.find('|'));
  EXPECT_EQ(escaped_part.find("<script>"), std::string::npos) << out;
  EXPECT_EQ(escaped_part.find('\''), std::string::npos) << out;
  EXPECT_NE(escaped_part.find("&lt;script&gt;alert(&quot;1&quot; &amp; "), std::string::npos) << out;
  const std::string raw = "<script>alert(\"1\" & '2')</script>";
  EXPECT_EQ(out.substr(out.find('|')), "|" + raw + "|" + raw) << out;
}

TEST_F(TemplatesTest, PartialsAreInlinedByTheirPartialsName) {
  Write("partials/head.html", "<h1>{{title}}</h1>");
  Write("partials/nested.html", "[{{> partials/head}}]");
  Write("page.html", "{{> partials/nested}}<p>{{body}}</p>");
  Templates t = MustLoad();
  EXPECT_TRUE(t.Has("page"));
  EXPECT_FALSE(t.Has("partials/head")) << "partials are not pages";
  EXPECT_FALSE(t.Has("head"));
  EXPECT_EQ(Render(t, "page", {{"title", "A & B"}, {"body", "text"}}), "[<h1>A &amp; B</h1>]<p>text</p>");
}

TEST_F(TemplatesTest, DataKeyCannotCollideWithPartial) {
  Write("partials/head.html", "HEAD");
  Write("page.html", "{{> partials/head}}{{head}}");
  Templates t = MustLoad();
  EXPECT_EQ(Render(t, "page", {{"head", "<data>"}, {"partials", {{"head", "x"}}}}), "HEAD&lt;data&gt;");
}

TEST_F(TemplatesTest, UnknownTemplateIsAnError) {
  Write("page.html", "x");
  Templates t = MustLoad();
  auto out = t.Render("nope", json::object());
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, Error::Kind::kNotFound);
}

TEST_F(TemplatesTest, UnknownPartialIsReportedWithFileAndLine) {
  Write("partials/ok.html", "ok");
  Write("page.html", "<html>\n<body>\n{{> partials/ok}}\n{{> partials/missing}}\n</body>\n");
  auto problems = Problems();
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems.size(), 1u) << "one mistake, one report: " << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[0].rfind(File("page.html") + ":4: ", 0), 0u) << problems[0];
  EXPECT_NE(problems[0].find("partials/missing"), std::string::npos) << problems[0];
}

TEST_F(TemplatesTest, PartialWithoutPrefixIsUnknown) {
  Write("partials/head.html", "x");
  Write("page.html", "line 1\n{{> head}}\n");
  auto problems = Problems();
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems.size(), 1u) << "one mistake, one report: " << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[0].rfind(File("page.html") + ":2: ", 0), 0u) << problems[0];
}

TEST_F(TemplatesTest, UnknownPartialInsidePartialNamesThePartialFile) {
  Write("partials/outer.html", "a\nb\nc\n{{> partials/ghost}}");
  Write("page.html", "{{> partials/outer}}");
  auto problems = Problems();
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].rfind(File("partials/outer.html") + ":4: ", 0), 0u) << problems[0];
}

TEST_F(TemplatesTest, UnclosedSectionIsReportedWithFileAndLine) {
  Write("page.html", "<ul>\n{{#items}}\n<li>{{.}}</li>\n</ul>\n");
  auto problems = Problems();
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems.size(), 1u) << "one mistake, one report: " << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[0].rfind(File("page.html") + ":2: ", 0), 0u) << problems[0];
  EXPECT_NE(problems[0].find("items"), std::string::npos) << problems[0];
}

TEST_F(TemplatesTest, MismatchedAndUnclosedTagsAreReportedWithLine) {
  Write("a.html", "one\ntwo\n{{/never_opened}}\n");
  Write("b.html", "one\n\ntwo {{unclosed\n");
  Write("partials/p.html", "x\ny\n{{#s}}\n");
  Write("ok.html", "{{> partials/p}}");
  auto problems = Problems();
  auto has = [&](const std::string& prefix) {
    for (const auto& p : problems)
      if (p.rfind(prefix, 0) == 0) return true;
    return false;
  };
  EXPECT_TRUE(has(File("a.html") + ":3: ")) << ::testing::PrintToString(problems);
  EXPECT_TRUE(has(File("b.html") + ":3: ")) << ::testing::PrintToString(problems);
  EXPECT_TRUE(has(File("partials/p.html") + ":3: ")) << ::testing::PrintToString(problems);
}

TEST_F(TemplatesTest, PartialCycleIsReported) {
  Write("partials/a.html", "{{> partials/b}}");
  Write("partials/b.html", "\n{{> partials/a}}");
  Write("page.html", "{{> partials/a}}");
  auto problems = Problems();
  ASSERT_FALSE(problems.empty());
  bool found = false;
  for (const auto& p : problems)
    if (p.find("includes itself") != std::string::npos) found = true;
  EXPECT_TRUE(found) << ::testing::PrintToString(problems);
}

TEST_F(TemplatesTest, MissingFolderIsReported) {
  auto t = Templates::Load(tmp.path() / "nope");
  ASSERT_FALSE(t);
  ASSERT_EQ(t.error().size(), 1u);
  EXPECT_NE(t.error()[0].file.find("nope"), std::string::npos);
}

TEST_F(TemplatesTest, ListsGetHasFlags) {
  Write("page.html",
        "{{#has_items}}<ul>{{#items}}<li>{{name}}</li>{{/items}}</ul>{{/has_items}}"
        "{{^has_items}}none{{/has_items}}|{{#group}}{{#has_tags}}tags{{/has_tags}}"
        "{{^has_tags}}notags{{/has_tags}}{{/group}}");
  Templates t = MustLoad();
  EXPECT_EQ(Render(t, "page", {{"items", json::array()}, {"group", {{"tags", json::array()}}}}), "none|notags");
  EXPECT_EQ(Render(t, "page", {{"items", {{{"name", "a"}}, {{"name", "b"}}}}, {"group", {{"tags", {"x"}}}}}),
            "<ul><li>a</li><li>b</li></ul>|tags");
}

TEST_F(TemplatesTest, ExplicitHasFlagIsNotOverwritten) {
  Write("page.html", "{{#has_items}}yes{{/has_items}}{{^has_items}}no{{/has_items}}");
  Templates t = MustLoad();
  EXPECT_EQ(Render(t, "page", {{"items", {1, 2}}, {"has_items", false}}), "no");
  EXPECT_EQ(Render(t, "page", {{"items", json::array()}, {"has_items", true}}), "yes");
}

TEST_F(TemplatesTest, ScalarsRenderAsText) {
  Write("page.html", "{{i}} {{f}} {{#t}}T{{/t}}{{^f0}}F{{/f0}} [{{n}}] [{{missing}}] {{#obj}}{{a}}{{/obj}}");
  Templates t = MustLoad();
  EXPECT_EQ(Render(t, "page", {{"i", 42}, {"f", 2.5}, {"t", true}, {"f0", false}, {"n", nullptr},
                               {"obj", {{"a", "in"}}}}),
            "42 2.5 TF [] [] in");
}

TEST_F(TemplatesTest, RealTemplatesLoad) {
  auto t = Templates::Load(std::filesystem::path(CULTIVATE_SOURCE_DIR) / "templates");
  ASSERT_TRUE(t) << (t ? "" : t.error()[0].str());
  for (const char* name : {"page", "error", "home", "search", "checkup_phase", "checkup_results"})
    EXPECT_TRUE(t->Has(name)) << name;
}

TEST(EscapeHtmlTest, EscapesTheFiveCharacters) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  EXPECT_EQ(EscapeHtml("plain"), "plain");
  EXPECT_EQ(EscapeHtml(""), "");
}

}  // namespace
}  // namespace cultivate::view
