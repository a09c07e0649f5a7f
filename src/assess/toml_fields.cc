#include "assess/toml_fields.h"

#include <algorithm>

namespace cultivate::assess::internal {

int LineOf(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

bool IsSlug(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  char prev = 0;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

void FieldReader::Report(int line, const std::string& message) {
  out_->push_back({file_, line > 0 ? line : LineOf(table_), what_ + ": " + message});
}

int FieldReader::LineOfKey(std::string_view key) const {
  const toml::node* node = table_.get(key);
  return node ? LineOf(*node) : LineOf(table_);
}

std::optional<std::string> FieldReader::RequiredString(std::string_view key) {
  const toml::node* node = table_.get(key);
  if (!node) {
    Report(0, "missing required key '" + std::string(key) + "'");
    return std::nullopt;
  }
  const auto* value = node->as_string();
  if (!value) {
    Report(LineOf(*node), "'" + std::string(key) + "' must be a string");
    return std::nullopt;
  }
  if (value->get().find_first_not_of(" \t\r\n") == std::string::npos) {
    Report(LineOf(*node), "'" + std::string(key) + "' must not be empty");
    return std::nullopt;
  }
  return value->get();
}

std::optional<std::int64_t> FieldReader::RequiredInt(std::string_view key) {
  const toml::node* node = table_.get(key);
  if (!node) {
    Report(0, "missing required key '" + std::string(key) + "'");
    return std::nullopt;
  }
  const auto* value = node->as_integer();
  if (!value) {
    Report(LineOf(*node), "'" + std::string(key) + "' must be an integer");
    return std::nullopt;
  }
  return value->get();
}

std::optional<std::vector<std::string>> FieldReader::RequiredStringList(std::string_view key,
                                                                        size_t min_items) {
  const toml::node* node = table_.get(key);
  if (!node) {
    Report(0, "missing required key '" + std::string(key) + "'");
    return std::nullopt;
  }
  const auto* array = node->as_array();
  if (!array) {
    Report(LineOf(*node), "'" + std::string(key) + "' must be an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> items;
  bool ok = true;
  for (const toml::node& item : *array) {
    const auto* value = item.as_string();
    if (!value || value->get().empty()) {
      Report(LineOf(item), "'" + std::string(key) + "' items must be non-empty strings");
      ok = false;
      continue;
    }
    items.push_back(value->get());
  }
  if (ok && items.size() < min_items) {
    Report(LineOf(*node),
           "'" + std::string(key) + "' needs at least " + std::to_string(min_items) + " item(s)");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return items;
}

void FieldReader::RejectUnknownKeys(const std::vector<std::string_view>& allowed) {
  for (const auto& [key, node] : table_) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
      Report(LineOf(node), "unknown key '" + std::string(key.str()) + "'");
    }
  }
}

}  // namespace cultivate::assess::internal
