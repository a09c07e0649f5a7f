#pragma once
/// The Store on a PostgreSQL database, for many app servers sharing one database. Safe for
/// concurrent use: each call borrows a connection from a small pool and runs in one
/// transaction, READ COMMITTED for writes (each check-then-act is one statement or holds the
/// row locks it depends on) and REPEATABLE READ READ ONLY for reads (one snapshot, as SQLite
/// gives; a read of one statement runs alone, on its own snapshot). A serialization failure
/// or deadlock is retried a few times, then kUnavailable; so is a connection found broken.
/// Errors map as in the SQLite store (postgres/pg_error.h).

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pqxx/pqxx>
#include <type_traits>

#include "common/clock.h"
#include "common/metrics.h"
#include "store/postgres/batched_lookup.h"
#include "store/postgres/connection_pool.h"
#include "store/postgres/pg_error.h"
#include "store/store.h"

namespace cultivate::store {

struct PostgresOptions {
  Clock clock = SystemClock;       // created_at, updated_at, applied_at
  std::size_t pool_size = 8;       // connections open at most, per store
  int lock_timeout_ms = 5000;      // how long a write waits for a row another writer holds
  int acquire_timeout_ms = 10000;  // how long a call waits for a free pooled connection
  int attempts = 4;                // tries of a transaction that meets a serialization failure
  int lookups_in_flight = 1;       // response-by-token queries on their way at once; more
                                   // lookups wait and go together in the next (batched_lookup.h)
};

class PostgresStore : public Store {
 public:
  /// Connects to `spec` (a libpq URI: postgresql://user@host:port/db, ?host=/socket/dir...)
  /// and checks one connection can be set up: kUnavailable if not. Does not migrate.
  static Result<std::unique_ptr<PostgresStore>> Open(const std::string& spec,
                                                     PostgresOptions options = {});

  /// Applies the embedded migrations not yet applied; returns their names, in order. Each
  /// runs in its own transaction holding an advisory lock, so servers migrating at once
  /// apply each migration once.
  Result<std::vector<std::string>> Migrate();
  /// OK when the schema is exactly the embedded migrations; kUnavailable saying what to do if
  /// migrations are pending (run `cultivate migrate --db ...`) or it is newer than this build.
  Status CheckSchema();

  Status Ping() override;
  bool Remote() const override { return true; }
  Result<Id> CreateResponse(const Response& response) override;
  Result<Response> FindResponseByTokenHash(const std::string& token_hash) override;
  Result<Response> FindResponse(Id id) override;
  Status UpdateResponse(const Response& response) override;
  Status SaveAnswers(Id response_id, const std::vector<Answer>& answers) override;
  Result<std::vector<Answer>> Answers(Id response_id) override;
  Status SaveReflections(Id response_id, const std::vector<Reflection>& reflections) override;
  Result<std::vector<Reflection>> Reflections(Id response_id) override;
  Result<std::optional<Plan>> ResponsePlan(Id response_id) override;
  Status SaveResponsePlan(Id response_id, const Plan& plan) override;

