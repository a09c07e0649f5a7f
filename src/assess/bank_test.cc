#include "assess/bank.h"
#include "assess/scoring.h"
#include "assess/test_support.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <toml++/toml.h>

namespace cultivate::assess {
namespace {

const std::filesystem::path kTestdata =
    std::filesystem::path(CULTIVATE_SOURCE_DIR) / "src/assess/testdata";

using test::FixtureIds;

/// True when some diagnostic is in a file ending with `file`, at `line`, and says `text`.
bool Has(const Diagnostics& diags, const std::string& file, int line, const std::string& text) {
  for (const auto& d : diags) {
    if (d.file.ends_with(file) && d.line == line && d.message.find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::string All(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags) out += d.str() + "\n";
  return out;
}

TEST(BankTest, LoadsTheGoodFixture) {
  auto bank = LoadBank(kTestdata / "good", FixtureIds());
  ASSERT_TRUE(bank) << All(bank.error());
  EXPECT_EQ(bank->version, "test.1");
  EXPECT_EQ(bank->not_sure, "Not sure");
  ASSERT_EQ(bank->scale.size(), 5u);
  for (int v = 0; v < 5; ++v) EXPECT_EQ(bank->scale[v].value, v);
  EXPECT_EQ(bank->scale[2].label, "Partly");
  ASSERT_EQ(bank->phases.size(), 5u);
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ(bank->phases[i].id, kPhaseOrder[i]);
  EXPECT_EQ(bank->QuestionCount(), 40);
  EXPECT_EQ(bank->phases[0].title, "Define");
  EXPECT_EQ(bank->phases[0].prompts.size(), 2u);

  const Question* q = bank->FindQuestion("define-q3");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->phase, "define");
  EXPECT_EQ(q->element, "practice");
  EXPECT_EQ(q->principles, std::vector<std::string>{"levels-of-participation"});
  EXPECT_EQ(q->Weight("define"), 3);
  EXPECT_EQ(q->Weight("design"), 1);
  EXPECT_EQ(q->Weight("grow"), 0);
  EXPECT_EQ(q->action, "Plan thing 3");
  EXPECT_EQ(q->practices, std::vector<std::string>{"charter"});

  const Prompt* p = bank->FindPrompt("grow-prompt2");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->phase, "grow");
  EXPECT_EQ(p->kind, "vision");  // fixture kinds rotate vision, goals, strategy by phase
  EXPECT_NE(bank->FindPhase("perform"), nullptr);
  EXPECT_EQ(bank->FindPhase("nope"), nullptr);
  EXPECT_EQ(bank->FindQuestion("nope"), nullptr);
}

TEST(BankTest, GuideIsNotCheckedWithoutPathExists) {
  KnownIds ids = FixtureIds();
  ids.path_exists = nullptr;
  EXPECT_TRUE(LoadBank(kTestdata / "good", ids));
}

TEST(BankTest, UnknownPracticeIsReported) {
  KnownIds ids = FixtureIds();
  ids.practices = {"core-group"};  // the fixture uses "charter" everywhere
  auto bank = LoadBank(kTestdata / "good", ids);
  ASSERT_FALSE(bank);
  // define.toml line 16 is the first question's `practices = ["charter"]`.
  EXPECT_TRUE(Has(bank.error(), "good/define.toml", 16, "unknown practice 'charter'"))
      << All(bank.error());
}

TEST(BankTest, MissingDirectoryReportsEveryFile) {
  auto bank = LoadBank(kTestdata / "does-not-exist", FixtureIds());
  ASSERT_FALSE(bank);
  EXPECT_EQ(bank.error().size(), 6u) << All(bank.error());
  EXPECT_TRUE(Has(bank.error(), "bank.toml", 0, "file is missing"));
  EXPECT_TRUE(Has(bank.error(), "transform.toml", 0, "file is missing"));
}

// testdata/broken holds one mistake per line checked here; see the comments in its files.
TEST(BankTest, BrokenFixtureReportsEveryProblemWithItsLine) {
  auto bank = LoadBank(kTestdata / "broken", FixtureIds());
  ASSERT_FALSE(bank);
  const Diagnostics& d = bank.error();
  SCOPED_TRACE(All(d));

  // bank.toml: value 5 at line 11; the third [[scale]] (line 15) has no label; 3 points, not 5
  // (reported at the `scale` array, which starts at line 5).
  EXPECT_TRUE(Has(d, "broken/bank.toml", 11, "value must be 0, 1, 2, 3 or 4"));
  EXPECT_TRUE(Has(d, "broken/bank.toml", 15, "missing required key 'label'"));
  EXPECT_TRUE(Has(d, "broken/bank.toml", 5, "exactly five points"));

  // define.toml
  EXPECT_TRUE(Has(d, "broken/define.toml", 7, "lowercase slug"));
  EXPECT_TRUE(Has(d, "broken/define.toml", 7, "must start with 'define-'"));
  EXPECT_TRUE(Has(d, "broken/define.toml", 10, "guide page '/guide/practices/missing-page'"));
  EXPECT_TRUE(Has(d, "broken/define.toml", 24, "unknown element 'soil'"));
  EXPECT_TRUE(Has(d, "broken/define.toml", 25, "unknown principle 'not-a-principle'"));
  EXPECT_TRUE(Has(d, "broken/define.toml", 26, "'design' must be an integer from 1 to 3"));
  EXPECT_TRUE(Has(d, "broken/define.toml", 26, "must include its own phase 'define'"));
  EXPECT_TRUE(Has(d, "broken/define.toml", 29, "'practices' needs at least 1"));
  EXPECT_TRUE(Has(d, "broken/define.toml", 31, "unknown key 'recomendation'"));
  EXPECT_TRUE(Has(d, "broken/define.toml", 33, "missing required key 'why'"));
  EXPECT_TRUE(Has(d, "broken/define.toml", 34, "already used at"));
  EXPECT_TRUE(Has(d, "broken/define.toml", 34, "define.toml:20"));
  EXPECT_TRUE(Has(d, "broken/define.toml", 35, "'text' must be a string"));
  EXPECT_TRUE(Has(d, "broken/define.toml", 48, "kind must be vision, goals or strategy"));
  EXPECT_TRUE(Has(d, "broken/define.toml", 0, "at least 8 [[question]] tables, has 3"));
  EXPECT_TRUE(Has(d, "broken/define.toml", 0, "at least 2 [[prompt]] tables, has 1"));

  // design.toml: the string opened on line 3 is never closed.
  EXPECT_TRUE(Has(d, "broken/design.toml", 3, "TOML syntax error"));
  // grow.toml is not there at all.
  EXPECT_TRUE(Has(d, "broken/grow.toml", 0, "file is missing"));
  // perform.toml and transform.toml are copies of the good fixture: nothing to say.
  for (const auto& diag : d) {
    EXPECT_FALSE(diag.file.ends_with("perform.toml") || diag.file.ends_with("transform.toml"))
        << diag.str();
  }
  // Reported file by file, in line order within a file.
  for (size_t i = 1; i < d.size(); ++i) {
    if (d[i].file == d[i - 1].file) {
      EXPECT_LE(d[i - 1].line, d[i].line);
    }
  }
  EXPECT_EQ(d.front().file, (kTestdata / "broken/bank.toml").string());
}

TEST(BankTest, PhaseIndexFollowsPhaseOrder) {
  EXPECT_EQ(PhaseIndex("define"), 0);
  EXPECT_EQ(PhaseIndex("transform"), 4);
  EXPECT_EQ(PhaseIndex("Define"), -1);
}

/// Ids of `kind` tables ([[phase]], [[element]], ...) in content/taxonomy.toml.
std::set<std::string> TaxonomyIds(const toml::table& taxonomy, std::string_view kind) {
  std::set<std::string> ids;
  if (const auto* array = taxonomy[kind].as_array()) {
    for (const auto& node : *array) {
      if (const auto* t = node.as_table()) ids.insert((*t)["id"].value_or(std::string()));
    }
  }
  return ids;
}

/// File stems of content/<folder>/*.md, or nullopt when the folder is not there yet.
std::optional<std::set<std::string>> PageIds(const std::filesystem::path& folder) {
  if (!std::filesystem::is_directory(folder)) return std::nullopt;
  std::set<std::string> ids;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() == ".md") ids.insert(entry.path().stem().string());
  }
  return ids;
}

