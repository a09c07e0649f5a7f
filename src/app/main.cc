// cultivate: the command line. serve, migrate, check-content.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "app/demo.h"
#include "app/wiring.h"
#include "common/metrics.h"
#include "http/server.h"
#include "store/sqlite/backup.h"
#include "store/store.h"
#if CULTIVATE_HAVE_POSTGRES
#include "store/postgres/copy_store.h"
#endif
#include "web/app.h"
#include "web/metrics_app.h"
#include "web/site.h"

namespace {

using namespace cultivate;

int PrintDiagnostics(const Diagnostics& diags) {
  for (const auto& d : diags) std::cerr << d.str() << "\n";
  std::cerr << diags.size() << (diags.size() == 1 ? " problem" : " problems") << " found\n";
  return 1;
}

/// The store at `db`, migrated; nullptr after saying on stderr why it cannot be opened.
std::unique_ptr<store::Store> OpenStore(const std::string& db) {
  auto opened = store::Open(db, /*migrate=*/true);
  if (!opened) {
    std::cerr << "cannot open the database " << store::DisplaySpec(db) << ": " << opened.error().message << "\n";
    return nullptr;
  }
  return std::move(*opened);
}

/// "HOST:PORT" or "[IPv6]:PORT" as its parts; false when it is neither.
bool SplitHostPort(const std::string& at, std::string* host, int* port) {
  auto colon = at.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == at.size()) return false;
  *host = at.substr(0, colon);
  if (host->front() == '[' && host->back() == ']') *host = host->substr(1, host->size() - 2);
  try {
    std::size_t used = 0;
    *port = std::stoi(at.substr(colon + 1), &used);
    return used == at.size() - colon - 1 && *port >= 0 && *port <= 65535;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"cultivate: start, grow and renew communities of practice"};
  cli.set_version_flag("--version", std::string("cultivate ") + CULTIVATE_VERSION);
  cli.require_subcommand(1);

  std::string db = "cultivate.db";
  std::string content_dir = ".";
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  int handler_threads = 16;
  int read_threads = static_cast<int>(4 * std::max(1u, std::thread::hardware_concurrency()));
  bool quiet = false;
  int read_timeout_ms = 10000;
  int max_streams = 64, heartbeat_ms = 15000;
  int min_responses = 3;
  int min_detail = 5;
  std::string base_url;
  bool remove_demo = false;
  bool trust_proxy = false;
  bool allow_demo = false;
  std::string metrics_at;  // "": no metrics; "public": on the site's listener; else HOST:PORT

  auto add_db = [&](CLI::App* c) {
    c->add_option("--db", db, "Database: a SQLite file path, sqlite:PATH or postgresql://...")
        ->envname("CULTIVATE_DB")
        ->capture_default_str();
  };
  auto add_content = [&](CLI::App* c) {
    c->add_option("--content-dir", content_dir,
                  "Folder holding content/, questions/, templates/ and static/")
        ->envname("CULTIVATE_CONTENT_DIR")
        ->capture_default_str();
  };

