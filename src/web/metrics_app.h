#pragma once
/// GET /metrics: the process's metrics (common/metrics.h) in Prometheus text format. Served on
/// a listener of its own (`serve --metrics HOST:PORT`, loopback by default), where nothing
/// else is served, or on the public listener only when asked (`--metrics public`).

#include "http/request.h"
#include "http/server.h"

namespace cultivate::web {

/// The metrics response (never cached: every scrape reads the current values).
http::Response MetricsResponse(const http::Request& request);

/// The metrics listener's app: /metrics and nothing else; other paths get the site's 404.
class MetricsApp : public http::App {
 public:
  explicit MetricsApp(http::App& site) : site_(site) {}
  std::size_t BodyLimit(const std::string& method, const std::string& path) const override;
  http::Response Handle(http::Request& request) override;
  http::Response ErrorPage(int status, const http::Request* request) override;

 private:
  http::App& site_;  // for error pages in the site's design
};

}  // namespace cultivate::web
