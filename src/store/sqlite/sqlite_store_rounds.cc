// The SQLite store: rounds of the team check-up, invites and joining, sponsor links and the
// community plan.

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

// Counts come from correlated subqueries over the responses_round index.
// Counts come from correlated subqueries over the responses_round index. `invited` is what
// the coordinator said each invite is for, and for a withdrawn one the joins through it.
constexpr const char* kSelectRound =
    "SELECT r.id, r.community_id, r.title, r.bank_version, r.opened_at, r.closes_at, "
    "r.closed_at, r.revision, "
    "(SELECT count(*) FROM responses s WHERE s.round_id = r.id AND s.by_coordinator = 0), "
    "(SELECT count(*) FROM responses s WHERE s.round_id = r.id AND s.by_coordinator = 0 AND "
    "EXISTS (SELECT 1 FROM answers a WHERE a.response_id = s.id AND a.now IS NOT NULL AND "
    "a.target IS NOT NULL)), "
    "(SELECT count(*) FROM responses s WHERE s.round_id = r.id AND s.by_coordinator = 1 AND "
    "EXISTS (SELECT 1 FROM answers a WHERE a.response_id = s.id AND a.now IS NOT NULL AND "
    "a.target IS NOT NULL)), "
    "(SELECT coalesce(sum(CASE WHEN i.revoked_at IS NULL THEN max(i.max_uses, i.uses) "
    "ELSE i.uses END), 0) FROM invites i WHERE i.round_id = r.id) "
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
  r.coordinator_answered = q.getColumn(10).getInt();
  r.invited = q.getColumn(11).getInt();
  return r;
}

constexpr const char* kSelectInvite =
    "SELECT id, community_id, round_id, token_hash, created_at, expires_at, revoked_at, uses, "
    "max_uses "
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
  i.max_uses = q.getColumn(8).getInt();
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

}  // namespace

// ---- rounds ----

Result<Id> SqliteStore::CreateRound(const Round& round) {
  return Write("open round", [&](sqlite::Connection& db) -> Result<Id> {
    auto insert_use = db.Cached(
        "INSERT INTO rounds (community_id, title, bank_version, opened_at, closes_at) "
        "VALUES (?, ?, ?, ?, ?)");
    SQLite::Statement& insert = *insert_use;
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
  return Read("find round", [&](sqlite::Connection& db) {
    return FindBy<Round>(db, kSelectRound, "WHERE r.id = ?", id, ReadRound,
                         "no round " + std::to_string(id));
  });
}

Result<Round> SqliteStore::FindRoundQuick(Id id) {
  return Read("find round", [&](sqlite::Connection& db) {
    auto q_use = db.Cached(
        "SELECT r.id, r.community_id, r.title, r.bank_version, r.opened_at, "
        "r.closes_at, r.closed_at, r.revision, 0, 0, 0, 0 FROM rounds r WHERE r.id = ?");
    SQLite::Statement& q = *q_use;
    q.bind(1, id);
    return One<Round>(q, ReadRound, "no round " + std::to_string(id));
  });
}

Result<std::vector<Round>> SqliteStore::Rounds(Id community) {
  return Read("list rounds", [&](sqlite::Connection& db) -> Result<std::vector<Round>> {
    return ListBy<Round>(db, kSelectRound,
                         "WHERE r.community_id = ? ORDER BY r.opened_at DESC, r.id DESC", community,
                         ReadRound);
  });
}

Status SqliteStore::CloseRound(Id id, std::int64_t at) {
  return Write("close round", [&](sqlite::Connection& db) -> Status {
    auto close_use = db.Cached(
        "UPDATE rounds SET closed_at = ?, revision = revision + 1 "
        "WHERE id = ? AND closed_at IS NULL");
    SQLite::Statement& close = *close_use;
    close.bind(1, at);
    close.bind(2, id);
    if (close.exec() == 1) return {};
    auto exists_use = db.Cached("SELECT 1 FROM rounds WHERE id = ?");
    SQLite::Statement& exists = *exists_use;
    exists.bind(1, id);
    if (!exists.executeStep()) return Fail(Missing("round", id));
    return Fail(Error::Conflict("the round is already closed"));
  });
}

Result<std::vector<RoundResponse>> SqliteStore::RoundAnswers(Id round) {
  using Lists = std::vector<RoundResponse>;
  return Read("read round answers", [&](sqlite::Connection& db) -> Result<Lists> {
    auto q_use = db.Cached(
        "SELECT a.response_id, s.by_coordinator, a.question_id, a.now, a.target, "
        "a.note FROM responses s JOIN answers a ON a.response_id = s.id "
        "WHERE s.round_id = ? ORDER BY a.response_id");
    SQLite::Statement& q = *q_use;
    q.bind(1, round);
    Lists out;
    Id current = 0;
    while (q.executeStep()) {
      Id response = q.getColumn(0).getInt64();
      if (out.empty() || response != current) {
        out.emplace_back();
        out.back().by_coordinator = q.getColumn(1).getInt() != 0;
        current = response;
      }
      out.back().answers.push_back({q.getColumn(2).getString(), sqlite::ColumnInt(q.getColumn(3)),
                                    sqlite::ColumnInt(q.getColumn(4)), q.getColumn(5).getString()});
    }
    return out;
  });
}

Result<std::vector<Reflection>> SqliteStore::RoundReflections(Id round) {
  return Read("read round reflections",
              [&](sqlite::Connection& db) -> Result<std::vector<Reflection>> {
                auto q_use = db.Cached(
                    "SELECT f.prompt, f.text FROM responses s JOIN reflections f "
                    "ON f.response_id = s.id WHERE s.round_id = ? AND trim(f.text) <> '' "
                    "ORDER BY f.prompt, f.text");
                SQLite::Statement& q = *q_use;
                q.bind(1, round);
                std::vector<Reflection> out;
                while (q.executeStep())
                  out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString()});
                return out;
              });
}

