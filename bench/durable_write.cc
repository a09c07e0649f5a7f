// durable_write: the durable-write limit for PUT /api/v1/checkups/{token}/answers.
// Runs --transactions transactions from --concurrency threads, one SQLite connection each,
// with the server's settings (WAL, synchronous=FULL, foreign_keys=ON, busy_timeout) and the
// server's statements (src/store/sqlite/sqlite_store.cc SaveAnswers): BEGIN IMMEDIATE; touch
// the response's updated_at; upsert --rows answers; COMMIT. Nothing else: no HTTP, no JSON,
// statements prepared once. Work is spread like the load test's: transaction g goes to
// response g mod R, question slot (g / R) mod S, so no two transactions write the same rows
// until every slot is used. A transaction whose BEGIN IMMEDIATE gives up (SQLITE_BUSY after
// busy_timeout: SQLite's busy handler sleeps and polls, so one writer can starve while the
// other takes the lock again and again) is tried again and counted as busy_retries.
//
//   durable_write --db FILE --questions ids.txt --transactions N --concurrency C [--rows 10]
#include <atomic>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <mutex>

#include "common.h"

namespace {

constexpr const char* kUsage =
    "durable_write --db FILE --questions FILE --transactions N [--concurrency C=2] [--rows R=10]\n"
    "              [--busy-timeout MS=5000] [--prefix P=d]\n";

}  // namespace

int main(int argc, char** argv) {
  bench::Flags flags(argc, argv, kUsage);
  const std::string path = flags.Required("db");
  const auto questions = bench::ReadLines(flags.Required("questions"));
  const long long transactions = flags.Int("transactions", 0);
  const int concurrency = static_cast<int>(std::max(1LL, flags.Int("concurrency", 2)));
  const int rows = static_cast<int>(flags.Int("rows", 10));
  const int busy_timeout = static_cast<int>(flags.Int("busy-timeout", 5000));
  const std::string prefix = flags.Str("prefix", "d");
  if (transactions <= 0) bench::Die("--transactions must be positive");
  if (rows <= 0 || rows > static_cast<int>(questions.size())) bench::Die("bad --rows");

  std::vector<sqlite3_int64> ids;
  {
    sqlite3* db = bench::Open(path, false);
    sqlite3_stmt* q = bench::Prepare(db, "SELECT id FROM responses ORDER BY id");
    while (sqlite3_step(q) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(q, 0));
    sqlite3_finalize(q);
    sqlite3_close(db);
  }
  if (ids.empty()) bench::Die("no responses in " + path);
  const long long slots = static_cast<long long>(questions.size()) / rows;
  const long long unique = static_cast<long long>(ids.size()) * slots;

  std::atomic<long long> next{0};
  auto run = [&](bench::Tally& w) {
    sqlite3* db = bench::Open(path, false);
    sqlite3_busy_timeout(db, busy_timeout);
    bench::Exec(db, "PRAGMA journal_mode = WAL");
    bench::Exec(db, "PRAGMA synchronous = FULL");
    bench::Exec(db, "PRAGMA foreign_keys = ON");
    sqlite3_stmt* begin = bench::Prepare(db, "BEGIN IMMEDIATE");
    sqlite3_stmt* commit = bench::Prepare(db, "COMMIT");
    sqlite3_stmt* touch = bench::Prepare(db, "UPDATE responses SET updated_at = ? WHERE id = ?");
    sqlite3_stmt* upsert =
        bench::Prepare(db,
                       "INSERT INTO answers (response_id, question_id, now, target, note) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (response_id, question_id) DO UPDATE "
                       "SET now = excluded.now, target = excluded.target, note = excluded.note");
    // One transaction; returns the failing stage, or nullptr when committed.
    auto transaction = [&](long long g) -> const char* {
      sqlite3_int64 id = ids[static_cast<size_t>(g % static_cast<long long>(ids.size()))];
      long long slot = (g / static_cast<long long>(ids.size())) % slots;
      std::string note = prefix + ":" + std::to_string(g);
      auto step = [&](sqlite3_stmt* st) {
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        return rc == SQLITE_DONE;
      };
      if (!step(begin)) return "BEGIN IMMEDIATE";
      const char* failed = nullptr;
      sqlite3_bind_int64(touch, 1, static_cast<sqlite3_int64>(std::time(nullptr)));
      sqlite3_bind_int64(touch, 2, id);
      if (!step(touch) || sqlite3_changes(db) != 1) failed = "UPDATE responses";
      for (int r = 0; !failed && r < rows; ++r) {
        const std::string& qid = questions[static_cast<size_t>(slot * rows + r)];
        sqlite3_bind_int64(upsert, 1, id);
        sqlite3_bind_text(upsert, 2, qid.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_int(upsert, 3, static_cast<int>((g + r) % 5));
        sqlite3_bind_int(upsert, 4, static_cast<int>((g + r + 2) % 5));
        sqlite3_bind_text(upsert, 5, note.c_str(), -1, SQLITE_STATIC);
        if (!step(upsert)) failed = "upsert";
      }
      if (!failed && !step(commit)) failed = "COMMIT";
      if (failed && !sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return failed;
    };
    for (;;) {
      long long g = next.fetch_add(1);
      if (g >= transactions) break;
      auto t0 = std::chrono::steady_clock::now();
      const char* failed = transaction(g);
      // SQLite's busy handler sleeps and polls, so a writer can starve past busy_timeout while
      // the other takes the lock again and again. The limit is what SQLite can commit, so
      // such a transaction is tried again (and counted), not dropped.
      while (failed && std::string(failed) == "BEGIN IMMEDIATE" &&
             (sqlite3_errcode(db) & 0xff) == SQLITE_BUSY && w.retries < 100) {
        ++w.retries;
        failed = transaction(g);
      }
      if (failed) {
        if (w.failed++ == 0)
          std::cerr << "durable_write: transaction " << g << ": " << failed << ": "
                    << sqlite3_errmsg(db) << " (extended code " << sqlite3_extended_errcode(db)
                    << ")\n";
        continue;
      }
      ++w.done;
      w.latencies_ms.push_back(bench::SecondsSince(t0) * 1000.0);
    }
    for (auto* s : {begin, commit, touch, upsert}) sqlite3_finalize(s);
    sqlite3_close(db);
  };

  const bench::Tally all = bench::RunWorkers(concurrency, run);
  const long long done = all.done, failed = all.failed, busy_retries = all.retries;
  const double secs = all.seconds;

  long long present = -1;
  if (transactions <= unique) {
    sqlite3* db = bench::Open(path, false);
    present =
        bench::QueryInt(db, "SELECT count(*) FROM answers WHERE note LIKE '" + prefix + ":%'");
    sqlite3_close(db);
  }
  std::printf(
      "durable_write: transactions=%lld failed=%lld concurrency=%d seconds=%.3f tps=%.1f "
      "p50_ms=%.2f p99_ms=%.2f max_ms=%.1f busy_retries=%lld rows_present=%lld "
      "rows_expected=%lld\n",
      done, failed, concurrency, secs, static_cast<double>(done) / secs, bench::Percentile(all.latencies_ms, 50),
      bench::Percentile(all.latencies_ms, 99), bench::Percentile(all.latencies_ms, 100), busy_retries, present, done * rows);
  return failed == 0 ? 0 : 1;
}
