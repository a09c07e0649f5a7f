// Team check-ups in HTML (filled in below).
#include "web/app.h"

namespace cultivate::web {

void AddTeamPageRoutes(WebApp&, http::Router&) {}

}  // namespace cultivate::web
