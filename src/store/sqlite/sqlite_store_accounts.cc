// The SQLite store: coordinator accounts, their sessions, communities and coordinators.
// Responses and answers are in sqlite_store.cc; rounds, invites, sponsor links and the
// community plan in sqlite_store_rounds.cc.

#include <utility>

#include <SQLiteCpp/Statement.h>

#include "store/sqlite/plan_rows.h"
#include "store/sqlite/query.h"
#include "store/sqlite/sqlite_store.h"
#include "store/validation.h"

namespace cultivate::store {
namespace {

using sqlite::BindOptional;
using sqlite::Changed;
using sqlite::ColumnInt64;
using sqlite::FindBy;
using sqlite::ListBy;
using sqlite::Missing;
using sqlite::One;

constexpr const char* kSelectUser =
    "SELECT id, email, name, password_hash, created_at FROM users WHERE ";

User ReadUser(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
          q.getColumn(3).getString(), q.getColumn(4).getInt64()};
}

constexpr const char* kSelectCommunity =
    "SELECT id, name, domain, purpose, phase, demo, created_at, updated_at FROM communities ";

Community ReadCommunity(SQLite::Statement& q) {
  Community c;
  c.id = q.getColumn(0).getInt64();
  c.name = q.getColumn(1).getString();
  c.domain = q.getColumn(2).getString();
  c.purpose = q.getColumn(3).getString();
  c.phase = q.getColumn(4).getString();
  c.demo = q.getColumn(5).getInt() != 0;
  c.created_at = q.getColumn(6).getInt64();
  c.updated_at = q.getColumn(7).getInt64();
  return c;
}

}  // namespace

// ---- accounts and sessions ----

Result<Id> SqliteStore::CreateUser(const User& user) {
  return Write("create user", [&](sqlite::Connection& db) -> Result<Id> {
    auto insert_use =
        db.Cached("INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)");
    SQLite::Statement& insert = *insert_use;
    insert.bind(1, user.email);
    insert.bind(2, user.name);
    insert.bind(3, user.password_hash);
    insert.bind(4, clock_());
    insert.exec();  // a taken email fails its UNIQUE: kConflict
    return db.getLastInsertRowid();
  });
}

Result<User> SqliteStore::FindUser(Id id) {
  return Read("find user", [&](sqlite::Connection& db) {
    return FindBy<User>(db, kSelectUser, "id = ?", id, ReadUser, "no user " + std::to_string(id));
  });
}

Result<User> SqliteStore::FindUserByEmail(const std::string& email) {
  return Read("find user", [&](sqlite::Connection& db) {
    return FindBy<User>(db, kSelectUser, "email = ?", email, ReadUser, "no user with this email");
  });
}

Status SqliteStore::DeleteUser(Id id) {
  return Write("delete user", [&](sqlite::Connection& db) -> Status {
    // Communities this user coordinates alone go with the account.
    auto orphans_use = db.Cached(
        "DELETE FROM communities WHERE id IN (SELECT community_id FROM memberships m "
        "WHERE m.user_id = ? AND NOT EXISTS (SELECT 1 FROM memberships o "
        "WHERE o.community_id = m.community_id AND o.user_id <> m.user_id))");
    SQLite::Statement& orphans = *orphans_use;
    orphans.bind(1, id);
    orphans.exec();
    auto remove_use = db.Cached("DELETE FROM users WHERE id = ?");
    SQLite::Statement& remove = *remove_use;
    remove.bind(1, id);
    return Changed(remove.exec(), Missing("user", id));  // sessions, memberships cascade
  });
}

Status SqliteStore::CreateSession(const Session& session) {
  return Write("create session", [&](sqlite::Connection& db) -> Status {
    auto insert_use = db.Cached(
        "INSERT INTO sessions (id_hash, user_id, csrf, created_at, seen_at) "
        "VALUES (?, ?, ?, ?, ?)");
    SQLite::Statement& insert = *insert_use;
    insert.bind(1, session.id_hash);
    insert.bind(2, session.user_id);
    insert.bind(3, session.csrf);
    insert.bind(4, session.created_at);
    insert.bind(5, session.seen_at);
    insert.exec();
    return {};
  });
}

Result<Session> SqliteStore::FindSession(const std::string& id_hash) {
  return Read("find session", [&](sqlite::Connection& db) -> Result<Session> {
    auto q_use = db.Cached(
        "SELECT id_hash, user_id, csrf, created_at, seen_at FROM sessions WHERE id_hash = ?");
    SQLite::Statement& q = *q_use;
    q.bind(1, id_hash);
    if (!q.executeStep()) return Fail(Error::NotFound("no such session"));
    return Session{q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                   q.getColumn(2).getString(), q.getColumn(3).getInt64(),
                   q.getColumn(4).getInt64()};
  });
}

Status SqliteStore::TouchSession(const std::string& id_hash, std::int64_t seen_at) {
  return Write("touch session", [&](sqlite::Connection& db) -> Status {
    auto update_use = db.Cached("UPDATE sessions SET seen_at = ? WHERE id_hash = ?");
    SQLite::Statement& update = *update_use;
    update.bind(1, seen_at);
    update.bind(2, id_hash);
    return Changed(update.exec(), Error::NotFound("no such session"));
  });
}

