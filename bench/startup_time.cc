// startup_time: time from exec to the first 200 from GET /healthz, over --runs runs.
// Each run gets a free loopback port, substituted for every "{port}" in the command; the
// server's output goes to /dev/null; it is stopped with SIGTERM (SIGKILL after 5 s).
//
//   startup_time --runs 10 -- build/release/cultivate serve --port {port} --db FILE ...
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <thread>

#include "common.h"

namespace {

constexpr const char* kUsage =
    "startup_time [--runs N=10] [--timeout-ms MS=10000] -- COMMAND ARGS... ({port} is replaced)\n";

int FreePort() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) bench::Die("bind");
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  close(s);
  return ntohs(a.sin_port);
}

/// One attempt: true when GET /healthz answered 200.
bool Healthy(int port) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = false;
  if (connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
    timeval tv{2, 0};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const char req[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (write(s, req, sizeof req - 1) == static_cast<ssize_t>(sizeof req - 1)) {
      char buf[64] = {};
      size_t got = 0;
      while (got < 12) {
        ssize_t n = read(s, buf + got, sizeof buf - 1 - got);
        if (n <= 0) break;
        got += static_cast<size_t>(n);
      }
      ok = got >= 12 && std::strncmp(buf + 9, "200", 3) == 0;
    }
  }
  close(s);
  return ok;
}

void Stop(pid_t pid) {
  kill(pid, SIGTERM);
  for (int i = 0; i < 500; ++i) {
    if (waitpid(pid, nullptr, WNOHANG) == pid) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
}

}  // namespace

int main(int argc, char** argv) {
  bench::Flags flags(argc, argv, kUsage);
  const int runs = static_cast<int>(flags.Int("runs", 10));
  const double timeout_ms = flags.Real("timeout-ms", 10000);
  if (flags.Positional().empty()) bench::Die(std::string("no command\n") + kUsage);

  std::vector<double> times;
  for (int run = 0; run < runs; ++run) {
    int port = FreePort();
    std::vector<std::string> args;
    for (std::string a : flags.Positional()) {
      for (size_t at; (at = a.find("{port}")) != std::string::npos;)
        a.replace(at, 6, std::to_string(port));
      args.push_back(a);
    }
    std::vector<char*> argv2;
    for (auto& a : args) argv2.push_back(a.data());
    argv2.push_back(nullptr);

    auto t0 = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid == 0) {
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      dup2(devnull, 2);
      execv(argv2[0], argv2.data());
      _exit(127);
    }
    double ms = -1;
    while (bench::SecondsSince(t0) * 1000 < timeout_ms) {
      if (Healthy(port)) {
        ms = bench::SecondsSince(t0) * 1000;
        break;
      }
      if (waitpid(pid, nullptr, WNOHANG) == pid) {
        pid = -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    if (pid > 0) Stop(pid);
    if (ms < 0)
      bench::Die("run " + std::to_string(run + 1) +
                 ": no 200 from /healthz (server exited or timed out)");
    times.push_back(ms);
    std::fprintf(stderr, "startup_time: run %d: %.1f ms\n", run + 1, ms);
  }
  std::vector<double> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  double median = sorted.size() % 2
                      ? sorted[sorted.size() / 2]
                      : (sorted[sorted.size() / 2 - 1] + sorted[sorted.size() / 2]) / 2;
  std::printf("startup_time: runs=%d median_ms=%.1f min_ms=%.1f max_ms=%.1f\n", runs, median,
              sorted.front(), sorted.back());
  return 0;
}
