// A connection's compiled statements: reused, yet every use starts afresh, with nothing
// bound and no read snapshot kept from the last one.

#include "store/sqlite/connection.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include "store/test_support.h"

namespace cultivate::store::sqlite {
namespace {

class ConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    a_.exec("PRAGMA journal_mode = WAL");
    a_.exec("CREATE TABLE t (n INTEGER PRIMARY KEY)");
    a_.exec("INSERT INTO t (n) VALUES (1), (2), (3)");
  }

  static int Count(Connection& db) {
    auto q = db.Cached("SELECT count(*) FROM t");
    q->executeStep();
    return q->getColumn(0).getInt();
  }

  test::TempDir dir_;
  const int flags_ = SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
  Connection a_{dir_.File("t.db"), flags_, 1000};
};

TEST_F(ConnectionTest, AStatementLeftHalfReadStartsFromTheTopNextTime) {
  for (int use = 0; use < 2; ++use) {
    auto q = a_.Cached("SELECT n FROM t ORDER BY n");
    ASSERT_TRUE(q->executeStep());
    EXPECT_EQ(q->getColumn(0).getInt(), 1) << "use " << use;
  }
}

TEST_F(ConnectionTest, AValueBoundLastTimeIsNotKept) {
  {
    auto q = a_.Cached("SELECT n FROM t WHERE n = ?");
    q->bind(1, 2);
    ASSERT_TRUE(q->executeStep());
  }
  auto q = a_.Cached("SELECT n FROM t WHERE n = ?");
  EXPECT_FALSE(q->executeStep()) << "nothing bound is NULL, which matches no row";
}

TEST_F(ConnectionTest, AHalfReadStatementHoldsNoSnapshotSoOtherWritesAreSeen) {
  {
    auto q = a_.Cached("SELECT n FROM t ORDER BY n");
    ASSERT_TRUE(q->executeStep());
  }  // given back with rows left unread
  Connection b(dir_.File("t.db"), flags_, 1000);
  b.exec("INSERT INTO t (n) VALUES (4)");
  EXPECT_EQ(Count(a_), 4);
}

TEST_F(ConnectionTest, TheSameStatementTwiceAtOnceStepsIndependently) {
  auto first = a_.Cached("SELECT n FROM t ORDER BY n");
  auto second = a_.Cached("SELECT n FROM t ORDER BY n");
  ASSERT_TRUE(first->executeStep());
  ASSERT_TRUE(second->executeStep());
  ASSERT_TRUE(first->executeStep());
  EXPECT_EQ(first->getColumn(0).getInt(), 2);
  EXPECT_EQ(second->getColumn(0).getInt(), 1);
}

TEST_F(ConnectionTest, ATransactionKeepsItsChangesOnlyWhenCommitted) {
  {
    Transaction tx(a_, true);
    a_.Run("INSERT INTO t (n) VALUES (10)");
  }  // not committed: rolled back
  EXPECT_EQ(Count(a_), 3);
  {
    Transaction tx(a_, false);
    a_.Run("INSERT INTO t (n) VALUES (11)");
    tx.commit();
  }
  EXPECT_EQ(Count(a_), 4);
  Transaction again(a_, false);  // the connection is out of the last one
  again.commit();
}

}  // namespace
}  // namespace cultivate::store::sqlite
