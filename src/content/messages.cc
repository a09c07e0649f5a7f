#include "content/messages.h"

#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace cultivate::content {

namespace {

std::set<std::string> Split(const char* csv) {
  std::set<std::string> out;
  std::stringstream in(csv);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.insert(item);
  return out;
}

/// The {names} used in `text`.
std::set<std::string> Placeholders(const std::string& text) {
  std::set<std::string> out;
  for (size_t at = text.find('{'); at != std::string::npos; at = text.find('{', at + 1)) {
    size_t end = text.find('}', at);
    if (end == std::string::npos) break;
    out.insert(text.substr(at + 1, end - at - 1));
  }
  return out;
}

}  // namespace

std::string Messages::Text(const Message& m) const {
  auto it = texts_.find(m.key);
  if (it == texts_.end()) return m.key;
  std::string out = it->second;
  for (const auto& [name, value] : m.args) {
    std::string slot = "{" + name + "}";
    for (size_t at = out.find(slot); at != std::string::npos; at = out.find(slot, at + value.size()))
      out.replace(at, slot.size(), value);
  }
  return out;
}

tl::expected<Messages, Diagnostics> Messages::Load(const std::filesystem::path& file) {
  Messages messages;
  Diagnostics diags;
  const std::string name = file.string();
  toml::table root;
  try {
    root = toml::parse_file(name);
  } catch (const toml::parse_error& e) {
    return tl::unexpected(Diagnostics{{name, static_cast<int>(e.source().begin.line),
                                       std::string(e.description())}});
  }
  std::map<std::string, const MessageKey*> declared;
  for (const MessageKey* key : AllMessageKeys()) declared[key->id] = key;
  for (const auto& [k, node] : root) {
    int line = static_cast<int>(node.source().begin.line);
    std::string key(k.str());
    auto text = node.value<std::string>();
    if (!text || text->empty()) {
      diags.push_back({name, line, "`" + key + "` must be a non-empty string"});
      continue;
    }
    auto it = declared.find(key);
    if (it == declared.end()) {
      diags.push_back({name, line, "unused key `" + key + "`: no code shows it (remove it, or "
                                   "declare it in src/common/message_keys.h)"});
      continue;
    }
    std::set<std::string> allowed = Split(it->second->placeholders);
    for (const std::string& p : Placeholders(*text))
      if (!allowed.count(p))
        diags.push_back({name, line, "`" + key + "` uses {" + p + "}, which the code does not "
                                     "fill" + (allowed.empty() ? "" : " (it fills: " +
                                     std::string(it->second->placeholders) + ")")});
    messages.texts_[key] = *text;
  }
  for (const auto& [key, declaration] : declared)
    if (!messages.texts_.count(key) && !root.contains(key))
      diags.push_back({"src/common/message_keys.h", declaration->line,
                       "unknown key `" + key + "`: it has no text in " + name});
  if (!diags.empty()) return tl::unexpected(std::move(diags));
  return messages;
}

}  // namespace cultivate::content
