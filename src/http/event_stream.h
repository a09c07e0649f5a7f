#pragma once
/// Server-Sent Events (text/event-stream). A handler answers with a Response whose `events`
/// is set; the server then keeps the connection open and, about every `poll`, asks the source
/// (off the I/O threads) for what to send. It bounds the number of open streams (the next one
/// gets the site's 503 page), sends a comment as a heartbeat when nothing was sent for
/// `heartbeat`, and ends every stream when it stops.

#include <chrono>
#include <cstddef>
#include <string>

namespace cultivate::http {

class EventSource {
 public:
  virtual ~EventSource() = default;
  /// The next events as text ("event: tally\ndata: {...}\n\n"), or empty when nothing changed.
  /// May block (a store read): it runs on the handler threads. Called first at once.
  virtual std::string Poll() = 0;
};

struct StreamOptions {
  std::size_t max_streams = 64;
  std::chrono::milliseconds heartbeat{15000};
  std::chrono::milliseconds poll{1000};
  std::chrono::milliseconds write_timeout{30000};  // a client that reads nothing is dropped
};

}  // namespace cultivate::http
