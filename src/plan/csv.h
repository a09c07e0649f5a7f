#pragma once
/// CSV writing (RFC 4180) that is safe to open in a spreadsheet: text cells that a
/// spreadsheet would run as a formula are neutralised.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cultivate::plan {

/// One cell. Text cells are neutralised (see Neutralise); numbers we format ourselves are
/// written as they are, so a negative gap stays a number.
struct CsvCell {
  std::string value;
  bool text = true;

  static CsvCell Text(std::string_view s) { return {std::string(s), true}; }
  /// One decimal at most ("37.5", "50", "-12.5"); empty when absent.
  static CsvCell Number(std::optional<double> v);
  static CsvCell Integer(std::optional<int> v);
};

/// Prefixes a single quote when the first character that is not blank (spaces, tabs, line
/// breaks, no-break and ideographic spaces) is =, +, -, @ or a full-width form of one, or
/// when `s` starts with a tab or line break, so a spreadsheet shows it as text instead of
/// running it: "=SUM(A1)" -> "'=SUM(A1)", " \t=1" -> "' \t=1".
std::string Neutralise(std::string_view s);

/// One field: quoted (with quotes doubled) when it holds a comma, quote, CR or LF.
std::string CsvField(const CsvCell& cell);

/// Fields joined by commas, ending in CRLF.
std::string CsvLine(const std::vector<CsvCell>& cells);

/// Shortest of "%.1f" without a trailing ".0": 37.5 -> "37.5", 50 -> "50", -0.04 -> "0".
std::string FormatNumber(double v);

}  // namespace cultivate::plan
