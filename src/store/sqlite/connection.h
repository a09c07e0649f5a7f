#pragma once
/// Internal to the SQLite store: one connection of the pool, which keeps the statements it
/// runs most compiled. SQLite compiles SQL text anew for every sqlite3_prepare; on a page
/// that reads one row, that compiling was most of the page's time (bench/README.md).

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace cultivate::store::sqlite {

class Connection : public SQLite::Database {
 public:
  using SQLite::Database::Database;

  /// A compiled statement lent for one use: reset, with no values bound, when it is given
  /// back (so it holds no read snapshot open), and compiled only the first time this
  /// connection sees its text. A statement already lent out is compiled afresh instead.
  class Use {
   public:
    Use(Use&& other) noexcept;
    Use& operator=(Use&&) = delete;
    ~Use();
    SQLite::Statement& operator*() const { return *statement_; }
    SQLite::Statement* operator->() const { return statement_; }

   private:
    friend class Connection;
    struct Entry;
    Use(Entry* entry, std::unique_ptr<SQLite::Statement> owned);
    Entry* entry_;                              // null when `owned_`
    std::unique_ptr<SQLite::Statement> owned_;  // a statement of this use alone
    SQLite::Statement* statement_;
  };

  /// For SQL text fixed in the code only (it is a cache key; at most kMaxCached are kept).
  Use Cached(const std::string& sql);

  /// Runs a statement that returns no rows, through the cache (BEGIN, COMMIT, ...).
  void Run(const std::string& sql) { Cached(sql)->exec(); }

 private:
  static constexpr std::size_t kMaxCached = 256;
  // Declared after the base, so destroyed before it: every statement is finalized before
  // the connection closes.
  std::unordered_map<std::string, std::unique_ptr<Use::Entry>> cache_;
};

struct Connection::Use::Entry {
  SQLite::Statement statement;
  bool lent = false;
};

/// BEGIN ... COMMIT on a Connection through its cached statements; rolls back when
/// destroyed without commit() (as SQLite::Transaction does, which parses its SQL each time).
class Transaction {
 public:
  Transaction(Connection& db, bool immediate);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Connection& db_;
  bool done_ = false;
};

}  // namespace cultivate::store::sqlite
