#include "content/front_matter.h"

#include <gtest/gtest.h>

namespace cultivate::content {
namespace {

TEST(FrontMatterTest, SplitsTomlFromBody) {
  auto fm = ParseFrontMatter("+++\ntitle = \"Charter\"\n+++\nBody line.\n", "a.md");
  ASSERT_TRUE(fm) << fm.error().str();
  EXPECT_EQ(fm->table["title"].value_or(std::string()), "Charter");
  EXPECT_EQ(fm->body, "Body line.\n");
  EXPECT_EQ(fm->body_line, 4);
  EXPECT_EQ(fm->open_line, 1);
}

TEST(FrontMatterTest, AcceptsCrlfAndEmptyBody) {
  auto fm = ParseFrontMatter("+++\r\ntitle = \"x\"\r\n+++", "a.md");
  ASSERT_TRUE(fm) << fm.error().str();
  EXPECT_EQ(fm->body, "");
}

TEST(FrontMatterTest, RequiresOpeningAndClosingLines) {
  auto none = ParseFrontMatter("title = \"x\"\n", "a.md");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().str().substr(0, 7), "a.md:1:");
  auto open = ParseFrontMatter("+++\ntitle = \"x\"\nBody\n", "b.md");
  ASSERT_FALSE(open);
  EXPECT_NE(open.error().message.find("closing"), std::string::npos);
}

TEST(FrontMatterTest, TomlErrorLineIsLineOfTheMarkdownFile) {
  auto fm = ParseFrontMatter("+++\ntitle = \"x\"\norder = = 3\n+++\nBody\n", "p.md");
  ASSERT_FALSE(fm);
  EXPECT_EQ(fm.error().file, "p.md");
  EXPECT_EQ(fm.error().line, 3);
  EXPECT_NE(fm.error().message.find("invalid TOML"), std::string::npos);
}

TEST(FrontMatterTest, TomlFileErrorLine) {
  auto t = ParseTomlFile("a = 1\n\n[[x]]\nb = \"unterminated\n", "f.toml");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().line, 4);
}

class FieldReaderTest : public ::testing::Test {
 protected:
  FieldReader Read(const char* text) {
    auto fm = ParseFrontMatter(text, "doc.md");
    EXPECT_TRUE(fm) << fm.error().str();
    fm_ = std::move(*fm);
    return FieldReader(fm_.table, "doc.md", fm_.open_line, fm_.open_line, &diags_);
  }
  FrontMatter fm_;
  Diagnostics diags_;
};

TEST_F(FieldReaderTest, MissingRequiredFieldBlamesTheOpeningLine) {
  FieldReader r = Read("+++\ntitle = \"x\"\n+++\n");
  EXPECT_EQ(r.RequiredString("title"), "x");
  EXPECT_EQ(r.RequiredString("summary"), "");
  ASSERT_EQ(diags_.size(), 1u);
  EXPECT_EQ(diags_[0].str(), "doc.md:1: missing required field `summary` (a string)");
}

TEST_F(FieldReaderTest, WrongTypeBlamesTheKeyLine) {
  FieldReader r = Read("+++\ntitle = \"x\"\n\norder = \"one\"\nsummary = 3\n+++\n");
  EXPECT_FALSE(r.RequiredInt("order"));
  EXPECT_EQ(r.RequiredString("summary"), "");
  ASSERT_EQ(diags_.size(), 2u);
  EXPECT_EQ(diags_[0].str(), "doc.md:4: `order` must be an integer, not a string");
  EXPECT_EQ(diags_[1].str(), "doc.md:5: `summary` must be a string, not an integer");
}

TEST_F(FieldReaderTest, OptionalFieldsAndEmptyStrings) {
  FieldReader r = Read("+++\nnav_order = 2\nnav_title = \" \"\n+++\n");
  EXPECT_EQ(r.OptionalInt("nav_order"), 2);
  EXPECT_FALSE(r.OptionalInt("guide_order"));
  EXPECT_FALSE(r.OptionalString("template"));
  EXPECT_FALSE(r.OptionalString("nav_title"));
  ASSERT_EQ(diags_.size(), 1u);
  EXPECT_EQ(diags_[0].str(), "doc.md:3: `nav_title` must not be empty");
}

TEST_F(FieldReaderTest, StringArraysCarryTheLineOfEachElement) {
  FieldReader r = Read("+++\nphases = [\n  \"define\",\n  4,\n  \"grow\",\n  \"define\",\n]\n+++\n");
  auto phases = r.RequiredStrings("phases");
  ASSERT_EQ(phases.size(), 2u);
  EXPECT_EQ(phases[0].value, "define");
  EXPECT_EQ(phases[0].line, 3);
  EXPECT_EQ(phases[1].value, "grow");
  EXPECT_EQ(phases[1].line, 5);
  ASSERT_EQ(diags_.size(), 2u);
  EXPECT_EQ(diags_[0].line, 4);  // 4 is not a string
  EXPECT_EQ(diags_[1].line, 6);  // "define" twice
  EXPECT_TRUE(r.OptionalStrings("examples").empty());
  EXPECT_TRUE(r.RequiredStrings("practices").empty());
  EXPECT_EQ(diags_.size(), 3u);
}

TEST_F(FieldReaderTest, ArrayOfWrongType) {
  FieldReader r = Read("+++\nphases = \"define\"\n+++\n");
  EXPECT_TRUE(r.RequiredStrings("phases").empty());
  ASSERT_EQ(diags_.size(), 1u);
  EXPECT_EQ(diags_[0].line, 2);
}

TEST_F(FieldReaderTest, UnknownKeysAreReportedAtTheirLine) {
  FieldReader r = Read("+++\ntitle = \"x\"\nsumary = \"typo\"\n+++\n");
  r.RejectUnknownKeys({"title", "summary"});
  ASSERT_EQ(diags_.size(), 1u);
  EXPECT_EQ(diags_[0].line, 3);
  EXPECT_NE(diags_[0].message.find("`sumary`"), std::string::npos);
  EXPECT_EQ(r.problems(), 1);
}

TEST(Utf8LengthTest, CountsCodePoints) {
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("caf\xC3\xA9"), 4u);
}

}  // namespace
}  // namespace cultivate::content