// The real bank against the real taxonomy ids. Practices and examples come from
// content/practices and content/examples when those exist; while they are being written the
// ids the bank uses are accepted (check-content checks them against the real content).
/// The ids the real content defines (taxonomy, practices, examples), without path checks.
KnownIds RealIds(const std::filesystem::path& source) {
  toml::table taxonomy = toml::parse_file((source / "content/taxonomy.toml").string());
  KnownIds ids;
  ids.phases = TaxonomyIds(taxonomy, "phase");
  ids.elements = TaxonomyIds(taxonomy, "element");
  ids.principles = TaxonomyIds(taxonomy, "principle");
  ids.sectors = TaxonomyIds(taxonomy, "sector");
  if (auto p = PageIds(source / "content/practices")) ids.practices = *p;
  if (auto e = PageIds(source / "content/examples")) ids.examples = *e;
  return ids;
}

TEST(BankTest, RealBankLoadsAgainstTheRealTaxonomy) {
  const std::filesystem::path source(CULTIVATE_SOURCE_DIR);
  for (std::string_view phase : kPhaseOrder) {
    if (!std::filesystem::exists(source / "questions" / (std::string(phase) + ".toml"))) {
      GTEST_SKIP() << "questions/" << phase << ".toml is not written yet";
    }
  }
  KnownIds ids = RealIds(source);
  ASSERT_EQ(ids.phases.size(), 5u);
  auto practices = PageIds(source / "content/practices");
  auto examples = PageIds(source / "content/examples");
  // Guide pages under practices/, examples/ and phases/ must exist as content files; other
  // site paths (pages) are checked by check-content.
  ids.path_exists = [&](const std::string& path) {
    std::string page = path.substr(0, path.find('#'));
    for (const char* folder : {"practices", "examples", "phases"}) {
      const std::string prefix = std::string("/guide/") + folder + "/";
      if (page.starts_with(prefix) && std::filesystem::is_directory(source / "content" / folder)) {
        return std::filesystem::exists(source / "content" / folder /
                                       (page.substr(prefix.size()) + ".md"));
      }
    }
    return true;
  };
  if (!practices || !examples) {
    auto probe = LoadBank(source / "questions", ids);
    for (const auto& diag : probe ? Diagnostics() : probe.error()) {
      auto accept = [&](const std::string& kind, std::set<std::string>& set) {
        const std::string marker = "unknown " + kind + " '";
        auto at = diag.message.find(marker);
        if (at == std::string::npos) return;
        auto begin = at + marker.size();
        set.insert(diag.message.substr(begin, diag.message.find('\'', begin) - begin));
      };
      if (!practices) accept("practice", ids.practices);
      if (!examples) accept("example", ids.examples);
    }
  }
  auto bank = LoadBank(source / "questions", ids);
  ASSERT_TRUE(bank) << All(bank.error());
  EXPECT_EQ(bank->phases.size(), 5u);
  EXPECT_GE(bank->QuestionCount(), 40);
  EXPECT_FALSE(bank->version.empty());

  // Every question answered (1, 3): 25% now, 75% target in every group; placed in define.
  std::vector<model::Answer> answers;
  for (const auto& phase : bank->phases) {
    for (const auto& q : phase.questions) answers.push_back({q.id, 1, 3, ""});
  }
  std::vector<std::string> all(kPhaseOrder.begin(), kPhaseOrder.end());
  Results r = ScoreCheckup(*bank, {answers}, all);
  EXPECT_DOUBLE_EQ(*r.overall.now, 25);
  EXPECT_DOUBLE_EQ(*r.overall.gap, 50);
  EXPECT_EQ(r.overall.answered, bank->QuestionCount());
  EXPECT_EQ(r.placement.phase, "define");
  EXPECT_FALSE(r.improvement_areas.empty());
  EXPECT_LE(r.improvement_areas.size(), kMaxAreas);
}


