#pragma once
/// Test helpers for store tests: a temporary directory removed on destruction and a clock
/// the test sets by hand.

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "common/clock.h"

namespace cultivate::store::test {

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "cultivate-store-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

/// Starts at `start`; Set() moves it. Copies of clock() share the time.
class FakeClock {
 public:
  explicit FakeClock(std::int64_t start)
      : now_(std::make_shared<std::atomic<std::int64_t>>(start)) {}
  void Set(std::int64_t now) { now_->store(now); }
  Clock clock() const {
    return [now = now_] { return now->load(); };
  }

 private:
  std::shared_ptr<std::atomic<std::int64_t>> now_;
};

}  // namespace cultivate::store::test
