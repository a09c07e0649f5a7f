#include "content/front_matter.h"

#include <set>
#include <utility>

namespace cultivate::content {
namespace {

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "true/false";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time: return "a date or time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

Diagnostic TomlError(const toml::parse_error& e, const std::string& file, int offset) {
  return {file, SourceLine(e.source(), offset, offset + 1),
          "invalid TOML: " + std::string(e.description())};
}

}  // namespace

int SourceLine(const toml::source_region& region, int offset, int fallback) {
  return region.begin.line > 0 ? static_cast<int>(region.begin.line) + offset : fallback;
}

size_t Utf8Length(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

tl::expected<FrontMatter, Diagnostic> ParseFrontMatter(std::string_view text,
                                                       const std::string& file) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
  size_t first_end = text.find('\n');
  std::string_view first = text.substr(0, first_end);
  if (TrimRight(first) != "+++") {
    return tl::unexpected(Diagnostic{file, 1, "the file must start with a `+++` line, then "
                                              "TOML front matter, then another `+++` line"});
  }
  if (first_end == std::string_view::npos) {
    return tl::unexpected(Diagnostic{file, 1, "front matter has no closing `+++` line"});
  }
  size_t toml_begin = first_end + 1;
  size_t pos = toml_begin;
  int line = 2;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view current = text.substr(pos, end == std::string_view::npos ? end : end - pos);
    if (TrimRight(current) == "+++") {
      FrontMatter fm;
      fm.open_line = 1;
      fm.body_line = line + 1;
      fm.body = end == std::string_view::npos ? "" : std::string(text.substr(end + 1));
      try {
        fm.table = toml::parse(text.substr(toml_begin, pos - toml_begin), file);
      } catch (const toml::parse_error& e) {
        return tl::unexpected(TomlError(e, file, fm.open_line));
      }
      return fm;
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
    ++line;
  }
  return tl::unexpected(Diagnostic{file, 1, "front matter has no closing `+++` line"});
}

tl::expected<toml::table, Diagnostic> ParseTomlFile(std::string_view text,
                                                   const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    return tl::unexpected(TomlError(e, file, 0));
  }
}

FieldReader::FieldReader(const toml::table& table, std::string file, int line_offset,
                         int missing_line, Diagnostics* out)
    : table_(table),
      file_(std::move(file)),
      line_offset_(line_offset),
      missing_line_(missing_line),
      out_(out) {}

void FieldReader::Report(int line, std::string message) {
  out_->push_back({file_, line, std::move(message)});
  ++problems_;
}

const toml::node* FieldReader::Find(std::string_view key) const {
  return table_.get(key);
}

int FieldReader::LineOf(std::string_view key) const {
  auto it = table_.find(key);
  if (it == table_.end()) return missing_line_;
  return SourceLine(it->first.source(), line_offset_,
                    SourceLine(it->second.source(), line_offset_, missing_line_));
}

std::string FieldReader::RequiredString(std::string_view key) {
  if (Find(key) == nullptr) {
    Report(missing_line_, "missing required field `" + std::string(key) + "` (a string)");
    return {};
  }
  return OptionalString(key).value_or("");
}

std::optional<std::string> FieldReader::OptionalString(std::string_view key) {
  const toml::node* node = Find(key);
  if (node == nullptr) return std::nullopt;
  const auto* value = node->as_string();
  if (value == nullptr) {
    Report(LineOf(key), "`" + std::string(key) + "` must be a string, not " + TypeName(*node));
    return std::nullopt;
  }
  if (IsBlank(value->get())) {
    Report(LineOf(key), "`" + std::string(key) + "` must not be empty");
    return std::nullopt;
  }
  return value->get();
}

std::optional<int64_t> FieldReader::RequiredInt(std::string_view key) {
  if (Find(key) == nullptr) {
    Report(missing_line_, "missing required field `" + std::string(key) + "` (an integer)");
    return std::nullopt;
  }
  return OptionalInt(key);
}

std::optional<int64_t> FieldReader::OptionalInt(std::string_view key) {
  const toml::node* node = Find(key);
  if (node == nullptr) return std::nullopt;
  const auto* value = node->as_integer();
  if (value == nullptr) {
    Report(LineOf(key),
           "`" + std::string(key) + "` must be an integer, not " + TypeName(*node));
    return std::nullopt;
  }
  return value->get();
}

std::vector<Located> FieldReader::RequiredStrings(std::string_view key) {
  return Strings(key, true);
}

std::vector<Located> FieldReader::OptionalStrings(std::string_view key) {
  return Strings(key, false);
}

std::vector<Located> FieldReader::Strings(std::string_view key, bool required) {
  std::vector<Located> result;
  const toml::node* node = Find(key);
  if (node == nullptr) {
    if (required) {
      Report(missing_line_,
             "missing required field `" + std::string(key) + "` (an array of strings)");
    }
    return result;
  }
  const toml::array* array = node->as_array();
  int key_line = LineOf(key);
  if (array == nullptr) {
    Report(key_line, "`" + std::string(key) + "` must be an array of strings, like "
                     "[\"a\", \"b\"], not " + TypeName(*node));
    return result;
  }
  std::set<std::string> seen;
  for (const toml::node& element : *array) {
    int line = SourceLine(element.source(), line_offset_, key_line);
    const auto* value = element.as_string();
    if (value == nullptr || IsBlank(value->get())) {
      Report(line, "`" + std::string(key) + "` must hold only non-empty strings, not " +
                       (value == nullptr ? TypeName(element) : "an empty string"));
      continue;
    }
    if (!seen.insert(value->get()).second) {
      Report(line, "`" + std::string(key) + "` lists \"" + value->get() + "\" twice");
      continue;
    }
    result.push_back({value->get(), line});
  }
  return result;
}

void FieldReader::RejectUnknownKeys(std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : table_) {
    bool ok = false;
    for (std::string_view k : known) ok = ok || key.str() == k;
    if (!ok) {
      std::string list;
      for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      Report(SourceLine(key.source(), line_offset_, missing_line_),
             "unknown field `" + std::string(key.str()) + "` (expected one of: " + list + ")");
    }
  }
}

}  // namespace cultivate::content
