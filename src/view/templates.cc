#include "view/templates.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <kainjow/mustache.hpp>

namespace cultivate::view {

namespace mst = kainjow::mustache;

std::string EscapeHtml(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

struct Source {
  std::string file;
  std::string text;
};

int LineAt(const std::string& text, size_t pos) {
  int line = 1;
  for (size_t i = 0; i < pos && i < text.size(); ++i)
    if (text[i] == '\n') ++line;
  return line;
}

/// kainjow reports "... at <offset>"; turn the offset into a line of the file.
Diagnostic ParseError(const Source& src, const std::string& message) {
  static const std::regex kAt(" at ([0-9]+)$");
  std::smatch m;
  int line = 1;
  if (std::regex_search(message, m, kAt)) line = LineAt(src.text, std::stoul(m[1].str()));
  return {src.file, line, "template error: " + message};
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

mst::data ToData(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mst::data d{mst::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) {
        // set() copies its argument deeply: insert a cheap placeholder and move into it.
        d.set(it.key(), mst::data(false));
        *const_cast<mst::data*>(d.get(it.key())) = ToData(it.value());
        // Mustache cannot ask "is this list empty?" without looping over it, so every
        // list `x` also gets a flag `has_x`.
        if (it.value().is_array() && !j.contains("has_" + it.key()))
          d.set("has_" + it.key(), mst::data(it.value().empty() ? mst::data::type::bool_false
                                                                 : mst::data::type::bool_true));
      }
      return d;
    }
    case nlohmann::json::value_t::array: {
      mst::data d{mst::data::type::list};
      // push_back() copies, and so does the vector when it grows (kainjow's move is not
      // noexcept): size the list with placeholders first, then move each item into place.
      for (size_t i = 0; i < j.size(); ++i) d.push_back(mst::data(false));
      auto& list = const_cast<mst::basic_list<std::string>&>(d.list_value());
      size_t i = 0;
      for (const auto& item : j) list[i++] = ToData(item);
      return d;
    }
    case nlohmann::json::value_t::string: {
      // An empty string is false in a section ({{#x}}), as in most Mustache implementations,
      // and renders as nothing either way.
      const auto& s = j.get_ref<const std::string&>();
      return s.empty() ? mst::data(mst::data::type::bool_false) : mst::data(s);
    }
    case nlohmann::json::value_t::boolean:
      return j.get<bool>() ? mst::data(mst::data::type::bool_true)
                           : mst::data(mst::data::type::bool_false);
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return mst::data(std::to_string(j.get<long long>()));
    case nlohmann::json::value_t::number_float: {
      std::ostringstream ss;
      ss << j.get<double>();
      return mst::data(ss.str());
    }
    default: return mst::data(mst::data::type::bool_false);
  }
}

}  // namespace

struct Templates::Impl {
  std::map<std::string, std::unique_ptr<mst::mustache>> parsed;
};

Templates::Templates() : impl_(std::make_unique<Impl>()) {}
Templates::~Templates() = default;
Templates::Templates(Templates&&) noexcept = default;
Templates& Templates::operator=(Templates&&) noexcept = default;

tl::expected<Templates, Diagnostics> Templates::Load(const std::filesystem::path& dir) {
  Diagnostics diags;
  std::map<std::string, Source> partials, pages;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return tl::unexpected(Diagnostics{{dir.string(), 0, "templates folder not found"}});
  auto collect = [&](const std::filesystem::path& folder, const std::string& prefix,
                     std::map<std::string, Source>* out) {
    if (!std::filesystem::is_directory(folder, ec)) return;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".html") continue;
      (*out)[prefix + entry.path().stem().string()] = {entry.path().string(), ReadFile(entry.path())};
    }
  };
  collect(dir, "", &pages);
  collect(dir / "partials", "partials/", &partials);

  // Check each file alone first, so errors carry the right file and line.
  std::set<std::string> broken;  // files already reported: not reported again when inlined
  for (const auto* group : {&partials, &pages})
    for (const auto& [name, src] : *group) {
      mst::mustache t{src.text};
      if (!t.is_valid()) {
        diags.push_back(ParseError(src, t.error_message()));
        broken.insert(name);
      }
    }

  static const std::regex kPartial(R"(\{\{>\s*([A-Za-z0-9_/\-]+)\s*\}\})");
  std::function<std::string(const Source&, std::set<std::string>&)> inline_partials =
      [&](const Source& src, std::set<std::string>& stack) -> std::string {
    std::string out;
    size_t last = 0;
    for (std::sregex_iterator it(src.text.begin(), src.text.end(), kPartial), end; it != end; ++it) {
      const auto& m = *it;
      out.append(src.text, last, m.position() - last);
      last = m.position() + m.length();
      std::string name = m[1].str();
      int line = LineAt(src.text, m.position());
      auto p = partials.find(name);
      if (p == partials.end()) {
        diags.push_back({src.file, line, "unknown partial \"" + name + "\" (partials live in templates/partials/ and are named partials/<file>)"});
      } else if (stack.count(name)) {
        diags.push_back({src.file, line, "partial \"" + name + "\" includes itself"});
      } else {
        stack.insert(name);
        out += inline_partials(p->second, stack);
        stack.erase(name);
      }
    }
    out.append(src.text, last, std::string::npos);
    return out;
  };

  Templates templates;
  for (const auto& [name, src] : pages) {
    std::set<std::string> stack;
    size_t before = diags.size();
    std::string full = inline_partials(src, stack);
    bool uses_broken = diags.size() != before || broken.count(name) > 0 ||
                       std::any_of(broken.begin(), broken.end(), [&](const std::string& b) {
                         return b.rfind("partials/", 0) == 0 && src.text.find(b) != std::string::npos;
                       });
    if (uses_broken) continue;  // already reported with its own file and line
    auto t = std::make_unique<mst::mustache>(full);
    if (!t->is_valid()) {
      // Only reachable when a partial is valid alone but not in context (e.g. an unclosed
      // section that spans files).
      diags.push_back({src.file, 1, "template error after including partials: " + t->error_message()});
      continue;
    }
    templates.impl_->parsed.emplace(name, std::move(t));
  }
  if (!diags.empty()) return tl::unexpected(std::move(diags));
  return templates;
}

bool Templates::Has(const std::string& name) const { return impl_->parsed.count(name) > 0; }

Result<std::string> Templates::Render(const std::string& name, const nlohmann::json& model) const {
  auto it = impl_->parsed.find(name);
  if (it == impl_->parsed.end()) return Fail(Error::NotFound("no template named " + name));
  mst::data data = ToData(model);
  std::string out;
  // render() with a stream-less overload keeps no state in the template object except
  // error_message_, which is only written when a partial fails (never: partials are inlined).
  it->second->render(data, [&out](const std::string& s) { out += s; });
  return out;
}

}  // namespace cultivate::view
