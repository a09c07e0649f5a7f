// The Store methods with a default: lookups made of other lookups, which a store whose every
// read is a round trip (postgres/) overrides with one query.

#include <algorithm>

#include "store/store.h"

namespace cultivate::store {

Result<std::pair<Session, User>> Store::FindSessionUser(const std::string& id_hash) {
  auto session = FindSession(id_hash);
  if (!session) return Fail(session.error());
  auto user = FindUser(session->user_id);
  if (!user) return Fail(user.error());
  return std::pair<Session, User>{std::move(*session), std::move(*user)};
}

Result<Community> Store::FindCoordinatedCommunity(Id community, Id user) {
  auto found = FindCommunity(community);
  if (!found) return Fail(found.error());
  auto coordinators = Coordinators(community);
  if (!coordinators) return Fail(coordinators.error());
  bool member = std::any_of(coordinators->begin(), coordinators->end(),
                            [&](const User& u) { return u.id == user; });
  if (!member) return Fail(Error::NotFound("not a coordinator of this community"));
  return found;
}

}  // namespace cultivate::store