// ---- invites ----

Result<Id> SqliteStore::CreateInvite(const Invite& invite) {
  return Write("create invite", [&](sqlite::Connection& db) -> Result<Id> {
    auto insert_use = db.Cached(
        "INSERT INTO invites (community_id, round_id, token_hash, created_at, expires_at, "
        "max_uses) SELECT ?, id, ?, ?, ?, ? FROM rounds WHERE id = ? AND community_id = ?");
    SQLite::Statement& insert = *insert_use;
    insert.bind(1, invite.community_id);
    insert.bind(2, invite.token_hash);
    insert.bind(3, invite.created_at ? invite.created_at : clock_());
    insert.bind(4, invite.expires_at);
    insert.bind(5, invite.max_uses);
    insert.bind(6, invite.round_id);
    insert.bind(7, invite.community_id);
    if (insert.exec() == 0) return Fail(Error::NotFound("no such round in this community"));
    return db.getLastInsertRowid();
  });
}

Result<Invite> SqliteStore::FindInvite(Id id) {
  return Read("find invite", [&](sqlite::Connection& db) {
    return FindBy<Invite>(db, kSelectInvite, "id = ?", id, ReadInvite,
                          "no invite " + std::to_string(id));
  });
}

Result<Invite> SqliteStore::FindInviteByTokenHash(const std::string& token_hash) {
  return Read("find invite", [&](sqlite::Connection& db) {
    return FindBy<Invite>(db, kSelectInvite, "token_hash = ?", token_hash, ReadInvite,
                          "no invite with this token");
  });
}

Result<std::vector<Invite>> SqliteStore::Invites(Id community) {
  return Read("list invites", [&](sqlite::Connection& db) -> Result<std::vector<Invite>> {
    return ListBy<Invite>(db, kSelectInvite, "community_id = ? ORDER BY created_at DESC, id DESC",
                          community, ReadInvite);
  });
}

Status SqliteStore::RevokeInvite(Id id, std::int64_t at) {
  return Write("revoke invite", [&](sqlite::Connection& db) -> Status {
    auto update_use =
        db.Cached("UPDATE invites SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?");
    SQLite::Statement& update = *update_use;
    update.bind(1, at);
    update.bind(2, id);
    return Changed(update.exec(), Missing("invite", id));
  });
}

