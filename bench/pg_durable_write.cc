// pg_durable_write: the durable-write limit for PUT /api/v1/checkups/{token}/answers on
// PostgreSQL. Runs --transactions transactions from --concurrency threads, one libpq
// connection each (libpq itself, not libpqxx), on the server's default durability (whatever
// fsync and synchronous_commit the server has: bench/run leaves PostgreSQL's defaults, fsync
// on, synchronous_commit on), with the statements the PostgreSQL store issues for a save
// (src/store/postgres/postgres_store.cc SaveAnswers and Touch): BEGIN (READ COMMITTED); touch
// a solo response's updated_at and revision; for a round's response, read its round, bump the
// round's revision if it is open (which locks it) and then touch the response; upsert --rows
// answers in one statement (unnest of arrays); COMMIT. Nothing else: no HTTP, no JSON, no pool; statements prepared once per
// connection (the store sends each with its text). A serialization failure or deadlock is
// retried, as the store does. Work is spread like the load test's: transaction g goes to
// response g mod R, question slot (g / R) mod S, so no two transactions write the same rows
// until every slot is used.
//
//   pg_durable_write --db postgresql://... --questions ids.txt --transactions N --concurrency C
#include <atomic>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <optional>

#include "common.h"
#include "pg_common.h"

namespace {

constexpr const char* kUsage =
    "pg_durable_write --db URI --questions FILE --transactions N [--concurrency C=8] [--rows R=10]\n"
    "                 [--lock-timeout MS=5000] [--prefix P=d]\n";

struct Statement {
  const char* name;
  const char* sql;
};

// The store's statements, verbatim (postgres_store.cc: Touch, SaveAnswers).
constexpr Statement kStatements[] = {
    {"touch_solo",
     "UPDATE responses SET updated_at = $1, revision = revision + 1 WHERE id = $2 "
     "AND round_id IS NULL RETURNING id"},
    {"round", "SELECT round_id FROM responses WHERE id = $1"},
    {"bump",
     "UPDATE rounds SET revision = revision + 1 WHERE id = $1 AND closed_at IS NULL RETURNING id"},
    {"touch", "UPDATE responses SET updated_at = $1, revision = revision + 1 WHERE id = $2"},
    {"upsert",
     "INSERT INTO answers (response_id, question_id, now, target, note) "
     "SELECT $1::bigint, a.question, a.now, a.target, a.note "
     "FROM unnest($2::text[], $3::integer[], $4::integer[], $5::text[]) "
     "AS a(question, now, target, note) "
     "ON CONFLICT (response_id, question_id) DO UPDATE "
     "SET now = excluded.now, target = excluded.target, note = excluded.note"},
};

// Rows of one column as an array literal: {"a","b"} (the ids and notes here need no escapes).
std::string Array(const std::vector<std::string>& items, bool quote) {
  std::string out = "{";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += quote ? '"' + item + '"' : item;
  }
  return out + "}";
}

// One statement's outcome: ok, or the failure's SQLSTATE and message.
struct Outcome {
  bool ok = true;
  std::string sqlstate, message;
  PGresult* rows = nullptr;  // for queries, owned by the caller
};

Outcome Run(PGconn* conn, const char* name, std::vector<std::string> params, bool keep = false) {
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p.c_str());
  PGresult* r = name ? PQexecPrepared(conn, name, static_cast<int>(values.size()), values.data(),
                                      nullptr, nullptr, 0)
                     : PQexec(conn, params.empty() ? "" : params[0].c_str());
  Outcome out;
  ExecStatusType status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    out.ok = false;
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    out.sqlstate = state ? state : "";
    out.message = PQresultErrorMessage(r);
  }
  if (keep && out.ok)
    out.rows = r;
  else
    PQclear(r);
  return out;
}

Outcome Plain(PGconn* conn, const char* sql) { return Run(conn, nullptr, {sql}); }

}  // namespace

