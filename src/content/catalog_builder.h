#pragma once
/// Internal to src/content: builds a Catalog from a ContentTree, one entity kind per
/// Load* step (catalog_toml.cc, catalog_markdown.cc), then cross-links and link checks
/// (catalog_links.cc). Every step appends diagnostics and carries on.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/catalog.h"
#include "content/front_matter.h"
#include "content/markdown.h"

namespace cultivate::content {

class CatalogBuilder {
 public:
  explicit CatalogBuilder(const ContentTree& tree) : tree_(tree) {}
  tl::expected<Catalog, Diagnostics> Build();

 private:
  /// Rendered Markdown waiting for the link check, which needs every path first.
  struct LinkSource {
    std::string file;
    int line_offset = 0;     // added to Link::line; for glossary, the definition's line
    bool fixed_line = false; // true: every link is blamed on line_offset
    std::string page_path;   // resolves `#anchor` links
    std::vector<Link> links;
  };
  /// An expected `##` section of a body; optional ones may be left out.
  struct Section {
    std::string_view title;
    bool optional = false;
  };

  // catalog_toml.cc
  void LoadTaxonomy();
  void LoadReferences();
  void LoadGlossary();
  /// The `[[name]]` tables of a parsed file; reports a missing or mistyped array.
  std::vector<const toml::table*> Tables(const toml::table& root, std::string_view name,
                                         const std::string& file, bool required);
  std::vector<TaxonomyItem> TaxonomyItems(const toml::table& root, std::string_view name,
                                          const std::string& file, bool summary_required);

  // catalog_markdown.cc
  void LoadPages();
  void LoadPhases();
  void LoadPractices();
  void LoadExamples();
  // catalog_templates.cc
  void LoadTemplates();
  /// Relative paths "dir/<id>.md" of one folder, with their ids.
  std::vector<std::pair<std::string, std::string>> MarkdownFiles(std::string_view dir) const;
  /// Parses front matter and renders the body, reporting raw HTML; nullopt (with a
  /// diagnostic) on bad front matter.
  struct Document {
    FrontMatter front;
    RenderedMarkdown body;
  };
  std::optional<Document> ReadDocument(const std::string& rel);
  /// Queues the document's links for CheckLinks; `#anchor` links resolve on `page_path`.
  void QueueLinks(const std::string& file, const Document& doc, const std::string& page_path);
  /// Reports when a listed field has fewer than `n` entries (a missing field is reported
  /// by the reader already).
  void AtLeast(FieldReader& reader, std::string_view key, size_t count, size_t n,
               std::string_view what);
  void CheckSections(const Document& doc, const std::string& file,
                     const std::vector<Section>& sections, std::string_view kind);
  void CheckDescription(FieldReader& reader, const std::string& description);
  /// Keeps ids that are in `known`, reporting the others at their line.
  std::vector<std::string> KnownOnly(FieldReader& reader, const std::vector<Located>& ids,
                                     const std::set<std::string>& known, std::string_view what,
                                     std::string_view where);

  // catalog_links.cc
  void SortAndCrossLink();
  void BuildPathIndex();
  void CheckLinks();

  std::string FileName(std::string_view rel) const;
  void Report(std::string file, int line, std::string message) {
    diagnostics_.push_back({std::move(file), line, std::move(message)});
  }

  const ContentTree& tree_;
  Catalog catalog_;
  Diagnostics diagnostics_;
  std::vector<LinkSource> link_sources_;
  std::set<std::string> phase_ids_, element_ids_, principle_ids_, sector_ids_;
  std::set<std::string> practice_ids_, example_ids_, reference_ids_;
};

/// Ids usable in URLs: lowercase ASCII letters, digits and single inner hyphens.
bool IsSlugId(std::string_view id);

/// Case-insensitive (ASCII) order for titles.
bool TitleLess(const std::string& a, const std::string& b);

}  // namespace cultivate::content
