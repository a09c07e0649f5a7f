#pragma once
/// Passwords: the rules a new one must meet and argon2id hashing through libsodium.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace cultivate::auth {

inline constexpr size_t kMinPasswordLength = 12;   // code points
inline constexpr size_t kMaxPasswordLength = 128;  // code points

/// Argon2id with at least 19 MiB of memory and 2 passes (OWASP's minimum); the result is the
/// self-describing string libsodium makes, so parameters can be raised later. At most one
/// hash per core runs at a time; the rest wait. Throws std::bad_alloc when out of memory.
std::string HashPassword(const std::string& password);
/// True when `password` matches `hash` (constant time inside libsodium).
bool VerifyPassword(const std::string& password, const std::string& hash);
/// About how long one HashPassword takes on this machine (the mean of those so far), so a
/// path that does not hash can take as long.
std::chrono::nanoseconds TypicalHashTime();
/// How many passwords this process has hashed (for tests: a refused sign-up hashes none).
std::int64_t PasswordsHashed();
/// A hash to verify against when the email is unknown, so both cases take the same time.
const std::string& DummyPasswordHash();

}  // namespace cultivate::auth
