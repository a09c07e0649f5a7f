#include "app/wiring.h"

namespace cultivate::app {

Wiring::Wiring(std::shared_ptr<const web::Site> site, store::Store& store, web::AppOptions options)
    : options_(std::move(options)),
      throttle_(store, options_.throttle),
      sign_ups_(store, options_.throttle.sign_ups_per_hour),
      accounts_(store, throttle_, sign_ups_, options_.clock),
      sessions_(store, options_.clock, options_.sessions),
      checkups_(site->bank, store),
      team_(site->bank, store, options_.team, team_cache_, options_.clock),
      meeting_(team_, store, options_.clock),
      values_(store, options_.clock) {
  web::Operations ops{accounts_, sessions_, checkups_, team_, meeting_, values_, [&store] { return store.Ping(); }};
  web_ = std::make_unique<web::WebApp>(std::move(site), ops, options_);
}

}  // namespace cultivate::app
