#pragma once
/// The fixture of the Store contract tests: each test gets a fresh store of every kind
/// (memory, sqlite and, when built with libpqxx, postgres: a fresh database on the test
/// run's PostgreSQL server, testing/postgres_server.h) and a clock it sets by hand. A
/// postgres store that cannot be made fails the test: PostgreSQL missing is never a skip.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/memory/memory_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"
#include "store/test_support.h"
#if CULTIVATE_HAVE_POSTGRES
#include "store/postgres/postgres_store.h"
#include "testing/postgres_server.h"
#endif

namespace cultivate::store::test {

struct StoreKind {
  std::string name;
  std::function<std::unique_ptr<Store>(const TempDir&, Clock)> make;
};

#if CULTIVATE_HAVE_POSTGRES
/// A migrated PostgresStore on a fresh database; nullptr after adding a test failure saying
/// why there is none.
inline std::unique_ptr<Store> NewPostgresStore(Clock clock) {
  try {
    std::string uri = cultivate::testing::PostgresServer::Shared().CreateDatabase();
    auto store = PostgresStore::Open(uri, {.clock = std::move(clock)});
    if (!store) {
      ADD_FAILURE() << store.error().message;
      return nullptr;
    }
    if (auto migrated = (*store)->Migrate(); !migrated) {
      ADD_FAILURE() << migrated.error().message;
      return nullptr;
    }
    return std::move(*store);
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what();
    return nullptr;
  }
}
#endif

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
                    }},
#if CULTIVATE_HAVE_POSTGRES
          StoreKind{"postgres",
                    [](const TempDir&, Clock clock) { return NewPostgresStore(std::move(clock)); }},
#endif
  };
}

// gtest names the kind, not its bytes, in messages.
inline void PrintTo(const StoreKind& kind, std::ostream* out) { *out << kind.name; }

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
