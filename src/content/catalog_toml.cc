// Loading of the .toml files of content/: taxonomy, references, glossary.
#include <algorithm>

#include "content/catalog_builder.h"

namespace cultivate::content {

std::string CatalogBuilder::FileName(std::string_view rel) const {
  return tree_.root.empty() ? std::string(rel) : tree_.root + "/" + std::string(rel);
}

std::vector<const toml::table*> CatalogBuilder::Tables(const toml::table& root,
                                                       std::string_view name,
                                                       const std::string& file,
                                                       bool required) {
  std::vector<const toml::table*> tables;
  const toml::node* node = root.get(name);
  if (node == nullptr) {
    if (required) Report(file, 0, "no [[" + std::string(name) + "]] tables");
    return tables;
  }
  const toml::array* array = node->as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    Report(file, SourceLine(node->source(), 0, 0),
           "`" + std::string(name) + "` must be written as [[" + std::string(name) + "]] tables");
    return tables;
  }
  for (const toml::node& element : *array) tables.push_back(element.as_table());
  return tables;
}

std::vector<TaxonomyItem> CatalogBuilder::TaxonomyItems(const toml::table& root,
                                                        std::string_view name,
                                                        const std::string& file,
                                                        bool summary_required) {
  std::vector<TaxonomyItem> items;
  std::set<std::string> seen;
  for (const toml::table* table : Tables(root, name, file, true)) {
    int header = SourceLine(table->source(), 0, 0);
    FieldReader reader(*table, file, 0, header, &diagnostics_);
    reader.RejectUnknownKeys({"id", "title", "summary"});
    TaxonomyItem item;
    item.id = reader.RequiredString("id");
    item.title = reader.RequiredString("title");
    item.summary = summary_required ? reader.RequiredString("summary")
                                    : reader.OptionalString("summary").value_or("");
    if (item.id.empty()) continue;
    if (!IsSlugId(item.id)) {
      reader.Report(reader.LineOf("id"), "id \"" + item.id +
                                             "\" must use only lowercase letters, digits and hyphens");
    } else if (!seen.insert(item.id).second) {
      reader.Report(reader.LineOf("id"), std::string(name) + " id \"" + item.id + "\" is listed twice");
    } else {
      items.push_back(std::move(item));
    }
  }
  return items;
}

void CatalogBuilder::LoadTaxonomy() {
  const std::string file = FileName("taxonomy.toml");
  auto it = tree_.files.find("taxonomy.toml");
  if (it == tree_.files.end()) return Report(file, 0, "missing file");
  auto root = ParseTomlFile(it->second, file);
  if (!root) return diagnostics_.push_back(root.error());
  FieldReader top(*root, file, 0, 0, &diagnostics_);
  top.RejectUnknownKeys({"phase", "element", "principle", "sector"});
  catalog_.phase_taxonomy_ = TaxonomyItems(*root, "phase", file, false);
  catalog_.elements_ = TaxonomyItems(*root, "element", file, true);
  catalog_.principles_ = TaxonomyItems(*root, "principle", file, true);
  catalog_.sectors_ = TaxonomyItems(*root, "sector", file, false);
  if (catalog_.phase_taxonomy_.size() != 5) {
    Report(file, 0, "the taxonomy must list exactly five phases, not " +
                        std::to_string(catalog_.phase_taxonomy_.size()));
  }
  for (const auto& p : catalog_.phase_taxonomy_) phase_ids_.insert(p.id);
  for (const auto& e : catalog_.elements_) element_ids_.insert(e.id);
  for (const auto& p : catalog_.principles_) principle_ids_.insert(p.id);
  for (const auto& s : catalog_.sectors_) sector_ids_.insert(s.id);
}

