#include "testing/run_command.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

extern char** environ;

namespace cultivate::testing {

namespace {

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The current environment with `extra` ("NAME=value") added or replacing.
std::vector<std::string> Environment(const std::vector<std::string>& extra) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; e && *e; ++e) {
    std::string kv = *e;
    size_t eq = kv.find('=');
    if (eq != std::string::npos) vars[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& kv : extra) {
    size_t eq = kv.find('=');
    if (eq != std::string::npos) vars[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  std::vector<std::string> out;
  for (const auto& [k, v] : vars) out.push_back(k + "=" + v);
  return out;
}

/// Forks and execs; the child's stdout and stderr go to the given files.
pid_t Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env,
            const std::string& out_path, const std::string& err_path) {
  // Everything the child needs is built before fork: it only calls async-signal-safe
  // functions until execve.
  std::vector<std::string> envs = Environment(env);
  std::vector<std::string> argv_s = args;
  std::vector<char*> argv, envp;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : envs) envp.push_back(e.data());
  envp.push_back(nullptr);
  bool same = err_path == out_path;
  pid_t pid = fork();
  if (pid == 0) {
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = same ? out : open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, 1);
    dup2(err, 2);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  return pid;
}

std::filesystem::path TempBase() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "cultivate-cmd-XXXXXX").string();
  char* made = mkdtemp(tmpl.data());
  return made ? std::filesystem::path(made) : std::filesystem::temp_directory_path();
}

}  // namespace

CommandResult RunCommand(const std::vector<std::string>& args, const std::vector<std::string>& env,
                         std::chrono::seconds timeout) {
  std::filesystem::path dir = TempBase();
  std::string out_path = (dir / "out").string(), err_path = (dir / "err").string();
  CommandResult result;
  pid_t pid = Spawn(args, env, out_path, err_path);
  if (pid < 0) return result;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  bool done = false;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      done = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!done) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    result.exit_code = -1000;
  } else if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = -WTERMSIG(status);
  }
  result.out = ReadAll(out_path);
  result.err = ReadAll(err_path);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return result;
}

Child::Child(const std::vector<std::string>& args, const std::vector<std::string>& env,
             std::filesystem::path log)
    : log_(std::move(log)) {
  pid_ = Spawn(args, env, log_.string(), log_.string());
}

Child::~Child() {
  if (!stopped_) Stop(SIGKILL);
}

std::string Child::Output() const { return ReadAll(log_); }

bool Child::WaitFor(const std::string& pattern, std::string* capture, std::chrono::seconds timeout) {
  std::regex re(pattern);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    std::string out = Output();
    if (std::regex_search(out, m, re)) {
      if (capture) *capture = m.size() > 1 ? m[1].str() : std::string();
      return true;
    }
    int status = 0;
    if (!stopped_ && waitpid(pid_, &status, WNOHANG) == pid_) {
      stopped_ = true;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

int Child::Stop(int signal_number) {
  if (stopped_ || pid_ <= 0) return -1;
  kill(pid_, signal_number);
  int status = 0;
  waitpid(pid_, &status, 0);
  stopped_ = true;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1;
}

}  // namespace cultivate::testing
