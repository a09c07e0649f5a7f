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

std::string Neutralise(std::string_view s) {
  if (!s.empty()) {
    char c = s.front();
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
      return "'" + std::string(s);
    }
  }
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
