// The SQLite store: value-creation stories, indicators and the ask of the sponsor.

#include <SQLiteCpp/Statement.h>

#include "store/sqlite/query.h"
#include "store/sqlite/sqlite_store.h"

namespace cultivate::store {
namespace {

using sqlite::BindOptional;
using sqlite::Changed;
using sqlite::ColumnInt64;
using sqlite::FindBy;
using sqlite::ListBy;
using sqlite::Missing;

constexpr const char* kSelectStory =
    "SELECT id, community_id, response_id, user_id, author, title, happened, immediate, "
    "potential, applied, realized, reframing, share, named, created_at, updated_at "
    "FROM stories WHERE ";

Story ReadStory(SQLite::Statement& q) {
  Story s;
  s.id = q.getColumn(0).getInt64();
  s.community_id = ColumnInt64(q.getColumn(1));
  s.response_id = ColumnInt64(q.getColumn(2));
  s.user_id = ColumnInt64(q.getColumn(3));
  s.author = q.getColumn(4).getString();
  s.title = q.getColumn(5).getString();
  s.happened = q.getColumn(6).getString();
  s.immediate = q.getColumn(7).getString();
  s.potential = q.getColumn(8).getString();
  s.applied = q.getColumn(9).getString();
  s.realized = q.getColumn(10).getString();
  s.reframing = q.getColumn(11).getString();
  s.share = q.getColumn(12).getString();
  s.named = q.getColumn(13).getInt() != 0;
  s.created_at = q.getColumn(14).getInt64();
  s.updated_at = q.getColumn(15).getInt64();
  return s;
}

// Binds author .. named (10 values) from `index` on.
void BindStoryTexts(SQLite::Statement& q, int index, const Story& s) {
  for (const std::string* text : {&s.author, &s.title, &s.happened, &s.immediate, &s.potential,
                                  &s.applied, &s.realized, &s.reframing, &s.share})
    q.bind(index++, *text);
  q.bind(index, s.named ? 1 : 0);
}

constexpr const char* kSelectIndicator =
    "SELECT id, community_id, user_id, name, value, cycle, period, note, created_at "
    "FROM indicators WHERE ";

Indicator ReadIndicator(SQLite::Statement& q) {
  Indicator i;
  i.id = q.getColumn(0).getInt64();
  i.community_id = q.getColumn(1).getInt64();
  i.user_id = ColumnInt64(q.getColumn(2));
  i.name = q.getColumn(3).getString();
  i.value = q.getColumn(4).getDouble();
  i.cycle = q.getColumn(5).getString();
  i.period = q.getColumn(6).getString();
  i.note = q.getColumn(7).getString();
  i.created_at = q.getColumn(8).getInt64();
  return i;
}

}  // namespace

Result<Id> SqliteStore::CreateStory(const Story& story) {
  return Write("create story", [&](sqlite::Connection& db) -> Result<Id> {
    auto insert_use = db.Cached(
        "INSERT INTO stories (community_id, response_id, user_id, author, title, happened, "
        "immediate, potential, applied, realized, reframing, share, named, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& insert = *insert_use;
    BindOptional(insert, 1, story.community_id);
    BindOptional(insert, 2, story.response_id);
    BindOptional(insert, 3, story.user_id);
    BindStoryTexts(insert, 4, story);
    std::int64_t at = story.created_at ? story.created_at : clock_();
    insert.bind(14, at);
    insert.bind(15, at);
    insert.exec();
    return db.getLastInsertRowid();
  });
}

Result<Story> SqliteStore::FindStory(Id id) {
  return Read("find story", [&](sqlite::Connection& db) {
    return FindBy<Story>(db, kSelectStory, "id = ?", id, ReadStory,
                         "no story " + std::to_string(id));
  });
}

Status SqliteStore::UpdateStory(const Story& story) {
  return Write("update story", [&](sqlite::Connection& db) -> Status {
    auto update_use = db.Cached(
        "UPDATE stories SET author = ?, title = ?, happened = ?, immediate = ?, potential = ?, "
        "applied = ?, realized = ?, reframing = ?, share = ?, named = ?, updated_at = ? "
        "WHERE id = ?");
    SQLite::Statement& update = *update_use;
    BindStoryTexts(update, 1, story);
    update.bind(11, clock_());
    update.bind(12, story.id);
    return Changed(update.exec(), Missing("story", story.id));
  });
}

Status SqliteStore::DeleteStory(Id id) {
  return Write("delete story", [&](sqlite::Connection& db) -> Status {
    auto remove_use = db.Cached("DELETE FROM stories WHERE id = ?");
    SQLite::Statement& remove = *remove_use;
    remove.bind(1, id);
    return Changed(remove.exec(), Missing("story", id));
  });
}

Result<std::vector<Story>> SqliteStore::CommunityStories(Id community) {
  return Read("list stories", [&](sqlite::Connection& db) -> Result<std::vector<Story>> {
    return ListBy<Story>(db, kSelectStory, "community_id = ? ORDER BY created_at DESC, id DESC",
                         community, ReadStory);
  });
}

Result<std::vector<Story>> SqliteStore::ResponseStories(Id response) {
  return Read("list stories", [&](sqlite::Connection& db) -> Result<std::vector<Story>> {
    return ListBy<Story>(db, kSelectStory, "response_id = ? ORDER BY created_at DESC, id DESC",
                         response, ReadStory);
  });
}

Result<std::vector<Story>> SqliteStore::UserStories(Id user) {
  return Read("list stories", [&](sqlite::Connection& db) -> Result<std::vector<Story>> {
    return ListBy<Story>(db, kSelectStory,
                         "user_id = ? AND response_id IS NULL ORDER BY created_at DESC, id DESC",
                         user, ReadStory);
  });
}

Result<Id> SqliteStore::CreateIndicator(const Indicator& indicator) {
  return Write("create indicator", [&](sqlite::Connection& db) -> Result<Id> {
    auto insert_use = db.Cached(
        "INSERT INTO indicators (community_id, user_id, name, value, cycle, period, note, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& insert = *insert_use;
    insert.bind(1, indicator.community_id);
    BindOptional(insert, 2, indicator.user_id);
    insert.bind(3, indicator.name);
    insert.bind(4, indicator.value);
    insert.bind(5, indicator.cycle);
    insert.bind(6, indicator.period);
    insert.bind(7, indicator.note);
    insert.bind(8, indicator.created_at ? indicator.created_at : clock_());
    insert.exec();
    return db.getLastInsertRowid();
  });
}

Status SqliteStore::DeleteIndicator(Id community, Id id) {
  return Write("delete indicator", [&](sqlite::Connection& db) -> Status {
    auto remove_use = db.Cached("DELETE FROM indicators WHERE id = ? AND community_id = ?");
    SQLite::Statement& remove = *remove_use;
    remove.bind(1, id);
    remove.bind(2, community);
    return Changed(remove.exec(), Missing("indicator", id));
  });
}

Result<std::vector<Indicator>> SqliteStore::Indicators(Id community) {
  return Read("list indicators", [&](sqlite::Connection& db) -> Result<std::vector<Indicator>> {
    return ListBy<Indicator>(db, kSelectIndicator,
                             "community_id = ? ORDER BY period DESC, created_at, id", community,
                             ReadIndicator);
  });
}

Result<std::string> SqliteStore::SponsorAsk(Id community) {
  return Read("read sponsor ask", [&](sqlite::Connection& db) -> Result<std::string> {
    auto q_use = db.Cached("SELECT ask FROM sponsor_asks WHERE community_id = ?");
    SQLite::Statement& q = *q_use;
    q.bind(1, community);
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
  });
}

Status SqliteStore::SaveSponsorAsk(Id community, const std::string& ask) {
  return Write("save sponsor ask", [&](sqlite::Connection& db) -> Status {
    auto upsert_use = db.Cached(
        "INSERT INTO sponsor_asks (community_id, ask, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (community_id) DO UPDATE SET ask = excluded.ask, "
        "updated_at = excluded.updated_at");
    SQLite::Statement& upsert = *upsert_use;
    upsert.bind(1, community);
    upsert.bind(2, ask);
    upsert.bind(3, clock_());
    upsert.exec();  // an unknown community fails its foreign key: kNotFound or kInvalid
    return {};
  });
}

}  // namespace cultivate::store
