// The guide's templates (issue 18): a list, a page per template, and downloads to edit.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/app_client.h"

namespace cultivate::web {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TEST(GuideTemplatesTest, TheListLinksEveryTemplate) {
  testing::AppClient c;
  auto list = c.Get("/guide/templates");
  ASSERT_EQ(list.status, 200);
  for (const char* id : {"community-charter", "sponsor-one-pager", "meeting-agenda", "welcome-note",
                         "handover-note", "yearly-review-agenda"})
    EXPECT_THAT(list.body, HasSubstr("href=\"/guide/templates/" + std::string(id) + "\"")) << id;
  EXPECT_THAT(c.Get("/guide").body, HasSubstr("href=\"/guide/templates\"")) << "in the guide's menu";
}

TEST(GuideTemplatesTest, ATemplateReadsOnItsPageUnderOneHeading) {
  testing::AppClient c;
  auto page = c.Get("/guide/templates/community-charter");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("<h1 class=\"no-print\">Community charter</h1>"));
  size_t h1 = 0, at = 0;
  while ((at = page.body.find("<h1", at)) != std::string::npos) ++h1, ++at;
  EXPECT_EQ(h1, 1u) << "the document's own headings sit under the page's";
  EXPECT_THAT(page.body, HasSubstr("Why we exist"));
  EXPECT_THAT(page.body, Not(HasSubstr("+++"))) << "no front matter on the page";
  for (const char* ext : {".docx", ".odt", ".md"})
    EXPECT_THAT(page.body, HasSubstr("href=\"/guide/templates/community-charter" + std::string(ext) + "\""));
}

TEST(GuideTemplatesTest, DownloadsAreEditableDocuments) {
  testing::AppClient c;
  auto md = c.Get("/guide/templates/welcome-note.md");
  ASSERT_EQ(md.status, 200);
  EXPECT_EQ(*md.Header("Content-Type"), "text/markdown; charset=utf-8");
  EXPECT_EQ(*md.Header("Content-Disposition"), "attachment; filename=\"welcome-note.md\"");
  EXPECT_THAT(md.body, Not(HasSubstr("+++")));
  for (const char* ext : {"docx", "odt"}) {
    auto doc = c.Get("/guide/templates/welcome-note." + std::string(ext));
    ASSERT_EQ(doc.status, 200) << ext;
    EXPECT_THAT(doc.body, StartsWith("PK")) << ext << ": a zip container, as both formats are";
    EXPECT_GT(doc.body.size(), 2000u) << ext;
  }
  auto odt = c.Get("/guide/templates/welcome-note.odt");
  EXPECT_EQ(*odt.Header("Content-Type"), "application/vnd.oasis.opendocument.text");
  EXPECT_THAT(odt.body, HasSubstr("application/vnd.oasis.opendocument.text")) << "its mimetype entry";
  EXPECT_THAT(c.Get("/guide/templates/welcome-note.docx").body, HasSubstr("word/document.xml"));
}

TEST(GuideTemplatesTest, UnknownTemplatesAndFormatsAre404) {
  testing::AppClient c;
  for (const char* path : {"/guide/templates/nothing", "/guide/templates/nothing.docx",
                           "/guide/templates/welcome-note.pdf", "/guide/templates/welcome-note.",
                           "/guide/templates/.md"})
    EXPECT_EQ(c.Get(path).status, 404) << path;
}

}  // namespace
}  // namespace cultivate::web