// The question's history keys (questions/README.md): versions up to the bank's own.
TEST(BankTest, HistoryKeysAreCheckedAgainstTheBankVersion) {
  auto dir = std::filesystem::temp_directory_path() / ("bank-history-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::copy(kTestdata / "good", dir);
  auto edit = [&](const std::string& name, const std::string& from, const std::string& to) {
    std::ifstream in(dir / name);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    text.replace(text.find(from), from.size(), to);
    std::ofstream(dir / name) << text;
  };
  edit("bank.toml", "version = \"test.1\"", "version = \"2026.2\"");
  edit("define.toml", "id = \"define-q1\"\n", "id = \"define-q1\"\nadded = \"2027.1\"\n");
  edit("define.toml", "id = \"define-q2\"\n", "id = \"define-q2\"\nreworded = \"soon\"\n");
  edit("define.toml", "id = \"define-q3\"\n", "id = \"define-q3\"\ncoordinator_only = \"yes\"\n");
  auto bank = LoadBank(dir, FixtureIds());
  ASSERT_FALSE(bank);
  SCOPED_TRACE(All(bank.error()));
  std::string file = (dir / "define.toml").string();
  EXPECT_TRUE(Has(bank.error(), file, 8, "'added' is 2027.1, after this bank's version 2026.2"));
  EXPECT_TRUE(Has(bank.error(), file, 22, "'reworded' must be a bank version"));
  EXPECT_TRUE(Has(bank.error(), file, 36, "'coordinator_only' must be true or false"));
  std::filesystem::remove_all(dir);
}

TEST(BankTest, VersionsCompareByNumber) {
  EXPECT_LT(CompareVersions("2026.1", "2026.2"), 0);
  EXPECT_GT(CompareVersions("2026.10", "2026.2"), 0);
  EXPECT_EQ(CompareVersions("2026.2", "2026.2"), 0);
  EXPECT_LT(CompareVersions("2025.9", "2026.1"), 0);
  EXPECT_TRUE(ValidVersion("2026.2"));
  EXPECT_FALSE(ValidVersion("2026"));
  EXPECT_FALSE(ValidVersion("v2026.2"));
  EXPECT_FALSE(ValidVersion("2026."));
}

TEST(BankTest, TheRealBankKnowsEachQuestionsHistory) {
  const std::filesystem::path source(CULTIVATE_SOURCE_DIR);
  auto bank = LoadBank(source / "questions", RealIds(source));
  ASSERT_TRUE(bank) << All(bank.error());
  EXPECT_EQ(bank->FindQuestion("define-who-for")->added, "2026.2");
  EXPECT_EQ(bank->FindQuestion("grow-safe-to-ask")->reworded, "2026.2");
  EXPECT_TRUE(bank->FindQuestion("define-sponsor")->coordinator_only);
  EXPECT_FALSE(bank->FindQuestion("define-shared-purpose")->coordinator_only);
  EXPECT_TRUE(bank->FindQuestion("define-shared-purpose")->added.empty());
}

}  // namespace
}  // namespace cultivate::assess

