// The server in-process, with a stand-in App: what runs where. Requests that change data run
// on the handler threads, so one that waits (on the disk, on password hashing) does not hold
// up the pages served by the I/O thread, and shutdown lets it finish.

#include "http/server.h"

#include <atomic>
#include <chrono>
#include <future>
#include <optional>
#include <thread>

#include <gtest/gtest.h>

#include "testing/raw_http.h"

namespace cultivate::http {
namespace {

using namespace std::chrono_literals;
using testing::RawConnection;

constexpr std::string_view kSlowPost = "POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n";
constexpr std::string_view kPage = "GET /page HTTP/1.1\r\nHost: x\r\n\r\n";
constexpr std::string_view kSlowPage = "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n";

/// POST /slow and GET /slow wait until released (as a save waits on the disk, or a page on a
/// database server); everything else answers at once.
class SlowPostApp : public App {
 public:
  std::size_t BodyLimit(const std::string&, const std::string&) const override { return 1024; }
  Response Handle(Request& request) override {
    if ((request.method == "POST" || request.method == "GET") && request.path == "/slow") {
      entered = true;
      released.wait();
      return Response::Text(200, "slow done");
    }
    return Response::Text(200, request.method + " " + request.path);
  }
  Response ErrorPage(int status, const Request*) override { return Response::Text(status, "error"); }

  std::atomic<bool> entered = false;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
};

class ServerTest : public ::testing::Test {
 protected:
  void Start(int handler_threads, bool reads_off_thread = false, int read_threads = 0) {
    ServerOptions options;
    options.reads_off_thread = reads_off_thread;
    options.read_threads = read_threads;
    options.port = 0;
    options.threads = 1;  // one I/O thread: anything run on it blocks every connection
    options.handler_threads = handler_threads;
    options.handle_signals = false;
    server_ = std::make_unique<Server>(app_, options);
    auto port = server_->Listen();
    ASSERT_TRUE(port);
    port_ = *port;
    runner_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    if (!released_) app_.release.set_value();
    if (server_) server_->Stop();
    if (runner_.joinable()) runner_.join();
  }

  void Release() {
    released_ = true;
    app_.release.set_value();
  }

  /// Sends POST /slow on `conn` and returns once its handler runs (and waits to be released).
  void BeginSave(RawConnection& conn, std::string_view request = kSlowPost) {
    ASSERT_TRUE(conn.connected());
    ASSERT_TRUE(conn.Send(request));
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!app_.entered && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
    ASSERT_TRUE(app_.entered) << "the slow handler never started";
  }

  /// Lets the save finish and reads its response.
  std::optional<testing::RawResponse> FinishSave(RawConnection& conn) {
    Release();
    return conn.ReadResponse(false, 5s);
  }

  SlowPostApp app_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
  std::thread runner_;
  bool released_ = false;
};

TEST_F(ServerTest, PagesAreServedWhileASaveWaits) {
  Start(4);
  RawConnection save(port_);
  BeginSave(save);

  RawConnection page(port_);
  ASSERT_TRUE(page.Send(kPage));
  auto r = page.ReadResponse(false, 5s);
  ASSERT_TRUE(r) << "a page waited for a save on another connection";
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "GET /page");

  auto saved = FinishSave(save);
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->status, 200);
  EXPECT_EQ(saved->body, "slow done");
  EXPECT_TRUE(saved->Header("Content-Security-Policy")) << "security headers on every response";
  ASSERT_TRUE(save.Send(kPage)) << "the connection stays open for the next request";
  auto next = save.ReadResponse(false, 5s);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "GET /page");
}

TEST_F(ServerTest, WithoutHandlerThreadsASaveRunsOnTheIoThread) {
  Start(0);
  RawConnection save(port_);
  BeginSave(save);
  RawConnection page(port_);
  ASSERT_TRUE(page.Send(kPage));
  EXPECT_FALSE(page.ReadResponse(false, 300ms)) << "the one I/O thread is busy with the save";
  auto saved = FinishSave(save);
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->body, "slow done");
}

// A store whose reads wait on a network round trip (PostgreSQL) has page handlers run on the
// handler pool: a page waiting on the database does not hold up the other connections.
TEST_F(ServerTest, WithReadsOffThreadAPageWaitingOnTheStoreHoldsUpNoOtherPage) {
  Start(4, /*reads_off_thread=*/true);
  RawConnection slow(port_);
  BeginSave(slow, kSlowPage);
  RawConnection page(port_);
  ASSERT_TRUE(page.Send(kPage));
  auto r = page.ReadResponse(false, 5s);
  ASSERT_TRUE(r) << "a page waited for another page's handler";
  EXPECT_EQ(r->body, "GET /page");
  auto done = FinishSave(slow);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->body, "slow done");
  EXPECT_TRUE(done->Header("Content-Security-Policy")) << "security headers on every response";
}

// Reads get a pool of their own (PostgreSQL's default, sized for the CPUs): pages waiting on
// the database fill that pool only, and a save still runs at once on the handler pool.
TEST_F(ServerTest, WithAReadPoolPagesWaitingOnTheStoreHoldUpNoSave) {
  Start(4, /*reads_off_thread=*/true, /*read_threads=*/1);
  RawConnection slow(port_);
  BeginSave(slow, kSlowPage);  // the one read thread waits
  RawConnection save(port_);
  ASSERT_TRUE(save.Send("POST /page HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
  auto saved = save.ReadResponse(false, 5s);
  ASSERT_TRUE(saved) << "a save waited for a page's handler";
  EXPECT_EQ(saved->body, "POST /page");
  RawConnection page(port_);
  ASSERT_TRUE(page.Send(kPage));
  EXPECT_FALSE(page.ReadResponse(false, 300ms)) << "the read pool has one thread, and it waits";
  auto done = FinishSave(slow);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->body, "slow done");
  auto r = page.ReadResponse(false, 5s);
  ASSERT_TRUE(r) << "the queued page is served once the read thread is free";
  EXPECT_EQ(r->body, "GET /page");
}

// SQLite's reads never wait, so pages run on the I/O thread, without a hop between threads.
TEST_F(ServerTest, ByDefaultPagesRunOnTheIoThread) {
  Start(4);
  RawConnection slow(port_);
  BeginSave(slow, kSlowPage);
  RawConnection page(port_);
  ASSERT_TRUE(page.Send(kPage));
  EXPECT_FALSE(page.ReadResponse(false, 300ms)) << "the one I/O thread runs the slow page";
  auto done = FinishSave(slow);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->body, "slow done");
}

TEST_F(ServerTest, StoppingLetsASaveInProgressFinishAndAnswer) {
  Start(2);
  RawConnection save(port_);
  BeginSave(save);
  server_->Stop();
  std::this_thread::sleep_for(100ms);
  auto saved = FinishSave(save);
  ASSERT_TRUE(saved) << "the save in progress got no answer";
  EXPECT_EQ(saved->body, "slow done");
  ASSERT_TRUE(saved->Header("Connection"));
  EXPECT_EQ(*saved->Header("Connection"), "close") << "no more requests on a stopping server";
  runner_.join();  // Run() returns once it is answered
}

}  // namespace
}  // namespace cultivate::http
