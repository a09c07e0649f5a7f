#pragma once
// Small helpers shared by the benchmark tools: flags, SQLite calls that die loudly, the
// resume-token scheme of the server, percentiles. Benchmark tools, not product code: any
// failure prints a message and exits non-zero.
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace bench {

/// --name value pairs (and bare --flag as "1"); Positional() gets the rest.
class Flags {
 public:
  Flags(int argc, char** argv, const std::string& usage);
  std::string Str(const std::string& name, const std::string& fallback = "") const;
  std::string Required(const std::string& name) const;
  long long Int(const std::string& name, long long fallback) const;
  double Real(const std::string& name, double fallback) const;
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  const std::vector<std::string>& Positional() const { return positional_; }

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
  std::string usage_;
};

[[noreturn]] void Die(const std::string& message);

/// Opens a database (read-write, create if asked) or dies.
sqlite3* Open(const std::string& path, bool create);
/// Runs SQL (no rows expected) or dies with the SQL in the message.
void Exec(sqlite3* db, const std::string& sql);
sqlite3_stmt* Prepare(sqlite3* db, const std::string& sql);
/// The first column of the first row as an integer (0 when no row).
long long QueryInt(sqlite3* db, const std::string& sql);
std::string QueryText(sqlite3* db, const std::string& sql);

std::vector<std::string> ReadLines(const std::string& path);
std::string ReadFile(const std::string& path);

/// The server's token scheme (src/web/checkup_service.cc): 32 random bytes as URL-safe
/// base64 without padding (43 characters); the store keeps the hex SHA-256 of the token.
std::string TokenFromBytes(const unsigned char bytes[32]);
std::string HashToken(const std::string& token);

/// splitmix64: a fast, seedable generator, so a generated store is the same every time.
struct Rng {
  std::uint64_t state;
  explicit Rng(std::uint64_t seed) : state(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }
};

/// Nearest-rank percentile (p in 0..100) of unsorted samples; 0 when empty.
double Percentile(std::vector<double> samples, double p);

inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long long FileSize(const std::string& path);

/// What the threads of a write benchmark did: transactions committed, failed and tried
/// again, each committed one's latency, and (summed) the wall time of the whole run.
struct Tally {
  long long done = 0, failed = 0, retries = 0;
  std::vector<double> latencies_ms;
  double seconds = 0;
};

/// Runs `work` on `concurrency` threads at once, each with a Tally of its own, and returns
/// their sum with the wall time from the first start to the last finish.
Tally RunWorkers(int concurrency, const std::function<void(Tally&)>& work);

}  // namespace bench