namespace cultivate::assess {
namespace {

// A question's value-creation cycle (issue 16) is optional and checked.
TEST(BankTest, CycleIsReadAndAnUnknownOneIsReported) {
  auto dir = std::filesystem::temp_directory_path() / ("cultivate-cycle-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::copy(kTestdata / "good", dir, std::filesystem::copy_options::recursive);
  auto tag = [&](const std::string& cycle) {
    std::ifstream in(kTestdata / "good/define.toml");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    size_t at = text.find("\nprinciples = ");
    at = text.find('\n', at + 1);
    text.insert(at + 1, "cycle = \"" + cycle + "\"\n");
    std::ofstream(dir / "define.toml") << text;
  };
  tag("applied");
  auto bank = LoadBank(dir, FixtureIds());
  ASSERT_TRUE(bank) << All(bank.error());
  EXPECT_EQ(bank->phases[0].questions[0].cycle, "applied");
  auto results = ScoreCheckup(*bank, {{{bank->phases[0].questions[0].id, 2, 4, ""}}}, {"define"});
  ASSERT_EQ(results.cycles.size(), 1u) << "only cycles some question speaks to";
  EXPECT_EQ(results.cycles[0].id, "applied");
  EXPECT_EQ(results.cycles[0].score.answered, 1);
  tag("someday");
  auto bad = LoadBank(dir, FixtureIds());
  ASSERT_FALSE(bad);
  EXPECT_NE(All(bad.error()).find("'cycle' must be one of immediate"), std::string::npos)
      << All(bad.error());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cultivate::assess
