// The headers every response carries, whichever handler made it.
#include "http/server.h"

namespace cultivate::http {

void ApplySecurityHeaders(Response& r) {
  r.Set("Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'");
  r.Set("X-Content-Type-Options", "nosniff");
  r.Set("Referrer-Policy", "no-referrer");
  r.Set("X-Frame-Options", "DENY");
  r.Set("Cross-Origin-Opener-Policy", "same-origin");
  r.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  if (!r.Header("Content-Type")) r.Set("Content-Type", "text/plain; charset=utf-8");
}

}  // namespace cultivate::http
