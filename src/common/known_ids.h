#pragma once
/// The ids that content/ defines, so the question bank and other files can be checked
/// against them without knowing how content is loaded.

#include <functional>
#include <set>
#include <string>

namespace cultivate {

struct KnownIds {
  std::set<std::string> phases;      // in taxonomy order: define, design, grow, perform, transform
  std::set<std::string> elements;    // domain, community, practice
  std::set<std::string> principles;  // the seven cultivation principles
  std::set<std::string> sectors;
  std::set<std::string> practices;   // content/practices/<id>.md
  std::set<std::string> examples;    // content/examples/<id>.md
  /// True when a site path (with optional #anchor) names a page or anchor that exists.
  std::function<bool(const std::string&)> path_exists;
};

}  // namespace cultivate
