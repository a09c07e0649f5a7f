#pragma once
/// Rendered private pages kept in memory, keyed by what they depend on (for a solo results
/// page: the token hash, the response's revision and the Host), each prepared once with its
/// gzip copy and ETag. Least recently used entries go first once the total size passes the
/// byte budget. Safe for concurrent use.

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/static_files.h"

namespace cultivate::web {

class PageCache {
 public:
  explicit PageCache(std::size_t max_bytes = 32u << 20) : max_bytes_(max_bytes) {}

  std::shared_ptr<const http::PreparedBody> Get(const std::string& key);
  void Put(const std::string& key, std::shared_ptr<const http::PreparedBody> page);
  std::size_t bytes() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const http::PreparedBody> page;
    std::size_t bytes;
  };
  const std::size_t max_bytes_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recent first; guarded by mu_
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;  // guarded by mu_
  std::size_t bytes_ = 0;                                              // guarded by mu_
};

}  // namespace cultivate::web
