#pragma once
/// The guide's content (content/ as described in docs/content.md), loaded and validated
/// once at start. Immutable afterwards, so a const Catalog is safe for concurrent use.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "common/diagnostic.h"
#include "common/known_ids.h"
#include "content/markdown.h"

namespace cultivate::content {

/// A phase, element, principle or sector from taxonomy.toml.
struct TaxonomyItem {
  std::string id;
  std::string title;
  std::string summary;  // required for elements and principles; may be empty otherwise
};

/// content/pages/*.md
struct Page {
  std::string path;
  std::string title;
  std::string description;
  std::string nav_title;           // defaults to title
  std::optional<int> nav_order;    // in the main navigation when set
  std::optional<int> guide_order;  // in the guide's side navigation when set
  std::string guide_title;         // label in the guide's side navigation; defaults to title
  std::string template_name;       // default "page"
  std::string html;
  std::vector<Heading> headings;
  std::string source_file;
};

/// content/phases/<id>.md
struct Phase {
  std::string id;
  int order = 0;  // 1..5
  std::string title, stage, tension, summary, description, guess;
  std::vector<std::string> practices;  // as listed in the front matter
  std::vector<std::string> examples;
  std::string html;
  std::vector<Heading> headings;
  std::string source_file;
};

/// content/practices/<id>.md
struct Practice {
  std::string id;
  std::string title, summary, description;
  std::vector<std::string> phases, examples, principles;  // as listed
  std::string html;
  std::vector<Heading> headings;
  std::string source_file;
};

/// content/examples/<id>.md
struct Example {
  std::string id;
  std::string title, summary, description, sector, scale;
  std::vector<std::string> phases, practices, sources;  // as listed
  std::string html;
  std::vector<Heading> headings;
  std::string source_file;
};

/// content/templates/<id>.md: a document coordinators download, fill in and keep.
struct DocumentTemplate {
  std::string id;
  std::string title, summary;
  int order = 0;          // position in the list, 1..99
  std::string markdown;   // the body as written: the Markdown download
  std::string html;
  std::vector<Heading> headings;
  std::string source_file;
};

/// references.toml
struct Reference {
  std::string id, authors, year, title;
  std::string publisher, url;  // may be empty
};

/// glossary.toml
struct Term {
  std::string id, term;
  std::string definition_html;  // inline HTML, no surrounding <p>
};

/// The files of content/ by path relative to it ("phases/define.md" -> text): what the
/// loader reads, so validation can be tested without a disk.
struct ContentTree {
  std::string root;  // prefixed to relative paths in diagnostics; may be empty
  std::map<std::string, std::string> files;
};

/// Reads taxonomy.toml, references.toml, glossary.toml and the *.md files (not hidden
/// ones) directly inside pages/, phases/, practices/, examples/ and templates/.
tl::expected<ContentTree, Diagnostics> ReadContentTree(const std::filesystem::path& dir);

class Catalog;
/// Validates every field in docs/content.md and every internal link; collects all problems.
tl::expected<Catalog, Diagnostics> BuildCatalog(const ContentTree& tree);
/// ReadContentTree + BuildCatalog.
tl::expected<Catalog, Diagnostics> LoadCatalog(const std::filesystem::path& content_dir);

class Catalog {
 public:
  // Everything, in display order.
  const std::vector<Phase>& phases() const { return phases_; }           // by order
  const std::vector<Practice>& practices() const { return practices_; }  // by title
  const std::vector<Example>& examples() const { return examples_; }     // by title
  const std::vector<Page>& pages() const { return pages_; }              // by path
  const std::vector<DocumentTemplate>& templates() const { return templates_; }  // by order
  const std::vector<Reference>& references() const { return references_; }  // file order
  const std::vector<Term>& glossary() const { return glossary_; }        // by term
  const std::vector<TaxonomyItem>& elements() const { return elements_; }      // file order
  const std::vector<TaxonomyItem>& principles() const { return principles_; }  // file order
  const std::vector<TaxonomyItem>& sectors() const { return sectors_; }        // file order

  // Lookups; nullptr when missing. Pointers stay valid as long as the Catalog.
  const Phase* FindPhase(const std::string& id) const;
  const Practice* FindPractice(const std::string& id) const;
  const Example* FindExample(const std::string& id) const;
  const Page* FindPage(const std::string& path) const;
  const DocumentTemplate* FindTemplate(const std::string& id) const;
  const Reference* FindReference(const std::string& id) const;
  const Term* FindTerm(const std::string& id) const;
  const TaxonomyItem* FindElement(const std::string& id) const;
  const TaxonomyItem* FindPrinciple(const std::string& id) const;
  const TaxonomyItem* FindSector(const std::string& id) const;

  // Cross-links, the union of both directions (a phase listing a practice, or the practice
  // listing the phase). Practices and examples: those the entity lists first, in its order,
  // then the others by title. Phases: by order. Empty for an unknown id.
  std::vector<const Practice*> PracticesForPhase(const std::string& phase) const;
  std::vector<const Example*> ExamplesForPhase(const std::string& phase) const;
  std::vector<const Phase*> PhasesForPractice(const std::string& practice) const;
  std::vector<const Example*> ExamplesForPractice(const std::string& practice) const;
  std::vector<const Practice*> PracticesForExample(const std::string& example) const;
  std::vector<const Phase*> PhasesForExample(const std::string& example) const;

  /// Pages with nav_order (resp. guide_order), by that order then title.
  std::vector<const Page*> MainNav() const;
  std::vector<const Page*> GuideNav() const;

  /// Examples matching every non-empty filter (phase and practice use the cross-links
  /// above), by title.
  std::vector<const Example*> FilterExamples(const std::string& sector, const std::string& phase,
                                             const std::string& practice) const;

  /// True for a site path, optionally with `?query` and `#anchor`, that exists: /, /about,
  /// page paths, /guide/{phases,practices,examples,templates}/<id>, /guide/glossary[#term],
  /// /guide/references[#ref], /checkup, /search, /healthz; `#anchor` may also be the id
  /// of a heading of the page at that path.
  bool PathExists(const std::string& path) const;

  /// The ids content defines, for checking other files (question bank) against them.
  /// The returned path_exists stays valid after this Catalog is destroyed.
  KnownIds Ids() const;

 private:
  friend class CatalogBuilder;
  /// Site path -> anchors that exist on it.
  using PathIndex = std::map<std::string, std::set<std::string>>;

  std::vector<Phase> phases_;
  std::vector<Practice> practices_;
  std::vector<Example> examples_;
  std::vector<Page> pages_;
  std::vector<DocumentTemplate> templates_;
  std::vector<Reference> references_;
  std::vector<Term> glossary_;
  std::vector<TaxonomyItem> phase_taxonomy_, elements_, principles_, sectors_;

  // Cross-links as indices into the vectors above, keyed by the entity's index.
  std::vector<std::vector<size_t>> practices_for_phase_, examples_for_phase_;
  std::vector<std::vector<size_t>> phases_for_practice_, examples_for_practice_;
  std::vector<std::vector<size_t>> practices_for_example_, phases_for_example_;

  std::shared_ptr<const PathIndex> paths_ = std::make_shared<PathIndex>();
};

}  // namespace cultivate::content
