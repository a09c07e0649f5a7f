#include "common/message.h"

#include "common/message_keys.h"  // so every key is registered once this file is linked

namespace cultivate {

namespace {
std::vector<const MessageKey*>& Registry() {
  static std::vector<const MessageKey*> keys;
  return keys;
}
}  // namespace

MessageKey::MessageKey(const char* i, const char* p, int l) : id(i), placeholders(p), line(l) {
  Registry().push_back(this);
}

const std::vector<const MessageKey*>& AllMessageKeys() { return Registry(); }

}  // namespace cultivate
