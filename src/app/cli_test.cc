// The `cultivate` command line as an operator uses it: help, version, check-content on
// good and broken content (with file:line), environment variables, migrate.
#include <signal.h>

#include <gtest/gtest.h>
#include "testing/http_client.h"

#include <SQLiteCpp/Database.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "store/test_support.h"
#include "testing/raw_http.h"
#include "testing/run_command.h"
#include "testing/server_process.h"

namespace cultivate {
namespace {

using cultivate::testing::Binary;
using cultivate::testing::Child;
using cultivate::testing::CommandResult;
using cultivate::testing::RunCommand;
using cultivate::testing::SourceDir;
using store::test::TempDir;

CommandResult Cultivate(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  std::vector<std::string> full = {Binary().string()};
  full.insert(full.end(), args.begin(), args.end());
  return RunCommand(full, env);
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

/// A copy of everything check-content reads, to break on purpose.
class ContentCopy {
 public:
  ContentCopy() {
    for (const char* dir : {"content", "questions", "templates", "static"})
      std::filesystem::copy(SourceDir() / dir, tmp_.path() / dir, std::filesystem::copy_options::recursive);
  }
  std::filesystem::path root() const { return tmp_.path(); }
  /// Replaces the first occurrence of `from` in root/rel; returns the 1-based line where it was.
  int Replace(const std::string& rel, const std::string& from, const std::string& to) {
    std::string text = ReadFile(root() / rel);
    size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from << " not in " << rel;
    if (at == std::string::npos) return -1;
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
    text.replace(at, from.size(), to);
    WriteFile(root() / rel, text);
    return line;
  }

 private:
  TempDir tmp_;
};

/// True when some output line is `<path ending in rel>:<line>: <message>`.
bool HasDiagnostic(const std::string& output, const std::string& rel, int line) {
  std::regex re("(^|\n)[^\n]*" + std::regex_replace(rel, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") + ":" +
                std::to_string(line) + ": [^\n]+");
  return std::regex_search(output, re);
}

// ---- help and version ----

TEST(CliTest, HelpListsTheCommands) {
  auto r = Cultivate({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* word : {"serve", "migrate", "check-content", "--version"})
    EXPECT_NE(r.out.find(word), std::string::npos) << word << " missing from:\n" << r.out;
}

TEST(CliTest, ServeHelpListsOptionsAndEnvironmentVariables) {
  auto r = Cultivate({"serve", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* word : {"--host", "--port", "--db", "--threads", "--handler-threads", "--content-dir",
                           "CULTIVATE_PORT", "CULTIVATE_DB", "CULTIVATE_HOST", "CULTIVATE_THREADS",
                           "CULTIVATE_HANDLER_THREADS", "CULTIVATE_CONTENT_DIR"})
    EXPECT_NE(r.out.find(word), std::string::npos) << word << " missing from:\n" << r.out;
}

TEST(CliTest, Version) {
  auto r = Cultivate({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, std::string("cultivate ") + CULTIVATE_VERSION + "\n");
}

TEST(CliTest, NoCommandOrUnknownCommandFails) {
  auto none = Cultivate({});
  EXPECT_NE(none.exit_code, 0);
  EXPECT_FALSE((none.out + none.err).empty());
  auto unknown = Cultivate({"frobnicate"});
  EXPECT_NE(unknown.exit_code, 0);
  auto bad_option = Cultivate({"serve", "--no-such-option"});
  EXPECT_NE(bad_option.exit_code, 0);
  auto bad_port = Cultivate({"serve", "--port", "70000", "--content-dir", SourceDir().string()});
  EXPECT_NE(bad_port.exit_code, 0);
}

// ---- check-content ----

TEST(CheckContentTest, RealContentIsOk) {
  auto r = Cultivate({"check-content", "--content-dir", SourceDir().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("content ok"), std::string::npos) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(CheckContentTest, UntouchedCopyIsOk) {
  ContentCopy copy;
  auto r = Cultivate({"check-content", "--content-dir", copy.root().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(CheckContentTest, UnknownPhaseInFrontMatter) {
  ContentCopy copy;
  int line = copy.Replace("content/practices/charter.md", "phases = [\"define\", \"design\"]",
                          "phases = [\"define\", \"desing\"]");
  auto r = Cultivate({"check-content", "--content-dir", copy.root().string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(HasDiagnostic(r.err, "content/practices/charter.md", line)) << "want line " << line << ":\n" << r.err;
  EXPECT_NE(r.err.find("desing"), std::string::npos) << r.err;
}

TEST(CheckContentTest, UnknownSectorInAnExample) {
  ContentCopy copy;
  int line = copy.Replace("content/examples/project-echo.md", "sector = \"health-care\"", "sector = \"healthcare\"");
  auto r = Cultivate({"check-content", "--content-dir", copy.root().string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(HasDiagnostic(r.err, "content/examples/project-echo.md", line)) << "want line " << line << ":\n" << r.err;
}

TEST(CheckContentTest, MissingRequiredFieldNamesTheFile) {
  ContentCopy copy;
  copy.Replace("content/examples/project-echo.md", "scale = \"298", "# scale = \"298");
  auto r = Cultivate({"check-content", "--content-dir", copy.root().string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(std::regex_search(r.err, std::regex("content/examples/project-echo\\.md:[0-9]+: [^\n]*scale")))
      << r.err;
}

TEST(CheckContentTest, BrokenLinkInABody) {
  ContentCopy copy;
  std::string text = ReadFile(copy.root() / "content/practices/charter.md");
  if (!text.empty() && text.back() != '\n') text += '\n';
  int line = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  WriteFile(copy.root() / "content/practices/charter.md",
            text + "See [a page that is not there](/guide/practices/no-such-practice).\n");
  auto r = Cultivate({"check-content", "--content-dir", copy.root().string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no-such-practice"), std::string::npos) << r.err;
  EXPECT_TRUE(HasDiagnostic(r.err, "content/practices/charter.md", line)) << "want line " << line << ":\n" << r.err;
}

TEST(CheckContentTest, TemplateSyntaxError) {
  ContentCopy copy;
  int line = copy.Replace("templates/search.html", "<button type=\"submit\">Search</button>",
                          "<button type=\"submit\">{{#oops}}Search</button>");
  auto r = Cultivate({"check-content", "--content-dir", copy.root().string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(HasDiagnostic(r.err, "templates/search.html", line)) << "want line " << line << ":\n" << r.err;
}

TEST(CheckContentTest, UnknownPartialInATemplate) {
  ContentCopy copy;
  int line = copy.Replace("templates/search.html", "<h1>Search</h1>", "<h1>Search</h1>{{> partials/nope}}");
  auto r = Cultivate({"check-content", "--content-dir", copy.root().string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(HasDiagnostic(r.err, "templates/search.html", line)) << "want line " << line << ":\n" << r.err;
}

TEST(CheckContentTest, UnknownElementInAQuestion) {
  ContentCopy copy;
  std::string text = ReadFile(copy.root() / "questions/define.toml");
  size_t second = text.find("element = \"domain\"", text.find("element = \"domain\"") + 1);
  ASSERT_NE(second, std::string::npos);
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(second), '\n'));
  text.replace(second, 18, "element = \"domian\"");
  WriteFile(copy.root() / "questions/define.toml", text);
  auto r = Cultivate({"check-content", "--content-dir", copy.root().string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(HasDiagnostic(r.err, "questions/define.toml", line)) << "want line " << line << ":\n" << r.err;
  EXPECT_NE(r.err.find("domian"), std::string::npos) << r.err;
}

TEST(CheckContentTest, UnknownPracticeInAQuestion) {
  ContentCopy copy;
  int line = copy.Replace("questions/define.toml", "practices = [\"charter\", \"finding-the-domain\"]",
                          "practices = [\"charter\", \"finding-a-domain\"]");
  auto r = Cultivate({"check-content", "--content-dir", copy.root().string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(HasDiagnostic(r.err, "questions/define.toml", line)) << "want line " << line << ":\n" << r.err;
}

TEST(CheckContentTest, EveryProblemIsReportedNotJustTheFirst) {
  ContentCopy copy;
  int a = copy.Replace("content/practices/charter.md", "phases = [\"define\", \"design\"]", "phases = [\"nope\"]");
  int b = copy.Replace("templates/search.html", "<h1>Search</h1>", "<h1>Search</h1>{{> partials/nope}}");
  auto r = Cultivate({"check-content", "--content-dir", copy.root().string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(HasDiagnostic(r.err, "content/practices/charter.md", a)) << r.err;
  EXPECT_TRUE(HasDiagnostic(r.err, "templates/search.html", b)) << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex("[0-9]+ problems found"))) << r.err;
}

TEST(CheckContentTest, ServeRefusesBrokenContentWithTheSameMessage) {
  ContentCopy copy;
  int line = copy.Replace("content/practices/charter.md", "phases = [\"define\", \"design\"]",
                          "phases = [\"define\", \"desing\"]");
  TempDir db;
  auto r = Cultivate({"serve", "--port", "0", "--content-dir", copy.root().string(), "--db", db.File("x.db")});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.exit_code, -1000) << "serve started although the content is broken";
  EXPECT_TRUE(HasDiagnostic(r.out + r.err, "content/practices/charter.md", line)) << r.out << r.err;
}

// ---- environment variables ----

TEST(CliEnvTest, ContentDirFromEnvironmentAndFlagWins) {
  ContentCopy broken;
  broken.Replace("content/practices/charter.md", "phases = [\"define\", \"design\"]", "phases = [\"nope\"]");
  auto from_env = Cultivate({"check-content"}, {"CULTIVATE_CONTENT_DIR=" + broken.root().string()});
  EXPECT_NE(from_env.exit_code, 0) << "CULTIVATE_CONTENT_DIR was ignored";
  EXPECT_NE(from_env.err.find(broken.root().string()), std::string::npos) << from_env.err;
  auto good = Cultivate({"check-content"}, {"CULTIVATE_CONTENT_DIR=" + SourceDir().string()});
  EXPECT_EQ(good.exit_code, 0) << good.err;
  auto flag = Cultivate({"check-content", "--content-dir", SourceDir().string()},
                  {"CULTIVATE_CONTENT_DIR=" + broken.root().string()});
  EXPECT_EQ(flag.exit_code, 0) << "the flag should win over the environment:\n" << flag.err;
}

TEST(CliEnvTest, ServeTakesPortDbHostAndThreadsFromEnvironment) {
  TempDir tmp;
  std::uint16_t port = cultivate::testing::FreePort();
  ASSERT_NE(port, 0);
  std::string db = tmp.File("from-env.db");
  Child server({Binary().string(), "serve"},
               {"CULTIVATE_PORT=" + std::to_string(port), "CULTIVATE_DB=" + db, "CULTIVATE_HOST=127.0.0.1",
                "CULTIVATE_THREADS=3", "CULTIVATE_HANDLER_THREADS=5",
                "CULTIVATE_CONTENT_DIR=" + SourceDir().string()},
               tmp.path() / "server.log");
  std::string bound;
  ASSERT_TRUE(server.WaitFor(R"(serving http://127\.0\.0\.1:([0-9]+)/)", &bound)) << server.Output();
  EXPECT_EQ(bound, std::to_string(port));
  EXPECT_NE(server.Output().find("(3 threads, 5 handler threads"), std::string::npos) << server.Output();
  httplib::Client cli("127.0.0.1", port);
  auto r = cli.Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(std::filesystem::exists(db)) << "CULTIVATE_DB was ignored";
  EXPECT_EQ(server.Stop(SIGTERM), 0);
}

TEST(CliEnvTest, ReadTimeoutAndQuietFromEnvironment) {
  TempDir tmp;
  Child server({Binary().string(), "serve", "--port", "0", "--db", tmp.File("q.db")},
               {"CULTIVATE_READ_TIMEOUT_MS=300", "CULTIVATE_QUIET=1", "CULTIVATE_CONTENT_DIR=" + SourceDir().string()},
               tmp.path() / "server.log");
  std::string port;
  ASSERT_TRUE(server.WaitFor(R"(serving http://127\.0\.0\.1:([0-9]+)/)", &port)) << server.Output();
  cultivate::testing::RawConnection idle(static_cast<std::uint16_t>(std::stoi(port)));
  ASSERT_TRUE(idle.connected());
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(idle.WaitClosed(std::chrono::seconds(5)));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2)) << "CULTIVATE_READ_TIMEOUT_MS ignored";
  httplib::Client cli("127.0.0.1", static_cast<std::uint16_t>(std::stoi(port)));
  ASSERT_TRUE(cli.Get("/healthz"));
  EXPECT_EQ(server.Stop(SIGTERM), 0);
  EXPECT_EQ(server.Output().find("GET /healthz"), std::string::npos) << "quiet still logs requests:\n" << server.Output();
}

TEST(CliEnvTest, BadEnvironmentValueIsAnError) {
  auto r = Cultivate({"serve"}, {"CULTIVATE_PORT=eighty", "CULTIVATE_CONTENT_DIR=" + SourceDir().string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.exit_code, -1000) << "serve started with a port it could not read";
}

TEST(CliTest, PortInUseIsAnErrorNotAHang) {
  cultivate::testing::ServerProcess first;
  TempDir tmp;
  auto r = Cultivate({"serve", "--port", std::to_string(first.port()), "--db", tmp.File("x.db"), "--content-dir",
                SourceDir().string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.exit_code, -1000);
  EXPECT_NE((r.out + r.err).find(std::to_string(first.port())), std::string::npos) << r.out << r.err;
}

// ---- migrate ----

int Count(const std::string& db, const std::string& sql) {
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  return d.execAndGet(sql).getInt();
}

TEST(MigrateTest, TwiceIsIdempotent) {
  TempDir tmp;
  std::string db = tmp.File("m.db");
  auto first = Cultivate({"migrate", "--db", db});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("applied "), std::string::npos) << first.out;
  int migrations = Count(db, "SELECT count(*) FROM schema_migrations");
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(SourceDir() / "src/store/migrations/sqlite"))
    files += e.path().extension() == ".sql";
  EXPECT_EQ(migrations, files);
  int tables = Count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");

  auto second = Cultivate({"migrate", "--db", db});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out.find("applied "), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("up to date"), std::string::npos) << second.out;
  EXPECT_EQ(Count(db, "SELECT count(*) FROM schema_migrations"), migrations);
  EXPECT_EQ(Count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), tables);
}

TEST(MigrateTest, DbFromEnvironment) {
  TempDir tmp;
  std::string db = tmp.File("env.db");
  auto r = Cultivate({"migrate"}, {"CULTIVATE_DB=" + db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(std::filesystem::exists(db)) << "CULTIVATE_DB was ignored by migrate";
  EXPECT_GT(Count(db, "SELECT count(*) FROM schema_migrations"), 0);
}

TEST(MigrateTest, UnwritableLocationFails) {
  auto r = Cultivate({"migrate", "--db", "/nonexistent-dir/sub/x.db"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(r.err.empty());
}

}  // namespace
}  // namespace cultivate