Result<Id> SqliteStore::JoinRound(Id invite, const Response& response) {
  return Write("join round", [&](sqlite::Connection& db) -> Result<Id> {
    auto find_use = db.Cached(
        "SELECT i.round_id, r.closed_at FROM invites i JOIN rounds r "
        "ON r.id = i.round_id WHERE i.id = ?");
    SQLite::Statement& find = *find_use;
    find.bind(1, invite);
    if (!find.executeStep()) return Fail(Missing("invite", invite));
    Id round = find.getColumn(0).getInt64();
    if (!find.getColumn(1).isNull()) return Fail(Error::Conflict("the round is closed"));
    find.reset();
    // Whether the account coordinates the community is decided here, in the join's own
    // transaction, so someone made a coordinator a moment ago is never counted as a member.
    bool coordinator = response.by_coordinator;
    if (!coordinator && response.user_id) {
      auto member_use = db.Cached(
          "SELECT 1 FROM memberships m JOIN rounds r ON r.community_id = "
          "m.community_id WHERE r.id = ? AND m.user_id = ?");
      SQLite::Statement& member = *member_use;
      member.bind(1, round);
      member.bind(2, *response.user_id);
      coordinator = member.executeStep();
    }
    // One statement counts the use only while there is one left, so two joins at once can
    // never both take the last place. A coordinator's own response takes no place.
    if (!coordinator) {
      auto use_use =
          db.Cached("UPDATE invites SET uses = uses + 1 WHERE id = ? AND uses < max_uses");
      SQLite::Statement& use = *use_use;
      use.bind(1, invite);
      if (use.exec() == 0) return Fail(Error::Gone("the invite is used up"));
    }
    std::int64_t now = clock_();
    auto insert_use = db.Cached(
        "INSERT INTO responses (token_hash, name, phases, bank_version, round_id, "
        "created_at, updated_at, by_coordinator, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& insert = *insert_use;
    insert.bind(1, response.token_hash);
    insert.bind(2, response.name);
    insert.bind(3, JoinPhases(response.phases));
    insert.bind(4, response.bank_version);
    insert.bind(5, round);
    insert.bind(6, now);
    insert.bind(7, now);
    insert.bind(8, coordinator ? 1 : 0);
    BindOptional(insert, 9, response.user_id);
    insert.exec();
    return db.getLastInsertRowid();
  });
}

// ---- the community plan ----

Result<std::optional<Plan>> SqliteStore::CommunityPlan(Id community) {
  return Read("read community plan", [&](sqlite::Connection& db) -> Result<std::optional<Plan>> {
    auto exists_use = db.Cached("SELECT 1 FROM communities WHERE id = ?");
    SQLite::Statement& exists = *exists_use;
    exists.bind(1, community);
    if (!exists.executeStep()) return Fail(Missing("community", community));
    return sqlite::ReadPlan(db, "community_id = ?", community);
  });
}

Status SqliteStore::SaveCommunityPlan(Id community, const Plan& plan) {
  return Write("save community plan", [&](sqlite::Connection& db) -> Status {
    auto exists_use = db.Cached("SELECT 1 FROM communities WHERE id = ?");
    SQLite::Statement& exists = *exists_use;
    exists.bind(1, community);
    if (!exists.executeStep()) return Fail(Missing("community", community));
    exists.reset();
    Id plan_id = sqlite::UpsertPlan(db, sqlite::PlanOwner::kCommunity, community, plan, clock_());
    sqlite::WritePlanItems(db, plan_id, plan.items);
    return {};
  });
}

// ---- sponsor links ----

Result<Id> SqliteStore::CreateSponsorLink(const SponsorLink& link) {
  return Write("create sponsor link", [&](sqlite::Connection& db) -> Result<Id> {
    auto insert_use = db.Cached(
        "INSERT INTO sponsor_links (community_id, token_hash, label, created_at) "
        "VALUES (?, ?, ?, ?)");
    SQLite::Statement& insert = *insert_use;
    insert.bind(1, link.community_id);
    insert.bind(2, link.token_hash);
    insert.bind(3, link.label);
    insert.bind(4, link.created_at ? link.created_at : clock_());
    insert.exec();
    return db.getLastInsertRowid();
  });
}

Result<SponsorLink> SqliteStore::FindSponsorLink(Id id) {
  return Read("find sponsor link", [&](sqlite::Connection& db) {
    return FindBy<SponsorLink>(db, kSelectSponsor, "id = ?", id, ReadSponsor,
                               "no sponsor link " + std::to_string(id));
  });
}

Result<SponsorLink> SqliteStore::FindSponsorLinkByTokenHash(const std::string& token_hash) {
  return Read("find sponsor link", [&](sqlite::Connection& db) {
    return FindBy<SponsorLink>(db, kSelectSponsor, "token_hash = ?", token_hash, ReadSponsor,
                               "no sponsor link with this token");
  });
}

Result<std::vector<SponsorLink>> SqliteStore::SponsorLinks(Id community) {
  return Read("list sponsor links",
              [&](sqlite::Connection& db) -> Result<std::vector<SponsorLink>> {
                return ListBy<SponsorLink>(db, kSelectSponsor,
                                           "community_id = ? ORDER BY created_at DESC, id DESC",
                                           community, ReadSponsor);
              });
}

Status SqliteStore::RevokeSponsorLink(Id id, std::int64_t at) {
  return Write("revoke sponsor link", [&](sqlite::Connection& db) -> Status {
    auto update_use =
        db.Cached("UPDATE sponsor_links SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?");
    SQLite::Statement& update = *update_use;
    update.bind(1, at);
    update.bind(2, id);
    return Changed(update.exec(), Missing("sponsor link", id));
  });
}

}  // namespace cultivate::store
