#pragma once
/// The rule every free-text field shares: valid UTF-8 and at most `max` code points.

#include <cstddef>
#include <string>
#include <vector>

#include "common/error.h"

namespace cultivate {

/// Adds a problem to `errors` when `value` is not valid text or longer than `max`.
void CheckText(const std::string& value, const std::string& field, size_t max,
               std::vector<FieldError>* errors, const std::string& question = "");

}  // namespace cultivate
