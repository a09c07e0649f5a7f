#include "content/markdown.h"

#include <gtest/gtest.h>

namespace cultivate::content {
namespace {

TEST(MarkdownTest, HeadingsGetUniqueIds) {
  auto r = RenderMarkdown("# Title\n\n## Intro\n\ntext\n\n## Intro\n\n### What's next?\n\n#### Deep\n");
  ASSERT_EQ(r.headings.size(), 3u);
  EXPECT_EQ(r.headings[0].id, "intro");
  EXPECT_EQ(r.headings[1].id, "intro-2");
  EXPECT_EQ(r.headings[2].id, "whats-next");
  EXPECT_EQ(r.headings[2].level, 3);
  EXPECT_EQ(r.headings[2].text, "What's next?");
  EXPECT_EQ(r.headings[0].line, 3);
  EXPECT_EQ(r.headings[2].line, 9);
  EXPECT_NE(r.html.find("<h2 id=\"intro\">Intro</h2>"), std::string::npos);
  EXPECT_NE(r.html.find("<h2 id=\"intro-2\">Intro</h2>"), std::string::npos);
  EXPECT_NE(r.html.find("<h3 id=\"whats-next\">What's next?</h3>"), std::string::npos);
  EXPECT_NE(r.html.find("<h1>Title</h1>"), std::string::npos);
  EXPECT_NE(r.html.find("<h4>Deep</h4>"), std::string::npos);
}

TEST(MarkdownTest, HeadingTextIsPlain) {
  auto r = RenderMarkdown("## Use `code` & *care*\n");
  ASSERT_EQ(r.headings.size(), 1u);
  EXPECT_EQ(r.headings[0].text, "Use code & care");
  EXPECT_EQ(r.headings[0].id, "use-code-care");
}

TEST(MarkdownTest, Slugify) {
  EXPECT_EQ(Slugify("Signs you are here"), "signs-you-are-here");
  EXPECT_EQ(Slugify("  --Hello,   World!-- "), "hello-world");
  EXPECT_EQ(Slugify("Caf\xC3\xA9 culture"), "caf-culture");
  EXPECT_EQ(Slugify("???"), "section");
}

TEST(MarkdownTest, RawHtmlIsNeverOutputAsMarkup) {
  auto r = RenderMarkdown("<script>alert(1)</script>\n\nSome <b onclick=\"x\">bold</b> text.\n");
  EXPECT_EQ(r.html.find("<script"), std::string::npos);
  EXPECT_EQ(r.html.find("<b"), std::string::npos);
  EXPECT_NE(r.html.find("&lt;script&gt;"), std::string::npos);
  ASSERT_EQ(r.raw_html.size(), 2u);
  EXPECT_EQ(r.raw_html[0].line, 1);
  EXPECT_EQ(r.raw_html[1].line, 3);
  EXPECT_EQ(r.raw_html[1].text, "<b onclick=\"x\">");
}

TEST(MarkdownTest, CodeIsNotRawHtml) {
  auto r = RenderMarkdown("Use `<div>` or\n\n```\n<p>\n```\n");
  EXPECT_TRUE(r.raw_html.empty());
  EXPECT_NE(r.html.find("&lt;div&gt;"), std::string::npos);
}

TEST(MarkdownTest, CollectsInternalLinksWithLines) {
  auto r = RenderMarkdown(
      "See [grow](/guide/phases/grow) and\n[ext](https://example.org) and\n"
      "[anchor](#top), [net](//cdn.example.org) and <https://auto.example.org>.\n\n"
      "[ref][r]\n\n[r]: /guide/references#wenger-2002\n");
  ASSERT_EQ(r.links.size(), 3u);
  EXPECT_EQ(r.links[0].href, "/guide/phases/grow");
  EXPECT_EQ(r.links[0].line, 1);
  EXPECT_EQ(r.links[1].href, "#top");
  EXPECT_EQ(r.links[1].line, 3);
  EXPECT_EQ(r.links[2].href, "/guide/references#wenger-2002");
  EXPECT_EQ(r.links[2].line, 7);
}

TEST(MarkdownTest, TablesAreNamedAfterTheirHeadingAndNeverTwiceTheSame) {
  auto r = RenderMarkdown("## Who & when\n\n| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n\n"
                          "## Settings\n\n| c |\n|---|\n| 3 |\n");
  EXPECT_NE(r.html.find("aria-label=\"Table: Who &amp; when\""), std::string::npos) << r.html;
  EXPECT_NE(r.html.find("aria-label=\"Table: Who &amp; when (2)\""), std::string::npos);
  EXPECT_NE(r.html.find("aria-label=\"Table: Settings\""), std::string::npos);
}

TEST(MarkdownTest, TaskListsAreBoxesToTickOnPaperNotFormControls) {
  auto r = RenderMarkdown("- [ ] Send the invitation\n- [x] Book the room\n");
  EXPECT_EQ(r.html.find("<input"), std::string::npos) << r.html;
  EXPECT_NE(r.html.find("<span class=\"task-box\" aria-hidden=\"true\">\u2610</span> Send"), std::string::npos);
  EXPECT_NE(r.html.find("\u2611</span> Book"), std::string::npos);
}

TEST(MarkdownTest, TablesAreWrapped) {
  auto r = RenderMarkdown("| a | b |\n|---|---|\n| 1 | 2 |\n");
  EXPECT_EQ(r.html.find("<section class=\"table-wrap\" tabindex=\"0\" aria-label=\"Table\"><table>"), 0u);
  EXPECT_NE(r.html.find("</table></section>"), std::string::npos);
  EXPECT_NE(r.html.find("<th scope=\"col\""), std::string::npos);
}

TEST(MarkdownTest, GithubDialect) {
  auto r = RenderMarkdown("- [x] done\n\n~~old~~ www.example.org\n");
  EXPECT_NE(r.html.find("task-box"), std::string::npos) << "task lists are recognised";
  EXPECT_NE(r.html.find("<del>old</del>"), std::string::npos);
  EXPECT_NE(r.html.find("href=\"http://www.example.org\""), std::string::npos);
}

TEST(MarkdownTest, InlineMarkdown) {
  bool single = false;
  auto r = RenderInlineMarkdown("A *term* with a [link](/guide/glossary#x).", &single);
  EXPECT_TRUE(single);
  EXPECT_EQ(r.html, "A <em>term</em> with a <a href=\"/guide/glossary#x\">link</a>.");
  ASSERT_EQ(r.links.size(), 1u);
  RenderInlineMarkdown("One.\n\nTwo.", &single);
  EXPECT_FALSE(single);
}

TEST(MarkdownTest, HtmlToTextAndEscape) {
  EXPECT_EQ(HtmlToText("<p>A &amp; B &lt;b&gt;</p>\n<ul><li>x</li></ul>"), "A & B <b> x");
  EXPECT_EQ(HtmlToText("<p>See <a href=\"/x\">the <em>core</em></a>.</p><p>Next</p>"),
            "See the core. Next");
  EXPECT_EQ(HtmlToText("&#233;&#x41;&bogus;"), "\xC3\xA9" "A&bogus;");
  EXPECT_EQ(EscapeHtml("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

}  // namespace
}  // namespace cultivate::content
