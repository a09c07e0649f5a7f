#include "auth/sessions.h"

#include "auth/security_log.h"
#include "auth/tokens.h"

namespace cultivate::auth {

Result<NewSession> Sessions::Start(const model::User& user) {
  NewSession out{NewToken(), NewToken()};
  std::int64_t now = clock_();
  model::Session session{HashToken(out.token), user.id, out.csrf, now, now};
  if (auto ok = store_.CreateSession(session); !ok) return Fail(ok.error());
  return out;
}

std::optional<SignedIn> Sessions::Current(const std::string& token, const std::string& address) {
  if (!PlausibleToken(token)) return std::nullopt;
  std::string hash = HashToken(token);
  auto found = store_.FindSessionUser(hash);
  if (!found) return std::nullopt;
  auto& [session, user] = *found;
  std::int64_t now = clock_();
  if (now - session.seen_at > options_.idle_seconds ||
      now - session.created_at > options_.absolute_seconds) {
    (void)store_.DeleteSession(hash);
    LogSecurityEvent("session-expired", std::to_string(session.user_id), address);
    return std::nullopt;
  }
  if (now - session.seen_at >= 60) {
    (void)store_.TouchSession(hash, now);
    session.seen_at = now;
  }
  return SignedIn{std::move(user), std::move(session)};
}

void Sessions::End(const std::string& token) {
  if (PlausibleToken(token)) (void)store_.DeleteSession(HashToken(token));
}

bool Sessions::CsrfMatches(const model::Session& session, const std::string& token) {
  return SameSecret(token, session.csrf);
}

}  // namespace cultivate::auth