Status SqliteStore::DeleteSession(const std::string& id_hash) {
  return Write("delete session", [&](sqlite::Connection& db) -> Status {
    auto remove_use = db.Cached("DELETE FROM sessions WHERE id_hash = ?");
    SQLite::Statement& remove = *remove_use;
    remove.bind(1, id_hash);
    remove.exec();
    return {};
  });
}

// ---- communities ----

Result<Id> SqliteStore::CreateCommunity(const Community& community, Id coordinator) {
  return Write("create community", [&](sqlite::Connection& db) -> Result<Id> {
    std::int64_t now = clock_();
    auto insert_use = db.Cached(
        "INSERT INTO communities (name, domain, purpose, phase, demo, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& insert = *insert_use;
    insert.bind(1, community.name);
    insert.bind(2, community.domain);
    insert.bind(3, community.purpose);
    insert.bind(4, community.phase);
    insert.bind(5, community.demo ? 1 : 0);
    insert.bind(6, now);
    insert.bind(7, now);
    insert.exec();
    Id id = db.getLastInsertRowid();
    auto member_use =
        db.Cached("INSERT INTO memberships (community_id, user_id, created_at) VALUES (?, ?, ?)");
    SQLite::Statement& member = *member_use;
    member.bind(1, id);
    member.bind(2, coordinator);
    member.bind(3, now);
    member.exec();  // an unknown user fails its foreign key: kNotFound, nothing created
    return id;
  });
}

Result<Community> SqliteStore::FindCommunity(Id id) {
  return Read("find community", [&](sqlite::Connection& db) {
    return FindBy<Community>(db, kSelectCommunity, "WHERE id = ?", id, ReadCommunity,
                             "no community " + std::to_string(id));
  });
}

Result<std::vector<Community>> SqliteStore::UserCommunities(Id user) {
  return Read("list communities", [&](sqlite::Connection& db) -> Result<std::vector<Community>> {
    return ListBy<Community>(db, kSelectCommunity,
                             "WHERE id IN (SELECT community_id FROM memberships WHERE user_id = ?) "
                             "ORDER BY name COLLATE NOCASE, id",
                             user, ReadCommunity);
  });
}

Status SqliteStore::UpdateCommunity(const Community& community) {
  return Write("update community", [&](sqlite::Connection& db) -> Status {
    auto update_use = db.Cached(
        "UPDATE communities SET name = ?, domain = ?, purpose = ?, phase = ?, "
        "updated_at = ? WHERE id = ?");
    SQLite::Statement& update = *update_use;
    update.bind(1, community.name);
    update.bind(2, community.domain);
    update.bind(3, community.purpose);
    update.bind(4, community.phase);
    update.bind(5, clock_());
    update.bind(6, community.id);
    return Changed(update.exec(), Missing("community", community.id));
  });
}

Status SqliteStore::DeleteCommunity(Id id) {
  return Write("delete community", [&](sqlite::Connection& db) -> Status {
    // Rounds, invites, links and memberships cascade; triggers remove the responses of
    // its rounds and its plan.
    auto remove_use = db.Cached("DELETE FROM communities WHERE id = ?");
    SQLite::Statement& remove = *remove_use;
    remove.bind(1, id);
    return Changed(remove.exec(), Missing("community", id));
  });
}

Result<std::vector<User>> SqliteStore::Coordinators(Id community) {
  return Read("list coordinators", [&](sqlite::Connection& db) -> Result<std::vector<User>> {
    auto q_use = db.Cached(
        "SELECT u.id, u.email, u.name, u.password_hash, u.created_at FROM users u "
        "JOIN memberships m ON m.user_id = u.id WHERE m.community_id = ? "
        "ORDER BY m.created_at, u.id");
    SQLite::Statement& q = *q_use;
    q.bind(1, community);
    std::vector<User> out;
    while (q.executeStep()) out.push_back(ReadUser(q));
    return out;
  });
}

Status SqliteStore::AddCoordinator(Id community, Id user) {
  return Write("add coordinator", [&](sqlite::Connection& db) -> Status {
    auto insert_use =
        db.Cached("INSERT INTO memberships (community_id, user_id, created_at) VALUES (?, ?, ?)");
    SQLite::Statement& insert = *insert_use;
    insert.bind(1, community);
    insert.bind(2, user);
    insert.bind(3, clock_());
    insert.exec();  // already one: kConflict; unknown community or user: kNotFound
    sqlite::MarkCoordinatorResponses(db, community, user);
    return {};
  });
}

Status SqliteStore::RemoveCoordinator(Id community, Id user) {
  return Write("remove coordinator", [&](sqlite::Connection& db) -> Status {
    int count = db.execAndGet("SELECT count(*) FROM memberships WHERE community_id = " +
                              std::to_string(community))
                    .getInt();
    auto remove_use = db.Cached("DELETE FROM memberships WHERE community_id = ? AND user_id = ?");
    SQLite::Statement& remove = *remove_use;
    remove.bind(1, community);
    remove.bind(2, user);
    if (remove.exec() == 0) return Fail(Error::NotFound("not a coordinator"));
    if (count <= 1) return Fail(Error::Conflict("a community keeps at least one coordinator"));
    return {};
  });
}

}  // namespace cultivate::store
