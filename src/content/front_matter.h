#pragma once
/// TOML for editable files: `+++` front matter split from a Markdown body, whole .toml
/// files, and typed field readers that report `file:line: message` diagnostics.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>
#include <toml++/toml.h>

#include "common/diagnostic.h"

namespace cultivate::content {

/// A Markdown file split at its `+++` lines. Lines are lines of the .md file.
struct FrontMatter {
  toml::table table;
  int open_line = 1;    // line of the opening `+++`; toml++ line n is file line n + open_line
  std::string body;     // everything after the closing `+++` line
  int body_line = 1;    // file line of the body's first line
};

/// Splits and parses front matter. The file must start with a `+++` line and have a closing
/// `+++` line. Fails with one diagnostic (bad delimiters or the TOML error, at its file line).
tl::expected<FrontMatter, Diagnostic> ParseFrontMatter(std::string_view text,
                                                       const std::string& file);

/// Parses a whole .toml file; on failure one diagnostic at the error's line.
tl::expected<toml::table, Diagnostic> ParseTomlFile(std::string_view text,
                                                   const std::string& file);

/// A value read from TOML with the file line it came from.
struct Located {
  std::string value;
  int line = 0;
};

/// Reads typed fields from one TOML table, appending a diagnostic for each problem
/// (missing required field, wrong type, empty string, unknown key) and carrying on, so a
/// loader reports every problem in one run. Missing fields are blamed on `missing_line`
/// (the opening `+++`, or the `[[table]]` header; 0 for a whole file); others on the key.
/// `table` and `out` must outlive the reader.
class FieldReader {
 public:
  FieldReader(const toml::table& table, std::string file, int line_offset, int missing_line,
              Diagnostics* out);

  /// A required non-empty string; "" (with a diagnostic) when missing, empty or not a string.
  std::string RequiredString(std::string_view key);
  /// nullopt when absent; a diagnostic when present but not a non-empty string.
  std::optional<std::string> OptionalString(std::string_view key);
  std::optional<int64_t> RequiredInt(std::string_view key);
  std::optional<int64_t> OptionalInt(std::string_view key);
  /// An array of non-empty strings, each with its own line. Duplicates are reported.
  std::vector<Located> RequiredStrings(std::string_view key);
  std::vector<Located> OptionalStrings(std::string_view key);

  /// Reports every key of the table that is not in `known` (catches typos in optional keys).
  void RejectUnknownKeys(std::initializer_list<std::string_view> known);

  bool Has(std::string_view key) const { return table_.contains(key); }
  /// File line of `key`, or `missing_line` when the key is absent.
  int LineOf(std::string_view key) const;
  void Report(int line, std::string message);
  const std::string& file() const { return file_; }
  int line_offset() const { return line_offset_; }
  /// Number of diagnostics this reader has added.
  int problems() const { return problems_; }

 private:
  const toml::node* Find(std::string_view key) const;
  std::vector<Located> Strings(std::string_view key, bool required);

  const toml::table& table_;
  std::string file_;
  int line_offset_;
  int missing_line_;
  Diagnostics* out_;
  int problems_ = 0;
};

/// The toml++ line of a node plus an offset, or `fallback` when the node has no source.
int SourceLine(const toml::source_region& region, int offset, int fallback);

/// Number of Unicode code points in UTF-8 text (for length limits readers can count).
size_t Utf8Length(std::string_view text);

}  // namespace cultivate::content
