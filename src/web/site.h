#pragma once
/// Everything cultivate reads from the content folder at start: guide content, question
/// bank, templates, static files and the search index. Immutable once loaded, so it is
/// shared by every request thread without locks.

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "assess/bank.h"
#include "common/diagnostic.h"
#include "assess/results_json.h"
#include "content/catalog.h"
#include "content/messages.h"
#include "content/search.h"
#include "http/static_files.h"
#include "view/templates.h"

namespace cultivate::web {

/// content/site.toml: short texts used outside pages.
struct SiteTexts {
  std::string name = "cultivate";
  std::map<int, std::string> error_titles;
  struct NavLink {
    std::string title, href;
    int order = 0;
  };
  std::vector<NavLink> nav;  // [[nav]] entries, merged with pages that have nav_order
};

struct Site {
  std::filesystem::path root;
  content::Catalog catalog;
  assess::Bank bank;
  view::Templates templates;
  http::StaticFiles statics;
  std::unique_ptr<content::SearchIndex> search;
  SiteTexts texts;
  content::Messages messages;  // content/messages.toml
  std::string openapi;         // content/openapi.json: the API's contract, served as is
};

/// Loads and checks everything under `root` (content/, questions/, templates/, static/).
/// Returns every problem found as `file:line: message`.
tl::expected<std::shared_ptr<const Site>, Diagnostics> LoadSite(const std::filesystem::path& root);

/// Resolves ids (phases, elements, principles, practices, examples, questions) to titles.
assess::Labels ContentLabels(const Site& site);

/// One line for `check-content`: counts of pages, questions, templates.
std::string Describe(const Site& site);

}  // namespace cultivate::web
