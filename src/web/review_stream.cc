// The live tally of the review meeting's vote as Server-Sent Events: each poll reads the
// tally from the store (so votes cast on any server behind a load balancer arrive), and
// sends it when its revision moved. Without JavaScript the step's refresh link does the same.
#include <map>
#include <memory>
#include <mutex>

#include "common/message_keys_review.h"
#include "http/event_stream.h"
#include "web/review_pages.h"
#include "web/review_views.h"

namespace cultivate::web {

namespace {

// Open streams per account in this process: the server's bound is shared by every meeting,
// so one account (any coordinator of a closed round, even of a community made for the
// purpose) must not take all of it. A facilitator needs one or two screens.
constexpr int kStreamsPerAccount = 4;

class StreamQuota {
 public:
  bool Take(model::Id user) {
    std::lock_guard lock(mu_);
    int& n = open_[user];
    if (n >= kStreamsPerAccount) return false;
    ++n;
    return true;
  }
  void Give(model::Id user) {
    std::lock_guard lock(mu_);
    if (--open_[user] <= 0) open_.erase(user);
  }

 private:
  std::mutex mu_;
  std::map<model::Id, int> open_;
};

class TallySource : public http::EventSource {
 public:
  TallySource(WebApp& app, model::Round round, std::vector<assess::Area> areas,
              std::shared_ptr<StreamQuota> quota, model::Id user)
      : app_(app), round_(std::move(round)), areas_(std::move(areas)), quota_(std::move(quota)),
        user_(user) {}
  ~TallySource() override { quota_->Give(user_); }

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
  std::shared_ptr<StreamQuota> quota_;
  model::Id user_;
};

}  // namespace

void AddReviewStreamRoute(WebApp& app, http::Router& router, const std::string& pattern) {
  auto quota = std::make_shared<StreamQuota>();
  router.Add("GET", pattern, [&app, quota](http::Request& req) {
    return WithRoom(app, req, [&](const auth::SignedIn& who, const community::Room& room) {
      if (!quota->Take(who.user.id)) {
        Error full = Error::Say(Error::Kind::kThrottled, msg::kReviewStreamsFull);
        full.retry_after = 15;
        return app.Fail(full);
      }
      http::Response r;
      r.status = 200;
      r.Set("Content-Type", "text/event-stream; charset=utf-8");
      r.Set("Cache-Control", "no-store");
      r.events = std::make_shared<TallySource>(app, room.round, room.areas, quota, who.user.id);
      return r;
    });
  });
}

}  // namespace cultivate::web
