#pragma once
/// Private links and session ids: 256-bit random tokens, stored only as their hash.

#include <string>

namespace cultivate::auth {

/// A fresh token: 32 random bytes (256 bits), base64url without padding (43 characters).
std::string NewToken();
/// The only form in which a token is stored: hex SHA-256 of the token.
std::string HashToken(const std::string& token);
/// True when `token` has the shape NewToken() makes (so junk never reaches the store).
bool PlausibleToken(const std::string& token);
/// True when `a` equals `b`, in time that depends only on their length.
bool SameSecret(const std::string& a, const std::string& b);

}  // namespace cultivate::auth
