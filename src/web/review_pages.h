#pragma once
/// Shared pieces of the review meeting's pages (review_pages.cc, review_stream.cc,
/// review_print.cc): the coordinator's room, and the model every review page starts from.

#include <string>

#include <nlohmann/json.hpp>

#include "community/meeting.h"
#include "web/access.h"
#include "web/app.h"
#include "web/team_pages.h"

namespace cultivate::web {

/// SignedModel plus the room (RoomModel), the step links, printables, guide and plan links.
nlohmann::json ReviewModel(WebApp& app, const http::Request& req, const auth::SignedIn& who,
                           const community::Room& room, const std::string& path,
                           const std::string& title);
/// A step's page; `error` (with `entered`, what was typed) after a failed form.
http::Response StepPage(WebApp& app, const http::Request& req, const auth::SignedIn& who,
                        const community::Room& room, const std::string& step_id,
                        const cultivate::Error* error, const nlohmann::json& entered);

/// Runs `f` with the meeting of the round in the path, for a signed-in coordinator.
template <typename F>
http::Response WithRoom(WebApp& app, http::Request& req, F&& f) {
  return WithCommunity(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
    auto room = app.meeting().Open(c, req.Param("rid"));
    if (!room) return app.Fail(room.error());
    return f(who, *room);
  });
}

void AddReviewStreamRoute(WebApp& app, http::Router& router, const std::string& pattern);
void AddReviewPrintRoutes(WebApp& app, http::Router& router, const std::string& pattern);

}  // namespace cultivate::web
