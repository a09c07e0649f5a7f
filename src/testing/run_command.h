#pragma once
/// Test support: runs a program (usually the built `cultivate` binary) with extra
/// environment variables and captures what it prints, for CLI tests.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace cultivate::testing {

struct CommandResult {
  int exit_code = -1;  // the exit status, or -signal when killed, or -1000 on timeout
  std::string out;     // stdout
  std::string err;     // stderr
};

/// Runs `args` (args[0] is the program path) with the current environment plus `env`
/// ("NAME=value" entries, overriding); kills it after `timeout`.
CommandResult RunCommand(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
                         std::chrono::seconds timeout = std::chrono::seconds(120));

/// A program running in the background with its output in `log`; killed on destruction.
class Child {
 public:
  Child(const std::vector<std::string>& args, const std::vector<std::string>& env,
        std::filesystem::path log);
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  std::string Output() const;
  /// Waits until the output matches `pattern` (ECMAScript regex); true then, with the first
  /// capture group ("" if none) in *capture; false on timeout or early exit.
  bool WaitFor(const std::string& pattern, std::string* capture,
               std::chrono::seconds timeout = std::chrono::seconds(60));
  /// Sends a signal and waits; exit status or -signal.
  int Stop(int signal_number);

 private:
  pid_t pid_ = -1;
  std::filesystem::path log_;
  bool stopped_ = false;
};

}  // namespace cultivate::testing
