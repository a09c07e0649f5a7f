#include "content/readability.h"

#include <gtest/gtest.h>

namespace cultivate::content {
namespace {

TEST(ReadabilityTest, SyllablesOfCommonWords) {
  const std::pair<const char*, int> cases[] = {
      {"cat", 1},       {"the", 1},       {"you", 1},        {"yellow", 2},   {"table", 2},
      {"simple", 2},    {"people", 2},    {"while", 1},      {"makes", 1},    {"boxes", 2},
      {"places", 2},    {"tables", 2},    {"learned", 1},    {"wanted", 2},   {"needed", 2},
      {"community", 4}, {"practice", 2},  {"beautiful", 3},  {"media", 3},    {"special", 2},
      {"usual", 3},     {"quality", 3},   {"language", 2},   {"studies", 2},  {"Members", 2},
      {"don't", 1},     {"one-to-one", 3}};
  for (const auto& [word, syllables] : cases) EXPECT_EQ(CountSyllables(word), syllables) << word;
}

TEST(ReadabilityTest, SyllablesOfNumbersAndNonWords) {
  EXPECT_EQ(CountSyllables("40"), 2);
  EXPECT_EQ(CountSyllables("2015"), 4);
  EXPECT_EQ(CountSyllables("40,000"), 4);  // at most four
  EXPECT_EQ(CountSyllables("---"), 0);
  EXPECT_EQ(CountSyllables(""), 0);
  EXPECT_EQ(CountSyllables("caf\xC3\xA9"), 1);  // é is read as a vowel
}

TEST(ReadabilityTest, ProseLeavesOutCodeUrlsAndMarkers) {
  std::string prose = MarkdownProse(
      "## Signs you are *here*\n\n"
      "Read [the charter](/guide/practices/charter) or <https://example.org/long/path>.\n\n"
      "Run `make test` now.\n\n"
      "```\nint main() { return 0; }\n```\n\n"
      "- first item\n- second item\n\n"
      "| a | b |\n|---|---|\n| one | two |\n");
  EXPECT_EQ(prose.find("##"), std::string::npos);
  EXPECT_EQ(prose.find('*'), std::string::npos);
  EXPECT_EQ(prose.find("/guide"), std::string::npos);
  EXPECT_EQ(prose.find("example.org"), std::string::npos);
  EXPECT_EQ(prose.find("make test"), std::string::npos);
  EXPECT_EQ(prose.find("main"), std::string::npos);
  EXPECT_EQ(prose.find("---"), std::string::npos);
  EXPECT_NE(prose.find("Signs you are here\n"), std::string::npos) << prose;
  EXPECT_NE(prose.find("Read the charter or"), std::string::npos) << prose;
  EXPECT_NE(prose.find("first item\nsecond item\n"), std::string::npos) << prose;
  EXPECT_NE(prose.find("one\ntwo\n"), std::string::npos) << prose;
}

TEST(ReadabilityTest, CountsWordsSentencesAndSyllables) {
  TextStats s = MeasureProse("The cat sat. The dog ran! Did it?");
  EXPECT_EQ(s.words, 8);
  EXPECT_EQ(s.sentences, 3);
  EXPECT_EQ(s.syllables, 8);
}

TEST(ReadabilityTest, LineBreaksEndSentencesButEmptyLinesDoNot) {
  TextStats s = MeasureProse("A heading\n\nA paragraph that ends.\nA list item\n\n\n");
  EXPECT_EQ(s.sentences, 3);
  EXPECT_EQ(s.words, 9);
}

TEST(ReadabilityTest, NumbersAbbreviationsAndQuotesDoNotSplitSentences) {
  EXPECT_EQ(MeasureProse("About 58.2% were cured, e.g. in rural clinics.").sentences, 1);
  EXPECT_EQ(MeasureProse("It saved $40,000 in Brazil.").words, 5);
  EXPECT_EQ(MeasureProse("They said \"it works.\" Then they left.").sentences, 2);
  EXPECT_EQ(MeasureProse("Ask Dr. Arora. He knows.").sentences, 2);
  EXPECT_EQ(MeasureProse("It was fine... and then it was not.").sentences, 1);
}

TEST(ReadabilityTest, GradeFollowsTheFormula) {
  TextStats s{6, 1, 6};  // "The cat sat on the mat."
  ASSERT_TRUE(FleschKincaidGrade(s));
  EXPECT_NEAR(*FleschKincaidGrade(s), 0.39 * 6 + 11.8 * 1 - 15.59, 1e-9);
  EXPECT_FALSE(FleschKincaidGrade(TextStats{}));
  EXPECT_FALSE(MarkdownReadingGrade("```\ncode only\n```\n"));
  EXPECT_NEAR(*MarkdownReadingGrade("The cat sat on the mat."), -1.45, 1e-9);
}

TEST(ReadabilityTest, PlainWritingPassesAndDenseWritingFails) {
  const char* plain =
      "## Start small\n\n"
      "Ask five members what they need. Pick one problem. Meet once a month and work on it "
      "together. Write down what you learn, and share it with everyone.\n";
  const char* dense =
      "Organisational institutionalisation of communities of practice necessitates "
      "considerable deliberation regarding the interrelationships between participatory "
      "governance, sponsorship accountability and the epistemological characteristics of "
      "professional knowledge, particularly within multidisciplinary environments.\n";
  ASSERT_TRUE(MarkdownReadingGrade(plain));
  ASSERT_TRUE(MarkdownReadingGrade(dense));
  EXPECT_LE(*MarkdownReadingGrade(plain), kMaxReadingGrade);
  EXPECT_GT(*MarkdownReadingGrade(dense), kMaxReadingGrade);
}

}  // namespace
}  // namespace cultivate::content
