// Serving Server-Sent Events on a connection the server hands over (server.cc).
#include <utility>  // must precede boost/asio.hpp under C++20 with Boost 1.74

#include "http/event_stream_serve.h"

#include <spdlog/spdlog.h>

#include "common/metrics.h"
#include "http/response_head.h"

namespace cultivate::http {

namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {

// Runs source.Poll() on the handler pool (or here without one) and resumes on `executor`.
asio::awaitable<std::string> PollOff(EventSource& source, asio::thread_pool* pool) {
  if (!pool) co_return source.Poll();
  auto executor = co_await asio::this_coro::executor;
  co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(std::string)>(
      [&source, pool, executor](auto handler) {
        asio::post(*pool, [&source, executor, handler = std::move(handler),
                           work = asio::make_work_guard(executor)]() mutable {
          std::string text;
          try {
            text = source.Poll();
          } catch (const std::exception& e) {
            spdlog::error("event stream: {}", e.what());
          }
          asio::post(executor, [handler = std::move(handler), text = std::move(text)]() mutable {
            std::move(handler)(std::move(text));
          });
        });
      },
      asio::use_awaitable);
}

}  // namespace

bool EventStreams::TryOpen() {
  std::size_t n = open_.load();
  while (n < options_.max_streams)
    if (open_.compare_exchange_weak(n, n + 1)) return true;
  return false;
}

asio::awaitable<void> EventStreams::Serve(beast::tcp_stream& stream, Response response,
                                          const std::atomic<bool>& stopping,
                                          asio::thread_pool* pool) {
  metrics::AddOpenStreams(1);
  std::shared_ptr<EventSource> source = std::move(response.events);
  response.Set("Content-Type", "text/event-stream; charset=utf-8");
  response.Set("Cache-Control", "no-store");
  response.Set("X-Accel-Buffering", "no");  // a proxy must pass each event on at once
  beast::error_code ec;
  auto write = [&](const std::string& text) -> asio::awaitable<bool> {
    stream.expires_after(options_.write_timeout);
    co_await asio::async_write(stream, asio::buffer(text), asio::redirect_error(asio::use_awaitable, ec));
    stream.expires_never();
    co_return !ec;
  };
  asio::steady_timer timer(co_await asio::this_coro::executor);
  auto last_sent = std::chrono::steady_clock::now();
  bool ok = co_await write(ResponseHead(response, 11, std::nullopt, false) + "retry: 3000\n\n");
  while (ok && !stopping) {
    std::string events = co_await PollOff(*source, pool);
    auto now = std::chrono::steady_clock::now();
    if (!events.empty()) {
      ok = co_await write(events);
      last_sent = now;
    } else if (now - last_sent >= options_.heartbeat) {
      ok = co_await write(": heartbeat\n\n");
      last_sent = now;
    }
    // Wait for the next poll in short slices, so a stopping server ends the stream at once.
    auto next = now + options_.poll;
    while (ok && !stopping && std::chrono::steady_clock::now() < next) {
      timer.expires_after(std::min<std::chrono::steady_clock::duration>(
          std::chrono::milliseconds(50), next - std::chrono::steady_clock::now()));
      co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
  }
  --open_;
  metrics::AddOpenStreams(-1);
}

}  // namespace cultivate::http
