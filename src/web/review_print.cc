// The review meeting's printables: the agenda (with the 90-minute timings), a paper ballot
// listing the improvement areas (for members without a phone), and a two-page results
// summary. One template, review_print.html, laid out for A4.
#include <algorithm>

#include "common/message_keys_review.h"
#include "web/review_pages.h"
#include "web/review_views.h"

namespace cultivate::web {

void AddReviewPrintRoutes(WebApp& app, http::Router& router, const std::string& pattern) {
  router.Add("GET", pattern, [&app](http::Request& req) {
    return WithRoom(app, req, [&](const auth::SignedIn& who, const community::Room& room) {
      std::string kind = req.Param("kind");
      const MessageKey* title = kind == "agenda"    ? &msg::kTitlePrintAgenda
                                : kind == "ballot"  ? &msg::kTitlePrintBallot
                                : kind == "summary" ? &msg::kTitlePrintSummary
                                                    : nullptr;
      if (!title) return app.Error(404);
      nlohmann::json m = ReviewModel(app, req, who, room, req.path,
                                     app.Say({*title, {Arg("name", room.community.name)}}));
      m["noindex"] = true;
      m["is_" + kind] = true;
      int start = 0;
      for (auto& step : m["steps"]) {  // the agenda's clock: minutes from the start
        step["from"] = start;
        start += step["minutes"].get<int>();
        step["to"] = start;
      }
      m["total_minutes"] = start;
      std::vector<nlohmann::json> chosen(m["tally"]["areas"].begin(), m["tally"]["areas"].end());
      std::stable_sort(chosen.begin(), chosen.end(), [](const auto& a, const auto& b) {
        return a["total"].template get<int>() > b["total"].template get<int>();
      });
      m["chosen"] = chosen;
      m["blank_lines"] = nlohmann::json::array({1, 2, 3});
      return NoStore(app.Render("review_print", m));
    });
  });
}

}  // namespace cultivate::web
