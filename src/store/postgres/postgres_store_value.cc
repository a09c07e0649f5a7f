// The PostgreSQL store: value-creation stories, indicators and the ask of the sponsor.

#include "store/postgres/postgres_store.h"
#include "store/postgres/query.h"

namespace cultivate::store {
namespace {

using postgres::All;
using postgres::Changed;
using postgres::Missing;
using postgres::One;
using postgres::Optional;

constexpr const char* kSelectStory =
    "SELECT id, community_id, response_id, user_id, author, title, happened, immediate, "
    "potential, applied, realized, reframing, share, named, created_at, updated_at "
    "FROM stories WHERE ";

Story ReadStory(const pqxx::row& row) {
  Story s;
  s.id = row[0].as<Id>();
  s.community_id = Optional<Id>(row[1]);
  s.response_id = Optional<Id>(row[2]);
  s.user_id = Optional<Id>(row[3]);
  s.author = row[4].as<std::string>();
  s.title = row[5].as<std::string>();
  s.happened = row[6].as<std::string>();
  s.immediate = row[7].as<std::string>();
  s.potential = row[8].as<std::string>();
  s.applied = row[9].as<std::string>();
  s.realized = row[10].as<std::string>();
  s.reframing = row[11].as<std::string>();
  s.share = row[12].as<std::string>();
  s.named = row[13].as<int>() != 0;
  s.created_at = row[14].as<std::int64_t>();
  s.updated_at = row[15].as<std::int64_t>();
  return s;
}

constexpr const char* kSelectIndicator =
    "SELECT id, community_id, user_id, name, value, cycle, period, note, created_at "
    "FROM indicators WHERE ";

Indicator ReadIndicator(const pqxx::row& row) {
  Indicator i;
  i.id = row[0].as<Id>();
  i.community_id = row[1].as<Id>();
  i.user_id = Optional<Id>(row[2]);
  i.name = row[3].as<std::string>();
  i.value = row[4].as<double>();
  i.cycle = row[5].as<std::string>();
  i.period = row[6].as<std::string>();
  i.note = row[7].as<std::string>();
  i.created_at = row[8].as<std::int64_t>();
  return i;
}

using Stories = std::vector<Story>;

}  // namespace

Result<Id> PostgresStore::CreateStory(const Story& s) {
  return Write("create story", [&](pqxx::transaction_base& tx) -> Result<Id> {
    std::int64_t at = s.created_at ? s.created_at : clock_();
    return tx
        .exec_params1(
            "INSERT INTO stories (community_id, response_id, user_id, author, title, happened, "
            "immediate, potential, applied, realized, reframing, share, named, created_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
            "$14) RETURNING id",
            s.community_id, s.response_id, s.user_id, s.author, s.title, s.happened, s.immediate,
            s.potential, s.applied, s.realized, s.reframing, s.share, s.named ? 1 : 0, at)[0]
        .as<Id>();
  });
}

Result<Story> PostgresStore::FindStory(Id id) {
  return ReadOne("find story", [&](pqxx::transaction_base& tx) {
    return One<Story>(tx.exec_params(std::string(kSelectStory) + "id = $1", id), ReadStory,
                      "no story " + std::to_string(id));
  });
}

Status PostgresStore::UpdateStory(const Story& s) {
  return Write("update story", [&](pqxx::transaction_base& tx) -> Status {
    return Changed(
        tx.exec_params(
            "UPDATE stories SET author = $1, title = $2, happened = $3, immediate = $4, "
            "potential = $5, applied = $6, realized = $7, reframing = $8, share = $9, "
            "named = $10, updated_at = $11 WHERE id = $12",
            s.author, s.title, s.happened, s.immediate, s.potential, s.applied, s.realized,
            s.reframing, s.share, s.named ? 1 : 0, clock_(), s.id),
        Missing("story", s.id));
  });
}

Status PostgresStore::DeleteStory(Id id) {
  return Write("delete story", [&](pqxx::transaction_base& tx) -> Status {
    return Changed(tx.exec_params("DELETE FROM stories WHERE id = $1", id), Missing("story", id));
  });
}

Result<std::vector<Story>> PostgresStore::CommunityStories(Id community) {
  return ReadOne("list stories", [&](pqxx::transaction_base& tx) -> Result<Stories> {
    return All<Story>(tx.exec_params(std::string(kSelectStory) +
                                         "community_id = $1 ORDER BY created_at DESC, id DESC",
                                     community),
                      ReadStory);
  });
}

Result<std::vector<Story>> PostgresStore::ResponseStories(Id response) {
  return ReadOne("list stories", [&](pqxx::transaction_base& tx) -> Result<Stories> {
    return All<Story>(tx.exec_params(std::string(kSelectStory) +
                                         "response_id = $1 ORDER BY created_at DESC, id DESC",
                                     response),
                      ReadStory);
  });
}

Result<std::vector<Story>> PostgresStore::UserStories(Id user) {
  return ReadOne("list stories", [&](pqxx::transaction_base& tx) -> Result<Stories> {
    return All<Story>(
        tx.exec_params(std::string(kSelectStory) +
                           "user_id = $1 AND response_id IS NULL ORDER BY created_at DESC, id DESC",
                       user),
        ReadStory);
  });
}

Result<Id> PostgresStore::CreateIndicator(const Indicator& i) {
  return Write("create indicator", [&](pqxx::transaction_base& tx) -> Result<Id> {
    return tx
        .exec_params1(
            "INSERT INTO indicators (community_id, user_id, name, value, cycle, period, note, "
            "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            i.community_id, i.user_id, i.name, i.value, i.cycle, i.period, i.note,
            i.created_at ? i.created_at : clock_())[0]
        .as<Id>();
  });
}

Status PostgresStore::DeleteIndicator(Id community, Id id) {
  return Write("delete indicator", [&](pqxx::transaction_base& tx) -> Status {
    return Changed(tx.exec_params("DELETE FROM indicators WHERE id = $1 AND community_id = $2",
                                  id, community),
                   Missing("indicator", id));
  });
}

Result<std::vector<Indicator>> PostgresStore::Indicators(Id community) {
  using List = std::vector<Indicator>;
  return ReadOne("list indicators", [&](pqxx::transaction_base& tx) -> Result<List> {
    return All<Indicator>(
        tx.exec_params(std::string(kSelectIndicator) +
                           "community_id = $1 ORDER BY period COLLATE \"C\" DESC, created_at, id",
                       community),
        ReadIndicator);
  });
}

Result<std::string> PostgresStore::SponsorAsk(Id community) {
  return ReadOne("read sponsor ask", [&](pqxx::transaction_base& tx) -> Result<std::string> {
    auto rows = tx.exec_params("SELECT ask FROM sponsor_asks WHERE community_id = $1", community);
    return rows.empty() ? std::string() : rows[0][0].as<std::string>();
  });
}

Status PostgresStore::SaveSponsorAsk(Id community, const std::string& ask) {
  return Write("save sponsor ask", [&](pqxx::transaction_base& tx) -> Status {
    tx.exec_params(
        "INSERT INTO sponsor_asks (community_id, ask, updated_at) VALUES ($1, $2, $3) "
        "ON CONFLICT (community_id) DO UPDATE SET ask = excluded.ask, "
        "updated_at = excluded.updated_at",
        community, ask, clock_());
    return {};
  });
}

}  // namespace cultivate::store
