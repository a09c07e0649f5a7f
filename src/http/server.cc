// The only file that sees Boost.Beast. One coroutine per connection, on one of the worker
// threads' own io_context (so no strand is needed); a deadline before every read; explicit
// header and body limits.
#include <utility>  // must precede boost/asio.hpp under C++20 with Boost 1.74

#include "http/server.h"

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include "common/metrics.h"
#include "http/event_stream_serve.h"
#include "http/form.h"
#include "http/response_head.h"
#include "http/router.h"

namespace cultivate::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

/// Per-connection state that Stop() may touch (always through the session's executor).
struct Conn {
  beast::tcp_stream stream;
  bool busy = false;  // a request is being read past its first byte, handled or written
  explicit Conn(tcp::socket s) : stream(std::move(s)) {}
};

}  // namespace

struct Server::Impl {
  App& app;
  ServerOptions options;
  EventStreams streams{options.streams};
  asio::io_context ioc{1};
  std::vector<std::unique_ptr<asio::io_context>> workers;  // one per extra thread
  std::size_t next_worker = 0;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc};
  std::atomic<bool> stopping{false};
  std::atomic<int> active{0};
  std::mutex mu;  // guards conns
  std::map<std::uint64_t, std::weak_ptr<Conn>> conns;
  std::uint64_t next_id = 0;

  Impl(App& a, ServerOptions o) : app(a), options(std::move(o)) {}

  // Declared after the io_contexts, so it is destroyed (joined) before them; Run() joins it.
  std::unique_ptr<asio::thread_pool> handlers;
  std::unique_ptr<asio::thread_pool> readers;  // GET and HEAD, with read_threads > 0

  // Where a request's handler runs: a pool, or null for the I/O thread itself.
  asio::thread_pool* PoolFor(const std::string& method) {
    if (method != "GET" && method != "HEAD") return handlers.get();
    return !options.reads_off_thread ? nullptr : readers ? readers.get() : handlers.get();
  }

  asio::awaitable<void> Accept();
  asio::awaitable<Response> HandleOffThread(Request& request, asio::thread_pool& pool);
  asio::awaitable<void> Session(std::shared_ptr<Conn> conn, std::uint64_t id);
  asio::awaitable<void> Drain();
  void BeginStop();
};

namespace {

/// Fills our Request from Beast's; false when the target cannot be decoded (-> 400).
bool ToRequest(const bhttp::request<bhttp::string_body>& in, const std::string& remote,
               Request* out) {
  out->method = std::string(in.method_string());
  out->target = std::string(in.target());
  out->remote = remote;
  for (const auto& field : in)
    out->headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  out->body = in.body();
  const std::string& target = out->target;
  if (target.empty() || target[0] != '/') return false;
  size_t q = target.find('?');
  std::string raw_path = target.substr(0, q);
  if (q != std::string::npos) out->raw_query = target.substr(q + 1);
  size_t hash = out->raw_query.find('#');
  if (hash != std::string::npos) out->raw_query.resize(hash);
  auto path = PercentDecode(raw_path, false);
  if (!path) return false;
  // No control character (CR, LF, tab, NUL, DEL...) in a path: nothing built from it, a
  // redirect's Location or a log line, can ever carry one.
  for (unsigned char ch : *path)
    if (ch < 0x20 || ch == 0x7f) return false;
  out->path = std::move(*path);
  auto query = ParseForm(out->raw_query);
  if (!query) return false;
  out->query = std::move(*query);
  if (const std::string* cookie = out->Header("Cookie")) out->cookies = ParseCookies(*cookie);
  return true;
}

}  // namespace

