// The embedded migrations are migrations/<dialect>/*.sql, in order, named and numbered by
// file, and the dialects agree: the same migrations, one to one, under the same names.

#include "store/migrations.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace cultivate::store {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void ExpectEmbeddedEqualFiles(const std::string& dialect, std::span<const Migration> embedded) {
  fs::path dir = fs::path(CULTIVATE_SOURCE_DIR) / "src/store/migrations" / dialect;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());

  ASSERT_EQ(embedded.size(), files.size())
      << "every " << dir.string() << "/*.sql is embedded: re-run cmake";
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::string stem = files[i].stem().string();
    EXPECT_EQ(embedded[i].name, stem);
    EXPECT_EQ(embedded[i].version, static_cast<int>(i + 1))
        << stem << ": versions run 1, 2, 3... without gaps";
    std::string prefix = std::to_string(i + 1) + "_";
    prefix.insert(0, 5 - std::min<std::size_t>(prefix.size(), 5), '0');  // 1 -> "0001_"
    EXPECT_TRUE(stem.starts_with(prefix)) << stem << ": name files NNNN_name.sql";
    EXPECT_EQ(embedded[i].sql, ReadFile(files[i]))
        << stem << ".sql and its embedded copy differ: re-run cmake";
  }
}

TEST(MigrationsTest, EmbeddedSqliteMigrationsEqualTheSqlFiles) {
  ExpectEmbeddedEqualFiles("sqlite", SqliteMigrations());
}

TEST(MigrationsTest, EmbeddedPostgresMigrationsEqualTheSqlFiles) {
  ExpectEmbeddedEqualFiles("postgresql", PostgresMigrations());
}

TEST(MigrationsTest, DialectsHaveTheSameMigrationsOneToOne) {
  auto sqlite = SqliteMigrations();
  auto postgres = PostgresMigrations();
  ASSERT_EQ(sqlite.size(), postgres.size())
      << "every migration is written for both dialects (migrations/sqlite, migrations/postgresql)";
  for (std::size_t i = 0; i < sqlite.size(); ++i) {
    EXPECT_EQ(sqlite[i].version, postgres[i].version);
    EXPECT_EQ(sqlite[i].name, postgres[i].name) << "migration " << sqlite[i].version;
  }
}

}  // namespace
}  // namespace cultivate::store
