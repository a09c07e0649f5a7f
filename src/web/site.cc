#include "web/site.h"

#include "common/message_keys.h"

#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

namespace cultivate::web {

namespace {

tl::expected<SiteTexts, Diagnostics> LoadTexts(const std::filesystem::path& file) {
  SiteTexts texts;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return texts;
  try {
    toml::table t = toml::parse_file(file.string());
    if (auto name = t["name"].value<std::string>()) texts.name = *name;
    if (auto* errors = t["errors"].as_table()) {
      for (const auto& [key, value] : *errors) {
        int status = std::atoi(std::string(key.str()).c_str());
        auto title = value.value<std::string>();
        if (status < 400 || status > 599 || !title)
          return tl::unexpected(Diagnostics{{file.string(), static_cast<int>(value.source().begin.line),
                                             "errors: keys are HTTP status codes (400-599) and values are strings"}});
        texts.error_titles[status] = *title;
      }
    }
    if (auto* nav = t["nav"].as_array()) {
      for (const auto& node : *nav) {
        const toml::table* item = node.as_table();
        auto title = item ? (*item)["title"].value<std::string>() : std::nullopt;
        auto href = item ? (*item)["href"].value<std::string>() : std::nullopt;
        auto order = item ? (*item)["order"].value<int64_t>() : std::nullopt;
        if (!title || !href || !order || href->empty() || (*href)[0] != '/')
          return tl::unexpected(Diagnostics{{file.string(), static_cast<int>(node.source().begin.line),
                                             "[[nav]] needs title, href (a site path) and order"}});
        texts.nav.push_back({*title, *href, static_cast<int>(*order)});
      }
    }
  } catch (const toml::parse_error& e) {
    return tl::unexpected(Diagnostics{{file.string(), static_cast<int>(e.source().begin.line),
                                       std::string(e.description())}});
  }
  return texts;
}

// The OpenAPI document, checked to be JSON with an "openapi" version and "paths".
tl::expected<std::string, Diagnostic> ReadOpenApi(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return tl::unexpected(Diagnostic{file.string(), 0, "cannot read the API document"});
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("openapi") || !doc.contains("paths"))
    return tl::unexpected(Diagnostic{file.string(), 0, "not an OpenAPI document (JSON with openapi and paths)"});
  return text;
}

}  // namespace

tl::expected<std::shared_ptr<const Site>, Diagnostics> LoadSite(const std::filesystem::path& root) {
  Diagnostics diags;
  auto site = std::make_shared<Site>();
  site->root = root;

  auto messages = content::Messages::Load(root / "content" / "messages.toml");
  if (!messages)
    diags.insert(diags.end(), messages.error().begin(), messages.error().end());
  else
    site->messages = std::move(*messages);

  if (auto doc = ReadOpenApi(root / "content" / "openapi.json"); !doc)
    diags.push_back(doc.error());
  else
    site->openapi = std::move(*doc);

  auto catalog = content::LoadCatalog(root / "content");
  if (!catalog) {
    diags.insert(diags.end(), catalog.error().begin(), catalog.error().end());
  } else {
    site->catalog = std::move(*catalog);
    auto bank = assess::LoadBank(root / "questions", site->catalog.Ids());
    if (!bank)
      diags.insert(diags.end(), bank.error().begin(), bank.error().end());
    else
      site->bank = std::move(*bank);
  }
  auto templates = view::Templates::Load(root / "templates");
  if (!templates)
    diags.insert(diags.end(), templates.error().begin(), templates.error().end());
  else
    site->templates = std::move(*templates);
  for (const char* name : {"page", "error", "home", "phase", "phases", "practice", "practices",
                           "example", "examples", "glossary", "references", "search",
                           "checkup_start", "checkup_overview", "checkup_phase", "checkup_results",
                           "checkup_plan", "checkup_print"}) {
    if (templates && !site->templates.Has(name))
      diags.push_back({(root / "templates" / (std::string(name) + ".html")).string(), 0,
                       "missing template (the site needs it)"});
  }
  auto texts = LoadTexts(root / "content" / "site.toml");
  if (!texts)
    diags.insert(diags.end(), texts.error().begin(), texts.error().end());
  else
    site->texts = std::move(*texts);
  auto statics = http::StaticFiles::Load(root / "static");
  if (!statics)
    diags.push_back({(root / "static").string(), 0, statics.error().message});
  else
    site->statics = std::move(*statics);
  if (!diags.empty()) return tl::unexpected(std::move(diags));

  auto search = content::SearchIndex::Build(site->catalog);
  if (!search) return tl::unexpected(Diagnostics{{(root / "content").string(), 0,
                                                  "cannot build the search index: " + search.error().message}});
  site->search = std::move(*search);
  return std::shared_ptr<const Site>(std::move(site));
}

std::string Describe(const Site& site) {
  const auto& c = site.catalog;
  std::string archived;  // ", earlier 2026.1" when questions/archive/ holds versions
  for (const auto& old : site.bank.earlier) archived += (archived.empty() ? ", earlier " : ", ") + old.version;
  return std::to_string(c.pages().size()) + " pages, " + std::to_string(c.phases().size()) +
         " phases, " + std::to_string(c.practices().size()) + " practices, " +
         std::to_string(c.examples().size()) + " examples, " +
         std::to_string(c.glossary().size()) + " glossary terms, " +
         std::to_string(c.references().size()) + " references, " +
         std::to_string(site.bank.QuestionCount()) + " questions (bank " + site.bank.version +
         archived + "), " + std::to_string(site.statics.size()) + " static files";
}

namespace {
// A value-creation cycle's title, from content/messages.toml.
std::string CycleLabel(const Site& site, const std::string& id) {
  if (id == "immediate") return site.messages.Text(msg::kCycleImmediate);
  if (id == "potential") return site.messages.Text(msg::kCyclePotential);
  if (id == "applied") return site.messages.Text(msg::kCycleApplied);
  if (id == "realized") return site.messages.Text(msg::kCycleRealized);
  if (id == "reframing") return site.messages.Text(msg::kCycleReframing);
  return "";
}
}  // namespace

assess::Labels ContentLabels(const Site& site) {
  const content::Catalog& c = site.catalog;
  return assess::WithBank(site.bank, [&c, &site](assess::LabelKind kind, const std::string& id) -> std::string {
    const auto title = [](const auto* item) { return item ? item->title : std::string(); };
    switch (kind) {
      case assess::LabelKind::kPhase: return title(c.FindPhase(id));
      case assess::LabelKind::kElement: return title(c.FindElement(id));
      case assess::LabelKind::kPrinciple: return title(c.FindPrinciple(id));
      case assess::LabelKind::kPractice: return title(c.FindPractice(id));
      case assess::LabelKind::kExample: return title(c.FindExample(id));
      case assess::LabelKind::kCycle: return CycleLabel(site, id);
      default: return "";
    }
  });
}

}  // namespace cultivate::web
