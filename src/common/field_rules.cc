#include "common/field_rules.h"

#include "common/message_keys.h"
#include "common/text.h"

namespace cultivate {

void CheckText(const std::string& value, const std::string& field, size_t max,
               std::vector<FieldError>* errors, const std::string& question) {
  if (!ValidUtf8(value))
    errors->push_back({question, field, msg::kNotText});
  else if (CodePoints(value) > max)
    errors->push_back({question, field, {msg::kTooLong, {Arg("max", static_cast<long long>(max))}}});
}

}  // namespace cultivate
