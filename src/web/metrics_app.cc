#include "web/metrics_app.h"

#include "common/metrics.h"

namespace cultivate::web {

http::Response MetricsResponse(const http::Request&) {
  http::Response r;
  r.status = 200;
  r.body = metrics::Text();
  r.Set("Content-Type", std::string(metrics::kContentType));
  r.Set("Cache-Control", "no-store");
  return r;
}

std::size_t MetricsApp::BodyLimit(const std::string&, const std::string&) const { return 0; }

http::Response MetricsApp::Handle(http::Request& request) {
  if (request.path != "/metrics") return site_.ErrorPage(404, &request);
  request.route = "/metrics";
  if (request.method != "GET" && request.method != "HEAD") {
    http::Response r = site_.ErrorPage(405, &request);
    r.status = 405;
    r.Set("Allow", "GET, HEAD");
    return r;
  }
  return MetricsResponse(request);
}

http::Response MetricsApp::ErrorPage(int status, const http::Request* request) {
  return site_.ErrorPage(status, request);
}

}  // namespace cultivate::web
