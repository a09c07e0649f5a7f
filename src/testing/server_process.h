#pragma once
/// Test support: runs the real `cultivate serve` binary on an ephemeral port with a fresh
/// SQLite database in a temporary folder, and stops it with SIGTERM. Used by HTTP tests,
/// which talk to it with cpp-httplib as any client would.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace cultivate::testing {

class ServerProcess {
 public:
  /// Starts the server; `extra` are more command-line arguments; `db` replaces the
  /// temporary SQLite file (a postgresql:// URI, say). Aborts the test on failure.
  explicit ServerProcess(std::vector<std::string> extra = {}, std::string db = "");
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path db() const { return dir_ / "test.db"; }
  /// Sends a signal and waits for exit; returns the exit status (or -signal).
  int Stop(int signal_number);
  /// Everything the server printed so far (stdout and stderr).
  std::string Output() const;

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::filesystem::path dir_;
  bool stopped_ = false;
};

/// The source tree (content/, questions/, templates/, static/).
std::filesystem::path SourceDir();
/// The built `cultivate` binary.
std::filesystem::path Binary();
/// The store the HTTP tests run on: CULTIVATE_TEST_STORE=postgresql gives each caller a
/// fresh database on the test PostgreSQL (its URI), anything else "" (SQLite, or memory).
std::string TestStoreSpec();

}  // namespace cultivate::testing
