#include "web/page_cache.h"

#include <gtest/gtest.h>

namespace cultivate::web {
namespace {

std::shared_ptr<const http::PreparedBody> Page(size_t n) {
  return std::make_shared<http::PreparedBody>(
      http::PreparedBody::Make(std::string(n, 'x'), "text/html; charset=utf-8", "no-store"));
}

TEST(PageCacheTest, ReturnsWhatWasPutUnderTheSameKeyOnly) {
  PageCache cache;
  EXPECT_EQ(cache.Get("a"), nullptr);
  auto page = Page(100);
  cache.Put("a|rev1", page);
  EXPECT_EQ(cache.Get("a|rev1"), page);
  EXPECT_EQ(cache.Get("a|rev2"), nullptr) << "a new revision is a new key";
}

TEST(PageCacheTest, EvictsLeastRecentlyUsedPastTheByteBudget) {
  PageCache cache(3 * (1000 + 200));
  cache.Put("a", Page(1000));
  cache.Put("b", Page(1000));
  cache.Put("c", Page(1000));
  ASSERT_NE(cache.Get("a"), nullptr);  // a is now the most recent
  cache.Put("d", Page(1000));
  EXPECT_NE(cache.Get("a"), nullptr);
  EXPECT_EQ(cache.Get("b"), nullptr) << "b was the least recently used";
  EXPECT_NE(cache.Get("d"), nullptr);
  EXPECT_LE(cache.bytes(), 3u * 1200);
  cache.Put("huge", Page(10000));
  EXPECT_EQ(cache.Get("huge"), nullptr) << "larger than the whole budget: not kept";
}

}  // namespace
}  // namespace cultivate::web