void CatalogBuilder::LoadReferences() {
  const std::string file = FileName("references.toml");
  auto it = tree_.files.find("references.toml");
  if (it == tree_.files.end()) return Report(file, 0, "missing file");
  auto root = ParseTomlFile(it->second, file);
  if (!root) return diagnostics_.push_back(root.error());
  FieldReader top(*root, file, 0, 0, &diagnostics_);
  top.RejectUnknownKeys({"reference"});
  for (const toml::table* table : Tables(*root, "reference", file, true)) {
    FieldReader reader(*table, file, 0, SourceLine(table->source(), 0, 0), &diagnostics_);
    reader.RejectUnknownKeys({"id", "authors", "year", "title", "publisher", "url"});
    Reference ref;
    ref.id = reader.RequiredString("id");
    ref.authors = reader.RequiredString("authors");
    if (const toml::node* year = table->get("year"); year != nullptr && year->is_integer()) {
      ref.year = std::to_string(year->as_integer()->get());  // year = 2015 reads as "2015"
    } else {
      ref.year = reader.RequiredString("year");
    }
    ref.title = reader.RequiredString("title");
    ref.publisher = reader.OptionalString("publisher").value_or("");
    ref.url = reader.OptionalString("url").value_or("");
    if (!ref.url.empty() && ref.url.rfind("https://", 0) != 0 && ref.url.rfind("http://", 0) != 0) {
      reader.Report(reader.LineOf("url"), "`url` must start with https:// or http://");
    }
    if (ref.id.empty()) continue;
    if (!IsSlugId(ref.id)) {
      reader.Report(reader.LineOf("id"), "id \"" + ref.id +
                                             "\" must use only lowercase letters, digits and hyphens");
    } else if (!reference_ids_.insert(ref.id).second) {
      reader.Report(reader.LineOf("id"), "reference id \"" + ref.id + "\" is listed twice");
    } else {
      catalog_.references_.push_back(std::move(ref));
    }
  }
}

void CatalogBuilder::LoadGlossary() {
  const std::string file = FileName("glossary.toml");
  auto it = tree_.files.find("glossary.toml");
  if (it == tree_.files.end()) return Report(file, 0, "missing file");
  auto root = ParseTomlFile(it->second, file);
  if (!root) return diagnostics_.push_back(root.error());
  FieldReader top(*root, file, 0, 0, &diagnostics_);
  top.RejectUnknownKeys({"term"});
  std::set<std::string> seen;
  for (const toml::table* table : Tables(*root, "term", file, true)) {
    FieldReader reader(*table, file, 0, SourceLine(table->source(), 0, 0), &diagnostics_);
    reader.RejectUnknownKeys({"id", "term", "definition"});
    Term term;
    term.id = reader.RequiredString("id");
    term.term = reader.RequiredString("term");
    std::string definition = reader.RequiredString("definition");
    int line = reader.LineOf("definition");
    bool single = true;
    RenderedMarkdown rendered = RenderInlineMarkdown(definition, &single);
    if (!definition.empty() && !single) {
      reader.Report(line, "`definition` must be one paragraph of Markdown");
    }
    for (const RawHtml& raw : rendered.raw_html) {
      reader.Report(line, "raw HTML is not allowed in Markdown (readers would see it as text): " +
                              raw.text);
    }
    term.definition_html = std::move(rendered.html);
    link_sources_.push_back({file, line, true, "/guide/glossary", std::move(rendered.links)});
    if (term.id.empty()) continue;
    if (!IsSlugId(term.id)) {
      reader.Report(reader.LineOf("id"), "id \"" + term.id +
                                             "\" must use only lowercase letters, digits and hyphens");
    } else if (!seen.insert(term.id).second) {
      reader.Report(reader.LineOf("id"), "term id \"" + term.id + "\" is listed twice");
    } else {
      catalog_.glossary_.push_back(std::move(term));
    }
  }
  std::stable_sort(catalog_.glossary_.begin(), catalog_.glossary_.end(),
                   [](const Term& a, const Term& b) { return TitleLess(a.term, b.term); });
}

}  // namespace cultivate::content
