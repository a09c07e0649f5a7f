// The PostgreSQL store: responses, answers, reflections and the solo plan. Accounts and
// communities are in postgres_store_accounts.cc, rounds and invites in
// postgres_store_rounds.cc, opening and the schema in postgres_schema.cc.

#include "store/postgres/postgres_store.h"

#include <utility>

#include "store/postgres/plan_rows.h"
#include "store/postgres/query.h"
#include "store/validation.h"

namespace cultivate::store {
namespace {

using postgres::Missing;
using postgres::Optional;

Error NoResponse(Id id) { return Missing("response", id); }

bool ResponseExists(pqxx::transaction_base& tx, Id id) {
  return !tx.exec_params("SELECT 1 FROM responses WHERE id = $1", id).empty();
}

// Touches a response's updated_at and bumps its revision and its round's (so cached results
// of either are known stale). kNotFound when there is no such response; kConflict when its
// round is closed. The round's row is locked first, so a close waits for this save or this
// save sees the close: no save lands in a round after it closed.
Status Touch(pqxx::transaction_base& tx, Id id, std::int64_t now) {
  auto response = tx.exec_params("SELECT round_id FROM responses WHERE id = $1", id);
  if (response.empty()) return Fail(NoResponse(id));
  if (!response[0][0].is_null()) {
    Id round = response[0][0].as<Id>();
    auto state = tx.exec_params("SELECT closed_at FROM rounds WHERE id = $1 FOR NO KEY UPDATE", round);
    if (!state.empty() && !state[0][0].is_null())
      return Fail(Error::Conflict("the response's round is closed"));
    tx.exec_params("UPDATE rounds SET revision = revision + 1 WHERE id = $1", round);
  }
  tx.exec_params("UPDATE responses SET updated_at = $1, revision = revision + 1 WHERE id = $2", now, id);
  return {};
}

constexpr const char* kSelectResponse =
    "SELECT id, token_hash, name, phases, bank_version, round_id, created_at, updated_at, "
    "revision, by_coordinator, user_id "
    "FROM responses WHERE ";

Response ReadResponse(const pqxx::row& row) {
  Response r;
  r.id = row[0].as<Id>();
  r.token_hash = row[1].as<std::string>();
  r.name = row[2].as<std::string>();
  r.phases = SplitPhases(row[3].as<std::string>());
  r.bank_version = row[4].as<std::string>();
  r.round_id = Optional<Id>(row[5]);
  r.created_at = row[6].as<std::int64_t>();
  r.updated_at = row[7].as<std::int64_t>();
  r.revision = row[8].as<std::int64_t>();
  r.by_coordinator = row[9].as<int>() != 0;
  r.user_id = Optional<Id>(row[10]);
  return r;
}

}  // namespace

Result<Id> PostgresStore::CreateResponse(const Response& response) {
  if (auto ok = CheckPhases(response.phases); !ok) return Fail(ok.error());
  return Write("create response", [&](pqxx::transaction_base& tx) -> Result<Id> {
    std::int64_t now = clock_();
    return tx
        .exec_params1(
            "INSERT INTO responses (token_hash, name, phases, bank_version, round_id, "
            "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            response.token_hash, response.name, JoinPhases(response.phases), response.bank_version,
            response.round_id, now, now)[0]
        .as<Id>();
  });
}

Result<Response> PostgresStore::FindResponseByTokenHash(const std::string& token_hash) {
  return ReadOne("find response", [&](pqxx::transaction_base& tx) {
    return postgres::One<Response>(
        tx.exec_params(std::string(kSelectResponse) + "token_hash = $1", token_hash), ReadResponse,
        "no response with this token hash");
  });
}

Result<Response> PostgresStore::FindResponse(Id id) {
  return ReadOne("find response", [&](pqxx::transaction_base& tx) {
    return postgres::One<Response>(tx.exec_params(std::string(kSelectResponse) + "id = $1", id),
                                   ReadResponse, "no response " + std::to_string(id));
  });
}

Result<Response> PostgresStore::UserResponse(Id round, Id user) {
  return ReadOne("find the user's response", [&](pqxx::transaction_base& tx) {
    return postgres::One<Response>(
        tx.exec_params(std::string(kSelectResponse) +
                           "round_id = $1 AND user_id = $2 ORDER BY id LIMIT 1",
                       round, user),
        ReadResponse, "no response of this user in this round");
  });
}

Status PostgresStore::ReplaceResponseToken(Id response, const std::string& token_hash) {
  return Write("replace response token", [&](pqxx::transaction_base& tx) -> Status {
    return postgres::Changed(
        tx.exec_params("UPDATE responses SET token_hash = $1 WHERE id = $2", token_hash, response),
        NoResponse(response));
  });
}

Status PostgresStore::UpdateResponse(const Response& response) {
  if (auto ok = CheckPhases(response.phases); !ok) return ok;
  return Write("update response", [&](pqxx::transaction_base& tx) -> Status {
    return postgres::Changed(
        tx.exec_params("UPDATE responses SET name = $1, phases = $2, updated_at = $3, "
                       "revision = revision + 1 WHERE id = $4",
                       response.name, JoinPhases(response.phases), clock_(), response.id),
        NoResponse(response.id));
  });
}

Status PostgresStore::SaveAnswers(Id response_id, const std::vector<Answer>& answers) {
  return Write("save answers", [&](pqxx::transaction_base& tx) -> Status {
    if (auto ok = Touch(tx, response_id, clock_()); !ok) return ok;
    for (const auto& answer : answers) {
      // A level outside 0..4 fails its CHECK: kInvalid, all rolled back.
      tx.exec_params(
          "INSERT INTO answers (response_id, question_id, now, target, note) "
          "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (response_id, question_id) DO UPDATE "
          "SET now = excluded.now, target = excluded.target, note = excluded.note",
          response_id, answer.question, answer.now, answer.target, answer.note);
    }
    return {};
  });
}

Result<std::vector<Answer>> PostgresStore::Answers(Id response_id) {
  return Read("read answers", [&](pqxx::transaction_base& tx) -> Result<std::vector<Answer>> {
    if (!ResponseExists(tx, response_id)) return Fail(NoResponse(response_id));
    // COLLATE "C": byte order, as SQLite sorts text, whatever the database's locale.
    return postgres::All<Answer>(
        tx.exec_params("SELECT question_id, now, target, note FROM answers "
                       "WHERE response_id = $1 ORDER BY question_id COLLATE \"C\"",
                       response_id),
        [](const pqxx::row& row) {
          return Answer{row[0].as<std::string>(), Optional<int>(row[1]), Optional<int>(row[2]),
                        row[3].as<std::string>()};
        });
  });
}

Status PostgresStore::SaveReflections(Id response_id, const std::vector<Reflection>& reflections) {
  return Write("save reflections", [&](pqxx::transaction_base& tx) -> Status {
    if (auto ok = Touch(tx, response_id, clock_()); !ok) return ok;
    for (const auto& reflection : reflections) {
      tx.exec_params(
          "INSERT INTO reflections (response_id, prompt, text) VALUES ($1, $2, $3) "
          "ON CONFLICT (response_id, prompt) DO UPDATE SET text = excluded.text",
          response_id, reflection.prompt, reflection.text);
    }
    return {};
  });
}

Result<std::vector<Reflection>> PostgresStore::Reflections(Id response_id) {
  return Read("read reflections",
              [&](pqxx::transaction_base& tx) -> Result<std::vector<Reflection>> {
                if (!ResponseExists(tx, response_id)) return Fail(NoResponse(response_id));
                return postgres::All<Reflection>(
                    tx.exec_params("SELECT prompt, text FROM reflections WHERE response_id = $1 "
                                   "ORDER BY prompt COLLATE \"C\"",
                                   response_id),
                    [](const pqxx::row& row) {
                      return Reflection{row[0].as<std::string>(), row[1].as<std::string>()};
                    });
              });
}

Result<std::optional<Plan>> PostgresStore::ResponsePlan(Id response_id) {
  return Read("read plan", [&](pqxx::transaction_base& tx) -> Result<std::optional<Plan>> {
    if (!ResponseExists(tx, response_id)) return Fail(NoResponse(response_id));
    return postgres::ReadPlan(tx, postgres::PlanOwner::kResponse, response_id);
  });
}

Status PostgresStore::SaveResponsePlan(Id response_id, const Plan& plan) {
  return Write("save plan", [&](pqxx::transaction_base& tx) -> Status {
    if (!ResponseExists(tx, response_id)) return Fail(NoResponse(response_id));
    Id plan_id =
        postgres::UpsertPlan(tx, postgres::PlanOwner::kResponse, response_id, plan, clock_());
    postgres::WritePlanItems(tx, plan_id, plan.items);  // a bad status or due: kInvalid
    return {};
  });
}

}  // namespace cultivate::store
