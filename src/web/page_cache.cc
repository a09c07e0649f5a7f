#include "web/page_cache.h"

namespace cultivate::web {

std::shared_ptr<const http::PreparedBody> PageCache::Get(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->page;
}

void PageCache::Put(const std::string& key, std::shared_ptr<const http::PreparedBody> page) {
  std::size_t size = page->body.size() + page->gzip.size() + key.size() + 128;
  if (size > max_bytes_) return;
  std::lock_guard lock(mu_);
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->bytes;
    lru_.erase(it->second);
    index_.erase(it);
  }
  lru_.push_front({key, std::move(page), size});
  index_[key] = lru_.begin();
  bytes_ += size;
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    bytes_ -= lru_.back().bytes;
    index_.erase(lru_.back().key);
    lru_.pop_back();
  }
}

std::size_t PageCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

}  // namespace cultivate::web
