#include "store/sqlite/connection.h"

#include <utility>

#include <sqlite3.h>

namespace cultivate::store::sqlite {
namespace {

// SQLite counts every allocation under one process-wide mutex unless told not to; with two
// threads reading, that mutex was a tenth of a page's time. Nothing here reads the counts.
// Runs before main, so before any connection opens (sqlite3_config must precede them).
[[maybe_unused]] const int kMemStatusOff = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);

}  // namespace

Connection::Use::Use(Entry* entry, std::unique_ptr<SQLite::Statement> owned)
    : entry_(entry),
      owned_(std::move(owned)),
      statement_(entry ? &entry->statement : owned_.get()) {}

Connection::Use::Use(Use&& other) noexcept
    : entry_(std::exchange(other.entry_, nullptr)),
      owned_(std::move(other.owned_)),
      statement_(std::exchange(other.statement_, nullptr)) {}

Connection::Use::~Use() {
  if (!entry_) return;           // an owned statement is finalized with owned_
  entry_->statement.tryReset();  // sqlite3_reset, and SQLiteCpp's own "has a row" flags
  try {
    entry_->statement.clearBindings();  // sqlite3_clear_bindings, which cannot fail
  } catch (...) {
  }
  entry_->lent = false;
}

Connection::Use Connection::Cached(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end() && cache_.size() < kMaxCached)
    it =
        cache_.emplace(sql, std::make_unique<Use::Entry>(Use::Entry{SQLite::Statement(*this, sql)}))
            .first;
  if (it == cache_.end() || it->second->lent)
    return Use(nullptr, std::make_unique<SQLite::Statement>(*this, sql));
  it->second->lent = true;
  return Use(it->second.get(), nullptr);
}

Transaction::Transaction(Connection& db, bool immediate) : db_(db) {
  db_.Run(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    db_.Run("ROLLBACK");
  } catch (...) {  // nothing to roll back (SQLite ended the transaction itself on an error)
  }
}

void Transaction::commit() {
  db_.Run("COMMIT");
  done_ = true;
}

}  // namespace cultivate::store::sqlite
