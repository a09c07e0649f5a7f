#pragma once
/// A problem found in an editable file (content, question bank, template), reported as
/// `file:line: message` so a practitioner can find and fix it.

#include <string>
#include <vector>

namespace cultivate {

struct Diagnostic {
  std::string file;  // path as given to the loader
  int line = 0;      // 1-based; 0 when the problem is about the whole file
  std::string message;

  std::string str() const {
    return file + ":" + std::to_string(line > 0 ? line : 1) + ": " + message;
  }
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace cultivate
