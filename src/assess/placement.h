#pragma once
/// Phase placement, one step of ScoreCheckup (see scoring.h for the rules); public so it can
/// be tested on its own.

#include <optional>
#include <string>
#include <vector>

#include "assess/bank.h"
#include "assess/scoring.h"

namespace cultivate::assess {

/// `rows` are the included questions' rows (any order); `included` the included phase ids.
Placement PlacePhase(const Bank& bank, const std::vector<QuestionRow>& rows,
                     const std::vector<std::string>& included,
                     const std::optional<std::string>& declared);

}  // namespace cultivate::assess
