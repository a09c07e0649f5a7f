// The PostgreSQL store: responses, answers, reflections and the solo plan. Accounts and
// communities are in postgres_store_accounts.cc, rounds and invites in
// postgres_store_rounds.cc, opening and the schema in postgres_schema.cc.

#include "store/postgres/postgres_store.h"

#include <string_view>
#include <unordered_map>
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
// round is closed. A solo response (no round) is one statement. For a round's response, the
// round's row is locked first (the UPDATE waits for a close, and then sees it), so a close
// waits for this save or this save sees the close: no save lands in a round after it closed.
// The first UPDATE matches no row of a round's response, so it locks nothing: rows are locked
// round first, then response, as a new coordinator's marking does (query.h).
Status Touch(pqxx::transaction_base& tx, Id id, std::int64_t now) {
  using postgres::Prepared;
  constexpr const char* kTouch =
      "UPDATE responses SET updated_at = $1, revision = revision + 1 WHERE id = $2";
  if (!Prepared(tx, "touch_solo",
                "UPDATE responses SET updated_at = $1, revision = revision + 1 WHERE id = $2 "
                "AND round_id IS NULL RETURNING id",
                now, id)
           .empty())
    return {};
  auto response = Prepared(tx, "response_round", "SELECT round_id FROM responses WHERE id = $1", id);
  if (response.empty()) return Fail(NoResponse(id));
  Id round = response[0][0].as<Id>();  // not NULL: a solo response was touched above
  if (Prepared(tx, "bump_open_round",
               "UPDATE rounds SET revision = revision + 1 "
               "WHERE id = $1 AND closed_at IS NULL RETURNING id",
               round)
          .empty())
    return Fail(Error::Conflict("the response's round is closed"));
  Prepared(tx, "touch", kTouch, now, id);
  return {};
}

// `text` as an element of a PostgreSQL array literal: quoted, with " and \ escaped.
void AppendElement(std::string& out, const std::string& text) {
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

void AppendElement(std::string& out, const std::optional<int>& level) {
  out += level ? std::to_string(*level) : std::string("NULL");
}

// One column of `answers` as an array literal ({"a","b"}, {1,NULL}), for unnest.
template <typename Get>
std::string Column(const std::vector<const Answer*>& answers, Get get) {
  std::string out = "{";
  for (const Answer* a : answers) {
    if (out.size() > 1) out += ',';
    AppendElement(out, get(*a));
  }
  return out + "}";
}

constexpr const char* kSelectResponse =
    "SELECT id, token_hash, name, phases, bank_version, round_id, created_at, updated_at, "
    "revision, by_coordinator, user_id "
    "FROM responses WHERE ";

// The statements of FindResponseByTokenHash: `token_hash IN ($1, ..., $n)` for n = 1, 2, 4,
// ... up to the largest batch (responses_by_token_ keeps the default), their text built once.
struct ByTokenStatement {
  std::size_t size;
  std::string name;
  std::string sql;
};

const ByTokenStatement& ByTokenFor(std::size_t keys) {
  static const std::vector<ByTokenStatement> statements = [] {
    std::vector<ByTokenStatement> out;
    constexpr std::size_t kMax = postgres::BatchedLookup<Response>::kMaxBatch;
    static_assert((kMax & (kMax - 1)) == 0, "the largest batch must be a power of two");
    for (std::size_t n = 1; n <= kMax; n *= 2) {
      std::string sql = std::string(kSelectResponse) + "token_hash IN (";
      for (std::size_t i = 1; i <= n; ++i) sql += (i > 1 ? ", $" : "$") + std::to_string(i);
      out.push_back({n, "responses_by_token_" + std::to_string(n), sql + ")"});
    }
    return out;
  }();
  for (const auto& statement : statements)
    if (statement.size >= keys) return statement;
  return statements.back();  // not reached: a batch holds at most kMaxBatch keys
}

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
  // Every results page and save starts here: lookups made at once share one query.
  using Rows = std::vector<std::pair<std::string, Response>>;
  return responses_by_token_.Find(
      token_hash,
      [this](const std::vector<std::string>& hashes) {
        return ReadOne("find response", [&](pqxx::transaction_base& tx) -> Result<Rows> {
          // `IN ($1, ..., $n)` with n a power of two (the last hash repeated to fill it): a
          // few statements, each planned once. (`= ANY($1::text[])` would be planned anew at
          // every run: PostgreSQL prices its generic plan for an array of unknown length.)
          const ByTokenStatement& statement = ByTokenFor(hashes.size());
          std::vector<std::string> params = hashes;
          params.resize(statement.size, hashes.back());
          tx.conn().prepare(statement.name, statement.sql);
          Rows rows;
          for (const auto& row :
               tx.exec_prepared(statement.name, pqxx::prepare::make_dynamic_params(params))) {
            Response r = ReadResponse(row);
            std::string hash = r.token_hash;
            rows.emplace_back(std::move(hash), std::move(r));
          }
          return rows;
        });
      },
      "no response with this token hash");
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
  // One statement for all the answers (one round trip, however many). A question given twice
  // keeps its last answer, as saving them one by one would (and ON CONFLICT may not touch a
  // row twice in one statement).
  std::vector<const Answer*> last;
  std::unordered_map<std::string_view, std::size_t> at;
  for (const auto& answer : answers) {
    auto [it, added] = at.emplace(answer.question, last.size());
    if (added) last.push_back(&answer); else last[it->second] = &answer;
  }
  return Write("save answers", [&](pqxx::transaction_base& tx) -> Status {
    if (auto ok = Touch(tx, response_id, clock_()); !ok) return ok;
    if (last.empty()) return {};
    // A level outside 0..4 fails its CHECK: kInvalid, all rolled back.
    postgres::Prepared(
        tx, "save_answers",
        "INSERT INTO answers (response_id, question_id, now, target, note) "
        "SELECT $1::bigint, a.question, a.now, a.target, a.note "
        "FROM unnest($2::text[], $3::integer[], $4::integer[], $5::text[]) "
        "AS a(question, now, target, note) "
        "ON CONFLICT (response_id, question_id) DO UPDATE "
        "SET now = excluded.now, target = excluded.target, note = excluded.note",
        response_id, Column(last, [](const Answer& a) { return a.question; }),
        Column(last, [](const Answer& a) { return a.now; }),
        Column(last, [](const Answer& a) { return a.target; }),
        Column(last, [](const Answer& a) { return a.note; }));
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
