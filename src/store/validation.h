#pragma once
/// Rules every store enforces alike, so callers see the same Error kind whatever the store.
/// SQLite enforces the answer and plan rules with CHECK constraints; the memory store calls
/// these functions. Every Check returns kInvalid naming the first offending value.

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "store/store.h"

namespace cultivate::store {

/// Phase ids are non-empty and contain no comma (phases are stored comma-joined).
Status CheckPhases(const std::vector<std::string>& phases);
/// now and target are 0..4 when given (the answer_*_range constraints).
Status CheckAnswers(const std::vector<Answer>& answers);
/// Item status is todo|doing|done|dropped and due is empty or NNNN-NN-NN (plan_item_*).
Status CheckPlan(const Plan& plan);

/// "a,b,c"; an empty list is "".
std::string JoinPhases(const std::vector<std::string>& phases);
/// The inverse of JoinPhases: "" is an empty list.
std::vector<std::string> SplitPhases(std::string_view joined);

}  // namespace cultivate::store
