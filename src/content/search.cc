#include "content/search.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>

#include "content/catalog.h"
#include "content/markdown.h"
#include "content/search_query.h"

namespace cultivate::content {
namespace {

/// Indexed text must not contain the snippet markers.
std::string Clean(std::string text) {
  std::replace(text.begin(), text.end(), kMarkOpen, ' ');
  std::replace(text.begin(), text.end(), kMarkClose, ' ');
  return text;
}

bool HasMark(const std::string& snippet) {
  return snippet.find(kMarkOpen) != std::string::npos;
}

}  // namespace

SearchIndex::SearchIndex() : db_(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {}

std::vector<SearchDocument> SearchDocuments(const Catalog& catalog) {
  std::vector<SearchDocument> docs;
  for (const Page& p : catalog.pages()) {
    docs.push_back({"Page", p.title, p.path, p.description, HtmlToText(p.html)});
  }
  for (const Phase& p : catalog.phases()) {
    docs.push_back({"Phase", p.title, "/guide/phases/" + p.id, p.summary,
                    p.guess + " " + HtmlToText(p.html)});
  }
  for (const Practice& p : catalog.practices()) {
    docs.push_back({"Practice", p.title, "/guide/practices/" + p.id, p.summary,
                    HtmlToText(p.html)});
  }
  for (const Example& e : catalog.examples()) {
    docs.push_back({"Example", e.title, "/guide/examples/" + e.id, e.summary,
                    e.scale + ". " + HtmlToText(e.html)});
  }
  for (const Term& t : catalog.glossary()) {
    docs.push_back({"Glossary", t.term, "/guide/glossary#" + t.id, "",
                    HtmlToText(t.definition_html)});
  }
  return docs;
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::Build(const Catalog& catalog) {
  return Build(SearchDocuments(catalog));
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::Build(const std::vector<SearchDocument>& documents) {
  try {
    std::unique_ptr<SearchIndex> index(new SearchIndex());
    index->db_.exec(
        "CREATE VIRTUAL TABLE docs USING fts5(title, summary, body, url UNINDEXED, "
        "kind UNINDEXED, tokenize='porter unicode61 remove_diacritics 2')");
    SQLite::Transaction transaction(index->db_);
    {
      SQLite::Statement insert(
          index->db_, "INSERT INTO docs(title, summary, body, url, kind) VALUES (?, ?, ?, ?, ?)");
      for (const SearchDocument& d : documents) {
        insert.bind(1, Clean(d.title));
        insert.bind(2, Clean(d.summary));
        insert.bind(3, Clean(d.body));
        insert.bind(4, d.url);
        insert.bind(5, d.kind);
        insert.exec();
        insert.reset();
      }
    }
    transaction.commit();
    index->db_.exec("PRAGMA query_only = ON");
    return index;
  } catch (const std::exception& e) {
    return Fail(Error::Internal(std::string("building the search index failed: ") + e.what()));
  }
}

Result<std::vector<SearchHit>> SearchIndex::Search(const std::string& query, int limit) const {
  auto fts = ToFtsQuery(query);
  if (!fts) return Fail(fts.error());
  std::vector<SearchHit> hits;
  if (fts->empty()) return hits;
  limit = std::clamp(limit, 1, 100);
  std::lock_guard<std::mutex> lock(mu_);
  try {
    SQLite::Statement select(
        db_,
        "SELECT title, url, kind, summary, "
        "snippet(docs, 2, char(1), char(2), '…', 16), "
        "snippet(docs, 1, char(1), char(2), '…', 16) "
        "FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 10.0, 5.0, 1.0), title LIMIT ?");
    select.bind(1, *fts);
    select.bind(2, limit);
    while (select.executeStep()) {
      std::string summary = select.getColumn(3).getString();
      std::string body_snippet = select.getColumn(4).getString();
      std::string summary_snippet = select.getColumn(5).getString();
      // The body's snippet when it has a match, else the summary's; a title-only hit
      // shows the summary (or the start of the body when there is none).
      const std::string& snippet = HasMark(body_snippet)      ? body_snippet
                                   : HasMark(summary_snippet) ? summary_snippet
                                   : !summary.empty()         ? summary
                                                              : body_snippet;
      hits.push_back({select.getColumn(0).getString(), select.getColumn(1).getString(),
                      select.getColumn(2).getString(), SnippetToHtml(snippet)});
    }
  } catch (const SQLite::Exception& e) {
    if ((e.getErrorCode() & 0xff) == SQLITE_ERROR) {
      return Fail(Error::Invalid(std::string(kUnparseableQuery)));
    }
    return Fail(Error::Internal(std::string("search failed: ") + e.what()));
  } catch (const std::exception& e) {
    return Fail(Error::Internal(std::string("search failed: ") + e.what()));
  }
  return hits;
}

}  // namespace cultivate::content
