// A fuzzer against the real `cultivate serve` binary (issue 14, "Also"): random bytes, junk
// and deeply nested JSON, broken UTF-8 and control characters in paths, queries, headers,
// cookies, form and JSON bodies, on every route. The API routes (paths, methods, parameters,
// request schemas) are read from content/openapi.json at test time; the HTML routes are
// listed in HtmlRoutes().
//
// How it works:
//  1. Seeds real data through the API and the forms: an owner account, a spare account (a
//     second person, with two sessions), a solo check-up with answers, reflections and a
//     plan, a community with two rounds (one closed, one open), an invite, a sponsor link,
//     three members who joined and answered (enough to show team results), and a community
//     plan. The same again as a throwaway
//     set, plus a community to delete, one of the spare account and one whose invite stays
//     joinable. The JSON of the kept set (check-ups, community, rounds, results, trends,
//     plans, sponsor view, account, export) is the "before" snapshot.
//  2. Generates requests from a seeded PRNG (CULTIVATE_FUZZ_SEED overrides the seed; each
//     request has its own generator seeded with (seed, index), so request N is the same for
//     a seed whatever the threads did). Most are mutations of valid requests (the owner's
//     session cookie and CSRF token, real ids and tokens, JSON bodies built from the OpenAPI
//     schemas, the forms' fields) so that they reach the handlers; then heavier junk; then
//     raw protocol junk (request lines, framing, chunking, header syntax). A few are
//     followed by GET /healthz on the same connection. No request that could legitimately
//     change the kept set is ever sent: a write (any method but GET and HEAD) that carries
//     the owner's session never names a kept community; no write names a kept check-up,
//     invite or sponsor token; the routes that end a session or delete an account only ever
//     see the spare account's second session or junk; no fuzzed body holds a real password
//     or the owner's email. Writes by the spare account or by nobody may name kept records:
//     they must be refused.
//  3. Passes only with no response of 500 or more, every well-formed request answered (also
//     a pipelined one after it), no response header smuggled in through the request, the
//     server alive and answering /healthz with 200, and the "after" snapshot equal to the
//     "before" one. Failures list up to 20 requests (method, target, headers, a hex excerpt
//     of the body, status, an excerpt of the response) and the seed.
//
// Bounded: CULTIVATE_FUZZ_SECONDS (default 60) and CULTIVATE_FUZZ_REQUESTS (default 40000),
// whichever comes first; three client threads. CULTIVATE_FUZZ_DUMP=<dir> writes the bytes of
// each failing request there, to replay with `nc 127.0.0.1 PORT < file`;
// CULTIVATE_FUZZ_VERBOSE=1 prints the statuses per route. Traffic goes to 127.0.0.1 only.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "testing/server_process.h"
#include "web/fuzz/client_test_support.h"
#include "web/fuzz/generator_test_support.h"
#include "web/fuzz/junk_test_support.h"
#include "web/fuzz/request_test_support.h"
#include "web/fuzz/routes_test_support.h"
#include "web/fuzz/seed_test_support.h"

