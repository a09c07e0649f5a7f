// gen_store: fills a SQLite database with solo check-up responses and their answers, fast,
// through the very schema the server uses (the .sql files of src/store/migrations/sqlite/,
// recorded in schema_migrations exactly as src/store/sqlite/schema.cc does, so `cultivate
// serve` accepts the file as current). Deterministic for a given --seed.
//
//   gen_store --db FILE --migrations src/store/migrations/sqlite --questions ids.txt
//             --bank-version 2026.1 --responses 100000 --answers-per 40 --tokens-out tokens.txt
//
// ids.txt holds the question ids, one a line, in bank order (bench/run takes them from
// GET /api/v1/questions). Each response includes every phase given by --phases and answers
// --answers-per of the questions (a rotating window, so every question is answered about
// equally often); about 5% of the levels are "not sure" (NULL) and every --note-every-th answer
// has a short note. The resume tokens (not stored, only their hashes are) are written to
// --tokens-out, one a line, in id order, so a load test can use them.
//
// Team check-ups: --team-rounds 10,100,1000 adds one community with one round per size and
// gives it that many of the first responses; --communities C adds C more communities with one
// round each, which share the remaining responses round-robin (so 10,000 communities and
// 100,000 responses make the large store). The timed rounds are closed, since team
// results are shown for closed rounds only (an open one gives counts); their responses' tokens
// are not written to --tokens-out, since a closed round refuses saves (409). The other rounds are
// open, so members' saves are accepted. --team-out writes "size community round" lines for the
// timed rounds.
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "common.h"

namespace {

constexpr const char* kUsage =
    "gen_store --db FILE --migrations DIR --questions FILE --bank-version V\n"
    "          [--responses N=1000] [--answers-per K=40] [--phases define,design,...]\n"
    "          [--tokens-out FILE] [--seed S=1] [--batch ROWS=4000] [--note-every N=7]\n"
    "          [--communities C=0] [--team-rounds 10,100,1000] [--team-out FILE]\n";

// Same text as kCreateSchemaMigrations in src/store/sqlite/schema.cc.
constexpr const char* kCreateSchemaMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at INTEGER NOT NULL)";

std::vector<std::string> SqlFiles(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (!d) bench::Die("cannot list " + dir);
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n.size() > 4 && n.substr(n.size() - 4) == ".sql") names.push_back(n);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  if (names.empty()) bench::Die("no .sql files in " + dir);
  return names;
}

