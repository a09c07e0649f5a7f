#pragma once
/// Reading level of the guide's Markdown: the Flesch-Kincaid grade of a page body, so a
/// check can keep every page within reach of readers at about grade 9 or below.

#include <optional>
#include <string>
#include <string_view>

namespace cultivate::content {

/// The highest Flesch-Kincaid grade a guide page may have.
constexpr double kMaxReadingGrade = 9.0;

/// Counts of a piece of prose.
struct TextStats {
  int words = 0;
  int sentences = 0;
  int syllables = 0;
};

/// The prose of a Markdown body, one block (paragraph, heading, list item, table cell) per
/// line: code blocks, code spans, link and image URLs, autolinks, heading and list markers
/// and emphasis are left out; a link keeps its text.
std::string MarkdownProse(std::string_view markdown);

/// Syllables in one English word, by a spelling heuristic (vowel groups, silent final e,
/// -es and -ed endings). A number counts one syllable per digit, at most four. At least 1
/// for a word with a letter or digit, 0 otherwise.
int CountSyllables(std::string_view word);

/// Words, sentences and syllables of plain text. A sentence ends at `.`, `!` or `?` (not
/// inside a number, not after a common abbreviation such as "e.g.", not before a lowercase
/// word) and at every line break, so a heading, list item or table cell is a sentence of
/// its own. A hyphenated word counts once.
TextStats MeasureProse(std::string_view text);

/// Flesch-Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
/// nullopt when there are no words.
std::optional<double> FleschKincaidGrade(const TextStats& stats);

/// The grade of a Markdown body (without its front matter): MeasureProse of MarkdownProse.
std::optional<double> MarkdownReadingGrade(std::string_view markdown);

}  // namespace cultivate::content
