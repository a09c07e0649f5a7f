#include "testing/layers.h"

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace cultivate::testing {

namespace {

namespace fs = std::filesystem;

struct Table {
  std::map<std::string, std::set<std::string>> allowed;  // folder -> folders, "*" for all
};

bool TestFile(const std::string& rel) {
  const std::string name = fs::path(rel).filename().string();
  return name.size() > 8 && (name.ends_with("_test.cc") || name.find("test_support") != std::string::npos ||
                             name.ends_with("_fixture.h"));
}

/// The layer of a path relative to src/: its first folder ("web", "store").
std::string Layer(const std::string& rel) { return rel.substr(0, rel.find('/')); }

/// "store/sqlite" for a store implementation, else "".
std::string StoreImplementation(const std::string& rel) {
  if (rel.rfind("store/", 0) != 0) return "";
  size_t slash = rel.find('/', 6);
  return slash == std::string::npos ? "" : rel.substr(0, slash);
}

Diagnostics ReadTable(const fs::path& file, Table* table) {
  std::ifstream in(file);
  if (!in) return {{file.string(), 0, "cannot read the layer table"}};
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    size_t colon = line.find(':');
    if (colon == std::string::npos) return {{file.string(), n, "expected `folder: folders`"}};
    std::stringstream rest(line.substr(colon + 1));
    auto& set = table->allowed[line.substr(0, colon)];
    for (std::string word; rest >> word;) set.insert(word);
  }
  return {};
}

}  // namespace

Diagnostics CheckLayers(const fs::path& root) {
  const fs::path src = root / "src";
  Table table;
  Diagnostics out = ReadTable(src / "layers.txt", &table);
  if (!out.empty()) return out;
  static const std::regex kInclude(R"(^\s*#\s*include\s*"([^"]+)\")");
  std::set<std::string> missing;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    if (ext != ".cc" && ext != ".h") continue;
    const std::string rel = fs::relative(entry.path(), src).generic_string();
    const std::string from = Layer(rel);
    const bool test = TestFile(rel) || from == "testing";
    std::ifstream in(entry.path());
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      std::smatch m;
      if (!std::regex_search(line, m, kInclude)) continue;
      const std::string included = m[1].str();
      if (included.find('/') == std::string::npos) continue;  // generated or local files
      const std::string to = Layer(included);
      std::string where = "src/" + rel;
      if (to == "testing" && !test) {
        out.push_back({where, n, "only tests may include testing/ (" + included + ")"});
        continue;
      }
      if (test) continue;
      if (!StoreImplementation(included).empty() && from != "store" && from != "app") {
        out.push_back({where, n, from + "/ may not include a store implementation (" + included +
                                     "): only app/ wires one in"});
        continue;
      }
      if (to == from) continue;
      auto it = table.allowed.find(from);
      if (it == table.allowed.end()) {
        if (missing.insert(from).second)
          out.push_back({where, n, "the folder " + from + "/ is not in src/layers.txt"});
        continue;
      }
      if (it->second.count("*") || it->second.count(to)) continue;
      out.push_back({where, n, from + "/ may not include " + to + "/ (" + included +
                                   "): see src/layers.txt"});
    }
  }
  return out;
}

}  // namespace cultivate::testing
