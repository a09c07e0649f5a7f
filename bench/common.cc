#include "common.h"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

namespace bench {

Flags::Flags(int argc, char** argv, const std::string& usage) : usage_(usage) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--") {
      for (++i; i < argc; ++i) positional_.emplace_back(argv[i]);
      break;
    }
    if (a == "-h" || a == "--help") {
      std::cout << usage_;
      std::exit(0);
    }
    if (a.rfind("--", 0) == 0) {
      std::string name = a.substr(2);
      auto eq = name.find('=');
      if (eq != std::string::npos) {
        values_[name.substr(0, eq)] = name.substr(eq + 1);
      } else if (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0) {
        values_[name] = argv[++i];
      } else {
        values_[name] = "1";
      }
    } else {
      positional_.push_back(a);
    }
  }
}

std::string Flags::Str(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

std::string Flags::Required(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) {
    std::cerr << "missing --" << name << "\n" << usage_;
    std::exit(2);
  }
  return it->second;
}

long long Flags::Int(const std::string& name, long long fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  try {
    return std::stoll(it->second);
  } catch (...) {
    Die("--" + name + " wants a whole number, not '" + it->second + "'");
  }
}

double Flags::Real(const std::string& name, double fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  try {
    return std::stod(it->second);
  } catch (...) {
    Die("--" + name + " wants a number, not '" + it->second + "'");
  }
}

void Die(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  std::exit(1);
}

sqlite3* Open(const std::string& path, bool create) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK)
    Die("cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
  return db;
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string message = err ? err : sqlite3_errmsg(db);
    sqlite3_free(err);
    Die(message + " in: " + sql.substr(0, 200));
  }
}

sqlite3_stmt* Prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
    Die(std::string(sqlite3_errmsg(db)) + " preparing: " + sql);
  return stmt;
}

long long QueryInt(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = Prepare(db, sql);
  long long v = 0;
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW)
    v = sqlite3_column_int64(stmt, 0);
  else if (rc != SQLITE_DONE)
    Die(std::string(sqlite3_errmsg(db)) + " in: " + sql);
  sqlite3_finalize(stmt);
  return v;
}

std::string QueryText(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = Prepare(db, sql);
  std::string v;
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0))
    v = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    Die(std::string(sqlite3_errmsg(db)) + " in: " + sql);
  sqlite3_finalize(stmt);
  return v;
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  if (!in) Die("cannot read " + path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Die("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string TokenFromBytes(const unsigned char bytes[32]) {
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, 32, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string HashToken(const std::string& token) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

double Percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(samples.size())));
  if (rank == 0) rank = 1;
  return samples[std::min(rank, samples.size()) - 1];
}

long long FileSize(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return 0;
  return static_cast<long long>(st.st_size);
}

Tally RunWorkers(int concurrency, const std::function<void(Tally&)>& work) {
  std::vector<Tally> workers(static_cast<size_t>(concurrency));
  auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (auto& w : workers) threads.emplace_back(work, std::ref(w));
  for (auto& t : threads) t.join();
  Tally all;
  all.seconds = SecondsSince(started);
  for (auto& w : workers) {
    all.done += w.done;
    all.failed += w.failed;
    all.retries += w.retries;
    all.latencies_ms.insert(all.latencies_ms.end(), w.latencies_ms.begin(), w.latencies_ms.end());
  }
  return all;
}

}  // namespace bench
