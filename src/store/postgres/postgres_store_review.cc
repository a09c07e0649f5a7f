// The PostgreSQL store: the yearly review meeting (votes, hand counts, decision notes, the
// next review date), appending to a community plan, and calendar subscription links. Every
// change locks the round's review row first (FOR UPDATE, or the upsert's own lock), so a vote
// and the vote's closing, or two servers' appends to one plan, take turns at READ COMMITTED.

#include "store/postgres/postgres_store.h"
#include "store/postgres/query.h"

namespace cultivate::store {

using postgres::Missing;

namespace {

bool RoundExists(pqxx::transaction_base& tx, Id round) {
  return !tx.exec_params("SELECT 1 FROM rounds WHERE id = $1", round).empty();
}

// Makes sure the round has a review row, bumps its revision and returns its vote state; the
// row stays locked until the transaction ends.
int Bump(pqxx::transaction_base& tx, Id round) {
  return tx
      .exec_params1("INSERT INTO reviews (round_id, revision) VALUES ($1, 1) "
                    "ON CONFLICT (round_id) DO UPDATE SET revision = reviews.revision + 1 "
                    "RETURNING vote",
                    round)[0]
      .as<int>();
}

int LockedState(pqxx::transaction_base& tx, Id round) {
  auto rows = tx.exec_params("SELECT vote FROM reviews WHERE round_id = $1 FOR UPDATE", round);
  return rows.empty() ? 0 : rows[0][0].as<int>();
}

}  // namespace

Result<model::Review> PostgresStore::FindReview(Id round) {
  return Read("find review", [&](pqxx::transaction_base& tx) -> Result<model::Review> {
    if (!RoundExists(tx, round)) return Fail(Missing("round", round));
    model::Review review;
    review.round_id = round;
    auto rows = tx.exec_params(
        "SELECT vote, code, next_review, revision FROM reviews WHERE round_id = $1", round);
    if (!rows.empty()) {
      review.vote = static_cast<model::VoteState>(rows[0][0].as<int>());
      review.code = rows[0][1].is_null() ? "" : rows[0][1].as<std::string>();
      review.next_review = rows[0][2].as<std::string>();
      review.revision = rows[0][3].as<std::int64_t>();
    }
    for (const auto& n : tx.exec_params(
             "SELECT id, text, created_at FROM review_notes WHERE round_id = $1 ORDER BY id", round))
      review.notes.push_back({n[0].as<Id>(), n[1].as<std::string>(), n[2].as<std::int64_t>()});
    return review;
  });
}

Status PostgresStore::OpenVote(Id round, const std::string& code) {
  return Write("open vote", [&](pqxx::transaction_base& tx) -> Status {
    if (!RoundExists(tx, round)) return Fail(Missing("round", round));
    int state = LockedState(tx, round);
    if (state == 1) return {};
    if (state == 2) return Fail(Error::Conflict("the vote is closed"));
    if (!tx.exec_params("SELECT 1 FROM reviews WHERE code = $1", code).empty())
      return Fail(Error::Conflict("code in use"));
    Bump(tx, round);
    tx.exec_params("UPDATE reviews SET vote = 1, code = $1 WHERE round_id = $2", code, round);
    return {};
  });
}

Status PostgresStore::CloseVote(Id round) {
  return Write("close vote", [&](pqxx::transaction_base& tx) -> Status {
    if (LockedState(tx, round) != 1) return Fail(Error::Conflict("the vote is not open"));
    Bump(tx, round);
    tx.exec_params("UPDATE reviews SET vote = 2, code = NULL WHERE round_id = $1", round);
    return {};
  });
}

Result<Id> PostgresStore::FindOpenVote(const std::string& code) {
  return ReadOne("find open vote", [&](pqxx::transaction_base& tx) -> Result<Id> {
    auto rows = tx.exec_params("SELECT round_id FROM reviews WHERE code = $1 AND vote = 1", code);
    if (rows.empty()) return Fail(Error::NotFound("no open vote with this code"));
    return rows[0][0].as<Id>();
  });
}

Status PostgresStore::CastVote(Id round, const std::string& voter,
                               const std::vector<std::string>& areas) {
  return Write("cast vote", [&](pqxx::transaction_base& tx) -> Status {
    if (LockedState(tx, round) != 1) return Fail(Error::Conflict("the vote is not open"));
    tx.exec_params("DELETE FROM review_votes WHERE round_id = $1 AND voter = $2", round, voter);
    for (const auto& area : areas)
      tx.exec_params("INSERT INTO review_votes (round_id, voter, area) VALUES ($1, $2, $3) "
                     "ON CONFLICT DO NOTHING",
                     round, voter, area);
    Bump(tx, round);
    return {};
  });
}

Result<std::vector<std::string>> PostgresStore::VoteOf(Id round, const std::string& voter) {
  using Areas = std::vector<std::string>;
  return ReadOne("read vote", [&](pqxx::transaction_base& tx) -> Result<Areas> {
    Areas out;
    for (const auto& row : tx.exec_params(
             "SELECT area FROM review_votes WHERE round_id = $1 AND voter = $2 ORDER BY area",
             round, voter))
      out.push_back(row[0].as<std::string>());
    return out;
  });
}

Status PostgresStore::SetHandCount(Id round, const std::string& area, int count) {
  return Write("set hand count", [&](pqxx::transaction_base& tx) -> Status {
    if (!RoundExists(tx, round)) return Fail(Missing("round", round));
    if (Bump(tx, round) == 2) return Fail(Error::Conflict("the vote is closed"));
    tx.exec_params("DELETE FROM review_hands WHERE round_id = $1 AND area = $2", round, area);
    if (count > 0)
      tx.exec_params("INSERT INTO review_hands (round_id, area, count) VALUES ($1, $2, $3)", round,
                     area, count);
    return {};
  });
}

Result<model::VoteTally> PostgresStore::Tally(Id round) {
  return Read("tally votes", [&](pqxx::transaction_base& tx) -> Result<model::VoteTally> {
    model::VoteTally tally;
    auto head = tx.exec_params("SELECT vote, revision FROM reviews WHERE round_id = $1", round);
    if (!head.empty()) {
      tally.vote = static_cast<model::VoteState>(head[0][0].as<int>());
      tally.revision = head[0][1].as<std::int64_t>();
    }
    tally.voters = tx.exec_params1(
        "SELECT count(DISTINCT voter) FROM review_votes WHERE round_id = $1", round)[0].as<int>();
    for (const auto& row : tx.exec_params(
             "SELECT area, count(*) FROM review_votes WHERE round_id = $1 GROUP BY area", round))
      tally.votes[row[0].as<std::string>()] = row[1].as<int>();
    for (const auto& row :
         tx.exec_params("SELECT area, count FROM review_hands WHERE round_id = $1", round))
      tally.hands[row[0].as<std::string>()] = row[1].as<int>();
    return tally;
  });
}

Result<Id> PostgresStore::AddDecisionNote(Id round, const std::string& text, std::int64_t at) {
  return Write("add decision note", [&](pqxx::transaction_base& tx) -> Result<Id> {
    if (!RoundExists(tx, round)) return Fail(Missing("round", round));
    Bump(tx, round);
    return tx
        .exec_params1("INSERT INTO review_notes (round_id, text, created_at) VALUES ($1, $2, $3) "
                      "RETURNING id",
                      round, text, at)[0]
        .as<Id>();
  });
}

Status PostgresStore::SetNextReview(Id round, const std::string& date) {
  return Write("set next review", [&](pqxx::transaction_base& tx) -> Status {
    if (!RoundExists(tx, round)) return Fail(Missing("round", round));
    Bump(tx, round);
    tx.exec_params("UPDATE reviews SET next_review = $1 WHERE round_id = $2", date, round);
    return {};
  });
}

Status PostgresStore::AddPlanItems(Id community, const std::vector<PlanItem>& items,
                                   std::size_t max_items) {
  return Write("add plan items", [&](pqxx::transaction_base& tx) -> Status {
    if (tx.exec_params("SELECT 1 FROM communities WHERE id = $1", community).empty())
      return Fail(Missing("community", community));
    std::int64_t now = clock_();
    // The upsert locks the plan's row until commit: a second append waits here, and its next
    // statement (a fresh snapshot at READ COMMITTED) sees the first one's items.
    Id plan = tx.exec_params1("INSERT INTO plans (community_id, created_at, updated_at) "
                              "VALUES ($1, $2, $2) ON CONFLICT (community_id) WHERE community_id "
                              "IS NOT NULL DO UPDATE SET updated_at = excluded.updated_at "
                              "RETURNING id",
                              community, now)[0]
                  .as<Id>();
    // Counted under the plan row's lock: two appends cannot both pass the limit.
    auto held = tx.exec_params1("SELECT count(*) FROM plan_items WHERE plan_id = $1", plan)[0].as<std::size_t>();
    if (held + items.size() > max_items) return Fail(Error::Conflict("the plan is full"));
    for (const auto& item : items)
      tx.exec_params(
          "INSERT INTO plan_items (plan_id, position, what, owner, due, status, source) "
          "VALUES ($1, (SELECT coalesce(max(position) + 1, 0) FROM plan_items WHERE plan_id = $1), "
          "$2, $3, $4, $5, $6)",
          plan, item.what, item.owner, item.due, item.status.empty() ? std::string("todo") : item.status,
          item.source);
    return {};
  });
}

Status PostgresStore::SetCalendarLink(Id community, const std::optional<std::string>& token_hash,
                                      std::int64_t at) {
  return Write("set calendar link", [&](pqxx::transaction_base& tx) -> Status {
    tx.exec_params("DELETE FROM calendar_links WHERE community_id = $1", community);
    if (token_hash)
      tx.exec_params(
          "INSERT INTO calendar_links (community_id, token_hash, created_at) VALUES ($1, $2, $3)",
          community, *token_hash, at);
    return {};
  });
}

Result<Id> PostgresStore::FindCalendarLink(const std::string& token_hash) {
  return ReadOne("find calendar link", [&](pqxx::transaction_base& tx) -> Result<Id> {
    auto rows =
        tx.exec_params("SELECT community_id FROM calendar_links WHERE token_hash = $1", token_hash);
    if (rows.empty()) return Fail(Error::NotFound("no such calendar link"));
    return rows[0][0].as<Id>();
  });
}

Result<std::optional<std::int64_t>> PostgresStore::CalendarLinkSince(Id community) {
  using Since = std::optional<std::int64_t>;
  return ReadOne("read calendar link", [&](pqxx::transaction_base& tx) -> Result<Since> {
    auto rows =
        tx.exec_params("SELECT created_at FROM calendar_links WHERE community_id = $1", community);
    if (rows.empty()) return Since();
    return Since(rows[0][0].as<std::int64_t>());
  });
}

}  // namespace cultivate::store
