// Invitations to co-coordinate a community.
#include <SQLiteCpp/Statement.h>

#include "store/sqlite/query.h"
#include "store/sqlite/sqlite_store.h"

namespace cultivate::store {

namespace {

constexpr const char* kSelect =
    "SELECT i.id, i.community_id, c.name, i.email, i.created_at FROM coordinator_invitations i "
    "JOIN communities c ON c.id = i.community_id ";

std::vector<CoordinatorInvitation> ReadAll(SQLite::Statement& q) {
  std::vector<CoordinatorInvitation> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                   q.getColumn(3).getString(), q.getColumn(4).getInt64()});
  return out;
}

}  // namespace

Status SqliteStore::InviteCoordinator(const CoordinatorInvitation& invitation, Id invited_by) {
  return Write("invite coordinator", [&](sqlite::Connection& db) -> Status {
    auto insert_use = db.Cached(
        "INSERT INTO coordinator_invitations (community_id, email, invited_by, "
        "created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
    SQLite::Statement& insert = *insert_use;
    insert.bind(1, invitation.community_id);
    insert.bind(2, invitation.email);
    insert.bind(3, invited_by);
    insert.bind(4, clock_());
    insert.exec();  // an unknown community: kNotFound
    return {};
  });
}

Result<std::vector<CoordinatorInvitation>> SqliteStore::InvitationsFor(const std::string& email) {
  return Read("invitations for",
              [&](sqlite::Connection& db) -> Result<std::vector<CoordinatorInvitation>> {
                auto q_use = db.Cached(std::string(kSelect) +
                                       "WHERE i.email = ? ORDER BY i.created_at DESC, i.id DESC");
                SQLite::Statement& q = *q_use;
                q.bind(1, email);
                return ReadAll(q);
              });
}

Result<std::vector<CoordinatorInvitation>> SqliteStore::PendingInvitations(Id community) {
  return Read("pending invitations",
              [&](sqlite::Connection& db) -> Result<std::vector<CoordinatorInvitation>> {
                auto q_use =
                    db.Cached(std::string(kSelect) +
                              "WHERE i.community_id = ? ORDER BY i.created_at DESC, i.id DESC");
                SQLite::Statement& q = *q_use;
                q.bind(1, community);
                return ReadAll(q);
              });
}

Status SqliteStore::AcceptInvitation(Id invitation, const std::string& email, Id user) {
  return Write("accept invitation", [&](sqlite::Connection& db) -> Status {
    auto find_use =
        db.Cached("SELECT community_id FROM coordinator_invitations WHERE id = ? AND email = ?");
    SQLite::Statement& find = *find_use;
    find.bind(1, invitation);
    find.bind(2, email);
    if (!find.executeStep()) return Fail(Error::NotFound("no such invitation for this email"));
    Id community = find.getColumn(0).getInt64();
    find.reset();
    auto add_use = db.Cached(
        "INSERT INTO memberships (community_id, user_id, created_at) VALUES (?, ?, ?) "
        "ON CONFLICT DO NOTHING");
    SQLite::Statement& add = *add_use;
    add.bind(1, community);
    add.bind(2, user);
    add.bind(3, clock_());
    add.exec();
    sqlite::MarkCoordinatorResponses(db, community, user);
    auto remove_use = db.Cached("DELETE FROM coordinator_invitations WHERE id = ?");
    SQLite::Statement& remove = *remove_use;
    remove.bind(1, invitation);
    remove.exec();
    return {};
  });
}

Status SqliteStore::DeclineInvitation(Id invitation, const std::string& email) {
  return Write("decline invitation", [&](sqlite::Connection& db) -> Status {
    auto remove_use = db.Cached("DELETE FROM coordinator_invitations WHERE id = ? AND email = ?");
    SQLite::Statement& remove = *remove_use;
    remove.bind(1, invitation);
    remove.bind(2, email);
    if (remove.exec() == 0) return Fail(Error::NotFound("no such invitation for this email"));
    return {};
  });
}

}  // namespace cultivate::store