asio::awaitable<void> Server::Impl::Session(std::shared_ptr<Conn> conn, std::uint64_t id) {
  beast::flat_buffer buffer;
  beast::error_code ec;
  std::string remote;
  {
    auto ep = conn->stream.socket().remote_endpoint(ec);
    if (!ec) remote = ep.address().to_string();
  }
  bool drain = false;  // after a 413: read what the client still sends before closing
  for (;;) {
    if (stopping) break;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    parser.body_limit(kDefaultBodyLimit);
    conn->busy = buffer.size() > 0;
    conn->stream.expires_after(options.header_timeout);
    co_await bhttp::async_read_header(conn->stream, buffer, parser,
                                      asio::redirect_error(asio::use_awaitable, ec));
    auto started = std::chrono::steady_clock::now();
    conn->busy = true;
    int error_status = 0;
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::eof || ec == asio::error::bad_descriptor) {
      break;
    } else if (ec == bhttp::error::header_limit) {
      error_status = 431;
    } else if (ec == bhttp::error::body_limit) {
      error_status = 413;  // a declared Content-Length over the largest limit of any route
    } else if (ec) {
      error_status = 400;
    }
    Request request;
    bool keep_alive = false;
    unsigned version = 11;
    if (!error_status) {
      auto& head = parser.get();
      version = head.version();
      keep_alive = head.keep_alive();
      std::string path(head.target().substr(0, head.target().find('?')));
      auto decoded = PercentDecode(path, false);
      std::size_t limit = app.BodyLimit(std::string(head.method_string()),
                                        decoded ? *decoded : path);
      auto length = parser.content_length();
      if (length && *length > limit) {
        error_status = 413;
      } else {
        parser.body_limit(limit);
        conn->stream.expires_after(options.body_timeout);
        co_await bhttp::async_read(conn->stream, buffer, parser,
                                   asio::redirect_error(asio::use_awaitable, ec));
        if (ec == bhttp::error::body_limit) {
          error_status = 413;
        } else if (ec == beast::error::timeout || ec == asio::error::operation_aborted ||
                   ec == bhttp::error::end_of_stream || ec == asio::error::connection_reset) {
          break;
        } else if (ec) {
          error_status = 400;
        } else if (!ToRequest(parser.get(), remote, &request)) {
          error_status = 400;
        }
      }
    }
    Response response;
    if (error_status) {
      if (request.method.empty() && parser.is_header_done()) {
        request.method = std::string(parser.get().method_string());
        request.target = std::string(parser.get().target());
        request.path = request.target.substr(0, request.target.find('?'));  // raw: not logged
      }
      response = app.ErrorPage(error_status, &request);
      response.status = error_status;
      keep_alive = false;
    } else if (asio::thread_pool* pool = PoolFor(request.method)) {
      response = co_await HandleOffThread(request, *pool);
    } else {
      response = app.Handle(request);
    }
    if (response.events && request.method == "HEAD") response.events.reset();  // its head only
    if (response.events && !streams.TryOpen()) response = app.ErrorPage(503, &request);
    ApplySecurityHeaders(response);
    if (options.hsts) response.Set("Strict-Transport-Security", "max-age=31536000");
    bool head = request.method == "HEAD";
    int status = response.status;
    if (response.events) {  // the connection is the stream's until it ends
      co_await streams.Serve(conn->stream, std::move(response), stopping, handlers.get());
      break;
    }
    if (stopping) keep_alive = false;
    // The head in one buffer and the body in another, in one write.
    bool no_body = status == 204 || status == 304 || (status >= 100 && status < 200);
    std::string out_head =
        ResponseHead(response, version, no_body ? std::nullopt : std::optional(response.body.size()),
                     keep_alive);
    std::array<asio::const_buffer, 2> out{asio::buffer(out_head),
                                          asio::buffer(response.body.data(),
                                                       head || no_body ? 0 : response.body.size())};
    conn->stream.expires_after(options.body_timeout);
    co_await asio::async_write(conn->stream, out, asio::redirect_error(asio::use_awaitable, ec));
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - started).count();
    // The route's pattern, never the path: paths hold private tokens (resume, invite,
    // sponsor links). A method is logged only when it is a plain word.
    std::string method = request.method.size() <= 16 &&
                                 request.method.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") ==
                                     std::string::npos
                             ? request.method
                             : "?";
    spdlog::info("{} {} {} {:.1f}ms", method.empty() ? "-" : method,
                 request.route.empty() ? "-" : request.route, status, micros / 1000.0);
    metrics::CountRequest(method, request.route, status, std::chrono::microseconds(micros));
    drain = error_status == 413 && !ec;
    if (ec || !keep_alive) break;
  }
  conn->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (drain) {
    // The client may still be sending the refused body: read and drop some of it, so that
    // closing does not reset the connection before the client has read the 413.
    conn->stream.expires_after(std::chrono::seconds(1));
    std::size_t drained = 0;
    std::vector<char> sink(16384);  // read into and dropped
    while (drained < (4u << 20)) {
      std::size_t n = co_await conn->stream.async_read_some(
          asio::buffer(sink.data(), sink.size()), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
      drained += n;
    }
  }
  conn->stream.close();
  {
    std::lock_guard lock(mu);
    conns.erase(id);
  }
  --active;
  metrics::AddOpenConnections(-1);
}

