#include "store/memory/memory_store.h"

#include <utility>

#include "store/validation.h"

namespace cultivate::store {

MemoryStore::MemoryStore(Clock clock) : clock_(std::move(clock)) {}

Result<MemoryStore::Record*> MemoryStore::Find(Id id) {
  auto it = records_.find(id);
  if (it == records_.end()) return Fail(Error::NotFound("no response " + std::to_string(id)));
  return &it->second;
}

Status MemoryStore::Ping() { return {}; }

Result<Id> MemoryStore::CreateResponse(const Response& response) {
  if (auto ok = CheckPhases(response.phases); !ok) return Fail(ok.error());
  std::lock_guard lock(mu_);
  if (by_token_.contains(response.token_hash)) {
    return Fail(Error::Conflict("a response with this token hash exists"));
  }
  Record record;
  record.response = response;
  record.response.id = next_id_++;
  record.response.created_at = record.response.updated_at = clock_();
  by_token_[response.token_hash] = record.response.id;
  Id id = record.response.id;
  records_.emplace(id, std::move(record));
  return id;
}

Result<Response> MemoryStore::FindResponseByTokenHash(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  auto it = by_token_.find(token_hash);
  if (it == by_token_.end()) return Fail(Error::NotFound("no response with this token hash"));
  return records_.at(it->second).response;
}

Result<Response> MemoryStore::FindResponse(Id id) {
  std::lock_guard lock(mu_);
  return Find(id).map([](Record* r) { return r->response; });
}

Status MemoryStore::UpdateResponse(const Response& response) {
  if (auto ok = CheckPhases(response.phases); !ok) return ok;
  std::lock_guard lock(mu_);
  auto record = Find(response.id);
  if (!record) return Fail(record.error());
  (*record)->response.name = response.name;
  (*record)->response.phases = response.phases;
  (*record)->response.updated_at = clock_();
  return {};
}

Status MemoryStore::SaveAnswers(Id response_id, const std::vector<Answer>& answers) {
  std::lock_guard lock(mu_);
  auto record = Find(response_id);
  if (!record) return Fail(record.error());
  if (auto ok = CheckAnswers(answers); !ok) return ok;  // before any change: all or none
  for (const auto& answer : answers) (*record)->answers[answer.question] = answer;
  (*record)->response.updated_at = clock_();
  return {};
}

Result<std::vector<Answer>> MemoryStore::Answers(Id response_id) {
  std::lock_guard lock(mu_);
  auto record = Find(response_id);
  if (!record) return Fail(record.error());
  std::vector<Answer> answers;
  for (const auto& [question, answer] : (*record)->answers) answers.push_back(answer);
  return answers;
}

Status MemoryStore::SaveReflections(Id response_id, const std::vector<Reflection>& reflections) {
  std::lock_guard lock(mu_);
  auto record = Find(response_id);
  if (!record) return Fail(record.error());
  for (const auto& r : reflections) (*record)->reflections[r.prompt] = r.text;
  return {};
}

Result<std::vector<Reflection>> MemoryStore::Reflections(Id response_id) {
  std::lock_guard lock(mu_);
  auto record = Find(response_id);
  if (!record) return Fail(record.error());
  std::vector<Reflection> reflections;
  for (const auto& [prompt, text] : (*record)->reflections) reflections.push_back({prompt, text});
  return reflections;
}

Result<std::optional<Plan>> MemoryStore::ResponsePlan(Id response_id) {
  std::lock_guard lock(mu_);
  auto record = Find(response_id);
  if (!record) return Fail(record.error());
  return (*record)->plan;
}

Status MemoryStore::SaveResponsePlan(Id response_id, const Plan& plan) {
  std::lock_guard lock(mu_);
  auto record = Find(response_id);
  if (!record) return Fail(record.error());
  if (auto ok = CheckPlan(plan); !ok) return ok;
  (*record)->plan = plan;
  (*record)->plan->updated_at = clock_();
  return {};
}

}  // namespace cultivate::store
