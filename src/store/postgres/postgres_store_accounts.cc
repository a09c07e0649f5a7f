// The PostgreSQL store: coordinator accounts, their sessions, communities, coordinators and
// invitations to co-coordinate. A community keeps at least one coordinator however the
// removals interleave: RemoveCoordinator and DeleteUser lock the memberships they count.

#include <utility>

#include "store/postgres/postgres_store.h"
#include "store/postgres/query.h"

namespace cultivate::store {
namespace {

using postgres::All;
using postgres::Changed;
using postgres::Missing;
using postgres::One;

constexpr const char* kSelectUser =
    "SELECT id, email, name, password_hash, created_at FROM users WHERE ";

User ReadUser(const pqxx::row& row) {
  return {row[0].as<Id>(), row[1].as<std::string>(), row[2].as<std::string>(),
          row[3].as<std::string>(), row[4].as<std::int64_t>()};
}

constexpr const char* kSelectCommunity =
    "SELECT id, name, domain, purpose, phase, demo, created_at, updated_at FROM communities ";

Community ReadCommunity(const pqxx::row& row) {
  Community c;
  c.id = row[0].as<Id>();
  c.name = row[1].as<std::string>();
  c.domain = row[2].as<std::string>();
  c.purpose = row[3].as<std::string>();
  c.phase = row[4].as<std::string>();
  c.demo = row[5].as<int>() != 0;
  c.created_at = row[6].as<std::int64_t>();
  c.updated_at = row[7].as<std::int64_t>();
  return c;
}

constexpr const char* kSelectInvitation =
    "SELECT i.id, i.community_id, c.name, i.email, i.created_at FROM coordinator_invitations i "
    "JOIN communities c ON c.id = i.community_id ";

CoordinatorInvitation ReadInvitation(const pqxx::row& row) {
  return {row[0].as<Id>(), row[1].as<Id>(), row[2].as<std::string>(), row[3].as<std::string>(),
          row[4].as<std::int64_t>()};
}

}  // namespace

// ---- accounts and sessions ----

Result<Id> PostgresStore::CreateUser(const User& user) {
  return Write("create user", [&](pqxx::transaction_base& tx) -> Result<Id> {
    // A taken email (ignoring case) fails the unique index users_email: kConflict.
    return tx
        .exec_params1(
            "INSERT INTO users (email, name, password_hash, created_at) "
            "VALUES ($1, $2, $3, $4) RETURNING id",
            user.email, user.name, user.password_hash, clock_())[0]
        .as<Id>();
  });
}

Result<User> PostgresStore::FindUser(Id id) {
  return ReadOne("find user", [&](pqxx::transaction_base& tx) {
    return One<User>(tx.exec_params(std::string(kSelectUser) + "id = $1", id), ReadUser,
                     "no user " + std::to_string(id));
  });
}

Result<User> PostgresStore::FindUserByEmail(const std::string& email) {
  return ReadOne("find user", [&](pqxx::transaction_base& tx) {
    return One<User>(tx.exec_params(std::string(kSelectUser) + "lower(email) = lower($1)", email),
                     ReadUser, "no user with this email");
  });
}

Status PostgresStore::DeleteUser(Id id) {
  return Write("delete user", [&](pqxx::transaction_base& tx) -> Status {
    // Lock the memberships of every community the user coordinates, so that whether they
    // coordinate one alone cannot change before the account is gone (two coordinators
    // deleting their accounts at once would otherwise each leave the other in charge).
    tx.exec_params(
        "SELECT 1 FROM memberships WHERE community_id IN "
        "(SELECT community_id FROM memberships WHERE user_id = $1) "
        "ORDER BY community_id, user_id FOR UPDATE",
        id);
    // Communities this user coordinates alone go with the account.
    tx.exec_params(
        "DELETE FROM communities WHERE id IN (SELECT community_id FROM memberships m "
        "WHERE m.user_id = $1 AND NOT EXISTS (SELECT 1 FROM memberships o "
        "WHERE o.community_id = m.community_id AND o.user_id <> m.user_id))",
        id);
    // Sessions and memberships cascade.
    return Changed(tx.exec_params("DELETE FROM users WHERE id = $1", id), Missing("user", id));
  });
}

Status PostgresStore::CreateSession(const Session& session) {
  return Write("create session", [&](pqxx::transaction_base& tx) -> Status {
    tx.exec_params(
        "INSERT INTO sessions (id_hash, user_id, csrf, created_at, seen_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        session.id_hash, session.user_id, session.csrf, session.created_at, session.seen_at);
    return {};
  });
}

Result<Session> PostgresStore::FindSession(const std::string& id_hash) {
  return ReadOne("find session", [&](pqxx::transaction_base& tx) {
    return One<Session>(
        tx.exec_params("SELECT id_hash, user_id, csrf, created_at, seen_at FROM sessions "
                       "WHERE id_hash = $1",
                       id_hash),
        [](const pqxx::row& row) {
          return Session{row[0].as<std::string>(), row[1].as<Id>(), row[2].as<std::string>(),
                         row[3].as<std::int64_t>(), row[4].as<std::int64_t>()};
        },
        "no such session");
  });
}

Result<std::pair<Session, User>> PostgresStore::FindSessionUser(const std::string& id_hash) {
  return ReadOne("find session", [&](pqxx::transaction_base& tx) {
    return One<std::pair<Session, User>>(
        postgres::Prepared(tx, "session_user",
                           "SELECT s.id_hash, s.user_id, s.csrf, s.created_at, s.seen_at, "
                           "u.id, u.email, u.name, u.password_hash, u.created_at FROM sessions s "
                           "JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1",
                           id_hash),
        [](const pqxx::row& row) {
          Session session{row[0].as<std::string>(), row[1].as<Id>(), row[2].as<std::string>(),
                          row[3].as<std::int64_t>(), row[4].as<std::int64_t>()};
          User user{row[5].as<Id>(), row[6].as<std::string>(), row[7].as<std::string>(),
                    row[8].as<std::string>(), row[9].as<std::int64_t>()};
          return std::pair<Session, User>{std::move(session), std::move(user)};
        },
        "no such session");
  });
}

Status PostgresStore::TouchSession(const std::string& id_hash, std::int64_t seen_at) {
  return Write("touch session", [&](pqxx::transaction_base& tx) -> Status {
    return Changed(
        postgres::Prepared(tx, "touch_session", "UPDATE sessions SET seen_at = $1 WHERE id_hash = $2",
                           seen_at, id_hash),
        Error::NotFound("no such session"));
  });
}

Status PostgresStore::DeleteSession(const std::string& id_hash) {
  return Write("delete session", [&](pqxx::transaction_base& tx) -> Status {
    tx.exec_params("DELETE FROM sessions WHERE id_hash = $1", id_hash);
    return {};
  });
}

// ---- communities ----

Result<Id> PostgresStore::CreateCommunity(const Community& community, Id coordinator) {
  return Write("create community", [&](pqxx::transaction_base& tx) -> Result<Id> {
    std::int64_t now = clock_();
    Id id = tx.exec_params1(
                  "INSERT INTO communities (name, domain, purpose, phase, demo, "
                  "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                  "RETURNING id",
                  community.name, community.domain, community.purpose, community.phase,
                  community.demo ? 1 : 0, now, now)[0]
                .as<Id>();
    // An unknown user fails its foreign key: kNotFound, nothing created.
    tx.exec_params(
        "INSERT INTO memberships (community_id, user_id, created_at) VALUES ($1, $2, $3)", id,
        coordinator, now);
    return id;
  });
}

Result<Community> PostgresStore::FindCommunity(Id id) {
  return ReadOne("find community", [&](pqxx::transaction_base& tx) {
    return One<Community>(tx.exec_params(std::string(kSelectCommunity) + "WHERE id = $1", id),
                          ReadCommunity, "no community " + std::to_string(id));
  });
}

Result<std::vector<Community>> PostgresStore::UserCommunities(Id user) {
  return ReadOne(
      "list communities", [&](pqxx::transaction_base& tx) -> Result<std::vector<Community>> {
        // lower(name) COLLATE "C": SQLite's COLLATE NOCASE order.
        return All<Community>(
            tx.exec_params(std::string(kSelectCommunity) +
                               "WHERE id IN (SELECT community_id FROM memberships "
                               "WHERE user_id = $1) ORDER BY lower(name) COLLATE \"C\", id",
                           user),
            ReadCommunity);
      });
}

Status PostgresStore::UpdateCommunity(const Community& community) {
  return Write("update community", [&](pqxx::transaction_base& tx) -> Status {
    return Changed(tx.exec_params("UPDATE communities SET name = $1, domain = $2, purpose = $3, "
                                  "phase = $4, updated_at = $5 WHERE id = $6",
                                  community.name, community.domain, community.purpose,
                                  community.phase, clock_(), community.id),
                   Missing("community", community.id));
  });
}

Status PostgresStore::DeleteCommunity(Id id) {
  return Write("delete community", [&](pqxx::transaction_base& tx) -> Status {
    // Rounds, invites, links, memberships and the plan cascade; a trigger on rounds removes
    // the responses of its rounds.
    return Changed(tx.exec_params("DELETE FROM communities WHERE id = $1", id),
                   Missing("community", id));
  });
}

Result<std::vector<User>> PostgresStore::Coordinators(Id community) {
  return ReadOne("list coordinators", [&](pqxx::transaction_base& tx) -> Result<std::vector<User>> {
    return All<User>(
        tx.exec_params("SELECT u.id, u.email, u.name, u.password_hash, u.created_at FROM users u "
                       "JOIN memberships m ON m.user_id = u.id WHERE m.community_id = $1 "
                       "ORDER BY m.created_at, u.id",
                       community),
        ReadUser);
  });
}

Result<Community> PostgresStore::FindCoordinatedCommunity(Id community, Id user) {
  return ReadOne("find community", [&](pqxx::transaction_base& tx) {
    return One<Community>(
        postgres::Prepared(tx, "coordinated_community",
                           std::string(kSelectCommunity) +
                               "WHERE id = $1 AND EXISTS (SELECT 1 FROM memberships "
                               "WHERE community_id = $1 AND user_id = $2)",
                           community, user),
        ReadCommunity, "no community " + std::to_string(community) + " coordinated by this user");
  });
}

Status PostgresStore::AddCoordinator(Id community, Id user) {
  return Write("add coordinator", [&](pqxx::transaction_base& tx) -> Status {
    // Already one: kConflict; unknown community or user: kNotFound.
    postgres::LockRounds(tx, community);
    tx.exec_params(
        "INSERT INTO memberships (community_id, user_id, created_at) VALUES ($1, $2, $3)",
        community, user, clock_());
    postgres::MarkCoordinatorResponses(tx, community, user);
    return {};
  });
}

Status PostgresStore::RemoveCoordinator(Id community, Id user) {
  return Write("remove coordinator", [&](pqxx::transaction_base& tx) -> Status {
    // Lock every membership of the community first: two coordinators removed at once then
    // take turns, and the second sees the first gone.
    tx.exec_params("SELECT 1 FROM memberships WHERE community_id = $1 ORDER BY user_id FOR UPDATE",
                   community);
    auto removed = tx.exec_params(
        "DELETE FROM memberships WHERE community_id = $1 AND user_id = $2", community, user);
    if (removed.affected_rows() == 0) return Fail(Error::NotFound("not a coordinator"));
    // A new statement: its snapshot includes whatever committed while this one waited.
    auto left =
        tx.exec_params("SELECT count(*) FROM memberships WHERE community_id = $1", community)[0][0]
            .as<std::int64_t>();
    if (left == 0) return Fail(Error::Conflict("a community keeps at least one coordinator"));
    return {};
  });
}

// ---- invitations to co-coordinate ----

Status PostgresStore::InviteCoordinator(const CoordinatorInvitation& invitation, Id invited_by) {
  return Write("invite coordinator", [&](pqxx::transaction_base& tx) -> Status {
    tx.exec_params(
        "INSERT INTO coordinator_invitations (community_id, email, invited_by, created_at) "
        "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        invitation.community_id, invitation.email, invited_by, clock_());  // unknown: kNotFound
    return {};
  });
}

Result<std::vector<CoordinatorInvitation>> PostgresStore::InvitationsFor(const std::string& email) {
  using List = std::vector<CoordinatorInvitation>;
  return ReadOne("invitations for", [&](pqxx::transaction_base& tx) -> Result<List> {
    return All<CoordinatorInvitation>(
        tx.exec_params(std::string(kSelectInvitation) +
                           "WHERE i.email = $1 ORDER BY i.created_at DESC, i.id DESC",
                       email),
        ReadInvitation);
  });
}

Result<std::vector<CoordinatorInvitation>> PostgresStore::PendingInvitations(Id community) {
  using List = std::vector<CoordinatorInvitation>;
  return ReadOne("pending invitations", [&](pqxx::transaction_base& tx) -> Result<List> {
    return All<CoordinatorInvitation>(
        tx.exec_params(std::string(kSelectInvitation) +
                           "WHERE i.community_id = $1 ORDER BY i.created_at DESC, i.id DESC",
                       community),
        ReadInvitation);
  });
}

Status PostgresStore::AcceptInvitation(Id invitation, const std::string& email, Id user) {
  return Write("accept invitation", [&](pqxx::transaction_base& tx) -> Status {
    // Taking the invitation is one statement: of two accepts at once, one finds it gone.
    auto taken = tx.exec_params(
        "DELETE FROM coordinator_invitations WHERE id = $1 AND email = $2 RETURNING community_id",
        invitation, email);
    if (taken.empty()) return Fail(Error::NotFound("no such invitation for this email"));
    postgres::LockRounds(tx, taken[0][0].as<Id>());
    tx.exec_params(
        "INSERT INTO memberships (community_id, user_id, created_at) VALUES ($1, $2, $3) "
        "ON CONFLICT DO NOTHING",
        taken[0][0].as<Id>(), user, clock_());
    postgres::MarkCoordinatorResponses(tx, taken[0][0].as<Id>(), user);
    return {};
  });
}

Status PostgresStore::DeclineInvitation(Id invitation, const std::string& email) {
  return Write("decline invitation", [&](pqxx::transaction_base& tx) -> Status {
    return Changed(
        tx.exec_params("DELETE FROM coordinator_invitations WHERE id = $1 AND email = $2",
                       invitation, email),
        Error::NotFound("no such invitation for this email"));
  });
}

}  // namespace cultivate::store
