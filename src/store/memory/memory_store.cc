#include "store/memory/memory_store.h"

#include <atomic>
#include <stdexcept>
#include <string>
#include <utility>

namespace cultivate::store {
namespace {

std::string UniqueName() {
  static std::atomic<std::uint64_t> next{0};
  return "/cultivate-memory-" + std::to_string(++next);
}

}  // namespace

MemoryStore::MemoryStore(Clock clock) : MemoryStore(UniqueName(), std::move(clock)) {}

MemoryStore::MemoryStore(const std::string& name, Clock clock)
    : SqliteStore(name, {.create = true, .in_memory = true, .clock = std::move(clock)}),
      keeper_(std::make_unique<SQLite::Database>(
          "file:" + name + "?vfs=memdb",
          SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_URI)) {
  if (auto applied = Migrate(); !applied)
    throw std::runtime_error("in-memory store: " + applied.error().message);
}

}  // namespace cultivate::store
