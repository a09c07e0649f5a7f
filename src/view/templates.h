#pragma once
/// The page templates (kainjow Mustache), each parsed once at start. Partials live in
/// `templates/partials/` and are used as `{{> partials/name}}`; they are inlined into each
/// template before it is parsed, so no partial is parsed per request and no data key can
/// collide with a partial name. A template shows data: view models are built in C++.
/// Every list `x` in a view model also gets a flag `has_x` (true when it is not empty), and
/// an empty string is false in a section, so `{{#name}}: {{name}}{{/name}}` shows nothing.

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "common/diagnostic.h"
#include "common/error.h"

namespace cultivate::view {

class Templates {
 public:
  /// Loads `dir/*.html` as templates and `dir/partials/*.html` as partials. Reports every
  /// syntax error, unknown partial and partial cycle as `file:line: message`.
  static tl::expected<Templates, Diagnostics> Load(const std::filesystem::path& dir);

  Templates();
  ~Templates();
  Templates(Templates&&) noexcept;
  Templates& operator=(Templates&&) noexcept;

  bool Has(const std::string& name) const;
  /// Renders template `name` (file name without .html) with a JSON view model. Strings are
  /// HTML-escaped unless the template uses triple braces. Safe for concurrent use.
  Result<std::string> Render(const std::string& name, const nlohmann::json& model) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string EscapeHtml(std::string_view s);

}  // namespace cultivate::view
