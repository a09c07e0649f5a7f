// The live tally of the review meeting's vote as Server-Sent Events: each poll reads the
// tally from the store (so votes cast on any server behind a load balancer arrive), and
// sends it when its revision moved. Without JavaScript the step's refresh link does the same.
#include "http/event_stream.h"
#include "web/review_pages.h"
#include "web/review_views.h"

namespace cultivate::web {

namespace {

class TallySource : public http::EventSource {
 public:
  TallySource(WebApp& app, model::Round round, std::vector<assess::Area> areas)
      : app_(app), round_(std::move(round)), areas_(std::move(areas)) {}

  std::string Poll() override {
    auto tally = app_.meeting().Tally(round_);
    if (!tally || tally->revision == last_) return "";
    last_ = tally->revision;
    return "event: tally\ndata: " + TallyModel(app_, areas_, *tally).dump() + "\n\n";
  }

 private:
  WebApp& app_;
  model::Round round_;
  std::vector<assess::Area> areas_;
  std::int64_t last_ = -1;
};

}  // namespace

void AddReviewStreamRoute(WebApp& app, http::Router& router, const std::string& pattern) {
  router.Add("GET", pattern, [&app](http::Request& req) {
    return WithRoom(app, req, [&](const auth::SignedIn&, const community::Room& room) {
      http::Response r;
      r.status = 200;
      r.Set("Content-Type", "text/event-stream; charset=utf-8");
      r.Set("Cache-Control", "no-store");
      r.events = std::make_shared<TallySource>(app, room.round, room.areas);
      return r;
    });
  });
}

}  // namespace cultivate::web
