// verify_writes: after the PUT .../answers load run (bench/put_answers.lua), checks that
// every acknowledged write is in the database, whole.
//
// The Lua script gives request number c of wrk thread t the id g = c * threads + t and
// writes its 10 answers with note "<prefix>:<g>" into rows no other request of the run
// touches. wrk cannot tell which request a response answers, so bench/run lets the server
// finish every request it was sent (it waits until the database stops changing) before it
// kills it, and this checks every request the script built: each must be in the database
// with all its rows. Then every acknowledged write is there too. The exceptions allowed: thread
// 0's request 0 (wrk builds it only to check the script, and never sends it), and requests
// built at the very end that wrk never sent: only up to the number not acknowledged, and then
// the result is UNPROVEN rather than PASS. Also: no request is there in part, there are at
// least as many whole requests as 200 responses, and no response was an error.
//
// --db is a SQLite file or a postgresql:// URI (the same check on either store).
//
//   verify_writes --db FILE|URI --stats FILE --threads 2 --prefix m [--rows 10]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_map>

#include "common.h"
#include "pg_common.h"

namespace {
constexpr const char* kUsage =
    "verify_writes --db FILE|URI --stats FILE --threads T --prefix P [--rows 10]\n";
}

int main(int argc, char** argv) {
  bench::Flags flags(argc, argv, kUsage);
  const std::string path = flags.Required("db");
  const std::string prefix = flags.Required("prefix");
  const long long threads = flags.Int("threads", 2);
  const long long rows = flags.Int("rows", 10);

  struct ThreadStats {
    long long issued = 0, ok = 0, bad = 0;
  };
  std::unordered_map<long long, ThreadStats> stats;
  long long ok_total = 0, bad_total = 0, wrapped = 0;
  for (const auto& line : bench::ReadLines(flags.Required("stats"))) {
    std::istringstream in(line);
    long long tid, issued, ok, bad, wrap;
    if (!(in >> tid >> issued >> ok >> bad >> wrap)) bench::Die("bad stats line: " + line);
    stats[tid] = {issued, ok, bad};
    ok_total += ok;
    bad_total += bad;
    wrapped += wrap;
  }
  if (static_cast<long long>(stats.size()) != threads)
    bench::Die("stats file has the wrong number of threads");

  const std::string query = "SELECT substr(note, " + std::to_string(prefix.size() + 2) +
                            "), count(*) FROM answers WHERE note LIKE '" + prefix + ":%' GROUP BY note";
  std::unordered_map<long long, long long> present;
  if (bench::IsPostgres(path)) {
    PGconn* conn = bench::PgConnect(path);
    for (const auto& row : bench::PgRows(conn, query))
      present[std::atoll(row[0].c_str())] = std::atoll(row[1].c_str());
    PQfinish(conn);
  } else {
    sqlite3* db = bench::Open(path, false);
    sqlite3_stmt* q = bench::Prepare(db, query);
    while (sqlite3_step(q) == SQLITE_ROW)
      present[sqlite3_column_int64(q, 0)] = sqlite3_column_int64(q, 1);
    sqlite3_finalize(q);
    sqlite3_close(db);
  }

  long long whole = 0, partial = 0, missing = 0, checked = 0, issued_total = 0;
  for (const auto& [g, n] : present) {
    if (n == rows)
      ++whole;
    else
      ++partial;
  }
  for (const auto& [tid, s] : stats) {
    // wrk calls thread 0's request() once before the run to check the script and never
    // sends that request.
    long long first = tid == 0 ? 1 : 0;
    issued_total += s.issued - first;
    for (long long c = first; c < s.issued; ++c) {
      ++checked;
      auto it = present.find(c * threads + tid);
      if (it == present.end() || it->second != rows) {
        if (missing++ < 5)
          std::fprintf(stderr, "verify_writes: request %lld (thread %lld) is not in the database\n",
                       c * threads + tid, tid);
      }
    }
  }
  long long unacknowledged = issued_total - ok_total;
  const char* verdict = "PASS";
  if (partial > 0 || whole < ok_total || bad_total > 0 || wrapped > 0 || missing > unacknowledged)
    verdict = "FAIL";
  else if (missing > 0)
    verdict = "UNPROVEN";
  bool pass = std::string(verdict) == "PASS";
  std::printf(
      "verify_writes: %s acknowledged=%lld sent_or_built=%lld non200=%lld whole_in_db=%lld "
      "partial=%lld checked_one_by_one=%lld missing=%lld reused_rows=%lld\n",
      verdict, ok_total, issued_total, bad_total, whole, partial, checked, missing, wrapped);
  return pass ? 0 : 1;
}
