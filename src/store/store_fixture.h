#pragma once
/// The fixture of the Store contract tests: each test gets a fresh store of every kind
/// (memory, sqlite; postgres joins by adding a StoreKind) and a clock it sets by hand.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/memory/memory_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"
#include "store/test_support.h"

namespace cultivate::store::test {

struct StoreKind {
  std::string name;
  std::function<std::unique_ptr<Store>(const TempDir&, Clock)> make;
};

inline std::vector<StoreKind> AllStoreKinds() {
  return {StoreKind{"memory",
                    [](const TempDir&, Clock clock) -> std::unique_ptr<Store> {
                      return std::make_unique<MemoryStore>(std::move(clock));
                    }},
          StoreKind{"sqlite", [](const TempDir& dir, Clock clock) -> std::unique_ptr<Store> {
                      auto store = SqliteStore::Open(dir.File("store.db"),
                                                     {.create = true, .clock = std::move(clock)});
                      if (!store || !(*store)->Migrate()) return nullptr;
                      return std::move(*store);
                    }}};
}

inline std::string StoreKindName(const ::testing::TestParamInfo<StoreKind>& info) {
  return info.param.name;
}

class StoreTest : public ::testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override {
    store_ = GetParam().make(dir_, clock_.clock());
    ASSERT_NE(store_, nullptr);
  }

  Id NewResponse(const std::string& token_hash = "hash-1") {
    Response r{.token_hash = token_hash,
               .name = "Makers",
               .phases = {"define", "grow"},
               .bank_version = "2024.1"};
    auto id = store_->CreateResponse(r);
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }

  std::int64_t UpdatedAt(Id id) { return store_->FindResponse(id).value().updated_at; }

  TempDir dir_;
  FakeClock clock_{1000};
  std::unique_ptr<Store> store_;
};

}  // namespace cultivate::store::test
