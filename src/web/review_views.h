#pragma once
/// View models of the yearly review meeting (templates review*.html, vote*.html,
/// review_print.html): the steps, the ballot and the tally, shared by the facilitator's
/// pages, the members' voting pages and the event stream.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/message.h"
#include "community/meeting.h"
#include "web/app.h"

namespace cultivate::web {

struct ReviewStep {
  const char* id;
  const MessageKey* title;
  int minutes;  // of the 90-minute agenda
};

/// The steps in order (purpose, overall, disagree, phases, choose, actions, close).
const std::vector<ReviewStep>& ReviewSteps();
/// "/communities/{id}/rounds/{rid}/review".
std::string ReviewPath(const model::Community& c, const model::Round& r);
/// The tally for the screen and the stream: {revision, open, closed, voters, areas: [{key,
/// title, votes, hands, total}], max}, areas in ballot order.
nlohmann::json TallyModel(WebApp& app, const std::vector<assess::Area>& areas,
                          const model::VoteTally& tally);
/// The ballot's areas as choices: [{key, title, gap_text, chosen}].
nlohmann::json BallotChoices(WebApp& app, const std::vector<assess::Area>& areas,
                             const std::vector<std::string>& chosen);
/// Everything a step's page shows of the round (counts, team results, tally, notes).
nlohmann::json RoomModel(WebApp& app, const community::Room& room);

}  // namespace cultivate::web
