#pragma once
/// The id of a stored record.

#include <cstdint>

namespace cultivate::model {

using Id = std::int64_t;

}  // namespace cultivate::model
