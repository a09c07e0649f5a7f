// The PostgreSQL store: rounds of the team check-up, invites and joining, sponsor links and
// the community plan. Joining and closing cannot interleave wrongly: a join locks its round's
// row until it commits, closing needs the row, so no response lands in a round after it
// closed; an invite's use is counted in one statement that checks the limit.

#include <utility>

#include "store/postgres/plan_rows.h"
#include "store/postgres/postgres_store.h"
#include "store/postgres/query.h"
#include "store/validation.h"

namespace cultivate::store {
namespace {

using postgres::All;
using postgres::Changed;
using postgres::Missing;
using postgres::One;
using postgres::Optional;

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
    "(SELECT coalesce(sum(CASE WHEN i.revoked_at IS NULL THEN greatest(i.max_uses, i.uses) "
    "ELSE i.uses END), 0) FROM invites i WHERE i.round_id = r.id) "
    "FROM rounds r ";

Round ReadRound(const pqxx::row& row) {
  Round r;
  r.id = row[0].as<Id>();
  r.community_id = row[1].as<Id>();
  r.title = row[2].as<std::string>();
  r.bank_version = row[3].as<std::string>();
  r.opened_at = row[4].as<std::int64_t>();
  r.closes_at = Optional<std::int64_t>(row[5]);
  r.closed_at = Optional<std::int64_t>(row[6]);
  r.revision = row[7].as<std::int64_t>();
  r.joined = row[8].as<int>();
  r.answered = row[9].as<int>();
  r.coordinator_answered = row[10].as<int>();
  r.invited = row[11].as<int>();
  return r;
}

constexpr const char* kSelectInvite =
    "SELECT id, community_id, round_id, token_hash, created_at, expires_at, revoked_at, uses, "
    "max_uses FROM invites WHERE ";

Invite ReadInvite(const pqxx::row& row) {
  Invite i;
  i.id = row[0].as<Id>();
  i.community_id = row[1].as<Id>();
  i.round_id = row[2].as<Id>();
  i.token_hash = row[3].as<std::string>();
  i.created_at = row[4].as<std::int64_t>();
  i.expires_at = row[5].as<std::int64_t>();
  i.revoked_at = Optional<std::int64_t>(row[6]);
  i.uses = row[7].as<int>();
  i.max_uses = row[8].as<int>();
  return i;
}

constexpr const char* kSelectSponsor =
    "SELECT id, community_id, token_hash, label, created_at, revoked_at FROM sponsor_links WHERE ";

SponsorLink ReadSponsor(const pqxx::row& row) {
  SponsorLink s;
  s.id = row[0].as<Id>();
  s.community_id = row[1].as<Id>();
  s.token_hash = row[2].as<std::string>();
  s.label = row[3].as<std::string>();
  s.created_at = row[4].as<std::int64_t>();
  s.revoked_at = Optional<std::int64_t>(row[5]);
  return s;
}

bool CommunityExists(pqxx::transaction_base& tx, Id id) {
  return !tx.exec_params("SELECT 1 FROM communities WHERE id = $1", id).empty();
}

}  // namespace

// ---- rounds ----

Result<Id> PostgresStore::CreateRound(const Round& round) {
  return Write("open round", [&](pqxx::transaction_base& tx) -> Result<Id> {
    // A second open round fails the partial unique index rounds_one_open: kConflict (a
    // concurrent one waits for the first to commit, then fails).
    return tx
        .exec_params1(
            "INSERT INTO rounds (community_id, title, bank_version, opened_at, "
            "closes_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            round.community_id, round.title, round.bank_version,
            round.opened_at ? round.opened_at : clock_(), round.closes_at)[0]
        .as<Id>();
  });
}

Result<Round> PostgresStore::FindRound(Id id) {
  return ReadOne("find round", [&](pqxx::transaction_base& tx) {
    return One<Round>(tx.exec_params(std::string(kSelectRound) + "WHERE r.id = $1", id), ReadRound,
                      "no round " + std::to_string(id));
  });
}

Result<Round> PostgresStore::FindRoundQuick(Id id) {
  return ReadOne("find round", [&](pqxx::transaction_base& tx) {
    return One<Round>(postgres::Prepared(tx, "round_quick",
                                         "SELECT r.id, r.community_id, r.title, r.bank_version, "
                                         "r.opened_at, r.closes_at, r.closed_at, r.revision, 0, "
                                         "0, 0, 0 FROM rounds r WHERE r.id = $1",
                                         id),
                      ReadRound, "no round " + std::to_string(id));
  });
}

Result<std::vector<Round>> PostgresStore::Rounds(Id community) {
  return ReadOne("list rounds", [&](pqxx::transaction_base& tx) -> Result<std::vector<Round>> {
    return All<Round>(
        tx.exec_params(std::string(kSelectRound) + "WHERE r.community_id = $1 "
                                                   "ORDER BY r.opened_at DESC, r.id DESC",
                       community),
        ReadRound);
  });
}

Status PostgresStore::CloseRound(Id id, std::int64_t at) {
  return Write("close round", [&](pqxx::transaction_base& tx) -> Status {
    // Of two closes at once the second waits for the row, then finds it closed.
    auto closed = tx.exec_params(
        "UPDATE rounds SET closed_at = $1, revision = revision + 1 "
        "WHERE id = $2 AND closed_at IS NULL",
        at, id);
    if (closed.affected_rows() == 1) return {};
    if (tx.exec_params("SELECT 1 FROM rounds WHERE id = $1", id).empty())
      return Fail(Missing("round", id));
    return Fail(Error::Conflict("the round is already closed"));
  });
}

Result<std::vector<RoundResponse>> PostgresStore::RoundAnswers(Id round) {
  using Lists = std::vector<RoundResponse>;
  return Read("read round answers", [&](pqxx::transaction_base& tx) -> Result<Lists> {
    auto rows = tx.exec_params(
        "SELECT a.response_id, s.by_coordinator, a.question_id, a.now, a.target, a.note "
        "FROM responses s JOIN answers a ON a.response_id = s.id "
        "WHERE s.round_id = $1 ORDER BY a.response_id",
        round);
    Lists out;
    Id current = 0;
    for (const auto& row : rows) {
      Id response = row[0].as<Id>();
      if (out.empty() || response != current) {
        out.emplace_back();
        out.back().by_coordinator = row[1].as<int>() != 0;
        current = response;
      }
      out.back().answers.push_back({row[2].as<std::string>(), Optional<int>(row[3]),
                                    Optional<int>(row[4]), row[5].as<std::string>()});
    }
    return out;
  });
}

Result<std::vector<Reflection>> PostgresStore::RoundReflections(Id round) {
  using List = std::vector<Reflection>;
  return Read("read round reflections", [&](pqxx::transaction_base& tx) -> Result<List> {
    // Byte order, as SQLite sorts: never an order that would tie texts to people.
    return All<Reflection>(
        tx.exec_params("SELECT f.prompt, f.text FROM responses s JOIN reflections f "
                       "ON f.response_id = s.id WHERE s.round_id = $1 AND trim(f.text) <> '' "
                       "ORDER BY f.prompt COLLATE \"C\", f.text COLLATE \"C\"",
                       round),
        [](const pqxx::row& row) {
          return Reflection{row[0].as<std::string>(), row[1].as<std::string>()};
        });
  });
}

// ---- invites ----

Result<Id> PostgresStore::CreateInvite(const Invite& invite) {
  return Write("create invite", [&](pqxx::transaction_base& tx) -> Result<Id> {
    auto created = tx.exec_params(
        "INSERT INTO invites (community_id, round_id, token_hash, created_at, expires_at, "
        "max_uses) SELECT $1::bigint, id, $2::text, $3::bigint, $4::bigint, $5::integer FROM "
        "rounds "
        "WHERE id = $6::bigint AND community_id = $1::bigint "
        "RETURNING id",
        invite.community_id, invite.token_hash, invite.created_at ? invite.created_at : clock_(),
        invite.expires_at, invite.max_uses, invite.round_id);
    if (created.empty()) return Fail(Error::NotFound("no such round in this community"));
    return created[0][0].as<Id>();
  });
}

Result<Invite> PostgresStore::FindInvite(Id id) {
  return ReadOne("find invite", [&](pqxx::transaction_base& tx) {
    return One<Invite>(tx.exec_params(std::string(kSelectInvite) + "id = $1", id), ReadInvite,
                       "no invite " + std::to_string(id));
  });
}

Result<Invite> PostgresStore::FindInviteByTokenHash(const std::string& token_hash) {
  return ReadOne("find invite", [&](pqxx::transaction_base& tx) {
    return One<Invite>(tx.exec_params(std::string(kSelectInvite) + "token_hash = $1", token_hash),
                       ReadInvite, "no invite with this token");
  });
}

Result<std::vector<Invite>> PostgresStore::Invites(Id community) {
  return ReadOne("list invites", [&](pqxx::transaction_base& tx) -> Result<std::vector<Invite>> {
    return All<Invite>(tx.exec_params(std::string(kSelectInvite) +
                                          "community_id = $1 ORDER BY created_at DESC, id DESC",
                                      community),
                       ReadInvite);
  });
}

Status PostgresStore::RevokeInvite(Id id, std::int64_t at) {
  return Write("revoke invite", [&](pqxx::transaction_base& tx) -> Status {
    return Changed(
        tx.exec_params("UPDATE invites SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2", at,
                       id),
        Missing("invite", id));
  });
}

Result<Id> PostgresStore::JoinRound(Id invite, const Response& response) {
  return Write("join round", [&](pqxx::transaction_base& tx) -> Result<Id> {
    // The round's row stays locked until this join commits: a close waits for it, and a
    // join that comes after a close sees the round closed. Not FOR SHARE: a stream of joins
    // sharing the lock would keep a close waiting for ever; this way joins and closes of a
    // round queue in turn (joins are short, and SaveAnswers locks the row as well).
    auto found = tx.exec_params(
        "SELECT r.id, r.closed_at FROM invites i JOIN rounds r ON r.id = i.round_id "
        "WHERE i.id = $1 FOR NO KEY UPDATE OF r",
        invite);
    if (found.empty()) return Fail(Missing("invite", invite));
    Id round = found[0][0].as<Id>();
    if (!found[0][1].is_null()) return Fail(Error::Conflict("the round is closed"));
    // One statement counts the use only while there is one left, so two joins at once can
    // never both take the last place (the second waits for the row, then checks again).
    // Whether the account coordinates the community is decided here, under the round's lock
    // (which AddCoordinator and AcceptInvitation take too), so someone made a coordinator a
    // moment ago is never counted as a member. A coordinator's own response takes no place.
    bool coordinator = response.by_coordinator;
    if (!coordinator && response.user_id)
      coordinator = !tx.exec_params("SELECT 1 FROM memberships m JOIN rounds r ON r.community_id = "
                                    "m.community_id WHERE r.id = $1 AND m.user_id = $2",
                                    round, *response.user_id)
                         .empty();
    if (!coordinator) {
      auto used = tx.exec_params(
          "UPDATE invites SET uses = uses + 1 WHERE id = $1 AND uses < max_uses", invite);
      if (used.affected_rows() == 0) return Fail(Error::Gone("the invite is used up"));
    }
    std::int64_t now = clock_();
    return tx
        .exec_params1(
            "INSERT INTO responses (token_hash, name, phases, bank_version, round_id, "
            "created_at, updated_at, by_coordinator, user_id) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            response.token_hash, response.name, JoinPhases(response.phases), response.bank_version,
            round, now, now, coordinator ? 1 : 0, response.user_id)[0]
        .as<Id>();
  });
}

// ---- the community plan ----

Result<std::optional<Plan>> PostgresStore::CommunityPlan(Id community) {
  return Read("read community plan",
              [&](pqxx::transaction_base& tx) -> Result<std::optional<Plan>> {
                if (!CommunityExists(tx, community)) return Fail(Missing("community", community));
                return postgres::ReadPlan(tx, postgres::PlanOwner::kCommunity, community);
              });
}

Status PostgresStore::SaveCommunityPlan(Id community, const Plan& plan) {
  return Write("save community plan", [&](pqxx::transaction_base& tx) -> Status {
    if (!CommunityExists(tx, community)) return Fail(Missing("community", community));
    Id plan_id =
        postgres::UpsertPlan(tx, postgres::PlanOwner::kCommunity, community, plan, clock_());
    postgres::WritePlanItems(tx, plan_id, plan.items);
    return {};
  });
}

// ---- sponsor links ----

Result<Id> PostgresStore::CreateSponsorLink(const SponsorLink& link) {
  return Write("create sponsor link", [&](pqxx::transaction_base& tx) -> Result<Id> {
    return tx
        .exec_params1(
            "INSERT INTO sponsor_links (community_id, token_hash, label, created_at) "
            "VALUES ($1, $2, $3, $4) RETURNING id",
            link.community_id, link.token_hash, link.label,
            link.created_at ? link.created_at : clock_())[0]
        .as<Id>();
  });
}

Result<SponsorLink> PostgresStore::FindSponsorLink(Id id) {
  return ReadOne("find sponsor link", [&](pqxx::transaction_base& tx) {
    return One<SponsorLink>(tx.exec_params(std::string(kSelectSponsor) + "id = $1", id),
                            ReadSponsor, "no sponsor link " + std::to_string(id));
  });
}

Result<SponsorLink> PostgresStore::FindSponsorLinkByTokenHash(const std::string& token_hash) {
  return ReadOne("find sponsor link", [&](pqxx::transaction_base& tx) {
    return One<SponsorLink>(
        tx.exec_params(std::string(kSelectSponsor) + "token_hash = $1", token_hash), ReadSponsor,
        "no sponsor link with this token");
  });
}

Result<std::vector<SponsorLink>> PostgresStore::SponsorLinks(Id community) {
  using List = std::vector<SponsorLink>;
  return ReadOne("list sponsor links", [&](pqxx::transaction_base& tx) -> Result<List> {
    return All<SponsorLink>(
        tx.exec_params(
            std::string(kSelectSponsor) + "community_id = $1 ORDER BY created_at DESC, id DESC",
            community),
        ReadSponsor);
  });
}

Status PostgresStore::RevokeSponsorLink(Id id, std::int64_t at) {
  return Write("revoke sponsor link", [&](pqxx::transaction_base& tx) -> Status {
    return Changed(
        tx.exec_params(
            "UPDATE sponsor_links SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2", at, id),
        Missing("sponsor link", id));
  });
}

}  // namespace cultivate::store
