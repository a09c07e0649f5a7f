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
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                   q.getColumn(2).getString(), q.getColumn(3).getString(),
                   q.getColumn(4).getInt64()});
  return out;
}

}  // namespace

Status SqliteStore::InviteCoordinator(const CoordinatorInvitation& invitation, Id invited_by) {
  return Write("invite coordinator", [&](SQLite::Database& db) -> Status {
    SQLite::Statement insert(db,
                             "INSERT INTO coordinator_invitations (community_id, email, invited_by, "
                             "created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
    insert.bind(1, invitation.community_id);
    insert.bind(2, invitation.email);
    insert.bind(3, invited_by);
    insert.bind(4, clock_());
    insert.exec();  // an unknown community: kNotFound
    return {};
  });
}

Result<std::vector<CoordinatorInvitation>> SqliteStore::InvitationsFor(const std::string& email) {
  return Read("invitations for", [&](SQLite::Database& db) -> Result<std::vector<CoordinatorInvitation>> {
    SQLite::Statement q(db, std::string(kSelect) + "WHERE i.email = ? ORDER BY i.created_at DESC, i.id DESC");
    q.bind(1, email);
    return ReadAll(q);
  });
}

Result<std::vector<CoordinatorInvitation>> SqliteStore::PendingInvitations(Id community) {
  return Read("pending invitations", [&](SQLite::Database& db) -> Result<std::vector<CoordinatorInvitation>> {
    SQLite::Statement q(db, std::string(kSelect) + "WHERE i.community_id = ? ORDER BY i.created_at DESC, i.id DESC");
    q.bind(1, community);
    return ReadAll(q);
  });
}

Status SqliteStore::AcceptInvitation(Id invitation, const std::string& email, Id user) {
  return Write("accept invitation", [&](SQLite::Database& db) -> Status {
    SQLite::Statement find(db, "SELECT community_id FROM coordinator_invitations WHERE id = ? AND email = ?");
    find.bind(1, invitation);
    find.bind(2, email);
    if (!find.executeStep()) return Fail(Error::NotFound("no such invitation for this email"));
    Id community = find.getColumn(0).getInt64();
    find.reset();
    SQLite::Statement add(db,
                          "INSERT INTO memberships (community_id, user_id, created_at) VALUES (?, ?, ?) "
                          "ON CONFLICT DO NOTHING");
    add.bind(1, community);
    add.bind(2, user);
    add.bind(3, clock_());
    add.exec();
    sqlite::MarkCoordinatorResponses(db, community, user);
    SQLite::Statement remove(db, "DELETE FROM coordinator_invitations WHERE id = ?");
    remove.bind(1, invitation);
    remove.exec();
    return {};
  });
}

Status SqliteStore::DeclineInvitation(Id invitation, const std::string& email) {
  return Write("decline invitation", [&](SQLite::Database& db) -> Status {
    SQLite::Statement remove(db, "DELETE FROM coordinator_invitations WHERE id = ? AND email = ?");
    remove.bind(1, invitation);
    remove.bind(2, email);
    if (remove.exec() == 0) return Fail(Error::NotFound("no such invitation for this email"));
    return {};
  });
}

}  // namespace cultivate::store