int main(int argc, char** argv) {
  bench::Flags flags(argc, argv, kUsage);
  const std::string uri = flags.Required("db");
  const auto questions = bench::ReadLines(flags.Required("questions"));
  const long long transactions = flags.Int("transactions", 0);
  const int concurrency = static_cast<int>(std::max(1LL, flags.Int("concurrency", 8)));
  const int rows = static_cast<int>(flags.Int("rows", 10));
  const long long lock_timeout = flags.Int("lock-timeout", 5000);
  const std::string prefix = flags.Str("prefix", "d");
  if (transactions <= 0) bench::Die("--transactions must be positive");
  if (rows <= 0 || rows > static_cast<int>(questions.size())) bench::Die("bad --rows");

  std::vector<std::string> ids;
  {
    PGconn* conn = bench::PgConnect(uri);
    for (auto& row : bench::PgRows(conn, "SELECT id FROM responses ORDER BY id"))
      ids.push_back(row[0]);
    PQfinish(conn);
  }
  if (ids.empty()) bench::Die("no responses in " + uri);
  const long long slots = static_cast<long long>(questions.size()) / rows;
  const long long unique = static_cast<long long>(ids.size()) * slots;

  std::atomic<long long> next{0};
  auto run = [&](bench::Tally& w) {
    PGconn* conn = bench::PgConnect(uri);
    bench::PgExec(conn, "SET lock_timeout = " + std::to_string(lock_timeout));  // as the pool
    for (const auto& s : kStatements) {
      PGresult* r = PQprepare(conn, s.name, s.sql, 0, nullptr);
      if (PQresultStatus(r) != PGRES_COMMAND_OK)
        bench::Die(std::string("prepare ") + s.sql + ": " + PQresultErrorMessage(r));
      PQclear(r);
    }
    // One transaction; the failure (sqlstate, message) or ok.
    auto transaction = [&](long long g) -> Outcome {
      const std::string& id = ids[static_cast<size_t>(g % static_cast<long long>(ids.size()))];
      long long slot = (g / static_cast<long long>(ids.size())) % slots;
      std::string note = prefix + ":" + std::to_string(g);
      auto failed = [&](Outcome o) {
        Plain(conn, "ROLLBACK");
        return o;
      };
      if (auto o = Plain(conn, "BEGIN"); !o.ok) return o;
      const std::string now = std::to_string(std::time(nullptr));
      Outcome solo = Run(conn, "touch_solo", {now, id}, true);
      if (!solo.ok) return failed(solo);
      bool touched = PQntuples(solo.rows) == 1;
      PQclear(solo.rows);
      if (!touched) {  // a round's response: lock and bump the round, then touch
        Outcome round = Run(conn, "round", {id}, true);
        if (!round.ok) return failed(round);
        bool found = PQntuples(round.rows) == 1;
        std::string round_id = found ? PQgetvalue(round.rows, 0, 0) : "";
        PQclear(round.rows);
        if (!found) return failed({false, "", "no response " + id});
        Outcome bump = Run(conn, "bump", {round_id}, true);
        if (!bump.ok) return failed(bump);
        bool open = PQntuples(bump.rows) == 1;
        PQclear(bump.rows);
        if (!open) return failed({false, "", "the response's round is closed"});
        if (auto o = Run(conn, "touch", {now, id}); !o.ok) return failed(o);
      }
      std::vector<std::string> qids, nows, targets, notes;
      for (int r = 0; r < rows; ++r) {
        qids.push_back(questions[static_cast<size_t>(slot * rows + r)]);
        nows.push_back(std::to_string((g + r) % 5));
        targets.push_back(std::to_string((g + r + 2) % 5));
        notes.push_back(note);
      }
      if (auto o = Run(conn, "upsert",
                       {id, Array(qids, true), Array(nows, false), Array(targets, false), Array(notes, true)});
          !o.ok)
        return failed(o);
      if (auto o = Plain(conn, "COMMIT"); !o.ok) return failed(o);
      return {};
    };
    for (;;) {
      long long g = next.fetch_add(1);
      if (g >= transactions) break;
      auto t0 = std::chrono::steady_clock::now();
      Outcome o = transaction(g);
      // The store retries a serialization failure or a deadlock (4 tries in all).
      for (int attempt = 1; !o.ok && attempt < 4 && (o.sqlstate == "40001" || o.sqlstate == "40P01");
           ++attempt) {
        ++w.retries;
        o = transaction(g);
      }
      if (!o.ok) {
        if (w.failed++ == 0)
          std::cerr << "pg_durable_write: transaction " << g << ": " << o.sqlstate << " "
                    << o.message << "\n";
        continue;
      }
      ++w.done;
      w.latencies_ms.push_back(bench::SecondsSince(t0) * 1000.0);
    }
    PQfinish(conn);
  };

  const bench::Tally all = bench::RunWorkers(concurrency, run);
  const long long done = all.done, failed = all.failed, retries = all.retries;
  const double secs = all.seconds;

  long long present = -1;
  std::string settings;
  {
    PGconn* conn = bench::PgConnect(uri);
    if (transactions <= unique)
      present = bench::PgQueryInt(conn, "SELECT count(*) FROM answers WHERE note LIKE '" + prefix + ":%'");
    for (auto& row : bench::PgRows(conn,
                                   "SELECT name || '=' || setting FROM pg_settings WHERE name IN "
                                   "('fsync', 'synchronous_commit', 'wal_sync_method') ORDER BY name"))
      settings += " " + row[0];
    PQfinish(conn);
  }
  std::printf(
      "pg_durable_write: transactions=%lld failed=%lld concurrency=%d seconds=%.3f tps=%.1f "
      "p50_ms=%.2f p99_ms=%.2f max_ms=%.1f retries=%lld rows_present=%lld rows_expected=%lld%s\n",
      done, failed, concurrency, secs, static_cast<double>(done) / secs, bench::Percentile(all.latencies_ms, 50),
      bench::Percentile(all.latencies_ms, 99), bench::Percentile(all.latencies_ms, 100), retries, present, done * rows,
      settings.c_str());
  return failed == 0 ? 0 : 1;
}
