#include "content/catalog.h"

#include <algorithm>

namespace cultivate::content {
namespace {

template <typename T>
const T* FindById(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

template <typename T>
std::vector<const T*> Pick(const std::vector<T>& items, const std::vector<size_t>& indices) {
  std::vector<const T*> result;
  result.reserve(indices.size());
  for (size_t i : indices) result.push_back(&items[i]);
  return result;
}

/// Cross-links of the entity `id` in `owners`, picked from `targets`.
template <typename Owner, typename Target>
std::vector<const Target*> Links(const std::vector<Owner>& owners, const std::string& id,
                                 const std::vector<std::vector<size_t>>& links,
                                 const std::vector<Target>& targets) {
  for (size_t i = 0; i < owners.size() && i < links.size(); ++i) {
    if (owners[i].id == id) return Pick(targets, links[i]);
  }
  return {};
}

bool Exists(const std::map<std::string, std::set<std::string>>& paths, const std::string& target) {
  size_t hash = target.find('#');
  std::string path = target.substr(0, hash);
  std::string anchor = hash == std::string::npos ? "" : target.substr(hash + 1);
  path = path.substr(0, path.find('?'));
  auto it = paths.find(path);
  if (it == paths.end()) return false;
  return anchor.empty() || it->second.count(anchor) > 0;
}

std::vector<const Page*> Nav(const std::vector<Page>& pages,
                             std::optional<int> Page::*order) {
  std::vector<const Page*> nav;
  for (const Page& p : pages) {
    if (p.*order) nav.push_back(&p);
  }
  std::stable_sort(nav.begin(), nav.end(), [&](const Page* a, const Page* b) {
    if (*(a->*order) != *(b->*order)) return *(a->*order) < *(b->*order);
    return a->title < b->title;
  });
  return nav;
}

}  // namespace

const Phase* Catalog::FindPhase(const std::string& id) const { return FindById(phases_, id); }
const Practice* Catalog::FindPractice(const std::string& id) const {
  return FindById(practices_, id);
}
const Example* Catalog::FindExample(const std::string& id) const {
  return FindById(examples_, id);
}
const Reference* Catalog::FindReference(const std::string& id) const {
  return FindById(references_, id);
}
const Term* Catalog::FindTerm(const std::string& id) const { return FindById(glossary_, id); }
const TaxonomyItem* Catalog::FindElement(const std::string& id) const {
  return FindById(elements_, id);
}
const TaxonomyItem* Catalog::FindPrinciple(const std::string& id) const {
  return FindById(principles_, id);
}
const TaxonomyItem* Catalog::FindSector(const std::string& id) const {
  return FindById(sectors_, id);
}
const DocumentTemplate* Catalog::FindTemplate(const std::string& id) const {
  return FindById(templates_, id);
}

const Page* Catalog::FindPage(const std::string& path) const {
  auto it = std::find_if(pages_.begin(), pages_.end(), [&](const Page& p) { return p.path == path; });
  return it == pages_.end() ? nullptr : &*it;
}

std::vector<const Practice*> Catalog::PracticesForPhase(const std::string& phase) const {
  return Links(phases_, phase, practices_for_phase_, practices_);
}
std::vector<const Example*> Catalog::ExamplesForPhase(const std::string& phase) const {
  return Links(phases_, phase, examples_for_phase_, examples_);
}
std::vector<const Phase*> Catalog::PhasesForPractice(const std::string& practice) const {
  return Links(practices_, practice, phases_for_practice_, phases_);
}
std::vector<const Example*> Catalog::ExamplesForPractice(const std::string& practice) const {
  return Links(practices_, practice, examples_for_practice_, examples_);
}
std::vector<const Practice*> Catalog::PracticesForExample(const std::string& example) const {
  return Links(examples_, example, practices_for_example_, practices_);
}
std::vector<const Phase*> Catalog::PhasesForExample(const std::string& example) const {
  return Links(examples_, example, phases_for_example_, phases_);
}

std::vector<const Page*> Catalog::MainNav() const { return Nav(pages_, &Page::nav_order); }
std::vector<const Page*> Catalog::GuideNav() const { return Nav(pages_, &Page::guide_order); }

std::vector<const Example*> Catalog::FilterExamples(const std::string& sector,
                                                    const std::string& phase,
                                                    const std::string& practice) const {
  std::vector<const Example*> in_phase = ExamplesForPhase(phase);
  std::vector<const Example*> for_practice = ExamplesForPractice(practice);
  auto has = [](const std::vector<const Example*>& v, const Example* e) {
    return std::find(v.begin(), v.end(), e) != v.end();
  };
  std::vector<const Example*> result;
  for (const Example& e : examples_) {  // already in title order
    if (!sector.empty() && e.sector != sector) continue;
    if (!phase.empty() && !has(in_phase, &e)) continue;
    if (!practice.empty() && !has(for_practice, &e)) continue;
    result.push_back(&e);
  }
  return result;
}

bool Catalog::PathExists(const std::string& path) const { return Exists(*paths_, path); }

KnownIds Catalog::Ids() const {
  KnownIds ids;
  for (const auto& p : phase_taxonomy_) ids.phases.insert(p.id);
  for (const auto& e : elements_) ids.elements.insert(e.id);
  for (const auto& p : principles_) ids.principles.insert(p.id);
  for (const auto& s : sectors_) ids.sectors.insert(s.id);
  for (const auto& p : practices_) ids.practices.insert(p.id);
  for (const auto& e : examples_) ids.examples.insert(e.id);
  ids.path_exists = [paths = paths_](const std::string& path) { return Exists(*paths, path); };
  return ids;
}

}  // namespace cultivate::content