// The pieces are under src/web/fuzz/.
namespace cultivate::web::fuzz {
namespace {

using cultivate::testing::ServerProcess;

struct Failure {
  std::string route;    // "kind METHOD /pattern"
  std::string request;  // Fuzzed::Describe()
  int status = 0;
  std::string response;
  std::string why;
};

// ---------------------------------------------------------------------------------------

TEST(FuzzTest, EveryRouteSurvivesJunkWithoutA5xxOrDataChange) {
  const std::uint32_t seed = static_cast<std::uint32_t>(std::stoul(EnvOr("CULTIVATE_FUZZ_SEED", "20240614")));
  const double seconds = std::stod(EnvOr("CULTIVATE_FUZZ_SECONDS", "60"));
  const std::uint64_t max_requests = std::stoull(EnvOr("CULTIVATE_FUZZ_REQUESTS", "40000"));
  const std::string dump_dir = EnvOr("CULTIVATE_FUZZ_DUMP", "");
  SCOPED_TRACE("fuzz seed " + std::to_string(seed) + " (rerun with CULTIVATE_FUZZ_SEED=" + std::to_string(seed) + ")");

  ServerProcess server;
  ASSERT_NE(server.port(), 0);
  World w;
  w.port = server.port();

  // The routes: the API from its OpenAPI document, the pages from the list above.
  {
    std::ifstream in(cultivate::testing::SourceDir() / "content" / "openapi.json");
    ASSERT_TRUE(in) << "content/openapi.json";
    w.openapi = json::parse(in, nullptr, false);
    ASSERT_TRUE(w.openapi.is_object() && w.openapi.contains("paths"));
  }
  w.routes = ApiRoutes(w.openapi);
  ASSERT_GE(w.routes.size(), 20u) << "too few API routes in content/openapi.json";
  for (auto& r : HtmlRoutes()) w.routes.push_back(std::move(r));
  for (const auto& r : w.routes) w.weights.push_back(r.weight);

  // The question bank and the guide's ids.
  {
    Reply q = Call(w.port, "GET", "/api/v1/questions");
    ASSERT_EQ(q.status, 200) << q.body;
    json bank = BodyJson(q);
    for (const auto& phase : bank["phases"]) {
      std::string id = phase["id"];
      w.phases.push_back(id);
      for (const auto& question : phase["questions"]) {
        w.questions.push_back(question["id"]);
        w.phase_questions[id].push_back(question["id"]);
      }
      for (const auto& prompt : phase["prompts"]) {
        w.prompts.push_back(prompt["id"]);
        w.phase_prompts[id].push_back(prompt["id"]);
      }
    }
    ASSERT_FALSE(w.questions.empty());
    for (const char* dir : {"practices", "examples"}) {
      auto& into = std::string(dir) == "practices" ? w.practices : w.examples;
      for (const auto& e : std::filesystem::directory_iterator(cultivate::testing::SourceDir() / "content" / dir))
        if (e.path().extension() == ".md") into.push_back(e.path().stem().string());
      std::sort(into.begin(), into.end());
      if (into.empty()) into.push_back("none");
    }
  }

  // Seed: accounts, check-ups, communities (kept, throwaway, doomed, the spare's own).
  w.owner_session = SignUpAndIn(w.port, kOwnerEmail, kOwnerPassword, "Fuzz Owner");
  w.spare_session = SignUpAndIn(w.port, kSpareEmail, kSparePassword, "Fuzz Spare");
  ASSERT_FALSE(w.owner_session.empty() || w.spare_session.empty());
  w.owner_csrf = Csrf(w.port, w.owner_session);
  w.spare_csrf = Csrf(w.port, w.spare_session);
  {
    Reply in = CallJson(w.port, "POST", "/api/v1/session", {{"email", kSpareEmail}, {"password", kSparePassword}});
    ASSERT_EQ(in.status, 200) << in.body;
    w.ender_session = in.SetCookie(kSession);
    w.ender_csrf = Csrf(w.port, w.ender_session);
    ASSERT_FALSE(w.ender_session.empty() || w.ender_csrf.empty());
  }
  ASSERT_FALSE(w.owner_csrf.empty() || w.spare_csrf.empty()) << "no csrf field on /communities/new";
  w.owner_id = BodyJson(Call(w.port, "GET", "/api/v1/account", "", {CookieHeader(w.owner_session)})).value("id", std::int64_t{0});
  w.spare_id = BodyJson(Call(w.port, "GET", "/api/v1/account", "", {CookieHeader(w.spare_session)})).value("id", std::int64_t{0});
  w.kept = SeedCommunity(w, "Kept community");
  w.kept.solo = SeedSolo(w, "Kept solo club");
  w.spare = SeedCommunity(w, "Throwaway community");
  w.spare.solo = SeedSolo(w, "Throwaway solo club");
  {
    Reply d = CallJson(w.port, "POST", "/api/v1/communities", {{"name", "Doomed community"}}, w.owner_session);
    ASSERT_EQ(d.status, 201) << d.body;
    w.doomed = BodyJson(d).value("id", std::int64_t{0});
    Reply o = CallJson(w.port, "POST", "/api/v1/communities", {{"name", "The spare's community"}}, w.spare_session);
    ASSERT_EQ(o.status, 201) << o.body;
    w.others = BodyJson(o).value("id", std::int64_t{0});
    Reply j = CallJson(w.port, "POST", "/api/v1/communities", {{"name", "Joinable community"}}, w.owner_session);
    ASSERT_EQ(j.status, 201) << j.body;
    std::string base = "/api/v1/communities/" + std::to_string(BodyJson(j).value("id", std::int64_t{0}));
    Reply jr = CallJson(w.port, "POST", base + "/rounds", json::object(), w.owner_session);
    ASSERT_EQ(jr.status, 201) << jr.body;
    Reply ji = CallJson(w.port, "POST", base + "/invites", {{"days", 30}}, w.owner_session);
    ASSERT_EQ(ji.status, 201) << ji.body;
    w.joinable = BodyJson(ji).value("token", "");
  }
  ASSERT_FALSE(::testing::Test::HasFailure()) << "seeding failed";
  const auto before = Snapshot(w);
  for (const auto& [target, value] : before)
    if (target.rfind("export:", 0) != 0) {
      ASSERT_EQ(value.substr(0, 4), "200 ") << target << ": " << value.substr(0, 300);
    }

  // Fuzz.
  Generator gen(w);
  std::atomic<std::uint64_t> next{0}, sent{0}, unanswered_ok{0};
  std::atomic<bool> dead{false};
  std::mutex mu;
  std::vector<Failure> failures;
  std::vector<std::string> suspects;
  std::map<int, std::uint64_t> by_status;
  std::map<std::string, std::uint64_t> reached;  // route -> responses under 400
  const bool verbose = !EnvOr("CULTIVATE_FUZZ_VERBOSE", "").empty();
  std::map<std::string, std::map<int, std::uint64_t>> per_route;
  std::vector<std::string> examples_400;  // mutations that did not even parse: is the generator too rough?
  // The last requests of each worker: when the server dies, one of them killed it.
  std::vector<std::vector<std::string>> recent(3);
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
  auto worker = [&](std::size_t me) {
    for (;;) {
      if (dead || std::chrono::steady_clock::now() >= deadline) return;
      std::uint64_t i = next++;
      if (i >= max_requests) return;
      std::seed_seq seq{seed, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i >> 32)};
      Rng rng(seq);
      Fuzzed f;
      try {
        f = gen.Make(rng, i);
      } catch (const std::exception& e) {  // a bug of the fuzzer itself: say so, go on
        std::lock_guard lock(mu);
        failures.push_back({"generator", "#" + std::to_string(i), 0, e.what(), "the generator threw"});
        continue;
      }
      {
        std::lock_guard lock(mu);
        auto& mine = recent[me];
        mine.push_back(f.Describe());
        if (mine.size() > 3) mine.erase(mine.begin());
      }
      bool connected = false;
      Reply next;
      std::string bytes = f.Bytes();
      if (f.pipelined) bytes += "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
      Reply r = Exchange(w.port, bytes, f.Head(), 20s, &connected, f.pipelined ? &next : nullptr);
      ++sent;
      // After a plain request that was answered and kept open, the pipelined one must be answered.
      bool plain = f.kind == "mutated" && f.version == "HTTP/1.1" && f.WellFormed() &&
                   std::none_of(f.headers.begin(), f.headers.end(), [](const std::string& h) {
                     return h.rfind("Connection:", 0) == 0 || h.rfind("Upgrade:", 0) == 0 || h.rfind("Expect:", 0) == 0;
                   });
      std::string why;
      if (!connected) {
        if (!Alive(server.pid())) {
          dead = true;
          why = "server gone (connect failed)";
        } else {
          why = "connect failed";
        }
      } else if (r.answered && r.status >= 500) {
        why = "status >= 500";
      } else if (!r.answered && f.WellFormed()) {
        why = Alive(server.pid()) ? "no answer to a well-formed request" : "server gone";
        if (!Alive(server.pid())) dead = true;
      } else if (!r.answered) {
        ++unanswered_ok;
      } else if (!r.Header("X-Injected").empty()) {  // JunkText() carries "\r\nX-Injected: yes"
        why = "a response header built from request bytes (X-Injected)";
      } else if (next.answered && next.status >= 500) {
        why = "status >= 500 on GET /healthz pipelined after it";
      } else if (f.pipelined && plain && r.status < 400 && r.Header("Connection") != "close" &&
                 !(next.answered && next.status == 200)) {
        why = "keep-alive: GET /healthz pipelined after it got " +
              (next.answered ? std::to_string(next.status) : std::string("no answer"));
      }
      std::lock_guard lock(mu);
      by_status[r.answered ? r.status : 0]++;
      if (r.answered && r.status < 400) reached[f.route]++;
      if (verbose) per_route[f.kind + " " + f.route][r.answered ? r.status : 0]++;
      if (verbose && f.kind == "mutated" && r.status == 400 && examples_400.size() < 40)
        examples_400.push_back(f.Describe());
      // A write that worked on a kept record (only ever sent without the owner's session):
      // the first place to look when the snapshot changed.
      bool refused = r.status >= 300 && r.Header("Location").rfind("/account/sign-in", 0) == 0;
      if (f.privileged && r.answered && r.ClearsCookie(kSession) && suspects.size() < 50)
        suspects.push_back(f.Describe() + " -> " + std::to_string(r.status) + ", cleared the owner's session cookie");
      if (r.answered && r.status < 400 && !refused && !f.IsRaw() && f.method != "GET" && f.method != "HEAD" &&
          NamesKept(w, f.target) && suspects.size() < 50)
        suspects.push_back(f.Describe() + " -> " + std::to_string(r.status));
      if (!why.empty()) {
        failures.push_back({f.kind + " " + f.route, f.Describe(), r.status, Escape(r.body, 200), why});
        if (!dump_dir.empty()) {
          std::filesystem::create_directories(dump_dir);
          std::ofstream(std::filesystem::path(dump_dir) / (std::to_string(i) + ".req"), std::ios::binary) << f.Bytes();
        }
      }
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < recent.size(); ++t) threads.emplace_back(worker, t);
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // Report.
  std::ostringstream summary;
  summary << "fuzz seed " << seed << ": " << sent << " requests in " << elapsed << " s; statuses:";
  for (const auto& [status, n] : by_status) summary << " " << (status ? std::to_string(status) : "none") << "x" << n;
  summary << "; cut short and unanswered (allowed): " << unanswered_ok
          << "; routes with an answer under 400: " << reached.size() << " of " << w.routes.size();
  std::cout << summary.str() << std::endl;
  RecordProperty("fuzz_summary", summary.str());
  for (const auto& [route, statuses] : per_route) {
    std::cout << "  " << route << ":";
    for (const auto& [status, n] : statuses) std::cout << " " << status << "x" << n;
    std::cout << "\n";
  }
  for (const auto& e : examples_400) std::cout << "  400: " << e.substr(0, 400) << "\n";
  for (const auto& r : w.routes)
    if (!reached.count(r.method + " " + r.pattern)) std::cout << "  never under 400: " << r.method << " " << r.pattern << "\n";

  std::ostringstream report;
  std::map<std::string, int> distinct;
  for (const auto& f : failures) distinct[f.why + ", status " + std::to_string(f.status) + ": " + f.route]++;
  report << failures.size() << " failing requests (seed " << seed << "), by kind:\n";
  for (const auto& [k, n] : distinct) report << "  " << n << "x " << k << "\n";
  for (std::size_t i = 0; i < failures.size() && i < 20; ++i)
    report << "- " << failures[i].why << ": status " << failures[i].status << "\n    request: " << failures[i].request
           << "\n    response: " << failures[i].response << "\n";
  if (dead) {
    report << "the server died; the last requests of each worker (oldest first):\n";
    for (std::size_t t = 0; t < recent.size(); ++t)
      for (const auto& d : recent[t]) report << "  worker " << t << ": " << d << "\n";
    std::string out = server.Output();
    report << "server output (tail):\n" << out.substr(out.size() > 6000 ? out.size() - 6000 : 0) << "\n";
  }
  EXPECT_TRUE(failures.empty()) << report.str();

  // Alive, healthy, and the kept data as it was.
  ASSERT_TRUE(Alive(server.pid())) << "the server died (see above)";
  Reply health = Call(w.port, "GET", "/healthz");
  EXPECT_EQ(health.status, 200) << health.body;
  const auto after = Snapshot(w);
  bool changed = false;
  for (const auto& [target, value] : before) {
    auto it = after.find(target);
    ASSERT_NE(it, after.end()) << target;
    EXPECT_EQ(it->second, value) << "stored data changed: " << target << " (seed " << seed << ")";
    changed = changed || it->second != value;
  }
  if (changed) {
    std::ostringstream list;
    for (const auto& s : suspects) list << "  " << s << "\n";
    ADD_FAILURE() << "writes that succeeded on a kept record without the owner's session, or that ended the "
                  << "owner's session (" << suspects.size() << "):\n" << list.str();
  }
}

}  // namespace
}  // namespace cultivate::web::fuzz
