#pragma once
/// Internal to assess/: typed reads of toml++ tables that record a `file:line` diagnostic for
/// every missing, mistyped or empty field instead of stopping at the first.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "common/diagnostic.h"

namespace cultivate::assess::internal {

/// 1-based line where a node (table, key value) starts in its file; 0 if unknown.
int LineOf(const toml::node& node);

/// True for a lowercase slug: [a-z0-9]+ joined by single hyphens.
bool IsSlug(std::string_view id);

/// Reads the fields of one table of one file. `what` names the table in messages
/// (e.g. "question 'define-purpose'").
class FieldReader {
 public:
  FieldReader(const toml::table& table, std::string file, std::string what, Diagnostics* out)
      : table_(table), file_(std::move(file)), what_(std::move(what)), out_(out) {}

  void SetWhat(std::string what) { what_ = std::move(what); }
  /// Records a problem at `line` (the table's own line when 0).
  void Report(int line, const std::string& message);
  /// Line of `key`'s value, or of the table when the key is absent.
  int LineOfKey(std::string_view key) const;

  /// A required, non-empty string; reports and returns nullopt otherwise.
  std::optional<std::string> RequiredString(std::string_view key);
  /// A required integer.
  std::optional<std::int64_t> RequiredInt(std::string_view key);
  /// A required array whose items are all non-empty strings, with at least `min_items`.
  std::optional<std::vector<std::string>> RequiredStringList(std::string_view key,
                                                             size_t min_items);
  /// Reports every key not in `allowed` (usually a typo).
  void RejectUnknownKeys(const std::vector<std::string_view>& allowed);

 private:
  const toml::table& table_;
  std::string file_;
  std::string what_;
  Diagnostics* out_;
};

}  // namespace cultivate::assess::internal
