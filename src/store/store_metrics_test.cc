// What the stores report to /metrics (common/metrics.h): every committed write with the
// size of its group, and every failed operation by kind; on each backend.
#include <gtest/gtest.h>

#include <string>

#include "common/metrics.h"
#include "store/store_fixture.h"

namespace cultivate::store {
namespace {

using test::StoreTest;

/// The value of one series in the exposition text, 0 when it is not there yet.
double Series(const std::string& series) {
  std::string text = metrics::Text();
  std::size_t at = 0;
  while ((at = text.find(series + " ", at)) != std::string::npos) {
    if (at == 0 || text[at - 1] == '\n') return std::stod(text.substr(at + series.size() + 1));
    at += series.size();
  }
  return 0;
}

/// The backend label a store of this kind reports (the memory store is SQLite in memory).
std::string Backend(const std::string& kind) { return kind == "postgres" ? "postgresql" : "sqlite"; }

class StoreMetricsTest : public StoreTest {};

TEST_P(StoreMetricsTest, CommitsAndFailuresAreCounted) {
  metrics::Enable("test");
  const std::string b = Backend(GetParam().name);
  const std::string commits = "cultivate_store_commit_group_size_count{backend=\"" + b + "\"}";
  const std::string conflicts = "cultivate_store_errors_total{backend=\"" + b + "\",kind=\"conflict\"}";
  double commits_before = Series(commits), conflicts_before = Series(conflicts);

  ASSERT_TRUE(store_->CreateUser({.email = "ada@example.org", .name = "Ada", .password_hash = "h"}));
  EXPECT_EQ(Series(commits), commits_before + 1);
  // A taken e-mail address fails the table's unique rule: a store error of kind conflict,
  // and nothing is committed.
  auto again = store_->CreateUser({.email = "ada@example.org", .name = "Ada", .password_hash = "h"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, Error::Kind::kConflict);
  EXPECT_EQ(Series(conflicts), conflicts_before + 1);
  // Reads commit nothing.
  ASSERT_TRUE(store_->FindUserByEmail("ada@example.org"));
  EXPECT_LE(Series(commits), commits_before + 2);  // + the failed write's empty group on SQLite
}

INSTANTIATE_TEST_SUITE_P(AllStores, StoreMetricsTest, ::testing::ValuesIn(test::AllStoreKinds()),
                         test::StoreKindName);

}  // namespace
}  // namespace cultivate::store
