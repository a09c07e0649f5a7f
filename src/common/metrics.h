#pragma once
/// The process's Prometheus metrics, through prometheus-cpp (Debian's prometheus-cpp-dev):
/// requests by route pattern and status with latency histograms, store errors, commits with
/// their group sizes, open connections and event streams. Nothing is recorded until Enable()
/// (`serve --metrics`), so a server without metrics pays one relaxed atomic load per call.
/// Labels come only from bounded sets (route patterns, status codes, known methods), never
/// from paths or user input, so no request can grow the set of series. Safe for concurrent use.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "common/error.h"

namespace cultivate::metrics {

/// Starts recording; `version` goes into cultivate_build_info.
void Enable(std::string_view version);
bool Enabled();

/// One answered request: `route` is the router's pattern (empty when no route matched, or the
/// request was refused before routing: counted as "(no route)").
void CountRequest(std::string_view method, std::string_view route, int status,
                  std::chrono::microseconds took);
/// A store operation that failed, by the kind of its Error (conflict, unavailable, internal...).
void CountStoreError(std::string_view backend, Error::Kind kind);
/// A committed write transaction holding `group_size` writes (group commit; 1 otherwise).
void CountCommit(std::string_view backend, std::size_t group_size);
/// A transaction run again after a serialisation failure, deadlock or broken connection.
void CountRetry(std::string_view backend);
/// Connections and event streams opened (+1) or closed (-1).
void AddOpenConnections(int delta);
void AddOpenStreams(int delta);

/// Everything recorded, in the Prometheus text exposition format (version 0.0.4).
std::string Text();
/// The Content-Type of Text().
inline constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace cultivate::metrics
