#pragma once
/// The one interface to persistent data. Implementations: sqlite/ (embedded, the default),
/// memory/ (handler tests) and, later, postgres/. Every implementation is safe for concurrent
/// use from many threads. No method throws: library exceptions are caught here and returned
/// as Error values (kUnavailable when the database cannot be reached or is busy past its
/// timeout, kNotFound for a missing row, kInternal for anything else).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"

namespace cultivate::store {

using Id = std::int64_t;

/// One person's check-up: solo (no round) or, later, a member's answer to a team round.
/// The resume token itself is never stored, only its hash (hex of a SHA-256/BLAKE2b digest).
struct Response {
  Id id = 0;
  std::string token_hash;
  std::string name;                 // the CoP's name as the person typed it; may be empty
  std::vector<std::string> phases;  // phase ids included in this check-up, in bank order
  std::string bank_version;         // question bank version the response was started with
  std::optional<Id> round_id;       // empty for a solo check-up
  std::int64_t created_at = 0;      // unix seconds
  std::int64_t updated_at = 0;
};

/// An answer to one question. `now` and `target` are 0..4, or empty for "not sure".
struct Answer {
  std::string question;
  std::optional<int> now;
  std::optional<int> target;
  std::string note;
};

/// The text a person wrote for one open reflection prompt.
struct Reflection {
  std::string prompt;
  std::string text;
};

struct PlanItem {
  std::string what;
  std::string owner;
  std::string due;     // ISO date YYYY-MM-DD or empty
  std::string status;  // "todo" | "doing" | "done" | "dropped"
  std::string source;  // question id the item was suggested from, or empty
};

/// A strategy plan: vision, goals, strategies and its action items, in order.
struct Plan {
  std::string vision;
  std::string goals;
  std::string strategies;
  std::vector<PlanItem> items;
  std::int64_t updated_at = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  /// Cheap round trip proving the store answers (used by /healthz).
  virtual Status Ping() = 0;

  /// Creates a response; returns its id. token_hash must be unique (kConflict otherwise).
  virtual Result<Id> CreateResponse(const Response& response) = 0;
  /// kNotFound when no response has this token hash.
  virtual Result<Response> FindResponseByTokenHash(const std::string& token_hash) = 0;
  virtual Result<Response> FindResponse(Id id) = 0;
  /// Updates name and phases, and touches updated_at.
  virtual Status UpdateResponse(const Response& response) = 0;

  /// Inserts or replaces these answers (keyed by question) in one transaction: all or none.
  /// Other answers of the response are left as they are. Touches the response's updated_at.
  virtual Status SaveAnswers(Id response_id, const std::vector<Answer>& answers) = 0;
  /// All answers of a response, ordered by question id.
  virtual Result<std::vector<Answer>> Answers(Id response_id) = 0;

  /// Inserts or replaces these reflections (keyed by prompt) in one transaction.
  virtual Status SaveReflections(Id response_id, const std::vector<Reflection>& reflections) = 0;
  virtual Result<std::vector<Reflection>> Reflections(Id response_id) = 0;

  /// The plan of a response; an empty optional when none was saved yet.
  virtual Result<std::optional<Plan>> ResponsePlan(Id response_id) = 0;
  /// Replaces the plan and all its items in one transaction.
  virtual Status SaveResponsePlan(Id response_id, const Plan& plan) = 0;
};

/// Opens the store named by a URL-ish spec: a file path or `sqlite:PATH` for SQLite,
/// `memory:` for the in-memory store, `postgresql://...` for PostgreSQL (when built in).
/// Runs pending migrations when `migrate` is true; otherwise fails (kUnavailable) if the
/// schema is not current, so `serve` never runs on an old schema by accident.
Result<std::unique_ptr<Store>> Open(const std::string& spec, bool migrate);

/// Applies pending migrations and returns the names of those applied, in order.
Result<std::vector<std::string>> Migrate(const std::string& spec);

}  // namespace cultivate::store
