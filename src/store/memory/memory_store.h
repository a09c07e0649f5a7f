#pragma once
/// The Store in memory, for handler tests: same behaviour and Error kinds as the SQLite store
/// (it enforces the schema's constraints through store/validation.h). Nothing is persisted.
/// Safe for concurrent use: one mutex guards all data.

#include <map>
#include <mutex>
#include <string>

#include "store/clock.h"
#include "store/store.h"

namespace cultivate::store {

class MemoryStore final : public Store {
 public:
  explicit MemoryStore(Clock clock = SystemClock);

  Status Ping() override;
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

 private:
  struct Record {
    Response response;
    std::map<std::string, Answer> answers;           // by question id
    std::map<std::string, std::string> reflections;  // prompt -> text
    std::optional<Plan> plan;
  };
  // Requires mu_. kNotFound when there is no response with this id.
  Result<Record*> Find(Id id);

  const Clock clock_;
  std::mutex mu_;
  Id next_id_ = 1;                      // guarded by mu_
  std::map<Id, Record> records_;        // guarded by mu_
  std::map<std::string, Id> by_token_;  // guarded by mu_
};

}  // namespace cultivate::store
