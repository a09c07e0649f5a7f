// Copying a SQLite store into an empty PostgreSQL one (copy_store.h). Both schemas come from
// the same migrations (src/store/migrations/<dialect>/), so every table has the same columns
// under the same names; values travel as text and PostgreSQL casts them to the column types.

#include "store/postgres/copy_store.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <pqxx/pqxx>
#include <sodium.h>

#include "store/postgres/pg_error.h"
#include "store/store.h"

namespace cultivate::store {
namespace {

// Parents before children, so every foreign key finds its row. schema_migrations is not
// copied: the target has its own, at the same version (checked before copying).
constexpr const char* kTables[] = {
    "users",   "communities", "memberships", "coordinator_invitations", "rounds", "responses",
    "answers", "reflections", "plans",       "plan_items",              "invites", "sponsor_links",
    "sessions", "throttle_events", "reviews", "review_votes", "review_hands", "review_notes",
    "calendar_links", "stories", "indicators", "sponsor_asks"};

using Row = std::vector<std::optional<std::string>>;

std::string RowText(const Row& row) {
  std::string text;
  for (const auto& v : row) {
    text += v ? *v : std::string(1, '\0');
    text += '\x1f';
  }
  return text;
}

// Order-independent: the rows are sorted as text, so both databases' collations agree.
std::string Checksum(std::vector<std::string> rows) {
  std::sort(rows.begin(), rows.end());
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
  for (const auto& r : rows) {
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(r.data()), r.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>("\x1e"), 1);
  }
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash_final(&state, out, sizeof out);
  char hex[crypto_generichash_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::vector<std::string> Columns(SQLite::Database& db, const std::string& table) {
  std::vector<std::string> cols;
  SQLite::Statement q(db, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
  q.bind(1, table);
  while (q.executeStep()) cols.push_back(q.getColumn(0).getString());
  return cols;
}

std::string Join(const std::vector<std::string>& cols) {
  std::string out;
  for (const auto& c : cols) out += (out.empty() ? "" : ", ") + c;
  return out;
}

std::vector<Row> SqliteRows(SQLite::Database& db, const std::string& table,
                            const std::vector<std::string>& cols) {
  std::vector<Row> rows;
  SQLite::Statement q(db, "SELECT " + Join(cols) + " FROM " + table);
  while (q.executeStep()) {
    Row row;
    for (int i = 0; i < q.getColumnCount(); ++i) {
      SQLite::Column col = q.getColumn(i);
      if (col.isNull()) {
        row.push_back(std::nullopt);
      } else if (col.isFloat()) {
        // The shortest text that reads back as the same double, as PostgreSQL writes a
        // DOUBLE PRECISION (11, not SQLite's 11.0), so the checksums compare like with like.
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, col.getDouble());
        row.push_back(std::string(buf, ec == std::errc() ? end : buf));
      } else {
        row.push_back(col.getString());
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::string> PostgresRowTexts(pqxx::transaction_base& tx, const std::string& table,
                                          const std::vector<std::string>& cols) {
  std::vector<std::string> texts;
  for (const auto& r : tx.exec("SELECT " + Join(cols) + " FROM " + table)) {
    Row row;
    for (const auto& f : r)
      row.push_back(f.is_null() ? std::nullopt : std::optional<std::string>(f.c_str()));
    texts.push_back(RowText(row));
  }
  return texts;
}

}  // namespace

Result<std::vector<CopiedTable>> CopyStore(const std::string& from, const std::string& to) {
  if (!(to.starts_with("postgresql://") || to.starts_with("postgres://")))
    return Fail(Error::Invalid("--to must be a postgresql:// URI"));
  if (from.starts_with("postgres") || from == "memory:")
    return Fail(Error::Invalid("--from must be a SQLite file"));
  std::string path = from.starts_with("sqlite:") ? from.substr(7) : from;
  // The source must be at this version's schema (an older one: `cultivate migrate` first).
  if (auto source = Open(path, /*migrate=*/false); !source) return Fail(source.error());
  if (auto migrated = Migrate(to); !migrated) return Fail(migrated.error());
  try {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    db.exec("BEGIN");  // one read snapshot for every table, even if a server is still writing
    pqxx::connection conn(to);
    pqxx::work tx(conn);
    for (const char* table : kTables) {
      if (tx.exec1(std::string("SELECT count(*) FROM ") + table)[0].as<std::int64_t>() > 0)
        return Fail(Error::Conflict(std::string("the target database is not empty (table ") +
                                    table + " has rows): copy-store only fills an empty one"));
    }
    std::vector<CopiedTable> report;
    for (const char* table : kTables) {
      auto cols = Columns(db, table);
      auto rows = SqliteRows(db, table, cols);
      std::string insert = "INSERT INTO " + std::string(table) + " (" + Join(cols) +
                           ") OVERRIDING SYSTEM VALUE VALUES (";
      for (size_t i = 0; i < cols.size(); ++i) insert += (i ? ", $" : "$") + std::to_string(i + 1);
      insert += ")";
      std::vector<std::string> texts;
      texts.reserve(rows.size());
      for (const auto& row : rows) {
        tx.exec_params(insert, pqxx::prepare::make_dynamic_params(row));
        texts.push_back(RowText(row));
      }
      // The next id PostgreSQL hands out follows the copied ones.
      if (std::find(cols.begin(), cols.end(), "id") != cols.end() && !rows.empty())
        tx.exec(std::string("SELECT setval(pg_get_serial_sequence('") + table +
                "', 'id'), (SELECT max(id) FROM " + table + "))");
      std::string want = Checksum(texts);
      auto copied = PostgresRowTexts(tx, table, cols);
      if (copied.size() != rows.size() || Checksum(copied) != want)
        return Fail(Error::Internal(std::string("table ") + table +
                                    " differs after copying: nothing was kept"));
      report.push_back({table, static_cast<std::int64_t>(rows.size()), want});
    }
    tx.commit();
    return report;
  } catch (const SQLite::Exception& e) {
    return Fail(Error::Unavailable(std::string("cannot read ") + path + ": " + e.what()));
  } catch (const std::exception& e) {
    return Fail(Error::Unavailable("cannot copy into " + DisplaySpec(to) + ": " + DisplaySpec(e.what())));
  }
}

}  // namespace cultivate::store