/// Applies the migrations not yet recorded; returns how many were applied.
int Migrate(sqlite3* db, const std::string& dir) {
  bench::Exec(db, kCreateSchemaMigrations);
  int applied = 0;
  for (const auto& file : SqlFiles(dir)) {
    int version = std::atoi(file.c_str());  // NNNN_name.sql
    if (version <= 0) bench::Die("migration " + file + " does not start with its number");
    std::string name = file.substr(0, file.size() - 4);
    if (bench::QueryInt(db, "SELECT count(*) FROM schema_migrations WHERE version = " +
                                std::to_string(version)) > 0)
      continue;
    bench::Exec(db, "BEGIN IMMEDIATE");
    bench::Exec(db, bench::ReadFile(dir + "/" + file));
    sqlite3_stmt* record = bench::Prepare(
        db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
    sqlite3_bind_int(record, 1, version);
    sqlite3_bind_text(record, 2, name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(record, 3, static_cast<sqlite3_int64>(std::time(nullptr)));
    if (sqlite3_step(record) != SQLITE_DONE) bench::Die(sqlite3_errmsg(db));
    sqlite3_finalize(record);
    bench::Exec(db, "COMMIT");
    ++applied;
  }
  return applied;
}

void Step(sqlite3* db, sqlite3_stmt* stmt) {
  if (sqlite3_step(stmt) != SQLITE_DONE) bench::Die(std::string("insert: ") + sqlite3_errmsg(db));
  sqlite3_reset(stmt);
}

}  // namespace

int main(int argc, char** argv) {
  bench::Flags flags(argc, argv, kUsage);
  const std::string path = flags.Required("db");
  const std::string migrations = flags.Required("migrations");
  const auto questions = bench::ReadLines(flags.Required("questions"));
  const std::string bank_version = flags.Required("bank-version");
  const std::string phases = flags.Str("phases", "define,design,grow,perform,transform");
  const long long responses = flags.Int("responses", 1000);
  const int answers_per = static_cast<int>(flags.Int("answers-per", 40));
  const long long batch = std::max(1LL, flags.Int("batch", 4000));
  const int note_every = static_cast<int>(std::max(1LL, flags.Int("note-every", 7)));
  const std::string tokens_out = flags.Str("tokens-out");
  bench::Rng rng(static_cast<std::uint64_t>(flags.Int("seed", 1)));
  if (questions.empty()) bench::Die("no question ids");
  if (answers_per < 0 || answers_per > static_cast<int>(questions.size()))
    bench::Die("--answers-per must be between 0 and the number of questions (" +
               std::to_string(questions.size()) + ")");

  auto started = std::chrono::steady_clock::now();
  sqlite3* db = bench::Open(path, /*create=*/true);
  // WAL like the server; no fsync while generating (a crash here just means generate again).
  bench::Exec(db, "PRAGMA journal_mode = WAL");
  bench::Exec(db, "PRAGMA synchronous = OFF");
  bench::Exec(db, "PRAGMA cache_size = -262144");  // 256 MiB
  bench::Exec(db, "PRAGMA temp_store = MEMORY");
  int applied = Migrate(db, migrations);

  std::ofstream tokens;
  if (!tokens_out.empty()) {
    tokens.open(tokens_out, std::ios::app);
    if (!tokens) bench::Die("cannot write " + tokens_out);
  }

  sqlite3_stmt* insert_response = bench::Prepare(db,
                                                 "INSERT INTO responses (token_hash, name, phases, "
                                                 "bank_version, round_id, created_at, updated_at) "
                                                 "VALUES (?, ?, ?, ?, ?, ?, ?)");
  sqlite3_stmt* insert_answer = bench::Prepare(
      db,
      "INSERT INTO answers (response_id, question_id, now, target, note) VALUES (?, ?, ?, ?, ?)");

  // Team check-ups: --communities C communities with one open round each share the
  // responses out (round-robin); --team-rounds sizes add one community and round per size,
  // which get the first responses, in order, so bench/run can time rounds of known sizes.
  const long long communities = flags.Int("communities", 0);
  std::vector<long long> team_sizes;
  {
    std::stringstream list(flags.Str("team-rounds"));
    std::string item;
    while (std::getline(list, item, ','))
      if (!item.empty()) team_sizes.push_back(std::stoll(item));
  }
  sqlite3_stmt* insert_community = bench::Prepare(
      db, "INSERT INTO communities (name, domain, purpose, phase, created_at, updated_at) "
          "VALUES (?, 'Generated for the benchmark', '', 'grow', 1767225600, 1767225600)");
  sqlite3_stmt* insert_round = bench::Prepare(
      db, "INSERT INTO rounds (community_id, title, bank_version, opened_at, closed_at) "
          "VALUES (?, ?, ?, 1767225600, ?)");
  // Open, as while members answer, or closed 30 days later, as when results are read.
  auto new_round = [&](const std::string& name, bool closed) {
    sqlite3_bind_text(insert_community, 1, name.c_str(), -1, SQLITE_TRANSIENT);
    Step(db, insert_community);
    sqlite3_int64 community = sqlite3_last_insert_rowid(db);
    sqlite3_bind_int64(insert_round, 1, community);
    sqlite3_bind_text(insert_round, 2, name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_round, 3, bank_version.c_str(), -1, SQLITE_TRANSIENT);
    if (closed)
      sqlite3_bind_int64(insert_round, 4, 1767225600 + 30 * 86400);
    else
      sqlite3_bind_null(insert_round, 4);
    Step(db, insert_round);
    return std::make_pair(community, sqlite3_last_insert_rowid(db));
  };
  bench::Exec(db, "BEGIN");
  std::vector<std::pair<long long, sqlite3_int64>> timed;  // size, round id
  std::ofstream team_out;
  if (!flags.Str("team-out").empty()) {
    team_out.open(flags.Str("team-out"));
    if (!team_out) bench::Die("cannot write " + flags.Str("team-out"));
  }
  for (long long size : team_sizes) {
    auto [community, round] = new_round("Timed round of " + std::to_string(size), true);
    timed.emplace_back(size, round);
    if (team_out) team_out << size << ' ' << community << ' ' << round << '\n';
  }
  std::vector<sqlite3_int64> shared_rounds;
  for (long long c = 0; c < communities; ++c)
    shared_rounds.push_back(new_round("Bench community " + std::to_string(c), false).second);
  bench::Exec(db, "COMMIT");
  sqlite3_finalize(insert_community);
  sqlite3_finalize(insert_round);
  // The timed (closed) rounds take the first responses.
  long long timed_responses = 0;
  for (long long size : team_sizes) timed_responses += size;
  size_t timed_index = 0;
  long long timed_left = timed.empty() ? 0 : timed[0].first;
  auto round_for = [&](long long i) -> std::optional<sqlite3_int64> {
    while (timed_index < timed.size() && timed_left == 0) {
      if (++timed_index < timed.size()) timed_left = timed[timed_index].first;
    }
    if (timed_index < timed.size()) {
      --timed_left;
      return timed[timed_index].second;
    }
    if (shared_rounds.empty()) return std::nullopt;
    return shared_rounds[static_cast<size_t>(i) % shared_rounds.size()];
  };

  const std::int64_t base_time = 1767225600;  // 2026-01-01, spread over a year below
  const int q = static_cast<int>(questions.size());
  const int skip = q - answers_per;
  long long rows_in_tx = 0, answers = 0;
  bench::Exec(db, "BEGIN");
  for (long long i = 0; i < responses; ++i) {
    unsigned char bytes[32];
    for (int k = 0; k < 4; ++k) {
      std::uint64_t v = rng.Next();
      for (int b = 0; b < 8; ++b) bytes[k * 8 + b] = static_cast<unsigned char>(v >> (8 * b));
    }
    std::string token = bench::TokenFromBytes(bytes);
    std::string hash = bench::HashToken(token);
    std::string name = "Bench CoP " + std::to_string(i);
    std::int64_t created = base_time + static_cast<std::int64_t>(rng.Next() % (365 * 86400LL));
    sqlite3_bind_text(insert_response, 1, hash.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_response, 2, name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_response, 3, phases.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(insert_response, 4, bank_version.c_str(), -1, SQLITE_STATIC);
    if (auto round = round_for(i))
      sqlite3_bind_int64(insert_response, 5, *round);
    else
      sqlite3_bind_null(insert_response, 5);
    sqlite3_bind_int64(insert_response, 6, created);
    sqlite3_bind_int64(insert_response, 7, created + rng.Below(86400));
    Step(db, insert_response);
    sqlite3_int64 id = sqlite3_last_insert_rowid(db);
    if (tokens.is_open() && i >= timed_responses) tokens << token << '\n';  // not in a closed round

    // Answer all questions but a window of `skip` that moves along with i.
    int window = skip == 0 ? 0 : static_cast<int>((i * skip) % q);
    for (int k = 0; k < q; ++k) {
      int rel = (k - window + q) % q;
      if (rel < skip) continue;
      int now = rng.Below(5), target = std::min(4, now + rng.Below(3));
      sqlite3_bind_int64(insert_answer, 1, id);
      sqlite3_bind_text(insert_answer, 2, questions[k].c_str(), -1, SQLITE_STATIC);
      if (rng.Below(20) == 0)
        sqlite3_bind_null(insert_answer, 3);
      else
        sqlite3_bind_int(insert_answer, 3, now);
      if (rng.Below(20) == 0)
        sqlite3_bind_null(insert_answer, 4);
      else
        sqlite3_bind_int(insert_answer, 4, target);
      std::string note = (answers % note_every == 0) ? "g: generated note for " + questions[k] : "";
      sqlite3_bind_text(insert_answer, 5, note.c_str(), -1, SQLITE_TRANSIENT);
      Step(db, insert_answer);
      ++answers;
      ++rows_in_tx;
    }
    if (++rows_in_tx >= batch) {
      bench::Exec(db, "COMMIT");
      bench::Exec(db, "BEGIN");
      rows_in_tx = 0;
    }
  }
  bench::Exec(db, "COMMIT");
  sqlite3_finalize(insert_response);
  sqlite3_finalize(insert_answer);
  bench::Exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  long long total_responses = bench::QueryInt(db, "SELECT count(*) FROM responses");
  long long total_answers = bench::QueryInt(db, "SELECT count(*) FROM answers");
  long long total_communities = bench::QueryInt(db, "SELECT count(*) FROM communities");
  sqlite3_close(db);
  double secs = bench::SecondsSince(started);
  std::cout << "gen_store: " << path << ": applied " << applied << " migrations; added "
            << responses << " responses and " << answers << " answers in " << secs << " s ("
            << static_cast<long long>((responses + answers) / std::max(secs, 1e-6))
            << " rows/s); now " << total_responses << " responses, " << total_answers
            << " answers, " << total_communities << " communities, " << bench::FileSize(path)
            << " bytes\n";
  return 0;
}
