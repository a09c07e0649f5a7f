// Reading content/ from disk, the build order, cross-links and the internal link check.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <system_error>
#include <tuple>

#include "content/catalog_builder.h"

namespace cultivate::content {
namespace {

template <typename T>
bool Contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

/// `listed` ids (in their order) as indices into `all`, then every other index for which
/// `also` holds, ascending.
template <typename Entity, typename Pred>
std::vector<size_t> ListedThenOthers(const std::vector<std::string>& listed,
                                     const std::vector<Entity>& all, Pred also) {
  std::vector<size_t> result;
  for (const std::string& id : listed) {
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].id == id && !Contains(result, i)) result.push_back(i);
    }
  }
  for (size_t i = 0; i < all.size(); ++i) {
    if (also(all[i]) && !Contains(result, i)) result.push_back(i);
  }
  return result;
}

bool ReadFile(const std::filesystem::path& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return !in.bad();
}

}  // namespace

bool IsSlugId(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  for (size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && id[i - 1] == '-')) return false;
  }
  return true;
}

bool TitleLess(const std::string& a, const std::string& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y));
  });
}

tl::expected<Catalog, Diagnostics> CatalogBuilder::Build() {
  for (auto [dir, ids] : {std::pair{"practices", &practice_ids_}, {"examples", &example_ids_}}) {
    if (MarkdownFiles(dir).empty()) Report(FileName(dir), 0, "no .md files in this folder");
    for (const auto& [rel, id] : MarkdownFiles(dir)) {
      if (IsSlugId(id)) {
        ids->insert(id);
      } else {
        Report(FileName(rel), 0, "the file name is the id used in URLs: use only lowercase "
                                 "letters, digits and hyphens");
      }
    }
  }
  LoadTaxonomy();
  LoadReferences();
  LoadGlossary();
  LoadPages();
  LoadPhases();
  LoadPractices();
  LoadExamples();
  LoadTemplates();
  SortAndCrossLink();
  BuildPathIndex();
  CheckLinks();
  if (!diagnostics_.empty()) {
    std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                       return std::tie(a.file, a.line) < std::tie(b.file, b.line);
                     });
    return tl::unexpected(std::move(diagnostics_));
  }
  return std::move(catalog_);
}

void CatalogBuilder::SortAndCrossLink() {
  Catalog& c = catalog_;
  std::stable_sort(c.phases_.begin(), c.phases_.end(),
                   [](const Phase& a, const Phase& b) { return a.order < b.order; });
  auto by_title = [](const auto& a, const auto& b) {
    if (TitleLess(a.title, b.title)) return true;
    if (TitleLess(b.title, a.title)) return false;
    return a.id < b.id;
  };
  std::sort(c.practices_.begin(), c.practices_.end(), by_title);
  std::sort(c.examples_.begin(), c.examples_.end(), by_title);
  std::sort(c.pages_.begin(), c.pages_.end(),
            [](const Page& a, const Page& b) { return a.path < b.path; });
  // Indices ascend by order (phases) or title (practices, examples), so "then by title".
  for (const Phase& phase : c.phases_) {
    c.practices_for_phase_.push_back(ListedThenOthers(
        phase.practices, c.practices_, [&](const Practice& p) { return Contains(p.phases, phase.id); }));
    c.examples_for_phase_.push_back(ListedThenOthers(
        phase.examples, c.examples_, [&](const Example& e) { return Contains(e.phases, phase.id); }));
  }
  for (const Practice& practice : c.practices_) {
    c.phases_for_practice_.push_back(ListedThenOthers({}, c.phases_, [&](const Phase& p) {
      return Contains(p.practices, practice.id) || Contains(practice.phases, p.id);
    }));
    c.examples_for_practice_.push_back(ListedThenOthers(
        practice.examples, c.examples_,
        [&](const Example& e) { return Contains(e.practices, practice.id); }));
  }
  for (const Example& example : c.examples_) {
    c.practices_for_example_.push_back(ListedThenOthers(
        example.practices, c.practices_,
        [&](const Practice& p) { return Contains(p.examples, example.id); }));
    c.phases_for_example_.push_back(ListedThenOthers({}, c.phases_, [&](const Phase& p) {
      return Contains(p.examples, example.id) || Contains(example.phases, p.id);
    }));
  }
}