  Result<Id> CreateUser(const User& user) override;
  Result<User> FindUser(Id id) override;
  Result<User> FindUserByEmail(const std::string& email) override;
  Status DeleteUser(Id id) override;
  Status CreateSession(const Session& session) override;
  Result<Session> FindSession(const std::string& id_hash) override;
  Result<std::pair<Session, User>> FindSessionUser(const std::string& id_hash) override;
  Status TouchSession(const std::string& id_hash, std::int64_t seen_at) override;
  Status DeleteSession(const std::string& id_hash) override;
  Result<Id> CreateCommunity(const Community& community, Id coordinator) override;
  Result<Community> FindCommunity(Id id) override;
  Result<std::vector<Community>> UserCommunities(Id user) override;
  Status UpdateCommunity(const Community& community) override;
  Status DeleteCommunity(Id id) override;
  Result<std::vector<User>> Coordinators(Id community) override;
  Result<Community> FindCoordinatedCommunity(Id community, Id user) override;
  Status AddCoordinator(Id community, Id user) override;
  Status RemoveCoordinator(Id community, Id user) override;
  Status InviteCoordinator(const CoordinatorInvitation& invitation, Id invited_by) override;
  Result<std::vector<CoordinatorInvitation>> InvitationsFor(const std::string& email) override;
  Result<std::vector<CoordinatorInvitation>> PendingInvitations(Id community) override;
  Status AcceptInvitation(Id invitation, const std::string& email, Id user) override;
  Status DeclineInvitation(Id invitation, const std::string& email) override;
  Result<Id> CreateRound(const Round& round) override;
  Result<Round> FindRound(Id id) override;
  Result<Round> FindRoundQuick(Id id) override;
  Result<std::vector<Round>> Rounds(Id community) override;
  Status CloseRound(Id id, std::int64_t at) override;
  Result<std::vector<RoundResponse>> RoundAnswers(Id round) override;
  Result<Response> UserResponse(Id round, Id user) override;
  Status ReplaceResponseToken(Id response, const std::string& token_hash) override;
  Result<std::vector<Reflection>> RoundReflections(Id round) override;
  Result<Id> CreateInvite(const Invite& invite) override;
  Result<Invite> FindInvite(Id id) override;
  Result<Invite> FindInviteByTokenHash(const std::string& token_hash) override;
  Result<std::vector<Invite>> Invites(Id community) override;
  Status RevokeInvite(Id id, std::int64_t at) override;
  Result<Id> JoinRound(Id invite, const Response& response) override;
  Result<std::vector<std::int64_t>> ThrottleTimes(const std::string& key, std::int64_t since) override;
  Result<bool> AddThrottleTime(const std::string& key, std::int64_t at, std::int64_t window,
                               int limit) override;
  Status ClearThrottle(const std::string& key) override;
  Result<std::optional<Plan>> CommunityPlan(Id community) override;
  Status SaveCommunityPlan(Id community, const Plan& plan) override;
  Result<Id> CreateSponsorLink(const SponsorLink& link) override;
  Result<SponsorLink> FindSponsorLink(Id id) override;
  Result<SponsorLink> FindSponsorLinkByTokenHash(const std::string& token_hash) override;
  Result<std::vector<SponsorLink>> SponsorLinks(Id community) override;
  Status RevokeSponsorLink(Id id, std::int64_t at) override;
  Result<model::Review> FindReview(Id round) override;
  Status OpenVote(Id round, const std::string& code) override;
  Status CloseVote(Id round) override;
  Result<Id> FindOpenVote(const std::string& code) override;
  Status CastVote(Id round, const std::string& voter, const std::vector<std::string>& areas) override;
  Result<std::vector<std::string>> VoteOf(Id round, const std::string& voter) override;
  Status SetHandCount(Id round, const std::string& area, int count) override;
  Result<model::VoteTally> Tally(Id round) override;
  Result<Id> AddDecisionNote(Id round, const std::string& text, std::int64_t at) override;
  Status SetNextReview(Id round, const std::string& date) override;
  Status AddPlanItems(Id community, const std::vector<PlanItem>& items,
                      std::size_t max_items) override;
  Status SetCalendarLink(Id community, const std::optional<std::string>& token_hash,
                         std::int64_t at) override;
  Result<Id> FindCalendarLink(const std::string& token_hash) override;
  Result<std::optional<std::int64_t>> CalendarLinkSince(Id community) override;
  Result<Id> CreateStory(const Story& story) override;
  Result<Story> FindStory(Id id) override;
  Status UpdateStory(const Story& story) override;
  Status DeleteStory(Id id) override;
  Result<std::vector<Story>> CommunityStories(Id community) override;
  Result<std::vector<Story>> ResponseStories(Id response) override;
  Result<std::vector<Story>> UserStories(Id user) override;
  Result<Id> CreateIndicator(const Indicator& indicator) override;
  Status DeleteIndicator(Id community, Id id) override;
  Result<std::vector<Indicator>> Indicators(Id community) override;
  Result<std::string> SponsorAsk(Id community) override;
  Status SaveSponsorAsk(Id community, const std::string& ask) override;

 protected:
  PostgresStore(const std::string& spec, PostgresOptions options);

 private:
  using ReadTx = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;
  using WriteTx = pqxx::transaction<pqxx::read_committed, pqxx::read_write>;

  // Run f(tx) in one transaction on a pooled connection, committing only when f succeeds
  // (all or none); retried on a serialization failure, a deadlock or a connection found
  // broken; exceptions become Errors. Read: a snapshot, read only. Write: read committed.
  template <typename F>
  auto Read(const char* op, F&& f) {
    return Run<ReadTx>(op, std::forward<F>(f));
  }
  // A read of one statement (a lookup, a list): no BEGIN and COMMIT around it, since
  // PostgreSQL runs a lone statement on a snapshot of its own; one round trip, not three.
  template <typename F>
  auto ReadOne(const char* op, F&& f) {
    return Run<pqxx::nontransaction>(op, std::forward<F>(f));
  }
  template <typename F>
  auto Write(const char* op, F&& f) {
    return Run<WriteTx>(op, std::forward<F>(f));
  }
  template <typename Tx, typename F>
  auto Run(const char* op, F&& f) -> decltype(f(std::declval<pqxx::transaction_base&>()));

  const std::string where_;  // the spec without its password, for messages
  const Clock clock_;
  const int attempts_;
  postgres::ConnectionPool pool_;
  postgres::BatchedLookup<Response> responses_by_token_;  // every results page reads one
};

template <typename Tx, typename F>
auto PostgresStore::Run(const char* op, F&& f)
    -> decltype(f(std::declval<pqxx::transaction_base&>())) {
  using R = decltype(f(std::declval<pqxx::transaction_base&>()));
  int stale_retries = 1;  // an idle connection may have died since it was last used
  for (int attempt = 1;; ++attempt) {
    try {
      auto conn = pool_.Acquire();
      try {
        Tx tx(*conn);
        R result = f(static_cast<pqxx::transaction_base&>(tx));
        if (result) {
          tx.commit();
          if constexpr (std::is_same_v<Tx, WriteTx>) metrics::CountCommit("postgresql", 1);
        } else {
          tx.abort();
        }
        return result;
      } catch (const pqxx::broken_connection&) {
        conn.Discard();
        if (stale_retries-- > 0) {  // nothing was committed: safe to run again
          metrics::CountRetry("postgresql");
          continue;
        }
        throw;
      }
    } catch (const pqxx::failure& e) {
      if (attempt < attempts_ && postgres::IsRetryable(e)) {
        metrics::CountRetry("postgresql");
        continue;
      }
      Error error = postgres::FromException(op, e);
      metrics::CountStoreError("postgresql", error.kind);
      return Fail(std::move(error));
    } catch (const std::exception& e) {
      metrics::CountStoreError("postgresql", Error::Kind::kInternal);
      return Fail(Error::Internal(std::string(op) + ": " + e.what()));
    }
  }
}

}  // namespace cultivate::store
