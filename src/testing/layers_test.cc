// The layer check over the real tree, and proof that it catches a wrong include.
#include "testing/layers.h"

#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/test_support.h"
#include "testing/server_process.h"

namespace cultivate::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string Join(const Diagnostics& d) {
  std::string out;
  for (const auto& x : d) out += x.str() + "\n";
  return out;
}

void Write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

TEST(LayersTest, TheSourceTreeFollowsTheTable) {
  Diagnostics problems = CheckLayers(SourceDir());
  EXPECT_TRUE(problems.empty()) << Join(problems);
}

TEST(LayersTest, APlantedWrongIncludeIsNamedWithFileAndLine) {
  store::test::TempDir tmp;
  fs::create_directories(tmp.path() / "src");
  fs::copy_file(SourceDir() / "src" / "layers.txt", tmp.path() / "src" / "layers.txt");
  Write(tmp.path() / "src/assess/fine.cc", "#include \"model/checkup.h\"\n#include <vector>\n");
  Write(tmp.path() / "src/assess/scoring_test.cc", "#include \"web/app.h\"\n");  // tests may
  EXPECT_TRUE(CheckLayers(tmp.path()).empty()) << Join(CheckLayers(tmp.path()));

  Write(tmp.path() / "src/assess/wrong.cc", "// rules\n#include \"model/checkup.h\"\n#include \"web/app.h\"\n");
  Write(tmp.path() / "src/web/direct.cc", "#include \"store/sqlite/sqlite_store.h\"\n");
  Write(tmp.path() / "src/web/port.cc", "#include \"store/store.h\"\n");
  Write(tmp.path() / "src/community/t.cc", "  #  include \"testing/app_client.h\"\n");
  std::string report = Join(CheckLayers(tmp.path()));
  EXPECT_THAT(report, HasSubstr("src/assess/wrong.cc:3: assess/ may not include web/ (web/app.h)"));
  EXPECT_THAT(report, HasSubstr("src/web/direct.cc:1: web/ may not include a store implementation"));
  EXPECT_THAT(report, HasSubstr("src/web/port.cc:1: web/ may not include store/"));
  EXPECT_THAT(report, HasSubstr("src/community/t.cc:1: only tests may include testing/"));
  EXPECT_EQ(CheckLayers(tmp.path()).size(), 4u) << report;
}

}  // namespace
}  // namespace cultivate::testing
