#pragma once
/// Full-text search over the guide: an SQLite FTS5 index (porter stemming, so "newcomer"
/// finds "newcomers") built in memory at start. Read-only after Build; Search is safe for
/// concurrent use (calls are serialised on the one connection by a mutex).

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "common/error.h"

namespace cultivate::content {

class Catalog;

/// One thing a reader can find. Text fields are plain text, not HTML.
struct SearchDocument {
  std::string kind;     // "Page", "Phase", "Practice", "Example", "Glossary"
  std::string title;    // ranked highest (bm25 weight 10)
  std::string url;      // site path, e.g. /guide/practices/charter or /guide/glossary#domain
  std::string summary;  // weight 5
  std::string body;     // weight 1
};

/// Pages, phases, practices, examples and glossary terms of the catalog, with the text of
/// their rendered HTML as the body.
std::vector<SearchDocument> SearchDocuments(const Catalog& catalog);

struct SearchHit {
  std::string title;  // plain text: escape when rendering
  std::string url;
  std::string kind;
  std::string snippet;  // safe HTML: escaped text, matches in <mark></mark>
};

class SearchIndex {
 public:
  /// Builds the index; fails (kInternal) only when SQLite cannot.
  static Result<std::unique_ptr<SearchIndex>> Build(const std::vector<SearchDocument>& documents);
  static Result<std::unique_ptr<SearchIndex>> Build(const Catalog& catalog);

  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  /// Best hits first (bm25; title 10, summary 5, body 1), at most `limit` (clamped to
  /// 1..100). See ToFtsQuery for the query language. A blank query has no hits. A query
  /// FTS5 cannot parse fails with kInvalid and a message for readers; never throws.
  Result<std::vector<SearchHit>> Search(const std::string& query, int limit) const;

 private:
  SearchIndex();
  SQLite::Database db_;
  mutable std::mutex mu_;  // guards db_: an SQLite connection is not shared unsynchronised
};

}  // namespace cultivate::content
