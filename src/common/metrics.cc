#include "common/metrics.h"

#include <atomic>
#include <memory>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace cultivate::metrics {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;

std::atomic<bool> enabled{false};

/// The families, made once on first use (function-local static: thread-safe start).
struct Families {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  prometheus::Family<prometheus::Counter>& requests =
      BuildCounter()
          .Name("cultivate_http_requests_total")
          .Help("Requests answered, by method, route pattern and status")
          .Register(*registry);
  prometheus::Family<prometheus::Histogram>& latency =
      BuildHistogram()
          .Name("cultivate_http_request_duration_seconds")
          .Help("From the request's first byte to the response's last, by route pattern")
          .Register(*registry);
  prometheus::Family<prometheus::Counter>& store_errors =
      BuildCounter()
          .Name("cultivate_store_errors_total")
          .Help("Store operations that failed, by backend and kind of error")
          .Register(*registry);
  prometheus::Family<prometheus::Histogram>& commits =
      BuildHistogram()
          .Name("cultivate_store_commit_group_size")
          .Help("Committed write transactions (_count) and the writes each held (group commit)")
          .Register(*registry);
  prometheus::Family<prometheus::Counter>& retries =
      BuildCounter()
          .Name("cultivate_store_retries_total")
          .Help("Transactions run again after a serialisation failure, deadlock or lost connection")
          .Register(*registry);
  prometheus::Family<prometheus::Gauge>& open =
      BuildGauge()
          .Name("cultivate_http_open")
          .Help("Open client connections and open event streams (Server-Sent Events)")
          .Register(*registry);
  prometheus::Family<prometheus::Gauge>& build =
      BuildGauge().Name("cultivate_build_info").Help("The running version").Register(*registry);
  prometheus::Gauge& connections = open.Add({{"kind", "connections"}});
  prometheus::Gauge& streams = open.Add({{"kind", "event_streams"}});
};

Families& F() {
  static Families families;
  return families;
}

const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const prometheus::Histogram::BucketBoundaries b{
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  return b;
}

const prometheus::Histogram::BucketBoundaries& GroupBuckets() {
  static const prometheus::Histogram::BucketBoundaries b{1, 2, 4, 8, 16, 32, 64, 128};
  return b;
}

/// A method name from a fixed set, so a client cannot invent label values.
std::string_view KnownMethod(std::string_view m) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    if (m == known) return known;
  return "other";
}

std::string KindName(Error::Kind kind) {
  switch (kind) {
    case Error::Kind::kNotFound: return "not_found";
    case Error::Kind::kInvalid: return "invalid";
    case Error::Kind::kConflict: return "conflict";
    case Error::Kind::kGone: return "gone";
    case Error::Kind::kDenied: return "denied";
    case Error::Kind::kThrottled: return "throttled";
    case Error::Kind::kUnavailable: return "unavailable";
    case Error::Kind::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace

void Enable(std::string_view version) {
  F().build.Add({{"version", std::string(version)}}).Set(1);
  enabled.store(true, std::memory_order_relaxed);
}

bool Enabled() { return enabled.load(std::memory_order_relaxed); }

void CountRequest(std::string_view method, std::string_view route, int status,
                  std::chrono::microseconds took) {
  if (!Enabled()) return;
  std::string pattern = route.empty() ? "(no route)" : std::string(route);
  auto& f = F();
  f.requests
      .Add({{"method", std::string(KnownMethod(method))},
            {"route", pattern},
            {"status", std::to_string(status)}})
      .Increment();
  f.latency.Add({{"route", pattern}}, LatencyBuckets())
      .Observe(std::chrono::duration<double>(took).count());
}

void CountStoreError(std::string_view backend, Error::Kind kind) {
  if (!Enabled()) return;
  F().store_errors.Add({{"backend", std::string(backend)}, {"kind", KindName(kind)}}).Increment();
}

void CountCommit(std::string_view backend, std::size_t group_size) {
  if (!Enabled()) return;
  F().commits.Add({{"backend", std::string(backend)}}, GroupBuckets())
      .Observe(static_cast<double>(group_size));
}

void CountRetry(std::string_view backend) {
  if (!Enabled()) return;
  F().retries.Add({{"backend", std::string(backend)}}).Increment();
}

void AddOpenConnections(int delta) {
  if (Enabled()) F().connections.Increment(delta);
}

void AddOpenStreams(int delta) {
  if (Enabled()) F().streams.Increment(delta);
}

std::string Text() { return prometheus::TextSerializer().Serialize(F().registry->Collect()); }

}  // namespace cultivate::metrics
