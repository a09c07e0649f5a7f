#include "testing/postgres_server.h"

#if CULTIVATE_HAVE_POSTGRES

#include <sys/types.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <vector>

#include <pqxx/pqxx>

#include "testing/run_command.h"

namespace cultivate::testing {

namespace fs = std::filesystem;

namespace {

const fs::path kBin = "/usr/lib/postgresql/15/bin";

// `args` as the postgres user when we are root (PostgreSQL refuses to run as root).
std::vector<std::string> AsPostgres(std::vector<std::string> args) {
  if (::geteuid() != 0) return args;
  args.insert(args.begin(), {"/usr/sbin/runuser", "-u", "postgres", "--"});
  return args;
}

void Run(const std::vector<std::string>& args, const std::string& what) {
  auto result = RunCommand(args, {"LC_ALL=C.UTF-8"}, std::chrono::seconds(120));
  if (result.exit_code != 0) {
    throw std::runtime_error("PostgreSQL test server: " + what + " failed (exit " +
                             std::to_string(result.exit_code) + "): " + result.out + result.err);
  }
}

}  // namespace

struct PostgresServer::State {
  fs::path dir;            // ours to remove; empty when the server is external
  std::string socket_dir;  // -k
  int port = 0;
  std::string admin_uri;  // the maintenance database, for CREATE DATABASE
  std::atomic<int> next{0};
  std::mutex mu;
  std::vector<std::string> created;  // guarded by mu; dropped at exit on an external server
};

PostgresServer& PostgresServer::Shared() {
  static std::mutex mu;
  static std::unique_ptr<PostgresServer> server;  // destroyed at exit: the server stops
  std::lock_guard lock(mu);
  if (server) return *server;
  auto state = std::make_unique<State>();
  if (const char* external = std::getenv("CULTIVATE_TEST_POSTGRES"); external && *external) {
    state->admin_uri = external;
    server.reset(new PostgresServer(std::move(state)));
    return *server;
  }
  if (!fs::exists(kBin / "initdb") || !fs::exists(kBin / "pg_ctl")) {
    throw std::runtime_error("PostgreSQL 15 is not installed (no " + (kBin / "initdb").string() +
                             "): run `scripts/deps test`");
  }
  std::string pattern = (fs::temp_directory_path() / "cultivate-pg-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  state->dir = pattern;
  try {
    Start(*state);
  } catch (...) {
    Stop(*state);
    throw;
  }
  server.reset(new PostgresServer(std::move(state)));
  return *server;
}

void PostgresServer::Start(State& state) {
  state.socket_dir = (state.dir / "sock").string();
  fs::create_directory(state.socket_dir);
  // A private socket folder makes any port number free; vary it anyway so that the
  // shared-memory keys PostgreSQL derives from it rarely collide between test processes.
  state.port = 20000 + static_cast<int>(::getpid() % 20000);
  if (::geteuid() == 0) Run({"/bin/chown", "-R", "postgres:postgres", state.dir.string()}, "chown");
  std::string data = (state.dir / "data").string();
  Run(AsPostgres({(kBin / "initdb").string(), "-D", data, "-A", "trust", "-U", "postgres",
                  "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"}),
      "initdb");
  Run(AsPostgres({(kBin / "pg_ctl").string(), "-D", data, "-l", (state.dir / "server.log").string(),
                  "-o",
                  "-k " + state.socket_dir + " -p " + std::to_string(state.port) +
                      " -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
                      " -c full_page_writes=off -c max_connections=200",
                  "-w", "-t", "60", "start"}),
      "pg_ctl start");
  state.admin_uri = "postgresql://postgres@/postgres?host=" + state.socket_dir +
                    "&port=" + std::to_string(state.port);
}

PostgresServer::PostgresServer(std::unique_ptr<State> state) : state_(std::move(state)) {}

PostgresServer::~PostgresServer() {
  if (state_->dir.empty()) {  // someone else's server: leave it as we found it
    try {
      pqxx::connection admin(state_->admin_uri);
      pqxx::nontransaction tx(admin);
      for (const auto& name : state_->created)
        tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name) + " WITH (FORCE)");
    } catch (const std::exception&) {
      // Nothing to be done at exit; the databases stay.
    }
    return;
  }
  Stop(*state_);
}

void PostgresServer::Stop(State& state) {
  std::string data = (state.dir / "data").string();
  if (std::filesystem::exists(data + "/postmaster.pid")) {
    RunCommand(
        AsPostgres({(kBin / "pg_ctl").string(), "-D", data, "-m", "immediate", "-w", "stop"}), {},
        std::chrono::seconds(60));
  }
  std::error_code ec;
  fs::remove_all(state.dir, ec);
}

std::string PostgresServer::Uri(const std::string& name) const {
  if (!state_->dir.empty()) {
    return "postgresql://postgres@/" + name + "?host=" + state_->socket_dir +
           "&port=" + std::to_string(state_->port);
  }
  // An external server: the same URI with another database name.
  const std::string& admin = state_->admin_uri;
  auto scheme = admin.find("://");
  auto slash = admin.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) return admin + "/" + name;
  auto end = admin.find('?', slash);
  return admin.substr(0, slash + 1) + name + (end == std::string::npos ? "" : admin.substr(end));
}

std::string PostgresServer::CreateDatabase() {
  std::string name = "t_" + std::to_string(::getpid()) + "_" + std::to_string(++state_->next);
  try {
    pqxx::connection admin(state_->admin_uri);
    pqxx::nontransaction tx(admin);
    tx.exec("CREATE DATABASE " + tx.quote_name(name) + " TEMPLATE template0 ENCODING 'UTF8'");
  } catch (const std::exception& e) {
    throw std::runtime_error("PostgreSQL test server: CREATE DATABASE " + name + ": " + e.what());
  }
  std::lock_guard lock(state_->mu);
  state_->created.push_back(name);
  return Uri(name);
}

}  // namespace cultivate::testing

#endif  // CULTIVATE_HAVE_POSTGRES
