#include "plan/csv.h"

#include <cmath>
#include <cstdio>

namespace cultivate::plan {

CsvCell CsvCell::Number(std::optional<double> v) {
  return {v ? FormatNumber(*v) : std::string(), false};
}

CsvCell CsvCell::Integer(std::optional<int> v) {
  return {v ? std::to_string(*v) : std::string(), false};
}

namespace {

/// The length of the UTF-8 sequence at `s` that a spreadsheet would skip before a formula
/// (ASCII blanks, no-break space U+00A0, ideographic space U+3000), or 0.
size_t BlankAt(std::string_view s) {
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
  if (s.substr(0, 2) == "\xC2\xA0") return 2;
  if (s.substr(0, 3) == "\xE3\x80\x80") return 3;
  return 0;
}

/// True when `s` starts with a character a spreadsheet treats as a formula: = + - @, and
/// their full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20).
bool FormulaAt(std::string_view s) {
  if (s.empty()) return false;
  char c = s[0];
  if (c == '=' || c == '+' || c == '-' || c == '@') return true;
  for (std::string_view wide : {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"})
    if (s.substr(0, 3) == wide) return true;
  return false;
}

}  // namespace

std::string Neutralise(std::string_view s) {
  std::string_view rest = s;
  bool blank = false;
  while (!rest.empty()) {
    size_t n = BlankAt(rest);
    if (n == 0) break;
    rest.remove_prefix(n);
    blank = true;
  }
  // A formula after blanks, or a leading tab or line break (which some programs read as the
  // start of a new cell), is shown as text.
  if (FormulaAt(rest) || (blank && (s[0] == '\t' || s[0] == '\r' || s[0] == '\n')))
    return "'" + std::string(s);
  return std::string(s);
}

std::string CsvField(const CsvCell& cell) {
  std::string value = cell.text ? Neutralise(cell.value) : cell.value;
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string CsvLine(const std::vector<CsvCell>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += ',';
    line += CsvField(cells[i]);
  }
  line += "\r\n";
  return line;
}

std::string FormatNumber(double v) {
  double rounded = std::round(v * 10.0) / 10.0;
  if (rounded == 0.0) rounded = 0.0;  // no "-0"
  char buf[32];
  if (rounded == std::trunc(rounded)) {
    std::snprintf(buf, sizeof buf, "%.0f", rounded);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", rounded);
  }
  return buf;
}

}  // namespace cultivate::plan
