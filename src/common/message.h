#pragma once
/// A sentence a person reads, named by its key in content/messages.toml and filled with the
/// values of its {placeholders}. Code never holds the words themselves: web/ looks them up
/// (content/messages.h), so a practitioner can edit them and, one day, translate them.

#include <string>
#include <utility>
#include <vector>

namespace cultivate {

/// A key of content/messages.toml and the placeholders its text may use (comma-separated).
/// Each key is declared once, in common/message_keys.h; `check-content` reports a declared
/// key missing from the catalogue (at its line there) and a catalogue entry no code declares
/// (at its line in messages.toml).
struct MessageKey {
  MessageKey(const char* id, const char* placeholders, int line);
  MessageKey(const MessageKey&) = delete;
  MessageKey& operator=(const MessageKey&) = delete;
  const char* id;
  const char* placeholders;
  int line;  // in common/message_keys.h
};

/// Every declared key, in declaration order. Safe to call from any thread after start.
const std::vector<const MessageKey*>& AllMessageKeys();

/// One message to show: its key and the values of its placeholders.
struct Message {
  std::string key;  // empty: no message
  std::vector<std::pair<std::string, std::string>> args;

  Message() = default;
  Message(const MessageKey& k) : key(k.id) {}  // NOLINT: implicit on purpose
  Message(const MessageKey& k, std::vector<std::pair<std::string, std::string>> a)
      : key(k.id), args(std::move(a)) {}
  bool empty() const { return key.empty(); }
};

/// {"max", "200"} from a name and a number, for Message args.
inline std::pair<std::string, std::string> Arg(const char* name, long long value) {
  return {name, std::to_string(value)};
}
inline std::pair<std::string, std::string> Arg(const char* name, std::string value) {
  return {name, std::move(value)};
}

}  // namespace cultivate
