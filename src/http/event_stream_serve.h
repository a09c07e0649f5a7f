#pragma once
/// Internal to the server (server.cc): serving one event stream on a connection. Sees Boost.

#include <atomic>
#include <memory>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>

#include "http/event_stream.h"
#include "http/request.h"

namespace cultivate::http {

class EventStreams {
 public:
  explicit EventStreams(StreamOptions options) : options_(options) {}
  /// Takes a slot for one more stream; false when `max_streams` are open.
  bool TryOpen();
  /// Writes the head of `response` and then its source's events until the client goes, a
  /// write fails or `stopping` is set; gives the slot back. Runs on the connection's executor.
  boost::asio::awaitable<void> Serve(boost::beast::tcp_stream& stream, Response response,
                                     const std::atomic<bool>& stopping,
                                     boost::asio::thread_pool* pool);

 private:
  StreamOptions options_;
  std::atomic<std::size_t> open_{0};
};

}  // namespace cultivate::http