  CLI::App* serve = cli.add_subcommand("serve", "Serve the site over HTTP");
  serve->add_option("--host", host, "Address to listen on")->envname("CULTIVATE_HOST")->capture_default_str();
  serve->add_option("--port", port, "Port to listen on (0 picks a free one)")
      ->envname("CULTIVATE_PORT")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve->add_option("--threads", threads, "Worker threads")
      ->envname("CULTIVATE_THREADS")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve->add_option("--handler-threads", handler_threads,
                    "Threads for requests that change data (saves wait for the disk there, and "
                    "saves waiting together share one commit; on PostgreSQL, pages too when "
                    "--read-threads is 0); 0 runs them on the worker threads")
      ->envname("CULTIVATE_HANDLER_THREADS")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  serve->add_option("--read-threads", read_threads,
                    "On PostgreSQL, threads for pages (GET and HEAD), each waiting on one "
                    "round trip to the database (default: four times the cores; raise it when the "
                    "database is far away); 0 shares the handler threads. SQLite pages run "
                    "on the worker threads")
      ->envname("CULTIVATE_READ_THREADS")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  serve->add_flag("--quiet", quiet, "Log warnings and errors only (no request lines)")
      ->envname("CULTIVATE_QUIET");
  serve->add_option("--read-timeout-ms", read_timeout_ms,
                    "Deadline for reading a request head, and for idle keep-alive connections")
      ->envname("CULTIVATE_READ_TIMEOUT_MS")
      ->check(CLI::Range(50, 600000))
      ->capture_default_str();
  serve->add_option("--max-streams", max_streams,
                    "Live event streams (the review meeting's tally) open at once; more get 503")
      ->envname("CULTIVATE_MAX_STREAMS")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  serve->add_option("--heartbeat-ms", heartbeat_ms, "A comment on a quiet event stream this often")
      ->envname("CULTIVATE_HEARTBEAT_MS")
      ->check(CLI::Range(50, 600000))
      ->capture_default_str();
  serve->add_option("--min-responses", min_responses,
                    "Team results appear only from this many answers (3 or more)")
      ->envname("CULTIVATE_MIN_RESPONSES")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            try {
              if (std::stoll(v) >= 3 && std::stoll(v) <= 1000000) return "";
            } catch (const std::exception&) {
            }
            return "must be a number of at least 3, so no single answer can be singled out";
          },
          "INT >= 3"))
      ->capture_default_str();
  serve->add_option("--min-detail", min_detail,
                    "Per-statement answer counts and spread appear only from this many answers "
                    "(raised to --min-responses when lower)")
      ->envname("CULTIVATE_MIN_DETAIL")
      ->check(CLI::Range(3, 1000000))
      ->capture_default_str();
  serve->add_option("--base-url", base_url,
                    "Public address for invite and sponsor links, e.g. https://cop.example.org")
      ->envname("CULTIVATE_BASE_URL");
  serve->add_flag("--allow-demo", allow_demo,
                  "Serve on a non-loopback address even while the demo account exists")
      ->envname("CULTIVATE_ALLOW_DEMO");
  serve->add_flag("--trust-proxy", trust_proxy,
                  "Behind a reverse proxy on this machine: client address from X-Forwarded-For")
      ->envname("CULTIVATE_TRUST_PROXY");
  serve->add_option("--metrics", metrics_at,
                    "Serve Prometheus metrics at GET /metrics on a listener of its own, "
                    "HOST:PORT (e.g. 127.0.0.1:9464), or `public` to serve them on the site's "
                    "own listener; off when not given")
      ->envname("CULTIVATE_METRICS");
  add_db(serve);
  add_content(serve);

  CLI::App* demo = cli.add_subcommand(
      "seed-demo", "Add the demonstration community (content/demo.toml) unless it is there");
  demo->add_flag("--remove", remove_demo, "Delete the demo account and community instead");
  add_db(demo);
  add_content(demo);

  CLI::App* migrate = cli.add_subcommand("migrate", "Create or upgrade the database schema");
  add_db(migrate);

  std::string backup_to;
  CLI::App* backup = cli.add_subcommand(
      "backup", "Copy a live SQLite store consistently into a new file (SQLite's backup API)");
  add_db(backup);
  backup->add_option("--to", backup_to, "The new file (never overwritten)")->required();

  std::string copy_from, copy_to;
  CLI::App* copy = cli.add_subcommand(
      "copy-store", "Copy a SQLite store into an empty PostgreSQL database (docs/scaling.md)");
  copy->add_option("--from", copy_from, "The SQLite file")->required();
  copy->add_option("--to", copy_to, "postgresql://user@host:port/dbname")->required();

  CLI::App* check = cli.add_subcommand(
      "check-content", "Check content, question bank and templates; print file:line: message");
  add_content(check);

  CLI11_PARSE(cli, argc, argv);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

  if (*check) {
    auto site = web::LoadSite(content_dir);
    if (!site) return PrintDiagnostics(site.error());
    std::cout << "content ok: " << web::Describe(**site) << "\n";
    return 0;
  }

  if (*migrate) {
    auto applied = store::Migrate(db);
    if (!applied) {
      std::cerr << "migrate failed: " << applied.error().message << "\n";
      return 1;
    }
    if (applied->empty()) std::cout << "database is up to date: " << store::DisplaySpec(db) << "\n";
    for (const auto& name : *applied) std::cout << "applied " << name << "\n";
    return 0;
  }

  if (*backup) {
    std::string path = db.starts_with("sqlite:") ? db.substr(7) : db;
    if (auto ok = store::BackupSqlite(path, backup_to); !ok) {
      std::cerr << "backup failed: " << ok.error().message << "\n";
      return 1;
    }
    std::cout << "backed up " << path << " to " << backup_to << " (integrity check ok)\n";
    return 0;
  }

  if (*copy) {
#if CULTIVATE_HAVE_POSTGRES
    auto copied = store::CopyStore(copy_from, copy_to);
    if (!copied) {
      std::cerr << "copy-store failed: " << copied.error().message << "\n";
      return 1;
    }
    std::int64_t total = 0;
    for (const auto& t : *copied) {
      std::cout << t.name << ": " << t.rows << " rows, checksum " << t.checksum.substr(0, 16) << "\n";
      total += t.rows;
    }
    std::cout << "copied " << total << " rows into " << store::DisplaySpec(copy_to)
              << "; every table's count and checksum match\n";
    return 0;
#else
    std::cerr << "copy-store needs PostgreSQL support (libpqxx) in this build\n";
    return 1;
#endif
  }

  if (*demo) {
    auto site = web::LoadSite(content_dir);
    if (!site) return PrintDiagnostics(site.error());
    auto st = OpenStore(db);
    if (!st) return 1;
    if (remove_demo) {
      if (auto ok = app::RemoveDemo(*st, content_dir); !ok) {
        std::cerr << "cannot remove the demo: " << ok.error().message << "\n";
        return 1;
      }
      std::cout << "demo removed\n";
      return 0;
    }
    auto seeded = app::SeedDemo((*site)->bank, *st, content_dir, SystemClock());
    if (!seeded) {
      std::cerr << "cannot seed the demo: " << seeded.error().message << "\n";
      return 1;
    }
    std::cout << (seeded->created ? "demo community added" : "demo community already there")
              << ": sign in at /account/sign-in as " << seeded->email << " with the password "
              << seeded->password << "\n";
    return 0;
  }

  // serve
  if (quiet) spdlog::set_level(spdlog::level::warn);
  std::string metrics_host;
  int metrics_port = 0;
  bool metrics_public = metrics_at == "public";
  if (!metrics_at.empty() && !metrics_public &&
      !SplitHostPort(metrics_at, &metrics_host, &metrics_port)) {
    std::cerr << "--metrics: expected HOST:PORT (such as 127.0.0.1:9464) or public, got "
              << metrics_at << "\n";
    return 1;
  }
  auto started = std::chrono::steady_clock::now();
  auto site = web::LoadSite(content_dir);
  if (!site) return PrintDiagnostics(site.error());
  std::unique_ptr<store::Store> st = OpenStore(db);
  if (!st) return 1;
  // The demo account's password is in the README: never reachable from other machines by
  // accident.
  bool loopback = host == "127.0.0.1" || host == "::1" || host == "localhost" ||
                  host.rfind("127.", 0) == 0;
  if (!loopback && !allow_demo) {
    auto demo = app::DemoPresent(*st, content_dir);
    if (!demo || *demo) {
      std::cerr << "refusing to serve on " << host << ": the demo account (its password is "
                << "public) exists in this database. Remove it with `cultivate seed-demo "
                << "--remove`, or pass --allow-demo to serve it anyway.\n";
      return 1;
    }
  }
  if (!metrics_at.empty()) metrics::Enable(CULTIVATE_VERSION);
  web::AppOptions app_options;
  app_options.metrics_public = metrics_public;
  app_options.team.min_responses = min_responses;
  app_options.team.min_detail = min_detail;
  app_options.base_url = base_url;
  app_options.trust_proxy = trust_proxy;
  app::Wiring wiring(*site, *st, app_options);
  web::WebApp& app = wiring.web();
  http::ServerOptions options;
  options.host = host;
  options.port = static_cast<std::uint16_t>(port);
  options.threads = threads;
  options.handler_threads = handler_threads;
  options.reads_off_thread = st->Remote();
  options.read_threads = read_threads;
  options.header_timeout = std::chrono::milliseconds(read_timeout_ms);
  options.streams.max_streams = static_cast<std::size_t>(max_streams);
  options.streams.heartbeat = std::chrono::milliseconds(heartbeat_ms);
  options.hsts = base_url.rfind("https://", 0) == 0;
  http::Server server(app, options);
  auto bound = server.Listen();
  if (!bound) {
    std::cerr << bound.error().message << "\n";
    return 1;
  }
  // The metrics listener: one thread, its own port, nothing but /metrics.
  std::unique_ptr<web::MetricsApp> metrics_app;
  std::unique_ptr<http::Server> metrics_server;
  std::thread metrics_thread;
  if (!metrics_host.empty()) {
    http::ServerOptions m;
    m.host = metrics_host;
    m.port = static_cast<std::uint16_t>(metrics_port);
    m.threads = 1;
    m.handler_threads = 0;
    m.handle_signals = false;  // stopped below, when the site's server stops
    metrics_app = std::make_unique<web::MetricsApp>(app);
    metrics_server = std::make_unique<http::Server>(*metrics_app, m);
    auto metrics_bound = metrics_server->Listen();
    if (!metrics_bound) {
      std::cerr << "--metrics: " << metrics_bound.error().message << "\n";
      return 1;
    }
    spdlog::warn("metrics at http://{}:{}/metrics", metrics_host, *metrics_bound);
    metrics_thread = std::thread([&metrics_server] { metrics_server->Run(); });
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started).count();
  spdlog::warn("cultivate {} serving http://{}:{}/ ({} threads, {} handler threads, ready in {} ms)",
               CULTIVATE_VERSION, host, *bound, threads, handler_threads, ms);
  std::fflush(stdout);
  server.Run();
  if (metrics_server) {
    metrics_server->Stop();
    metrics_thread.join();
  }
  spdlog::warn("stopped");
  return 0;
}
