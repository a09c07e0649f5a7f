#pragma once
/// The wiring of one server process: the operations (auth, checkup, community) over one
/// store, and the web application over them. The only place, with tests, that hands a
/// store to anything. Not copyable or movable: the parts hold references to each other.

#include <memory>

#include "auth/accounts.h"
#include "auth/sessions.h"
#include "auth/throttle.h"
#include "checkup/checkups.h"
#include "community/results_cache.h"
#include "community/meeting.h"
#include "community/team.h"
#include "store/store.h"
#include "value/value.h"
#include "web/app.h"
#include "web/site.h"

namespace cultivate::app {

class Wiring {
 public:
  Wiring(std::shared_ptr<const web::Site> site, store::Store& store, web::AppOptions options);
  Wiring(const Wiring&) = delete;
  Wiring& operator=(const Wiring&) = delete;

  web::WebApp& web() { return *web_; }

 private:
  web::AppOptions options_;
  auth::LoginThrottle throttle_;
  auth::HourlyLimit sign_ups_;
  community::TeamResultsCache team_cache_;
  auth::Accounts accounts_;
  auth::Sessions sessions_;
  checkup::Checkups checkups_;
  community::Team team_;
  community::Meeting meeting_;
  value::Values values_;
  std::unique_ptr<web::WebApp> web_;
};

}  // namespace cultivate::app
