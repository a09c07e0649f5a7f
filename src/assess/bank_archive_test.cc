// Archived question banks (questions/archive/<version>/): loaded beside the current one,
// chosen by a check-up's version, and checked against the current bank's history keys.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "assess/bank.h"
#include "assess/scoring.h"
#include "assess/test_support.h"

namespace cultivate::assess {
namespace {

namespace fs = std::filesystem;

const fs::path kGood = fs::path(CULTIVATE_SOURCE_DIR) / "src/assess/testdata/good";

KnownIds Ids() { return test::FixtureIds(); }

std::string All(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags) out += d.str() + "\n";
  return out;
}

bool Says(const Diagnostics& diags, const std::string& file_end, const std::string& text) {
  for (const auto& d : diags)
    if (d.file.ends_with(file_end) && d.message.find(text) != std::string::npos) return true;
  return false;
}

// A current bank (2026.2, from the good fixture) with the fixture as 2026.1 in its archive.
class BankArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("bank-archive-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::copy(kGood, dir_);
    fs::create_directories(dir_ / "archive");
    fs::copy(kGood, dir_ / "archive" / "2026.1");
    Edit("bank.toml", "version = \"test.1\"", "version = \"2026.2\"");
    Edit("archive/2026.1/bank.toml", "version = \"test.1\"", "version = \"2026.1\"");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Edit(const std::string& name, const std::string& from, const std::string& to) {
    std::ifstream in(dir_ / name);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    ASSERT_NE(text.find(from), std::string::npos) << name << ": " << from;
    text.replace(text.find(from), from.size(), to);
    std::ofstream(dir_ / name) << text;
  }
  // Rewords define-q1 in the current bank (and says so when `say` is set).
  void Reword(bool say) {
    Edit("define.toml", "id = \"define-q1\"\n",
         say ? "id = \"define-q1\"\nreworded = \"2026.2\"\n" : "id = \"define-q1\"\n");
    std::ifstream in(dir_ / "define.toml");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    auto at = text.find("text = \"", text.find("id = \"define-q1\""));
    text.insert(at + 8, "Clearly: ");
    std::ofstream(dir_ / "define.toml") << text;
  }

  fs::path dir_;
};

TEST_F(BankArchiveTest, AnArchivedVersionIsLoadedAndChosenByVersion) {
  Reword(true);
  auto bank = LoadBank(dir_, Ids());
  ASSERT_TRUE(bank) << All(bank.error());
  ASSERT_EQ(bank->earlier.size(), 1u);
  EXPECT_EQ(bank->version, "2026.2");
  const Bank& old = bank->ForVersion("2026.1");
  EXPECT_EQ(old.version, "2026.1");
  EXPECT_EQ(&bank->ForVersion("2026.2"), &*bank);
  EXPECT_EQ(&bank->ForVersion("1999.1"), &*bank) << "an unknown version reads today's bank";
  EXPECT_EQ(old.FindQuestion("define-q1")->text.rfind("Clearly: ", 0), std::string::npos);
  EXPECT_EQ(bank->FindQuestion("define-q1")->text.rfind("Clearly: ", 0), 0u);
  // Scores carry the version of the bank that made them.
  EXPECT_EQ(ScoreCheckup(old, {{{"define-q1", 1, 3, ""}}}, {"define"}).bank_version, "2026.1");
}

TEST_F(BankArchiveTest, ARetiredStatementIsStillFoundForOldResults) {
  Edit("archive/2026.1/define.toml", "id = \"define-q1\"", "id = \"define-retired\"");
  Edit("define.toml", "id = \"define-q1\"\n", "id = \"define-q1\"\nadded = \"2026.2\"\n");
  auto bank = LoadBank(dir_, Ids());
  ASSERT_TRUE(bank) << All(bank.error());
  EXPECT_EQ(bank->FindQuestion("define-retired"), nullptr);
  const Question* retired = bank->FindQuestionInHistory("define-retired");
  ASSERT_NE(retired, nullptr);
  EXPECT_EQ(retired, bank->ForVersion("2026.1").FindQuestion("define-retired"));
  EXPECT_EQ(bank->FindQuestionInHistory("define-q1"), bank->FindQuestion("define-q1"));
}

TEST_F(BankArchiveTest, HistoryKeysMustAgreeWithTheArchive) {
  Reword(false);                                                               // reworded, unsaid
  Edit("archive/2026.1/define.toml", "id = \"define-q2\"", "id = \"define-gone\"");  // q2 is new
  Edit("design.toml", "id = \"design-q1\"\n", "id = \"design-q1\"\nadded = \"2026.2\"\n");
  auto bank = LoadBank(dir_, Ids());
  ASSERT_FALSE(bank);
  SCOPED_TRACE(All(bank.error()));
  EXPECT_TRUE(Says(bank.error(), "/define.toml",
                   "question 'define-q1': its text differs from the archived bank 2026.1"));
  EXPECT_TRUE(Says(bank.error(), "/define.toml",
                   "question 'define-q2': it is not in the archived bank 2026.1, so it needs added"));
  EXPECT_TRUE(Says(bank.error(), "/design.toml",
                   "question 'design-q1': added = \"2026.2\", but the archived bank 2026.1 already has it"));
}

TEST_F(BankArchiveTest, AnArchiveFolderMustBeNamedAfterAnOlderVersion) {
  fs::rename(dir_ / "archive" / "2026.1", dir_ / "archive" / "2025.9");
  auto misnamed = LoadBank(dir_, Ids());
  ASSERT_FALSE(misnamed);
  EXPECT_TRUE(Says(misnamed.error(), "2025.9/bank.toml", "its folder is named 2025.9")) << All(misnamed.error());
  fs::rename(dir_ / "archive" / "2025.9", dir_ / "archive" / "2027.1");
  Edit("archive/2027.1/bank.toml", "version = \"2026.1\"", "version = \"2027.1\"");
  auto newer = LoadBank(dir_, Ids());
  ASSERT_FALSE(newer);
  EXPECT_TRUE(Says(newer.error(), "2027.1/bank.toml", "must be older than the current one (2026.2)"))
      << All(newer.error());
}

TEST_F(BankArchiveTest, ABrokenArchiveIsReportedLikeTheCurrentBank) {
  Edit("archive/2026.1/define.toml", "element = \"", "element = \"nonsense-");
  auto bank = LoadBank(dir_, Ids());
  ASSERT_FALSE(bank);
  EXPECT_TRUE(Says(bank.error(), "archive/2026.1/define.toml", "")) << All(bank.error());
}

}  // namespace
}  // namespace cultivate::assess
