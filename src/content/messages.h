#pragma once
/// content/messages.toml: every sentence the code shows (validation messages, page titles,
/// flash notices, export prose), keyed by the ids declared in common/message_keys.h. Flat,
/// one `key = "text"` per line, with {placeholders} the code fills. Immutable once loaded.

#include <filesystem>
#include <map>
#include <string>

#include <tl/expected.hpp>

#include "common/diagnostic.h"
#include "common/message.h"

namespace cultivate::content {

class Messages {
 public:
  /// The text of `m` with its placeholders filled; the key itself when unknown (check-content
  /// makes sure none is).
  std::string Text(const Message& m) const;
  std::string Text(const MessageKey& key) const { return Text(Message(key)); }
  size_t size() const { return texts_.size(); }

  /// Reads `file` and checks it against every declared key: a declared key with no text
  /// (reported at its line in common/message_keys.h), a text no code declares, a placeholder
  /// the code does not fill (both at their line in `file`). Every problem, not the first.
  static tl::expected<Messages, Diagnostics> Load(const std::filesystem::path& file);

 private:
  std::map<std::string, std::string, std::less<>> texts_;
};

}  // namespace cultivate::content
