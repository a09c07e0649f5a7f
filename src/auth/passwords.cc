#include "auth/passwords.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <new>
#include <semaphore>
#include <thread>

#include <sodium.h>

namespace cultivate::auth {

namespace {

constexpr unsigned long long kPasswordOps = 2;
constexpr size_t kPasswordMemory = 19 * 1024 * 1024;

/// Hashing takes 19 MiB and a core for tens of milliseconds. Requests that change data run on
/// many handler threads, so without a limit a burst of sign-ins would take 19 MiB per thread
/// and starve every other save; with it, at most one hash per core runs and the rest queue.
class HashGate {
 public:
  HashGate() : slots_(std::clamp<std::ptrdiff_t>(std::thread::hardware_concurrency(), 1, 64)) {}
  void lock() { slots_.acquire(); }
  void unlock() { slots_.release(); }

 private:
  std::counting_semaphore<64> slots_;
};

HashGate& Gate() {
  static HashGate gate;
  return gate;
}

std::atomic<std::int64_t> hash_nanos{0}, hash_count{0};

}  // namespace

std::string HashPassword(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  std::lock_guard slot(Gate());
  auto start = std::chrono::steady_clock::now();
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kPasswordOps, kPasswordMemory,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::bad_alloc();
  hash_nanos += std::chrono::duration_cast<std::chrono::nanoseconds>(
                    std::chrono::steady_clock::now() - start).count();
  ++hash_count;
  return out;
}

std::int64_t PasswordsHashed() { return hash_count.load(); }

std::chrono::nanoseconds TypicalHashTime() {
  std::int64_t n = hash_count.load();
  if (n == 0) {
    (void)DummyPasswordHash();  // measures one
    n = std::max<std::int64_t>(1, hash_count.load());
  }
  return std::chrono::nanoseconds(hash_nanos.load() / n);
}

bool VerifyPassword(const std::string& password, const std::string& hash) {
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::lock_guard slot(Gate());
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& DummyPasswordHash() {
  static const std::string hash = HashPassword("not a real password, only for timing");
  return hash;
}

}  // namespace cultivate::auth
