// Copying a SQLite store into an empty PostgreSQL one (copy_store.h). Both schemas come from
// the same migrations (src/store/migrations/<dialect>/), so every table has the same columns
// under the same names; values travel as text and PostgreSQL casts them to the column types.
// Rows go over in batches of up to 1,000 per INSERT, streamed from SQLite, so a store of
// millions of answers copies in a minute and in little memory.

#include "store/postgres/copy_store.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
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

// Order-independent and streaming: each row's BLAKE2b, summed lane by lane (four 64-bit
// lanes, modulo 2^64), so the rows may come in any order and none is kept in memory. Tables
// have primary keys, so no row is there twice and a sum cannot hide one.
class TableSum {
 public:
  void Add(const Row& row) {
    std::string text = RowText(row);
    unsigned char hash[32];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), nullptr, 0);
    for (int lane = 0; lane < 4; ++lane) {
      std::uint64_t v = 0;
      for (int i = 0; i < 8; ++i) v = (v << 8) | hash[lane * 8 + i];
      lanes_[lane] += v;
    }
    ++rows_;
  }
  std::int64_t rows() const { return rows_; }
  /// The hex BLAKE2b of the lanes and the row count.
  std::string Hex() const {
    unsigned char in[40];
    for (int lane = 0; lane < 4; ++lane)
      for (int i = 0; i < 8; ++i) in[lane * 8 + i] = static_cast<unsigned char>(lanes_[lane] >> (56 - 8 * i));
    for (int i = 0; i < 8; ++i)
      in[32 + i] = static_cast<unsigned char>(static_cast<std::uint64_t>(rows_) >> (56 - 8 * i));
    unsigned char out[crypto_generichash_BYTES];
    crypto_generichash(out, sizeof out, in, sizeof in, nullptr, 0);
    char hex[crypto_generichash_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    return hex;
  }

 private:
  std::uint64_t lanes_[4] = {0, 0, 0, 0};
  std::int64_t rows_ = 0;
};

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

// One SQLite value as text, NULL as nullopt.
std::optional<std::string> SqliteText(const SQLite::Column& col) {
  if (col.isNull()) return std::nullopt;
  if (col.isFloat()) {
    // The shortest text that reads back as the same double, as PostgreSQL writes a DOUBLE
    // PRECISION (11, not SQLite's 11.0), so the checksums compare like with like.
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, col.getDouble());
    return std::string(buf, ec == std::errc() ? end : buf);
  }
  return col.getString();
}

// Inserts `rows` (flattened: cols.size() values each) into `table`, in one statement.
void InsertBatch(pqxx::transaction_base& tx, const std::string& table,
                 const std::vector<std::string>& cols, const Row& values) {
  std::size_t n = values.size() / cols.size();
  std::string insert =
      "INSERT INTO " + table + " (" + Join(cols) + ") OVERRIDING SYSTEM VALUE VALUES ";
  std::size_t param = 0;
  for (std::size_t r = 0; r < n; ++r) {
    insert += r ? ", (" : "(";
    for (std::size_t c = 0; c < cols.size(); ++c) insert += (c ? ", $" : "$") + std::to_string(++param);
    insert += ")";
  }
  tx.exec_params(insert, pqxx::prepare::make_dynamic_params(values));
}

// Copies `table` from SQLite into PostgreSQL, many rows per statement (the most PostgreSQL
// takes in one is 65,535 parameters), streaming: nothing but one batch is held in memory.
TableSum CopyRows(SQLite::Database& db, pqxx::transaction_base& tx, const std::string& table,
                  const std::vector<std::string>& cols) {
  const std::size_t per_batch = std::max<std::size_t>(1, std::min<std::size_t>(1000, 60000 / cols.size()));
  TableSum sum;
  Row batch;
  batch.reserve(per_batch * cols.size());
  SQLite::Statement q(db, "SELECT " + Join(cols) + " FROM " + table);
  while (q.executeStep()) {
    Row row;
    for (int i = 0; i < q.getColumnCount(); ++i) row.push_back(SqliteText(q.getColumn(i)));
    sum.Add(row);
    for (auto& v : row) batch.push_back(std::move(v));
    if (batch.size() == per_batch * cols.size()) {
      InsertBatch(tx, table, cols, batch);
      batch.clear();
    }
  }
  if (!batch.empty()) InsertBatch(tx, table, cols, batch);
  return sum;
}

// The checksum of `table` as PostgreSQL now holds it, read through a cursor, 10,000 rows at
// a time.
TableSum PostgresSum(pqxx::transaction_base& tx, const std::string& table,
                     const std::vector<std::string>& cols) {
  TableSum sum;
  tx.exec("DECLARE copied CURSOR FOR SELECT " + Join(cols) + " FROM " + table);
  for (;;) {
    auto rows = tx.exec("FETCH 10000 FROM copied");
    for (const auto& r : rows) {
      Row row;
      for (const auto& f : r)
        row.push_back(f.is_null() ? std::nullopt : std::optional<std::string>(f.c_str()));
      sum.Add(row);
    }
    if (rows.empty()) break;
  }
  tx.exec("CLOSE copied");
  return sum;
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
      TableSum source = CopyRows(db, tx, table, cols);
      // The next id PostgreSQL hands out follows the copied ones.
      if (std::find(cols.begin(), cols.end(), "id") != cols.end() && source.rows() > 0)
        tx.exec(std::string("SELECT setval(pg_get_serial_sequence('") + table +
                "', 'id'), (SELECT max(id) FROM " + table + "))");
      TableSum copied = PostgresSum(tx, table, cols);
      if (copied.rows() != source.rows() || copied.Hex() != source.Hex())
        return Fail(Error::Internal(std::string("table ") + table +
                                    " differs after copying: nothing was kept"));
      report.push_back({table, source.rows(), source.Hex()});
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
