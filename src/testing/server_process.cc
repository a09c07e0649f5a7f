#include "testing/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "testing/postgres_server.h"

namespace cultivate::testing {

std::filesystem::path SourceDir() {
  if (const char* env = std::getenv("CULTIVATE_SOURCE_DIR")) return env;
  return CULTIVATE_SOURCE_DIR;
}

std::filesystem::path Binary() {
  // CULTIVATE_TEST_BINARY runs the server tests against another build (to show that a test
  // of an attack fails on the code before its fix).
  if (const char* env = std::getenv("CULTIVATE_TEST_BINARY")) return env;
  return CULTIVATE_BINARY;
}

std::string TestStoreSpec() {
  const char* kind = std::getenv("CULTIVATE_TEST_STORE");
  if (!kind || std::string(kind) != "postgresql") return "";
#if CULTIVATE_HAVE_POSTGRES
  return PostgresServer::Shared().CreateDatabase();
#else
  throw std::runtime_error("CULTIVATE_TEST_STORE=postgresql, but this build has no PostgreSQL support");
#endif
}

namespace {
std::filesystem::path MakeTempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "cultivate-test-XXXXXX").string();
  char* made = mkdtemp(tmpl.data());
  if (!made) throw std::runtime_error("mkdtemp failed");
  return made;
}
}  // namespace

ServerProcess::ServerProcess(std::vector<std::string> extra, std::string db_spec) {
  dir_ = MakeTempDir();
  if (db_spec.empty()) db_spec = TestStoreSpec();
  if (db_spec.empty()) db_spec = db().string();
  std::vector<std::string> args = {Binary().string(), "serve",          "--port", "0",
                                   "--db",            db_spec,          "--content-dir",
                                   SourceDir().string(), "--threads", "2"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::string log = (dir_ / "server.log").string();
  pid_ = fork();
  if (pid_ == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  static const std::regex kServing(R"(serving http://[0-9.]+:([0-9]+)/)");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    std::string out = Output();
    if (std::regex_search(out, m, kServing)) {
      port_ = static_cast<std::uint16_t>(std::stoi(m[1].str()));
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      stopped_ = true;
      ADD_FAILURE() << "server exited early:\n" << out;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "server did not start in time:\n" << Output();
}

ServerProcess::~ServerProcess() {
  if (!stopped_) Stop(SIGKILL);
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

int ServerProcess::Stop(int signal_number) {
  if (stopped_) return -1;
  kill(pid_, signal_number);
  int status = 0;
  waitpid(pid_, &status, 0);
  stopped_ = true;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1;
}

std::string ServerProcess::Output() const {
  std::ifstream in(dir_ / "server.log");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace cultivate::testing
