#pragma once
/// Test support for the guide: the phases in order, and the links a page has one level
/// under a prefix such as "/guide/practices/".

#include <set>
#include <string>
#include <vector>

#include "testing/html_scan.h"

namespace cultivate::web::test::guide {

inline const std::vector<std::string> kPhases = {"define", "design", "grow", "perform", "transform"};

inline bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

/// Links on a page under a prefix such as "/guide/practices/" (one level deeper, no query).
inline std::set<std::string> LinksUnder(const std::string& html, const std::string& prefix) {
  std::set<std::string> out;
  for (const auto& href : testing::Hrefs(html)) {
    if (!StartsWith(href, prefix)) continue;
    std::string rest = href.substr(prefix.size());
    if (rest.empty() || rest.find_first_of("/?#") != std::string::npos) continue;
    out.insert(href);
  }
  return out;
}

}  // namespace cultivate::web::test::guide