void CatalogBuilder::BuildPathIndex() {
  auto index = std::make_shared<Catalog::PathIndex>();
  for (const char* path : {"/", "/about", "/checkup", "/communities", "/search", "/healthz"}) (*index)[path];
  auto& glossary = (*index)["/guide/glossary"];
  for (const Term& t : catalog_.glossary_) glossary.insert(t.id);
  auto& references = (*index)["/guide/references"];
  for (const Reference& r : catalog_.references_) references.insert(r.id);
  auto add = [&](const std::string& path, const std::vector<Heading>& headings) {
    auto& anchors = (*index)[path];
    for (const Heading& h : headings) anchors.insert(h.id);
  };
  for (const Page& p : catalog_.pages_) add(p.path, p.headings);
  for (const Phase& p : catalog_.phases_) add("/guide/phases/" + p.id, p.headings);
  for (const Practice& p : catalog_.practices_) add("/guide/practices/" + p.id, p.headings);
  for (const Example& e : catalog_.examples_) add("/guide/examples/" + e.id, e.headings);
  for (const DocumentTemplate& t : catalog_.templates_) add("/guide/templates/" + t.id, t.headings);
  catalog_.paths_ = std::move(index);
}

void CatalogBuilder::CheckLinks() {
  for (const LinkSource& source : link_sources_) {
    for (const Link& link : source.links) {
      std::string target = link.href[0] == '#' ? source.page_path + link.href : link.href;
      if (catalog_.PathExists(target)) continue;
      int line = source.fixed_line ? source.line_offset
                                   : source.line_offset + std::max(link.line, 1);
      std::string page = target.substr(0, target.find_first_of("?#"));
      bool page_exists = catalog_.PathExists(page);
      Report(source.file, line,
             "broken link " + link.href + ": " +
                 (page_exists ? "no heading or entry #" + target.substr(target.find('#') + 1) +
                                    " on " + page
                              : "no page at " + page));
    }
  }
}

tl::expected<ContentTree, Diagnostics> ReadContentTree(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return tl::unexpected(Diagnostics{{dir.string(), 0, "content directory not found"}});
  }
  ContentTree tree;
  tree.root = dir.lexically_normal().string();
  while (tree.root.size() > 1 && tree.root.back() == '/') tree.root.pop_back();
  Diagnostics problems;
  auto read = [&](const fs::path& path, const std::string& rel) {
    std::string text;
    if (ReadFile(path, &text)) {
      tree.files[rel] = std::move(text);
    } else {
      problems.push_back({path.string(), 0, "cannot read the file"});
    }
  };
  for (const char* name : {"taxonomy.toml", "references.toml", "glossary.toml"}) {
    if (fs::is_regular_file(dir / name, ec)) read(dir / name, name);
  }
  for (const char* sub : {"pages", "phases", "practices", "examples", "templates"}) {
    if (!fs::is_directory(dir / sub, ec)) continue;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir / sub, ec)) {
      std::string name = entry.path().filename().string();
      if (name.empty() || name[0] == '.' || entry.path().extension() != ".md") continue;
      if (!entry.is_regular_file(ec)) continue;
      read(entry.path(), std::string(sub) + "/" + name);
    }
    if (ec) problems.push_back({(dir / sub).string(), 0, "cannot list the folder: " + ec.message()});
  }
  if (!problems.empty()) return tl::unexpected(std::move(problems));
  return tree;
}

tl::expected<Catalog, Diagnostics> BuildCatalog(const ContentTree& tree) {
  return CatalogBuilder(tree).Build();
}

tl::expected<Catalog, Diagnostics> LoadCatalog(const std::filesystem::path& content_dir) {
  auto tree = ReadContentTree(content_dir);
  if (!tree) return tl::unexpected(std::move(tree.error()));
  return BuildCatalog(*tree);
}

}  // namespace cultivate::content
