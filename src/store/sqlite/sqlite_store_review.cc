// The SQLite store: the yearly review meeting (votes, hand counts, decision notes, the next
// review date), appending to a community plan, and calendar subscription links. Writes are
// serialised, so each check and its change in one write transaction are atomic.

#include <SQLiteCpp/Statement.h>

#include "store/sqlite/query.h"
#include "store/sqlite/sqlite_store.h"

namespace cultivate::store {

using sqlite::Missing;

namespace {

bool RoundExists(sqlite::Connection& db, Id round) {
  auto q_use = db.Cached("SELECT 1 FROM rounds WHERE id = ?");
  SQLite::Statement& q = *q_use;
  q.bind(1, round);
  return q.executeStep();
}

int VoteStateOf(sqlite::Connection& db, Id round) {
  auto q_use = db.Cached("SELECT vote FROM reviews WHERE round_id = ?");
  SQLite::Statement& q = *q_use;
  q.bind(1, round);
  return q.executeStep() ? q.getColumn(0).getInt() : 0;
}

// Makes sure the round has a review row and bumps its revision.
void Bump(sqlite::Connection& db, Id round) {
  auto q_use = db.Cached(
      "INSERT INTO reviews (round_id, revision) VALUES (?, 1) "
      "ON CONFLICT (round_id) DO UPDATE SET revision = revision + 1");
  SQLite::Statement& q = *q_use;
  q.bind(1, round);
  q.exec();
}

}  // namespace

Result<model::Review> SqliteStore::FindReview(Id round) {
  return Read("find review", [&](sqlite::Connection& db) -> Result<model::Review> {
    if (!RoundExists(db, round)) return Fail(Missing("round", round));
    model::Review review;
    review.round_id = round;
    auto q_use =
        db.Cached("SELECT vote, code, next_review, revision FROM reviews WHERE round_id = ?");
    SQLite::Statement& q = *q_use;
    q.bind(1, round);
    if (q.executeStep()) {
      review.vote = static_cast<model::VoteState>(q.getColumn(0).getInt());
      review.code = q.getColumn(1).isNull() ? "" : q.getColumn(1).getString();
      review.next_review = q.getColumn(2).getString();
      review.revision = q.getColumn(3).getInt64();
    }
    auto notes_use =
        db.Cached("SELECT id, text, created_at FROM review_notes WHERE round_id = ? ORDER BY id");
    SQLite::Statement& notes = *notes_use;
    notes.bind(1, round);
    while (notes.executeStep())
      review.notes.push_back({notes.getColumn(0).getInt64(), notes.getColumn(1).getString(),
                              notes.getColumn(2).getInt64()});
    return review;
  });
}

Status SqliteStore::OpenVote(Id round, const std::string& code) {
  return Write("open vote", [&](sqlite::Connection& db) -> Status {
    if (!RoundExists(db, round)) return Fail(Missing("round", round));
    int state = VoteStateOf(db, round);
    if (state == 1) return {};
    if (state == 2) return Fail(Error::Conflict("the vote is closed"));
    auto taken_use = db.Cached("SELECT 1 FROM reviews WHERE code = ?");
    SQLite::Statement& taken = *taken_use;
    taken.bind(1, code);
    if (taken.executeStep()) return Fail(Error::Conflict("code in use"));
    Bump(db, round);
    auto open_use = db.Cached("UPDATE reviews SET vote = 1, code = ? WHERE round_id = ?");
    SQLite::Statement& open = *open_use;
    open.bind(1, code);
    open.bind(2, round);
    open.exec();
    return {};
  });
}

Status SqliteStore::CloseVote(Id round) {
  return Write("close vote", [&](sqlite::Connection& db) -> Status {
    if (VoteStateOf(db, round) != 1) return Fail(Error::Conflict("the vote is not open"));
    Bump(db, round);
    auto close_use = db.Cached("UPDATE reviews SET vote = 2, code = NULL WHERE round_id = ?");
    SQLite::Statement& close = *close_use;
    close.bind(1, round);
    close.exec();
    return {};
  });
}

Result<Id> SqliteStore::FindOpenVote(const std::string& code) {
  return Read("find open vote", [&](sqlite::Connection& db) -> Result<Id> {
    auto q_use = db.Cached("SELECT round_id FROM reviews WHERE code = ? AND vote = 1");
    SQLite::Statement& q = *q_use;
    q.bind(1, code);
    if (!q.executeStep()) return Fail(Error::NotFound("no open vote with this code"));
    return q.getColumn(0).getInt64();
  });
}

Status SqliteStore::CastVote(Id round, const std::string& voter,
                             const std::vector<std::string>& areas) {
  return Write("cast vote", [&](sqlite::Connection& db) -> Status {
    if (VoteStateOf(db, round) != 1) return Fail(Error::Conflict("the vote is not open"));
    auto clear_use = db.Cached("DELETE FROM review_votes WHERE round_id = ? AND voter = ?");
    SQLite::Statement& clear = *clear_use;
    clear.bind(1, round);
    clear.bind(2, voter);
    clear.exec();
    auto add_use =
        db.Cached("INSERT OR IGNORE INTO review_votes (round_id, voter, area) VALUES (?, ?, ?)");
    SQLite::Statement& add = *add_use;
    for (const auto& area : areas) {
      add.bind(1, round);
      add.bind(2, voter);
      add.bind(3, area);
      add.exec();
      add.reset();
    }
    Bump(db, round);
    return {};
  });
}

Result<std::vector<std::string>> SqliteStore::VoteOf(Id round, const std::string& voter) {
  using Areas = std::vector<std::string>;
  return Read("read vote", [&](sqlite::Connection& db) -> Result<Areas> {
    auto q_use =
        db.Cached("SELECT area FROM review_votes WHERE round_id = ? AND voter = ? ORDER BY area");
    SQLite::Statement& q = *q_use;
    q.bind(1, round);
    q.bind(2, voter);
    Areas out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
  });
}

Status SqliteStore::SetHandCount(Id round, const std::string& area, int count) {
  return Write("set hand count", [&](sqlite::Connection& db) -> Status {
    if (!RoundExists(db, round)) return Fail(Missing("round", round));
    if (VoteStateOf(db, round) == 2) return Fail(Error::Conflict("the vote is closed"));
    auto remove_use = db.Cached("DELETE FROM review_hands WHERE round_id = ? AND area = ?");
    SQLite::Statement& remove = *remove_use;
    remove.bind(1, round);
    remove.bind(2, area);
    remove.exec();
    if (count > 0) {
      auto add_use = db.Cached("INSERT INTO review_hands (round_id, area, count) VALUES (?, ?, ?)");
      SQLite::Statement& add = *add_use;
      add.bind(1, round);
      add.bind(2, area);
      add.bind(3, count);
      add.exec();
    }
    Bump(db, round);
    return {};
  });
}

Result<model::VoteTally> SqliteStore::Tally(Id round) {
  return Read("tally votes", [&](sqlite::Connection& db) -> Result<model::VoteTally> {
    model::VoteTally tally;
    auto head_use = db.Cached("SELECT vote, revision FROM reviews WHERE round_id = ?");
    SQLite::Statement& head = *head_use;
    head.bind(1, round);
    if (head.executeStep()) {
      tally.vote = static_cast<model::VoteState>(head.getColumn(0).getInt());
      tally.revision = head.getColumn(1).getInt64();
    }
    auto voters_use =
        db.Cached("SELECT count(DISTINCT voter) FROM review_votes WHERE round_id = ?");
    SQLite::Statement& voters = *voters_use;
    voters.bind(1, round);
    voters.executeStep();
    tally.voters = voters.getColumn(0).getInt();
    auto votes_use =
        db.Cached("SELECT area, count(*) FROM review_votes WHERE round_id = ? GROUP BY area");
    SQLite::Statement& votes = *votes_use;
    votes.bind(1, round);
    while (votes.executeStep())
      tally.votes[votes.getColumn(0).getString()] = votes.getColumn(1).getInt();
    auto hands_use = db.Cached("SELECT area, count FROM review_hands WHERE round_id = ?");
    SQLite::Statement& hands = *hands_use;
    hands.bind(1, round);
    while (hands.executeStep())
      tally.hands[hands.getColumn(0).getString()] = hands.getColumn(1).getInt();
    return tally;
  });
}

Result<Id> SqliteStore::AddDecisionNote(Id round, const std::string& text, std::int64_t at) {
  return Write("add decision note", [&](sqlite::Connection& db) -> Result<Id> {
    if (!RoundExists(db, round)) return Fail(Missing("round", round));
    auto add_use =
        db.Cached("INSERT INTO review_notes (round_id, text, created_at) VALUES (?, ?, ?)");
    SQLite::Statement& add = *add_use;
    add.bind(1, round);
    add.bind(2, text);
    add.bind(3, at);
    add.exec();
    Id id = db.getLastInsertRowid();
    Bump(db, round);
    return id;
  });
}

Status SqliteStore::SetNextReview(Id round, const std::string& date) {
  return Write("set next review", [&](sqlite::Connection& db) -> Status {
    if (!RoundExists(db, round)) return Fail(Missing("round", round));
    Bump(db, round);
    auto set_use = db.Cached("UPDATE reviews SET next_review = ? WHERE round_id = ?");
    SQLite::Statement& set = *set_use;
    set.bind(1, date);
    set.bind(2, round);
    set.exec();
    return {};
  });
}

Status SqliteStore::AddPlanItems(Id community, const std::vector<PlanItem>& items,
                                 std::size_t max_items) {
  return Write("add plan items", [&](sqlite::Connection& db) -> Status {
    auto exists_use = db.Cached("SELECT 1 FROM communities WHERE id = ?");
    SQLite::Statement& exists = *exists_use;
    exists.bind(1, community);
    if (!exists.executeStep()) return Fail(Missing("community", community));
    std::int64_t now = clock_();
    auto plan_use = db.Cached(
        "INSERT INTO plans (community_id, created_at, updated_at) "
        "SELECT ?, ?, ? WHERE NOT EXISTS "
        "(SELECT 1 FROM plans WHERE community_id = ?)");
    SQLite::Statement& plan = *plan_use;
    plan.bind(1, community);
    plan.bind(2, now);
    plan.bind(3, now);
    plan.bind(4, community);
    plan.exec();
    auto touch_use = db.Cached("UPDATE plans SET updated_at = ? WHERE community_id = ?");
    SQLite::Statement& touch = *touch_use;
    touch.bind(1, now);
    touch.bind(2, community);
    touch.exec();
    // In the write transaction (SQLite has one writer): two appends cannot both pass the limit.
    auto held_use = db.Cached(
        "SELECT count(*) FROM plan_items i JOIN plans p ON p.id = i.plan_id "
        "WHERE p.community_id = ?");
    SQLite::Statement& held = *held_use;
    held.bind(1, community);
    held.executeStep();
    if (static_cast<std::size_t>(held.getColumn(0).getInt64()) + items.size() > max_items)
      return Fail(Error::Conflict("the plan is full"));
    auto add_use = db.Cached(
        "INSERT INTO plan_items (plan_id, position, what, owner, due, status, source) "
        "SELECT p.id, coalesce((SELECT max(position) + 1 FROM plan_items WHERE plan_id = p.id), "
        "0), "
        "?, ?, ?, ?, ? FROM plans p WHERE p.community_id = ?");
    SQLite::Statement& add = *add_use;
    for (const auto& item : items) {
      add.bind(1, item.what);
      add.bind(2, item.owner);
      add.bind(3, item.due);
      add.bind(4, item.status.empty() ? std::string("todo") : item.status);
      add.bind(5, item.source);
      add.bind(6, community);
      add.exec();
      add.reset();
    }
    return {};
  });
}

Status SqliteStore::SetCalendarLink(Id community, const std::optional<std::string>& token_hash,
                                    std::int64_t at) {
  return Write("set calendar link", [&](sqlite::Connection& db) -> Status {
    auto remove_use = db.Cached("DELETE FROM calendar_links WHERE community_id = ?");
    SQLite::Statement& remove = *remove_use;
    remove.bind(1, community);
    remove.exec();
    if (!token_hash) return {};
    auto add_use = db.Cached(
        "INSERT INTO calendar_links (community_id, token_hash, created_at) VALUES (?, ?, ?)");
    SQLite::Statement& add = *add_use;
    add.bind(1, community);
    add.bind(2, *token_hash);
    add.bind(3, at);
    add.exec();
    return {};
  });
}

Result<Id> SqliteStore::FindCalendarLink(const std::string& token_hash) {
  return Read("find calendar link", [&](sqlite::Connection& db) -> Result<Id> {
    auto q_use = db.Cached("SELECT community_id FROM calendar_links WHERE token_hash = ?");
    SQLite::Statement& q = *q_use;
    q.bind(1, token_hash);
    if (!q.executeStep()) return Fail(Error::NotFound("no such calendar link"));
    return q.getColumn(0).getInt64();
  });
}

Result<std::optional<std::int64_t>> SqliteStore::CalendarLinkSince(Id community) {
  using Since = std::optional<std::int64_t>;
  return Read("read calendar link", [&](sqlite::Connection& db) -> Result<Since> {
    auto q_use = db.Cached("SELECT created_at FROM calendar_links WHERE community_id = ?");
    SQLite::Statement& q = *q_use;
    q.bind(1, community);
    if (!q.executeStep()) return Since();
    return Since(q.getColumn(0).getInt64());
  });
}

}  // namespace cultivate::store
