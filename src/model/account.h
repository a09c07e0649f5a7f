#pragma once
/// Coordinators' accounts and their signed-in sessions.

#include <cstdint>
#include <string>

#include "model/id.h"

namespace cultivate::model {

/// A coordinator's account. The password is kept only as a libsodium argon2id string.
struct User {
  Id id = 0;
  std::string email;  // unique, compared case-insensitively
  std::string name;
  std::string password_hash;
  std::int64_t created_at = 0;
};

/// A signed-in browser. Only the hash of the cookie value is stored.
struct Session {
  std::string id_hash;
  Id user_id = 0;
  std::string csrf;  // the token every state-changing form of this session carries
  std::int64_t created_at = 0;
  std::int64_t seen_at = 0;
};

}  // namespace cultivate::model
