// The SQLite store, part two: accounts, sessions, communities, rounds, invites, sponsor links
// and the community plan. See sqlite_store.cc for responses, answers and the solo plan.

#include <utility>

#include <SQLiteCpp/Statement.h>

#include "store/sqlite/plan_rows.h"
#include "store/sqlite/sqlite_store.h"
#include "store/validation.h"

namespace cultivate::store {
namespace {

using sqlite::BindOptional;
using sqlite::ColumnInt64;

Error Missing(const char* what, Id id) {
  return Error::NotFound(std::string("no ") + what + " " + std::to_string(id));
}

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

// Counts come from correlated subqueries over the responses_round index.
constexpr const char* kSelectRound =
    "SELECT r.id, r.community_id, r.title, r.bank_version, r.opened_at, r.closes_at, "
    "r.closed_at, r.revision, "
    "(SELECT count(*) FROM responses s WHERE s.round_id = r.id), "
    "(SELECT count(*) FROM responses s WHERE s.round_id = r.id AND EXISTS (SELECT 1 FROM "
    "answers a WHERE a.response_id = s.id AND a.now IS NOT NULL AND a.target IS NOT NULL)) "
    "FROM rounds r ";

Round ReadRound(SQLite::Statement& q) {
  Round r;
  r.id = q.getColumn(0).getInt64();
  r.community_id = q.getColumn(1).getInt64();
  r.title = q.getColumn(2).getString();
  r.bank_version = q.getColumn(3).getString();
  r.opened_at = q.getColumn(4).getInt64();
  r.closes_at = ColumnInt64(q.getColumn(5));
  r.closed_at = ColumnInt64(q.getColumn(6));
  r.revision = q.getColumn(7).getInt64();
  r.joined = q.getColumn(8).getInt();
  r.answered = q.getColumn(9).getInt();
  return r;
}

constexpr const char* kSelectInvite =
    "SELECT id, community_id, round_id, token_hash, created_at, expires_at, revoked_at, uses "
    "FROM invites WHERE ";

Invite ReadInvite(SQLite::Statement& q) {
  Invite i;
  i.id = q.getColumn(0).getInt64();
  i.community_id = q.getColumn(1).getInt64();
  i.round_id = q.getColumn(2).getInt64();
  i.token_hash = q.getColumn(3).getString();
  i.created_at = q.getColumn(4).getInt64();
  i.expires_at = q.getColumn(5).getInt64();
  i.revoked_at = ColumnInt64(q.getColumn(6));
  i.uses = q.getColumn(7).getInt();
  return i;
}

constexpr const char* kSelectSponsor =
    "SELECT id, community_id, token_hash, label, created_at, revoked_at FROM sponsor_links WHERE ";

SponsorLink ReadSponsor(SQLite::Statement& q) {
  SponsorLink s;
  s.id = q.getColumn(0).getInt64();
  s.community_id = q.getColumn(1).getInt64();
  s.token_hash = q.getColumn(2).getString();
  s.label = q.getColumn(3).getString();
  s.created_at = q.getColumn(4).getInt64();
  s.revoked_at = ColumnInt64(q.getColumn(5));
  return s;
}

// Runs a one-row lookup; kNotFound with `missing` when there is no row.
template <typename T, typename Reader>
Result<T> One(SQLite::Statement& q, Reader read, const std::string& missing) {
  if (!q.executeStep()) return Fail(Error::NotFound(missing));
  return read(q);
}

Status Changed(int rows, Error missing) {
  if (rows == 0) return Fail(std::move(missing));
  return {};
}

}  // namespace

// ---- accounts and sessions ----

Result<Id> SqliteStore::CreateUser(const User& user) {
  return Write("create user", [&](SQLite::Database& db) -> Result<Id> {
    SQLite::Statement insert(
        db, "INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)");
    insert.bind(1, user.email);
    insert.bind(2, user.name);
    insert.bind(3, user.password_hash);
    insert.bind(4, clock_());
    insert.exec();  // a taken email fails its UNIQUE: kConflict
    return db.getLastInsertRowid();
  });
}

Result<User> SqliteStore::FindUser(Id id) {
  return Read("find user", [&](SQLite::Database& db) {
    SQLite::Statement q(db, std::string(kSelectUser) + "id = ?");
    q.bind(1, id);
    return One<User>(q, ReadUser, "no user " + std::to_string(id));
  });
}

Result<User> SqliteStore::FindUserByEmail(const std::string& email) {
  return Read("find user", [&](SQLite::Database& db) {
    SQLite::Statement q(db, std::string(kSelectUser) + "email = ?");
    q.bind(1, email);
    return One<User>(q, ReadUser, "no user with this email");
  });
}

Status SqliteStore::DeleteUser(Id id) {
  return Write("delete user", [&](SQLite::Database& db) -> Status {
    // Communities this user coordinates alone go with the account.
    SQLite::Statement orphans(
        db,
        "DELETE FROM communities WHERE id IN (SELECT community_id FROM memberships m "
        "WHERE m.user_id = ? AND NOT EXISTS (SELECT 1 FROM memberships o "
        "WHERE o.community_id = m.community_id AND o.user_id <> m.user_id))");
    orphans.bind(1, id);
    orphans.exec();
    SQLite::Statement remove(db, "DELETE FROM users WHERE id = ?");
    remove.bind(1, id);
    return Changed(remove.exec(), Missing("user", id));  // sessions, memberships cascade
  });
}

Status SqliteStore::CreateSession(const Session& session) {
  return Write("create session", [&](SQLite::Database& db) -> Status {
    SQLite::Statement insert(
        db, "INSERT INTO sessions (id_hash, user_id, csrf, created_at, seen_at) "
            "VALUES (?, ?, ?, ?, ?)");
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
  return Read("find session", [&](SQLite::Database& db) -> Result<Session> {
    SQLite::Statement q(
        db, "SELECT id_hash, user_id, csrf, created_at, seen_at FROM sessions WHERE id_hash = ?");
    q.bind(1, id_hash);
    if (!q.executeStep()) return Fail(Error::NotFound("no such session"));
    return Session{q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                   q.getColumn(2).getString(), q.getColumn(3).getInt64(),
                   q.getColumn(4).getInt64()};
  });
}

Status SqliteStore::TouchSession(const std::string& id_hash, std::int64_t seen_at) {
  return Write("touch session", [&](SQLite::Database& db) -> Status {
    SQLite::Statement update(db, "UPDATE sessions SET seen_at = ? WHERE id_hash = ?");
    update.bind(1, seen_at);
    update.bind(2, id_hash);
    return Changed(update.exec(), Error::NotFound("no such session"));
  });
}

Status SqliteStore::DeleteSession(const std::string& id_hash) {
  return Write("delete session", [&](SQLite::Database& db) -> Status {
    SQLite::Statement remove(db, "DELETE FROM sessions WHERE id_hash = ?");
    remove.bind(1, id_hash);
    remove.exec();
    return {};
  });
}

// ---- communities ----

Result<Id> SqliteStore::CreateCommunity(const Community& community, Id coordinator) {
  return Write("create community", [&](SQLite::Database& db) -> Result<Id> {
    std::int64_t now = clock_();
    SQLite::Statement insert(
        db, "INSERT INTO communities (name, domain, purpose, phase, demo, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, community.name);
    insert.bind(2, community.domain);
    insert.bind(3, community.purpose);
    insert.bind(4, community.phase);
    insert.bind(5, community.demo ? 1 : 0);
    insert.bind(6, now);
    insert.bind(7, now);
    insert.exec();
    Id id = db.getLastInsertRowid();
    SQLite::Statement member(
        db, "INSERT INTO memberships (community_id, user_id, created_at) VALUES (?, ?, ?)");
    member.bind(1, id);
    member.bind(2, coordinator);
    member.bind(3, now);
    member.exec();  // an unknown user fails its foreign key: kNotFound, nothing created
    return id;
  });
}

Result<Community> SqliteStore::FindCommunity(Id id) {
  return Read("find community", [&](SQLite::Database& db) {
    SQLite::Statement q(db, std::string(kSelectCommunity) + "WHERE id = ?");
    q.bind(1, id);
    return One<Community>(q, ReadCommunity, "no community " + std::to_string(id));
  });
}

Result<std::vector<Community>> SqliteStore::UserCommunities(Id user) {
  return Read("list communities", [&](SQLite::Database& db) -> Result<std::vector<Community>> {
    SQLite::Statement q(db, std::string(kSelectCommunity) +
                                "WHERE id IN (SELECT community_id FROM memberships WHERE "
                                "user_id = ?) ORDER BY name COLLATE NOCASE, id");
    q.bind(1, user);
    std::vector<Community> out;
    while (q.executeStep()) out.push_back(ReadCommunity(q));
    return out;
  });
}

Status SqliteStore::UpdateCommunity(const Community& community) {
  return Write("update community", [&](SQLite::Database& db) -> Status {
    SQLite::Statement update(
        db, "UPDATE communities SET name = ?, domain = ?, purpose = ?, phase = ?, "
            "updated_at = ? WHERE id = ?");
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
  return Write("delete community", [&](SQLite::Database& db) -> Status {
    // Rounds, invites, links and memberships cascade; triggers remove the responses of
    // its rounds and its plan.
    SQLite::Statement remove(db, "DELETE FROM communities WHERE id = ?");
    remove.bind(1, id);
    return Changed(remove.exec(), Missing("community", id));
  });
}

Result<std::vector<User>> SqliteStore::Coordinators(Id community) {
  return Read("list coordinators", [&](SQLite::Database& db) -> Result<std::vector<User>> {
    SQLite::Statement q(
        db, "SELECT u.id, u.email, u.name, u.password_hash, u.created_at FROM users u "
            "JOIN memberships m ON m.user_id = u.id WHERE m.community_id = ? "
            "ORDER BY m.created_at, u.id");
    q.bind(1, community);
    std::vector<User> out;
    while (q.executeStep()) out.push_back(ReadUser(q));
    return out;
  });
}

Status SqliteStore::AddCoordinator(Id community, Id user) {
  return Write("add coordinator", [&](SQLite::Database& db) -> Status {
    SQLite::Statement insert(
        db, "INSERT INTO memberships (community_id, user_id, created_at) VALUES (?, ?, ?)");
    insert.bind(1, community);
    insert.bind(2, user);
    insert.bind(3, clock_());
    insert.exec();  // already one: kConflict; unknown community or user: kNotFound
    return {};
  });
}

Status SqliteStore::RemoveCoordinator(Id community, Id user) {
  return Write("remove coordinator", [&](SQLite::Database& db) -> Status {
    int count = db.execAndGet("SELECT count(*) FROM memberships WHERE community_id = " +
                              std::to_string(community))
                    .getInt();
    SQLite::Statement remove(db,
                             "DELETE FROM memberships WHERE community_id = ? AND user_id = ?");
    remove.bind(1, community);
    remove.bind(2, user);
    if (remove.exec() == 0) return Fail(Error::NotFound("not a coordinator"));
    if (count <= 1) return Fail(Error::Conflict("a community keeps at least one coordinator"));
    return {};
  });
}

// ---- rounds ----

Result<Id> SqliteStore::CreateRound(const Round& round) {
  return Write("open round", [&](SQLite::Database& db) -> Result<Id> {
    SQLite::Statement insert(
        db, "INSERT INTO rounds (community_id, title, bank_version, opened_at, closes_at) "
            "VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, round.community_id);
    insert.bind(2, round.title);
    insert.bind(3, round.bank_version);
    insert.bind(4, round.opened_at ? round.opened_at : clock_());
    BindOptional(insert, 5, round.closes_at);
    insert.exec();  // a second open round fails rounds_one_open: kConflict
    return db.getLastInsertRowid();
  });
}

Result<Round> SqliteStore::FindRound(Id id) {
  return Read("find round", [&](SQLite::Database& db) {
    SQLite::Statement q(db, std::string(kSelectRound) + "WHERE r.id = ?");
    q.bind(1, id);
    return One<Round>(q, ReadRound, "no round " + std::to_string(id));
  });
}

Result<Round> SqliteStore::FindRoundQuick(Id id) {
  return Read("find round", [&](SQLite::Database& db) {
    SQLite::Statement q(db,
                        "SELECT r.id, r.community_id, r.title, r.bank_version, r.opened_at, "
                        "r.closes_at, r.closed_at, r.revision, 0, 0 FROM rounds r WHERE r.id = ?");
    q.bind(1, id);
    return One<Round>(q, ReadRound, "no round " + std::to_string(id));
  });
}

Result<std::vector<Round>> SqliteStore::Rounds(Id community) {
  return Read("list rounds", [&](SQLite::Database& db) -> Result<std::vector<Round>> {
    SQLite::Statement q(db, std::string(kSelectRound) +
                                "WHERE r.community_id = ? ORDER BY r.opened_at DESC, r.id DESC");
    q.bind(1, community);
    std::vector<Round> out;
    while (q.executeStep()) out.push_back(ReadRound(q));
    return out;
  });
}

Status SqliteStore::CloseRound(Id id, std::int64_t at) {
  return Write("close round", [&](SQLite::Database& db) -> Status {
    SQLite::Statement close(db,
                            "UPDATE rounds SET closed_at = ?, revision = revision + 1 "
                            "WHERE id = ? AND closed_at IS NULL");
    close.bind(1, at);
    close.bind(2, id);
    if (close.exec() == 1) return {};
    SQLite::Statement exists(db, "SELECT 1 FROM rounds WHERE id = ?");
    exists.bind(1, id);
    if (!exists.executeStep()) return Fail(Missing("round", id));
    return Fail(Error::Conflict("the round is already closed"));
  });
}

Result<std::vector<std::vector<Answer>>> SqliteStore::RoundAnswers(Id round) {
  using Lists = std::vector<std::vector<Answer>>;
  return Read("read round answers", [&](SQLite::Database& db) -> Result<Lists> {
    SQLite::Statement q(db,
                        "SELECT a.response_id, a.question_id, a.now, a.target, a.note "
                        "FROM responses s JOIN answers a ON a.response_id = s.id "
                        "WHERE s.round_id = ? ORDER BY a.response_id");
    q.bind(1, round);
    Lists out;
    Id current = 0;
    while (q.executeStep()) {
      Id response = q.getColumn(0).getInt64();
      if (out.empty() || response != current) {
        out.emplace_back();
        current = response;
      }
      out.back().push_back({q.getColumn(1).getString(), sqlite::ColumnInt(q.getColumn(2)),
                            sqlite::ColumnInt(q.getColumn(3)), q.getColumn(4).getString()});
    }
    return out;
  });
}

Result<std::vector<Reflection>> SqliteStore::RoundReflections(Id round) {
  return Read("read round reflections",
              [&](SQLite::Database& db) -> Result<std::vector<Reflection>> {
                SQLite::Statement q(
                    db, "SELECT f.prompt, f.text FROM responses s JOIN reflections f "
                        "ON f.response_id = s.id WHERE s.round_id = ? AND trim(f.text) <> '' "
                        "ORDER BY f.prompt, f.text");
                q.bind(1, round);
                std::vector<Reflection> out;
                while (q.executeStep())
                  out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString()});
                return out;
              });
}

// ---- invites ----

Result<Id> SqliteStore::CreateInvite(const Invite& invite) {
  return Write("create invite", [&](SQLite::Database& db) -> Result<Id> {
    SQLite::Statement insert(
        db, "INSERT INTO invites (community_id, round_id, token_hash, created_at, expires_at) "
            "SELECT ?, id, ?, ?, ? FROM rounds WHERE id = ? AND community_id = ?");
    insert.bind(1, invite.community_id);
    insert.bind(2, invite.token_hash);
    insert.bind(3, invite.created_at ? invite.created_at : clock_());
    insert.bind(4, invite.expires_at);
    insert.bind(5, invite.round_id);
    insert.bind(6, invite.community_id);
    if (insert.exec() == 0) return Fail(Error::NotFound("no such round in this community"));
    return db.getLastInsertRowid();
  });
}

Result<Invite> SqliteStore::FindInvite(Id id) {
  return Read("find invite", [&](SQLite::Database& db) {
    SQLite::Statement q(db, std::string(kSelectInvite) + "id = ?");
    q.bind(1, id);
    return One<Invite>(q, ReadInvite, "no invite " + std::to_string(id));
  });
}

Result<Invite> SqliteStore::FindInviteByTokenHash(const std::string& token_hash) {
  return Read("find invite", [&](SQLite::Database& db) {
    SQLite::Statement q(db, std::string(kSelectInvite) + "token_hash = ?");
    q.bind(1, token_hash);
    return One<Invite>(q, ReadInvite, "no invite with this token");
  });
}

Result<std::vector<Invite>> SqliteStore::Invites(Id community) {
  return Read("list invites", [&](SQLite::Database& db) -> Result<std::vector<Invite>> {
    SQLite::Statement q(db, std::string(kSelectInvite) +
                                "community_id = ? ORDER BY created_at DESC, id DESC");
    q.bind(1, community);
    std::vector<Invite> out;
    while (q.executeStep()) out.push_back(ReadInvite(q));
    return out;
  });
}

Status SqliteStore::RevokeInvite(Id id, std::int64_t at) {
  return Write("revoke invite", [&](SQLite::Database& db) -> Status {
    SQLite::Statement update(
        db, "UPDATE invites SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?");
    update.bind(1, at);
    update.bind(2, id);
    return Changed(update.exec(), Missing("invite", id));
  });
}

Result<Id> SqliteStore::JoinRound(Id invite, const Response& response) {
  return Write("join round", [&](SQLite::Database& db) -> Result<Id> {
    SQLite::Statement find(db,
                           "SELECT i.round_id, r.closed_at FROM invites i JOIN rounds r "
                           "ON r.id = i.round_id WHERE i.id = ?");
    find.bind(1, invite);
    if (!find.executeStep()) return Fail(Missing("invite", invite));
    Id round = find.getColumn(0).getInt64();
    if (!find.getColumn(1).isNull()) return Fail(Error::Conflict("the round is closed"));
    find.reset();
    std::int64_t now = clock_();
    SQLite::Statement insert(
        db, "INSERT INTO responses (token_hash, name, phases, bank_version, round_id, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, response.token_hash);
    insert.bind(2, response.name);
    insert.bind(3, JoinPhases(response.phases));
    insert.bind(4, response.bank_version);
    insert.bind(5, round);
    insert.bind(6, now);
    insert.bind(7, now);
    insert.exec();
    Id id = db.getLastInsertRowid();
    SQLite::Statement use(db, "UPDATE invites SET uses = uses + 1 WHERE id = ?");
    use.bind(1, invite);
    use.exec();
    return id;
  });
}

// ---- the community plan ----

Result<std::optional<Plan>> SqliteStore::CommunityPlan(Id community) {
  return Read("read community plan", [&](SQLite::Database& db) -> Result<std::optional<Plan>> {
    SQLite::Statement exists(db, "SELECT 1 FROM communities WHERE id = ?");
    exists.bind(1, community);
    if (!exists.executeStep()) return Fail(Missing("community", community));
    return sqlite::ReadPlan(db, "community_id = ?", community);
  });
}

Status SqliteStore::SaveCommunityPlan(Id community, const Plan& plan) {
  return Write("save community plan", [&](SQLite::Database& db) -> Status {
    SQLite::Statement exists(db, "SELECT 1 FROM communities WHERE id = ?");
    exists.bind(1, community);
    if (!exists.executeStep()) return Fail(Missing("community", community));
    exists.reset();
    std::int64_t now = clock_();
    Id plan_id = 0;
    {
      SQLite::Statement find(db, "SELECT id FROM plans WHERE community_id = ?");
      find.bind(1, community);
      if (find.executeStep()) plan_id = find.getColumn(0).getInt64();
    }
    if (plan_id == 0) {
      SQLite::Statement insert(
          db, "INSERT INTO plans (community_id, vision, goals, strategies, created_at, "
              "updated_at) VALUES (?, ?, ?, ?, ?, ?)");
      insert.bind(1, community);
      insert.bind(2, plan.vision);
      insert.bind(3, plan.goals);
      insert.bind(4, plan.strategies);
      insert.bind(5, now);
      insert.bind(6, now);
      insert.exec();
      plan_id = db.getLastInsertRowid();
    } else {
      SQLite::Statement update(db,
                               "UPDATE plans SET vision = ?, goals = ?, strategies = ?, "
                               "updated_at = ? WHERE id = ?");
      update.bind(1, plan.vision);
      update.bind(2, plan.goals);
      update.bind(3, plan.strategies);
      update.bind(4, now);
      update.bind(5, plan_id);
      update.exec();
    }
    sqlite::WritePlanItems(db, plan_id, plan.items);
    return {};
  });
}

// ---- sponsor links ----

Result<Id> SqliteStore::CreateSponsorLink(const SponsorLink& link) {
  return Write("create sponsor link", [&](SQLite::Database& db) -> Result<Id> {
    SQLite::Statement insert(
        db, "INSERT INTO sponsor_links (community_id, token_hash, label, created_at) "
            "VALUES (?, ?, ?, ?)");
    insert.bind(1, link.community_id);
    insert.bind(2, link.token_hash);
    insert.bind(3, link.label);
    insert.bind(4, link.created_at ? link.created_at : clock_());
    insert.exec();
    return db.getLastInsertRowid();
  });
}

Result<SponsorLink> SqliteStore::FindSponsorLink(Id id) {
  return Read("find sponsor link", [&](SQLite::Database& db) {
    SQLite::Statement q(db, std::string(kSelectSponsor) + "id = ?");
    q.bind(1, id);
    return One<SponsorLink>(q, ReadSponsor, "no sponsor link " + std::to_string(id));
  });
}

Result<SponsorLink> SqliteStore::FindSponsorLinkByTokenHash(const std::string& token_hash) {
  return Read("find sponsor link", [&](SQLite::Database& db) {
    SQLite::Statement q(db, std::string(kSelectSponsor) + "token_hash = ?");
    q.bind(1, token_hash);
    return One<SponsorLink>(q, ReadSponsor, "no sponsor link with this token");
  });
}

Result<std::vector<SponsorLink>> SqliteStore::SponsorLinks(Id community) {
  return Read("list sponsor links",
              [&](SQLite::Database& db) -> Result<std::vector<SponsorLink>> {
                SQLite::Statement q(db, std::string(kSelectSponsor) +
                                            "community_id = ? ORDER BY created_at DESC, id DESC");
                q.bind(1, community);
                std::vector<SponsorLink> out;
                while (q.executeStep()) out.push_back(ReadSponsor(q));
                return out;
              });
}

Status SqliteStore::RevokeSponsorLink(Id id, std::int64_t at) {
  return Write("revoke sponsor link", [&](SQLite::Database& db) -> Status {
    SQLite::Statement update(
        db, "UPDATE sponsor_links SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?");
    update.bind(1, at);
    update.bind(2, id);
    return Changed(update.exec(), Missing("sponsor link", id));
  });
}

}  // namespace cultivate::store