// Runs app.Handle(request) on `pool` and resumes this connection's coroutine on its
// own I/O thread with the response. `request` stays alive: the coroutine waits for it.
asio::awaitable<Response> Server::Impl::HandleOffThread(Request& request, asio::thread_pool& pool) {
  auto executor = co_await asio::this_coro::executor;
  co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(
      [this, &request, &pool, executor](auto handler) {
        asio::post(pool, [this, &request, executor, handler = std::move(handler),
                          work = asio::make_work_guard(executor)]() mutable {
          Response response = app.Handle(request);
          asio::post(executor, [handler = std::move(handler),
                                response = std::move(response)]() mutable {
            std::move(handler)(std::move(response));
          });
        });
      },
      asio::use_awaitable);
}

asio::awaitable<void> Server::Impl::Accept() {
  for (;;) {
    beast::error_code ec;
    // Each connection lives on one single-threaded io_context, so it needs no strand.
    std::size_t k = next_worker++ % (workers.size() + 1);
    tcp::socket socket(k == 0 ? ioc.get_executor() : workers[k - 1]->get_executor());
    co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (stopping || !acceptor.is_open()) co_return;
    if (ec) {
      spdlog::warn("accept failed: {}", ec.message());
      continue;
    }
    auto conn = std::make_shared<Conn>(std::move(socket));
    std::uint64_t id;
    {
      std::lock_guard lock(mu);
      id = next_id++;
      conns.emplace(id, conn);
    }
    ++active;
    metrics::AddOpenConnections(1);
    auto executor = conn->stream.get_executor();
    asio::co_spawn(executor, Session(std::move(conn), id), asio::detached);
  }
}

asio::awaitable<void> Server::Impl::Drain() {
  asio::steady_timer timer(ioc);
  auto deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
  while (active > 0 && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(20));
    beast::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  if (active > 0) spdlog::warn("stopping with {} connections still open", active.load());
  for (auto& w : workers) w->stop();
  ioc.stop();
}

void Server::Impl::BeginStop() {
  if (stopping.exchange(true)) return;
  spdlog::info("stopping: finishing in-flight requests");
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  std::vector<std::shared_ptr<Conn>> live;
  {
    std::lock_guard lock(mu);
    for (auto& [id, weak] : conns)
      if (auto c = weak.lock()) live.push_back(std::move(c));
  }
  for (auto& c : live) {
    // Idle keep-alive connections close now; busy ones close after their response.
    asio::post(c->stream.get_executor(), [c] {
      if (!c->busy) {
        beast::error_code ignored;
        c->stream.socket().cancel(ignored);
      }
    });
  }
  asio::co_spawn(ioc, Drain(), asio::detached);
}

Server::Server(App& app, ServerOptions options)
    : impl_(std::make_unique<Impl>(app, std::move(options))) {}

Server::~Server() = default;

Result<std::uint16_t> Server::Listen() {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return Fail(Error::Invalid("bad host address: " + impl_->options.host));
  tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return Fail(Error::Unavailable("cannot listen on " + impl_->options.host + ":" +
                                   std::to_string(impl_->options.port) + ": " + ec.message()));
  return acceptor.local_endpoint().port();
}

void Server::Run() {
  Impl& s = *impl_;
  if (s.options.handle_signals) {
    s.signals.add(SIGINT);
    s.signals.add(SIGTERM);
    s.signals.async_wait([&s](const beast::error_code& ec, int signo) {
      if (ec) return;
      spdlog::info("received signal {}", signo);
      s.BeginStop();
    });
  }
  if (s.options.handler_threads > 0)
    s.handlers = std::make_unique<asio::thread_pool>(s.options.handler_threads);
  if (s.options.reads_off_thread && s.options.read_threads > 0)
    s.readers = std::make_unique<asio::thread_pool>(s.options.read_threads);
  asio::co_spawn(s.acceptor.get_executor(), s.Accept(), asio::detached);
  std::vector<std::thread> threads;
  int n = std::max(1, s.options.threads);
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (int i = 1; i < n; ++i) {
    s.workers.push_back(std::make_unique<asio::io_context>(1));
    guards.push_back(asio::make_work_guard(*s.workers.back()));
  }
  for (int i = 1; i < n; ++i) threads.emplace_back([&s, i] { s.workers[i - 1]->run(); });
  s.ioc.run();
  for (auto& t : threads) t.join();
  if (s.handlers) s.handlers->join();  // handlers still running finish before the I/O contexts go
  if (s.readers) s.readers->join();
}

void Server::Stop() {
  asio::post(impl_->ioc, [this] { impl_->BeginStop(); });
}

}  // namespace cultivate::http
