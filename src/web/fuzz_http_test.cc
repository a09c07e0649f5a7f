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
#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "testing/raw_http.h"
#include "testing/server_process.h"

namespace cultivate::web {
namespace {

using cultivate::testing::RawConnection;
using cultivate::testing::RawResponse;
using cultivate::testing::ServerProcess;
using nlohmann::json;
using Rng = std::mt19937;
using namespace std::chrono_literals;

constexpr const char* kSession = "__Host-cultivate-session";
constexpr const char* kFormCookie = "__Host-cultivate-form";
// Never part of any fuzzed request: no fuzzed request can sign in as, or delete, a seeded account.
constexpr const char* kOwnerPassword = "owner pass phrase the fuzzer never sends 71";
constexpr const char* kSparePassword = "spare pass phrase the fuzzer never sends 72";
constexpr const char* kOwnerEmail = "fuzz-owner@example.org";
constexpr const char* kSpareEmail = "fuzz-spare@example.org";

// ---------------------------------------------------------------------------------------
// Small helpers

std::size_t Below(Rng& rng, std::size_t n) {
  return n <= 1 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}
bool Chance(Rng& rng, double p) { return std::bernoulli_distribution(p)(rng); }
std::size_t Between(Rng& rng, std::size_t lo, std::size_t hi) {
  return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
}
template <typename T>
const T& Pick(Rng& rng, const std::vector<T>& v) {
  return v[Below(rng, v.size())];
}

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

/// Printable ASCII as is, everything else as \xNN; at most `max` input bytes.
std::string Escape(std::string_view s, std::size_t max = 160) {
  std::string out;
  static const char* hex = "0123456789abcdef";
  for (std::size_t i = 0; i < s.size() && i < max; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  if (s.size() > max) out += "...(" + std::to_string(s.size()) + " bytes)";
  return out;
}

std::string Hex(std::string_view s, std::size_t max = 48) {
  std::string out;
  static const char* hex = "0123456789abcdef";
  for (std::size_t i = 0; i < s.size() && i < max; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  if (s.size() > max) out += "..";
  return out;
}

std::string EncodeByte(unsigned char c, bool lower = false) {
  const char* hex = lower ? "0123456789abcdef" : "0123456789ABCDEF";
  return std::string("%") + hex[c >> 4] + hex[c & 15];
}

/// Percent-encodes everything but unreserved characters.
std::string Encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else
      out += EncodeByte(c);
  }
  return out;
}

std::string EncodeAll(std::string_view s) {
  std::string out;
  for (unsigned char c : s) out += EncodeByte(c, true);
  return out;
}

std::string RandomToken(Rng& rng, std::size_t n = 43) {
  static const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string t;
  for (std::size_t i = 0; i < n; ++i) t += alphabet[Below(rng, alphabet.size())];
  return t;
}

std::string RandomBytes(Rng& rng, std::size_t n, unsigned lo = 0, unsigned hi = 255) {
  std::string s;
  s.reserve(n);
  std::uniform_int_distribution<unsigned> d(lo, hi);
  for (std::size_t i = 0; i < n; ++i) s += static_cast<char>(d(rng));
  return s;
}

/// Header values and request lines of well-formed requests must not hold CR or LF.
std::string NoLineBreaks(std::string s) {
  for (char& c : s)
    if (c == '\r' || c == '\n') c = '?';
  return s;
}

const std::vector<std::string>& BadUtf8() {
  static const std::vector<std::string> v = {
      "\xc3",         "\xc3\x28",     "\xa0\xa1",         "\xe2\x28\xa1",         "\xe2\x82",
      "\xf0\x28\x8c\xbc", "\xf0\x90\x28\xbc", "\xc0\xaf", "\xc0\x80",         "\xe0\x80\xaf",
      "\xed\xa0\x80", "\xed\xbf\xbf", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "\xfc\x84\x80\x80\x80\x80",
      "\xfe",         "\xff",         "\xef\xbb\xbf",     "\x80",                 "\xf0\x9f\x98"};
  return v;
}

const std::vector<std::string>& OddValidText() {
  static const std::vector<std::string> v = {
      "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",  // Japanese
      "\xf0\x9f\x98\x80",                      // emoji
      "\xef\xbc\x9d" "1+1",                    // full-width = then a formula
      "\xe2\x80\xae" "evil",                   // right-to-left override
      "\xe2\x80\x8b",                          // zero-width space
      "e\xcc\x81\xcc\x81\xcc\x81",             // combining marks
      "\xef\xbf\xbf",                          // noncharacter U+FFFF
      "\xf4\x8f\xbf\xbf",                      // U+10FFFF
      "=HYPERLINK(\"http://evil.example\")",
      " =1+1",
      "\t@SUM(A1)",
      "<script>alert(1)</script>",
      "\"'><img src=x onerror=alert(1)>",
      "{{csrf}}{{{body}}}{{#x}}",
      "${jndi:ldap://x}",
      "'; DROP TABLE users; --",
      "%s%s%s%n",
      "../../../../etc/passwd",
      "null",
      "\\u0000",
  };
  return v;
}

const std::vector<std::string>& JunkNumbers() {
  static const std::vector<std::string> v = {
      "0", "-1", "1e999", "-1e999", "1e-999", "99999999999999999999999999999", "9223372036854775807",
      "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551616",
      "4294967296", "2147483648", "-2147483649", "1.5", "-0", "0.0", "1E+400", "NaN", "Infinity",
      "0x10", "+1", "01", " 1", "1 ", "1e3", "３", "\xd9\xa3", "2abc", ""};
  return v;
}

/// Junk text for any value: bytes, broken UTF-8, control characters, long runs, odd
/// numbers, odd but valid Unicode, tokens.
std::string JunkText(Rng& rng) {
  switch (Below(rng, 15)) {
    case 0: return "";
    case 1: return RandomBytes(rng, Between(rng, 1, 64));
    case 2: return RandomBytes(rng, Between(rng, 1, 32), 0x80, 0xff);
    case 3: {
      std::string s = "ok";
      for (std::size_t i = 0, n = Between(rng, 1, 4); i < n; ++i) s += Pick(rng, BadUtf8()) + "x";
      return s;
    }
    case 4: {
      std::string s;
      for (std::size_t i = 0, n = Between(rng, 1, 8); i < n; ++i) {
        unsigned c = static_cast<unsigned>(Below(rng, 33));
        s += static_cast<char>(c == 32 ? 0x7f : c);
      }
      return s;
    }
    case 5: return std::string(Between(rng, 200, 9000), Chance(rng, 0.5) ? 'A' : '9');
    case 6: return Pick(rng, JunkNumbers());
    case 7: return Pick(rng, OddValidText());
    case 8: return std::string("a\0b", 3);
    case 9: return "a\r\nX-Injected: yes\r\n\r\n";
    case 10: {
      std::string s;
      for (std::size_t i = 0, n = Between(rng, 100, 3000); i < n; ++i) s += "\xe2\x82\xac";
      return s;
    }
    case 11: return RandomBytes(rng, Between(rng, 1, 200), 0x20, 0x7e);
    case 12: return RandomToken(rng, Chance(rng, 0.7) ? 43 : Between(rng, 1, 90));
    case 13: {
      static const std::vector<std::string> v = {"..", ".", "/", "//", "\\", "%", "%%", "%zz", "%0", "%c0%ae",
                                                 "?", "#", "&", "=", ";", "+", " ", "*", "~", "@"};
      return Pick(rng, v);
    }
    default: return std::string(Between(rng, 1, 20), static_cast<char>(Below(rng, 256)));
  }
}

// ---------------------------------------------------------------------------------------
// Talking to the server

struct Reply {
  bool answered = false;
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  std::string Header(const std::string& name) const {
    for (const auto& [k, v] : headers)
      if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
          }))
        return v;
    return "";
  }
  /// True when a Set-Cookie header sets `name` to the empty value (signs out).
  bool ClearsCookie(const std::string& name) const {
    for (const auto& [k, v] : headers)
      if ((k == "Set-Cookie" || k == "set-cookie") && v.rfind(name + "=", 0) == 0 &&
          (v.size() == name.size() + 1 || v[name.size() + 1] == ';'))
        return true;
    return false;
  }
  /// The value of the cookie `name` among the Set-Cookie headers, or "".
  std::string SetCookie(const std::string& name) const {
    for (const auto& [k, v] : headers) {
      if (k != "Set-Cookie" && k != "set-cookie") continue;
      if (v.rfind(name + "=", 0) != 0) continue;
      return v.substr(name.size() + 1, v.find(';') - name.size() - 1);
    }
    return "";
  }
};

/// Sends the bytes on a fresh connection, half-closes it (so a request cut short ends at
/// once instead of waiting for the server's timeout), and reads one response.
/// With `second`, a second response is read after the first (a pipelined request).
Reply Exchange(std::uint16_t port, const std::string& bytes, bool head, std::chrono::milliseconds timeout,
               bool* connected = nullptr, Reply* second = nullptr) {
  Reply out;
  RawConnection conn(port);
  if (connected) *connected = conn.connected();
  if (!conn.connected()) return out;
  conn.Send(bytes);
  conn.ShutdownWrite();
  auto take = [](std::optional<RawResponse> r, Reply* into) {
    if (!r) return false;
    into->answered = true;
    into->status = r->status;
    into->body = std::move(r->body);
    into->headers = std::move(r->headers);
    return true;
  };
  if (take(conn.ReadResponse(head, timeout), &out) && second) take(conn.ReadResponse(false, timeout), second);
  return out;
}

/// A well-behaved request, for seeding and the snapshots.
Reply Call(std::uint16_t port, const std::string& method, const std::string& target, const std::string& body = "",
           const std::vector<std::string>& headers = {}) {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                    "\r\nConnection: close\r\n";
  for (const auto& h : headers) req += h + "\r\n";
  if (!body.empty() || (method != "GET" && method != "HEAD"))
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  req += "\r\n" + body;
  return Exchange(port, req, method == "HEAD", 60s);
}

std::string CookieHeader(const std::string& session) { return std::string("Cookie: ") + kSession + "=" + session; }

Reply CallJson(std::uint16_t port, const std::string& method, const std::string& target, const json& body,
               const std::string& session = "") {
  std::vector<std::string> headers = {"Content-Type: application/json"};
  if (!session.empty()) headers.push_back(CookieHeader(session));
  return Call(port, method, target, body.is_null() ? "" : body.dump(), headers);
}

json BodyJson(const Reply& r) { return json::parse(r.body, nullptr, false); }

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += Encode(k) + "=" + Encode(v);
  }
  return out;
}

/// True while the child has not exited (does not reap it: ServerProcess does).
bool Alive(pid_t pid) {
  siginfo_t info{};
  if (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) return false;
  return info.si_pid == 0;
}

// ---------------------------------------------------------------------------------------
// What the fuzzer knows

enum class Param { kCheckup, kInvite, kSponsor, kCommunity, kRound, kInviteId, kSponsorId, kUserId,
                   kPhase, kPractice, kExample, kOther };

struct Route {
  std::string method;
  std::string pattern;
  bool api = false;
  std::map<std::string, Param> params;  // name in the pattern -> what it holds
  const json* schema = nullptr;         // the JSON request body's schema (API)
  bool ends_session = false;            // sign-out, account deletion: never the owner's cookie
  bool deletes_community = false;       // only the doomed community
  bool needs_session = false;
  double weight = 1.0;
};

struct Ids {
  std::int64_t community = 0, first_round = 0, round = 0, invite_id = 0, sponsor_id = 0;
  std::string solo, member, invite, sponsor;
  std::vector<std::string> members;  // member (the first) and two more: enough to show results
};

struct World {
  std::uint16_t port = 0;
  json openapi;
  std::vector<Route> routes;
  std::vector<double> weights;
  std::vector<std::string> questions, prompts, phases, practices, examples;
  std::map<std::string, std::vector<std::string>> phase_questions, phase_prompts;
  // The owner coordinates the kept and throwaway sets; the spare account (another person)
  // probes them; `ender` is a second session of the spare account, the only one that the
  // routes ending a session ever see.
  std::string owner_session, owner_csrf, spare_session, spare_csrf, ender_session, ender_csrf;
  std::int64_t owner_id = 0, spare_id = 0;
  Ids kept, spare;  // spare: the throwaway set
  std::int64_t doomed = 0, others = 0;  // a community to delete; one of the spare account
  std::string joinable;  // an invite to a round nothing else in the run names: joins keep working
};

Param ParamFromRef(const std::string& ref, const std::string& name, const std::string& path) {
  std::string last = ref.substr(ref.rfind('/') + 1);
  static const std::map<std::string, Param> by_ref = {
      {"CheckupToken", Param::kCheckup}, {"InviteToken", Param::kInvite},   {"SponsorToken", Param::kSponsor},
      {"CommunityId", Param::kCommunity}, {"RoundId", Param::kRound},       {"InviteId", Param::kInviteId},
      {"SponsorLinkId", Param::kSponsorId}, {"UserId", Param::kUserId}};
  if (auto it = by_ref.find(last); it != by_ref.end()) return it->second;
  // By name, for a parameter the document describes inline.
  if (name == "token") {
    if (path.find("/join/") != std::string::npos) return Param::kInvite;
    if (path.find("/sponsor/") != std::string::npos) return Param::kSponsor;
    return Param::kCheckup;
  }
  if (name == "id") return Param::kCommunity;
  if (name == "rid") return Param::kRound;
  if (name == "iid") return Param::kInviteId;
  if (name == "sid") return Param::kSponsorId;
  if (name == "uid") return Param::kUserId;
  return Param::kOther;
}

const json* Resolve(const json& doc, const json& schema) {
  const json* s = &schema;
  for (int guard = 0; guard < 16 && s->is_object() && s->contains("$ref"); ++guard) {
    std::string ref = (*s)["$ref"].get<std::string>();
    if (ref.rfind("#/", 0) != 0) break;
    json::json_pointer ptr(ref.substr(1));
    if (!doc.contains(ptr)) break;
    s = &doc.at(ptr);
  }
  return s;
}

/// The API routes, from the OpenAPI document.
std::vector<Route> ApiRoutes(const json& doc) {
  std::vector<Route> routes;
  for (const auto& [path, item] : doc.at("paths").items()) {
    std::map<std::string, Param> shared;
    auto collect = [&](const json& list, std::map<std::string, Param>& into) {
      for (const auto& p : list) {
        std::string ref = p.value("$ref", "");
        const json* resolved = Resolve(doc, p);
        std::string name = resolved->value("name", "");
        if (name.empty()) continue;
        into[name] = ParamFromRef(ref, name, path);
      }
    };
    if (item.contains("parameters")) collect(item["parameters"], shared);
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters" || !op.is_object()) continue;
      Route r;
      r.method = method;
      std::transform(r.method.begin(), r.method.end(), r.method.begin(), ::toupper);
      r.pattern = path;
      r.api = true;
      r.params = shared;
      if (op.contains("parameters")) collect(op["parameters"], r.params);
      if (op.contains("requestBody")) {
        const json* rb = Resolve(doc, op["requestBody"]);
        if (rb->contains("content") && (*rb)["content"].contains("application/json"))
          r.schema = &(*rb)["content"]["application/json"]["schema"];
      }
      r.needs_session = op.contains("security") && !op["security"].empty();
      r.ends_session = (r.method == "DELETE" && (path == "/api/v1/session" || path == "/api/v1/account"));
      r.deletes_community = r.method == "DELETE" && path == "/api/v1/communities/{id}";
      // Sign-up and sign-in hash a password (Argon2, slow under the sanitizers): fewer of them.
      if ((r.method == "POST" && (path == "/api/v1/accounts" || path == "/api/v1/session")) ||
          r.ends_session)
        r.weight = 0.25;
      // Closing, revoking, deleting end what the rest of the run uses: later and rarer.
      if (r.method == "DELETE" || path.find("/close") != std::string::npos) r.weight = std::min(r.weight, 0.2);
      routes.push_back(std::move(r));
    }
  }
  return routes;
}

/// The HTML routes (and the few others outside the API document), with their parameters:
/// {token} a check-up, {invite} and {sponsor} link tokens, {id} a community, {rid}, {iid},
/// {sid}, {uid} ids, {phase}, {practice}, {example} guide ids.
std::vector<Route> HtmlRoutes() {
  static const std::vector<std::pair<std::string, std::string>> list = {
      {"GET", "/"}, {"GET", "/about"}, {"GET", "/guide"}, {"GET", "/guide/elements"},
      {"GET", "/guide/examples"}, {"GET", "/guide/glossary"}, {"GET", "/guide/phases"},
      {"GET", "/guide/practices"}, {"GET", "/guide/references"}, {"GET", "/guide/roles"},
      {"GET", "/guide/phases/{phase}"}, {"GET", "/guide/practices/{practice}"},
      {"GET", "/guide/examples/{example}"}, {"GET", "/search"}, {"GET", "/healthz"},
      {"GET", "/static/css/site.css"}, {"GET", "/robots.txt"}, {"GET", "/favicon.ico"},
      {"GET", "/checkup"}, {"POST", "/checkup"}, {"GET", "/checkup/{token}"},
      {"GET", "/checkup/{token}/phase/{phase}"}, {"POST", "/checkup/{token}/phase/{phase}"},
      {"GET", "/checkup/{token}/results"}, {"GET", "/checkup/{token}/print"},
      {"GET", "/checkup/{token}/plan"}, {"POST", "/checkup/{token}/plan"},
      {"GET", "/checkup/{token}/export.md"}, {"GET", "/checkup/{token}/export.csv"},
      {"GET", "/checkup/{token}/export.json"}, {"GET", "/checkup/{token}/community"},
      {"GET", "/join/{invite}"}, {"POST", "/join/{invite}"}, {"GET", "/sponsor/{sponsor}"},
      {"GET", "/account"}, {"GET", "/account/sign-up"}, {"POST", "/account/sign-up"},
      {"GET", "/account/sign-in"}, {"POST", "/account/sign-in"}, {"POST", "/account/sign-out"},
      {"GET", "/account/export"}, {"POST", "/account/delete"},
      {"GET", "/communities"}, {"POST", "/communities"}, {"GET", "/communities/new"},
      {"GET", "/communities/{id}"}, {"GET", "/communities/{id}/edit"}, {"POST", "/communities/{id}/edit"},
      {"POST", "/communities/{id}/delete"}, {"GET", "/communities/{id}/trends"},
      {"GET", "/communities/{id}/plan"}, {"POST", "/communities/{id}/plan"},
      {"POST", "/communities/{id}/rounds"}, {"GET", "/communities/{id}/rounds/{rid}"},
      {"POST", "/communities/{id}/rounds/{rid}/close"}, {"POST", "/communities/{id}/invites"},
      {"POST", "/communities/{id}/invites/{iid}/revoke"}, {"POST", "/communities/{id}/sponsors"},
      {"POST", "/communities/{id}/sponsors/{sid}/revoke"}, {"POST", "/communities/{id}/coordinators"},
      {"POST", "/communities/{id}/coordinators/{uid}/remove"},
  };
  static const std::map<std::string, Param> names = {
      {"token", Param::kCheckup},   {"invite", Param::kInvite},     {"sponsor", Param::kSponsor},
      {"id", Param::kCommunity},    {"rid", Param::kRound},         {"iid", Param::kInviteId},
      {"sid", Param::kSponsorId},   {"uid", Param::kUserId},        {"phase", Param::kPhase},
      {"practice", Param::kPractice}, {"example", Param::kExample}};
  std::vector<Route> routes;
  for (const auto& [method, pattern] : list) {
    Route r;
    r.method = method;
    r.pattern = pattern;
    static const std::regex param(R"(\{([a-z]+)\})");
    for (std::sregex_iterator it(pattern.begin(), pattern.end(), param), end; it != end; ++it)
      r.params[(*it)[1].str()] = names.at((*it)[1].str());
    r.needs_session = pattern.rfind("/communities", 0) == 0 || pattern == "/account" ||
                      pattern == "/account/export" || pattern == "/account/delete" ||
                      pattern == "/account/sign-out";
    r.ends_session = pattern == "/account/sign-out" || pattern == "/account/delete";
    r.deletes_community = pattern == "/communities/{id}/delete";
    if ((method == "POST" && (pattern == "/account/sign-up" || pattern == "/account/sign-in")) ||
        r.ends_session)
      r.weight = 0.25;
    if (pattern.find("/close") != std::string::npos || pattern.find("/revoke") != std::string::npos ||
        pattern.find("/remove") != std::string::npos || pattern.find("/delete") != std::string::npos)
      r.weight = std::min(r.weight, 0.2);
    routes.push_back(std::move(r));
  }
  return routes;
}

// ---------------------------------------------------------------------------------------
// A fuzzed request

struct Fuzzed {
  std::string method, target, version = "HTTP/1.1";
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  bool chunked = false;
  std::string raw;           // when set: the whole request, sent as is (not well-formed)
  bool pipelined = false;    // GET /healthz follows on the same connection
  bool privileged = false;   // carries the owner's session
  std::string route, kind;   // where it came from, for the report
  std::uint64_t index = 0;

  bool IsRaw() const { return !raw.empty(); }
  bool Head() const {
    return IsRaw() ? raw.rfind("HEAD ", 0) == 0 : method == "HEAD";
  }
  /// Framed so that a server must answer it: no raw bytes, no line break inside the head,
  /// and a body of the length announced.
  bool WellFormed() const {
    if (IsRaw() || method.empty() || target.empty()) return false;
    auto clean = [](const std::string& s) { return s.find_first_of("\r\n") == std::string::npos; };
    if (!clean(method) || !clean(target) || method.find(' ') != std::string::npos ||
        target.find(' ') != std::string::npos)
      return false;
    for (const auto& h : headers)
      if (!clean(h)) return false;
    return true;
  }
  std::string Bytes() const {
    if (IsRaw()) return raw;
    std::string out = method + " " + target + " " + version + "\r\n";
    for (const auto& h : headers) out += h + "\r\n";
    if (chunked) {
      out += "Transfer-Encoding: chunked\r\n\r\n";
      std::size_t pos = 0, step = std::max<std::size_t>(1, body.size() / 3 + 1);
      while (pos < body.size()) {
        std::size_t n = std::min(step, body.size() - pos);
        std::ostringstream size;
        size << std::hex << n;
        out += size.str() + "\r\n" + body.substr(pos, n) + "\r\n";
        pos += n;
      }
      out += "0\r\n\r\n";
      return out;
    }
    if (!body.empty() || (method != "GET" && method != "HEAD"))
      out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    out += "\r\n" + body;
    return out;
  }
  std::string Describe() const {
    std::ostringstream o;
    o << "#" << index << " [" << kind << " " << route << "] ";
    if (IsRaw()) {
      o << "raw " << raw.size() << " bytes: " << Escape(raw, 200);
      return o.str();
    }
    o << Escape(method, 40) << " " << Escape(target, 240) << " " << version;
    for (const auto& h : headers) o << " | " << Escape(h, 120);
    if (chunked) o << " | (chunked)";
    o << " | body " << body.size() << " bytes hex " << Hex(body) << " \"" << Escape(body, 80) << "\"";
    if (pipelined) o << " | then GET /healthz on the same connection";
    return o.str();
  }
};

class Generator {
 public:
  explicit Generator(const World& w) : w_(w) {}

  Fuzzed Make(Rng& rng, std::uint64_t index) const {
    Fuzzed f;
    double roll = std::uniform_real_distribution<double>(0, 1)(rng);
    if (roll < 0.68) {
      f = FromRoute(rng, PickRoute(rng), /*heavy=*/false);
    } else if (roll < 0.88) {
      f = FromRoute(rng, PickRoute(rng), /*heavy=*/true);
    } else {
      f = Raw(rng);
    }
    f.index = index;
    f.pipelined = !f.IsRaw() && Chance(rng, 0.06);
    return f;
  }

 private:
  const Route& PickRoute(Rng& rng) const {
    std::discrete_distribution<std::size_t> d(w_.weights.begin(), w_.weights.end());
    return w_.routes[d(rng)];
  }

  // ---- parameters ----

  std::string JunkId(Rng& rng) const {
    switch (Below(rng, 4)) {
      case 0: return Pick(rng, JunkNumbers());
      case 1: return std::to_string(Between(rng, 0, 5000));
      case 2: return std::string(Between(rng, 20, 5000), '1');
      default: return JunkText(rng);
    }
  }
  std::string JunkToken(Rng& rng, const std::string& real) const {
    switch (Below(rng, 8)) {
      case 0: return RandomToken(rng);
      case 1: return real.empty() ? RandomToken(rng) : real.substr(0, real.size() - 1);
      case 2: return real + "A";
      case 3: {
        std::string t = real.empty() ? RandomToken(rng) : real;
        t[Below(rng, t.size())] ^= 0x20;  // one letter's case (or a punctuation change)
        return t;
      }
      case 4: return std::string(Between(rng, 44, 9000), 'A');
      case 5: return real + "%00";
      case 6: return real + "/..";
      default: return JunkText(rng);
    }
  }
  template <typename T>
  static std::string S(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) return v;
    else return std::to_string(v);
  }

  /// A value for a path parameter. `guarded`: a write that could be legitimate, so only
  /// throwaway records or junk; never the kept set.
  std::string ParamValue(Rng& rng, Param kind, bool guarded, bool deletes_community, bool* junk) const {
    *junk = Chance(rng, 0.18);
    const Ids& k = w_.kept;
    const Ids& s = w_.spare;
    auto real = [&](std::vector<std::string> kept, std::vector<std::string> spare) {
      if (!guarded && Chance(rng, 0.5)) return Pick(rng, kept);
      return Pick(rng, spare);
    };
    std::string v;
    switch (kind) {
      case Param::kCheckup: {
        // Check-up tokens are capabilities: no write ever names a kept one, whoever asks.
        std::vector<std::string> kept = k.members, spare = s.members;
        kept.push_back(k.solo);
        spare.push_back(s.solo);
        spare.push_back(s.solo);
        v = real(kept, spare);
        if (*junk) v = JunkToken(rng, v);
        break;
      }
      case Param::kInvite:
        v = real({k.invite}, {s.invite, w_.joinable, w_.joinable});
        if (*junk) v = JunkToken(rng, v);
        break;
      case Param::kSponsor:
        v = real({k.sponsor}, {s.sponsor});
        if (*junk) v = JunkToken(rng, v);
        break;
      case Param::kCommunity:
        if (deletes_community && guarded)
          v = S(w_.doomed);
        else if (guarded)
          v = Chance(rng, 0.9) ? S(s.community) : S(w_.doomed);
        else if (Chance(rng, 0.5))
          v = S(k.community);  // someone else's: must be refused
        else
          v = Pick(rng, std::vector<std::string>{S(s.community), S(w_.others), S(w_.doomed)});
        if (*junk) v = JunkId(rng);
        break;
      case Param::kRound:
        v = Pick(rng, std::vector<std::string>{S(k.round), S(s.round), S(k.first_round), S(s.first_round)});
        if (*junk) v = JunkId(rng);
        break;
      case Param::kInviteId:
        v = Pick(rng, std::vector<std::string>{S(k.invite_id), S(s.invite_id)});
        if (*junk) v = JunkId(rng);
        break;
      case Param::kSponsorId:
        v = Pick(rng, std::vector<std::string>{S(k.sponsor_id), S(s.sponsor_id)});
        if (*junk) v = JunkId(rng);
        break;
      case Param::kUserId:
        v = Pick(rng, std::vector<std::string>{S(w_.owner_id), S(w_.spare_id)});
        if (*junk) v = JunkId(rng);
        break;
      case Param::kPhase:
        v = Pick(rng, w_.phases);
        if (*junk) v = JunkText(rng);
        break;
      case Param::kPractice:
        v = Pick(rng, w_.practices);
        if (*junk) v = JunkText(rng);
        break;
      case Param::kExample:
        v = Pick(rng, w_.examples);
        if (*junk) v = JunkText(rng);
        break;
      case Param::kOther:
        *junk = true;
        v = JunkText(rng);
        break;
    }
    return v;
  }

  // ---- path and query ----

  std::string Segment(Rng& rng, const std::string& raw) const {
    // Mostly percent-encoded; sometimes raw (bytes over 0x7f, control characters), with
    // spaces and line breaks still encoded so the request line holds.
    if (Chance(rng, 0.85)) return Encode(raw);
    std::string out;
    for (unsigned char c : raw) {
      if (c == ' ' || c == '\r' || c == '\n' || c == '?' || c == '#' || c == '/') out += EncodeByte(c);
      else out += static_cast<char>(c);
    }
    return out;
  }

  void MutatePath(Rng& rng, std::vector<std::string>& segs) const {
    static const std::vector<std::string> inserts = {
        "%00", "%0d%0a", "%0a", "%0d", "%09", "%7f", "%ff", "%80", "%c0%80", "%c0%af", "%e0%80%af",
        "%ed%a0%80", "%f8%88%80%80%80", "%25", "%2f", "%2F", "%5c", "%2e", "%2e%2e", "%20", "+", "%u0000",
        "%", "%g0", "%1", "\x80", "\xff", "\x01", "\x7f", "\t", ";", ";x=1", "%3f", "%23", "*", "~"};
    if (segs.empty()) segs.push_back("");
    std::size_t i = Below(rng, segs.size());
    switch (Below(rng, 12)) {
      case 0: segs[i] = Segment(rng, JunkText(rng)); break;
      case 1: segs[i].insert(Below(rng, segs[i].size() + 1), Pick(rng, inserts)); break;
      case 2:
        if (!segs[i].empty()) {
          std::size_t at = Below(rng, segs[i].size());
          unsigned char c = static_cast<unsigned char>(segs[i][at]);
          if (c != '%') segs[i].replace(at, 1, EncodeByte(c, Chance(rng, 0.5)));
        }
        break;
      case 3: {
        static const std::vector<std::string> tails = {"", "..", ".", "%2e%2e", "x", "index.html", "%00", "~"};
        segs.push_back(Pick(rng, tails));
        break;
      }
      case 4: segs.insert(segs.begin() + static_cast<long>(i), ""); break;  // a double slash
      case 5: segs[i] += std::string(Between(rng, 1000, 9000), 'a'); break;
      case 6:
        for (char& c : segs[i]) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        break;
      case 7: segs.insert(segs.begin() + static_cast<long>(i), segs[i]); break;
      case 8:
        if (segs.size() > 1) segs.erase(segs.begin() + static_cast<long>(i));
        break;
      case 9: segs.insert(segs.begin() + static_cast<long>(i), ".."); break;
      case 10: segs[i] = EncodeAll(segs[i]); break;
      default: segs[i] += EncodeAll(Pick(rng, BadUtf8())); break;
    }
  }

  std::string Query(Rng& rng, bool heavy) const {
    static const std::vector<std::string> keys = {
        "next", "q", "started", "saved", "error", "deleted", "signed-out", "added", "page", "limit",
        "offset", "sector", "phase", "tag", "format", "v", "lang", "sort", "round", "token"};
    static const std::vector<std::string> nexts = {
        "/%09/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/%0d%0aX:%201",
        "javascript:alert(1)", "/communities", "/%2F%2Fevil.example", "%2F%2Fevil.example", "/\xe3\x80\x80/x",
        "/..", "/account?next=//x"};
    switch (Below(rng, heavy ? 10 : 8)) {
      case 0: return "";
      case 1: return "next=" + Pick(rng, nexts);
      case 2: return "q=" + Encode(Chance(rng, 0.5) ? JunkText(rng) : std::string("sponsor charter"));
      case 3: {
        std::string q;
        for (std::size_t i = 0, n = Between(rng, 1, 6); i < n; ++i) {
          if (!q.empty()) q += '&';
          q += Pick(rng, keys) + "=" + Encode(JunkText(rng));
        }
        return q;
      }
      case 4: return Pick(rng, keys) + "=" + Encode(Pick(rng, JunkNumbers()));
      case 5: return Pick(rng, keys) + "=1";
      case 6: {
        static const std::vector<std::string> odd = {"%", "=", "&&&", "a=%zz", "%00=%00", "a", "=&=&",
                                                     "a=1&a=2&a=3", "%ff%fe=%c0%af", "q=%", "a[]=1&a[x]=2",
                                                     "q=%e2%82", "#frag", "q=+++", "%0d%0a=1"};
        return Pick(rng, odd);
      }
      case 7: return "q=" + std::string(Between(rng, 1000, 9000), 'q');
      case 8: {
        std::string q;
        for (std::size_t i = 0, n = Between(rng, 100, 900); i < n; ++i) q += "a=" + std::to_string(i) + "&";
        return q;
      }
      default: {
        std::string raw = JunkText(rng);
        std::string out;
        for (unsigned char c : raw) {
          if (c == ' ' || c == '\r' || c == '\n' || c == '#') out += EncodeByte(c);
          else out += static_cast<char>(c);
        }
        return out;
      }
    }
  }

  // ---- bodies ----

  json SchemaValue(Rng& rng, const json& schema_in, const std::string& name, int depth) const {
    const json& s = *Resolve(w_.openapi, schema_in);
    if (name == "question" && !w_.questions.empty()) return Pick(rng, w_.questions);
    if (name == "prompt" && !w_.prompts.empty()) return Pick(rng, w_.prompts);
    // Never the owner's email: an invitation to it from the spare account would be a
    // legitimate change of what the owner sees.
    if (name == "email")
      return Chance(rng, 0.1) ? std::string(kSpareEmail) : "fuzz" + RandomToken(rng, 8) + "@example.org";
    if (name == "password") return Chance(rng, 0.3) ? RandomToken(rng, 16) : RandomToken(rng, 6);
    static const std::vector<std::string> odd_dates = {"9999-12-31", "1970-01-01", "1969-12-31", "2031-02-29",
                                                       "2032-02-29", "0000-01-01", "2031-00-10", "2031-12-32",
                                                       "2031-1-1", "2031/01/01", "20310101", "+031-01-01"};
    if ((name == "due" || name == "closes_at") && Chance(rng, 0.3)) return Pick(rng, odd_dates);
    if (name == "due") return Chance(rng, 0.5) ? std::string("2031-06-15") : std::string("");
    if (name == "closes_at") return std::string("2031-01-31");
    if (depth > 6) return nullptr;
    if (s.contains("oneOf") && s["oneOf"].is_array() && !s["oneOf"].empty())
      return SchemaValue(rng, s["oneOf"][Below(rng, s["oneOf"].size())], name, depth + 1);
    if (s.contains("enum") && s["enum"].is_array() && !s["enum"].empty()) return s["enum"][Below(rng, s["enum"].size())];
    if (s.contains("const")) return s["const"];
    std::string type = "object";
    if (s.contains("type")) {
      if (s["type"].is_string()) {
        type = s["type"].get<std::string>();
      } else if (s["type"].is_array() && !s["type"].empty()) {
        std::vector<std::string> types;
        for (const auto& t : s["type"])
          if (t != "null" || Chance(rng, 0.15)) types.push_back(t.get<std::string>());
        type = types.empty() ? std::string("null") : Pick(rng, types);
      }
    } else if (!s.contains("properties")) {
      return "x";
    }
    if (type == "null") return nullptr;
    if (type == "boolean") return Chance(rng, 0.5);
    if (type == "integer" || type == "number") {
      std::int64_t lo = s.value("minimum", std::int64_t{0}), hi = s.value("maximum", lo + 10);
      if (hi < lo) hi = lo;
      return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    }
    if (type == "string") {
      static const std::vector<std::string> texts = {"Tea club", "Monthly meetings", "Ana", "", "A plan",
                                                     "Wound care", "Learn together", "x"};
      return Pick(rng, texts);
    }
    if (type == "array") {
      json a = json::array();
      std::size_t n = Between(rng, s.value("minItems", std::size_t{0}) > 0 ? 1 : 0, 3);
      if (s.contains("items"))
        for (std::size_t i = 0; i < n; ++i) a.push_back(SchemaValue(rng, s["items"], name, depth + 1));
      return a;
    }
    json o = json::object();
    std::set<std::string> required;
    if (s.contains("required"))
      for (const auto& r : s["required"]) required.insert(r.get<std::string>());
    if (s.contains("properties"))
      for (const auto& [key, prop] : s["properties"].items())
        if (required.count(key) || Chance(rng, 0.75)) o[key] = SchemaValue(rng, prop, key, depth + 1);
    return o;
  }

  static std::string Deep(Rng& rng) {
    std::size_t n = Pick(rng, std::vector<std::size_t>{100, 1000, 10000, 10000, 50000});
    switch (Below(rng, 5)) {
      case 0: return std::string(n, '[') + std::string(n, ']');
      case 1: {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s += "{\"a\":";
        s += "1";
        return s + std::string(n, '}');
      }
      case 2: return std::string(n, '[');  // never closed
      case 3: {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s += i % 2 ? "{\"x\":" : "[";
        s += "0";
        for (std::size_t i = n; i-- > 0;) s += i % 2 ? "}" : "]";
        return s;
      }
      default: {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s += "[{}, ";
        return s;
      }
    }
  }

  /// Raw JSON text to stand where a value stood.
  std::string JunkJsonValue(Rng& rng) const {
    switch (Below(rng, 12)) {
      case 0: return Pick(rng, std::vector<std::string>{"1e999", "-1e999", "123456789012345678901234567890",
                                                        "-9223372036854775809", "18446744073709551616",
                                                        "9223372036854775807", "-0", "1e-400", "0.5", "4.0",
                                                        "1E+2", "NaN", "Infinity", "0x10", "01", "-", "1."});
      case 1: return Pick(rng, std::vector<std::string>{"true", "false", "null", "[]", "{}", "\"\"", "[null]",
                                                        "[[]]", "{\"\":{}}", "[1,2,3]", "\"4\""});
      case 2: return Deep(rng);
      case 3: return "\"" + std::string(Between(rng, 1000, 40000), 'x') + "\"";
      case 4: return "\"" + Pick(rng, BadUtf8()) + "\"";
      case 5: return "\"a\\u0000b\\ud800\\udfff\\ud800\"";
      case 6: return "\"" + RandomBytes(rng, Between(rng, 1, 40), 1, 31) + "\"";
      case 7: return "\"\\x41\\q\\\"";
      case 8: {
        json s = Pick(rng, OddValidText());
        return s.dump(-1, ' ', false, json::error_handler_t::replace);
      }
      case 9: return "\"" + std::string(Between(rng, 100, 3000), '\\') + "\"";
      case 10: {
        std::string a = "[";
        for (std::size_t i = 0, n = Between(rng, 100, 5000); i < n; ++i) a += (i ? ",{}" : "{}");
        return a + "]";
      }
      default: return JunkText(rng).empty() ? "" : "\"" + Encode(JunkText(rng)) + "\"";
    }
  }

    /// The deepest nesting of brackets in JSON text, strings skipped.
  static std::size_t Nesting(const std::string& text) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (in_string) {
        if (c == '\\') ++i;
        else if (c == '"') in_string = false;
      } else if (c == '"') {
        in_string = true;
      } else if (c == '[' || c == '{') {
        deepest = std::max(deepest, ++depth);
      } else if ((c == ']' || c == '}') && depth > 0) {
        --depth;
      }
    }
    return deepest;
  }

  /// Replaces a random node of `j` with a placeholder; returns false when none.
  static bool Plant(Rng& rng, json& j, int depth = 0) {
    if (depth > 8) return false;
    if ((j.is_object() || j.is_array()) && !j.empty() && Chance(rng, 0.7)) {
      std::size_t i = Below(rng, j.size());
      auto it = j.begin();
      std::advance(it, static_cast<long>(i));
      if (Plant(rng, *it, depth + 1)) return true;
      *it = "@@JUNK@@";
      return true;
    }
    if (depth == 0) return false;
    j = "@@JUNK@@";
    return true;
  }

  std::string JsonBody(Rng& rng, const Route& r, bool heavy) const {
    json valid = r.schema ? SchemaValue(rng, *r.schema, "", 0) : json::object();
    // Per-route bodies that the schemas alone do not make valid enough.
    if (r.pattern == "/api/v1/checkups/{token}/answers" && Chance(rng, 0.5)) {
      json answers = json::array();
      for (std::size_t i = 0, n = Between(rng, 1, 8); i < n; ++i)
        answers.push_back({{"question", Pick(rng, w_.questions)}, {"now", Below(rng, 5)},
                           {"target", Below(rng, 5)}, {"note", "note"}});
      valid = {{"answers", answers}};
    }
    int mutations = heavy ? static_cast<int>(Between(rng, 1, 4)) : static_cast<int>(Below(rng, 3));
    if (!heavy && Chance(rng, 0.3)) mutations = 0;
    std::string text = valid.dump(-1, ' ', false, json::error_handler_t::replace);
    for (int m = 0; m < mutations; ++m) {
      switch (Below(rng, 14)) {
        case 0:
        case 1:
        case 2: {  // a node replaced by junk
          // (Not text nested deeper than the parser's recursion in dump() can take.)
          json j = Nesting(text) > 200 ? json(json::value_t::discarded) : json::parse(text, nullptr, false);
          if (j.is_discarded() || !Plant(rng, j)) {
            text = JunkJsonValue(rng);
            break;
          }
          std::string dumped = j.dump(-1, ' ', false, json::error_handler_t::replace);
          std::size_t at = dumped.find("\"@@JUNK@@\"");
          if (at != std::string::npos) dumped.replace(at, 10, JunkJsonValue(rng));
          text = dumped;
          break;
        }
        case 3: {  // an unknown or duplicated key
          std::size_t at = text.find('{');
          if (at != std::string::npos)
            text.insert(at + 1, "\"" + Pick(rng, std::vector<std::string>{"name", "answers", "__proto__", "id",
                                                                           "items", "email", "phase", ""}) +
                                    "\":" + JunkJsonValue(rng) + (text[at + 1] == '}' ? "" : ","));
          break;
        }
        case 4: {  // broken UTF-8 inside a string
          std::size_t at = text.find('"', Below(rng, text.size() + 1));
          if (at != std::string::npos) text.insert(at + 1, Pick(rng, BadUtf8()));
          else text += Pick(rng, BadUtf8());
          break;
        }
        case 5: text = text.substr(0, Below(rng, text.size() + 1)); break;
        case 6: text += Pick(rng, std::vector<std::string>{",", "}", "]", " x", "\0", "{}", "//c", "\n\n", "garbage"}); break;
        case 7: text = "\xef\xbb\xbf" + text; break;
        case 8: text = Pick(rng, std::vector<std::string>{"[", "\"", "1", "null", "true", "[]", "\"x\"", "{"}) + text; break;
        case 9: text = Deep(rng); break;
        case 10: {  // raw control characters in a string
          std::size_t at = text.find('"', Below(rng, text.size() + 1));
          if (at != std::string::npos) text.insert(at + 1, RandomBytes(rng, Between(rng, 1, 4), 0, 31));
          break;
        }
        case 11: text = "[" + text + "]"; break;
        case 12: {  // a number replaced by a huge or odd literal
          std::size_t at = text.find_first_of("0123456789", Below(rng, text.size() + 1));
          if (at != std::string::npos) {
            std::size_t end = text.find_first_not_of("0123456789", at);
            text.replace(at, end == std::string::npos ? std::string::npos : end - at,
                         Pick(rng, std::vector<std::string>{"1e999", "99999999999999999999", "-1", "4294967297", "2147483648",
                                                            "1.5", "-0", "9223372036854775808", "5", "-9223372036854775808"}));
          }
          break;
        }
        default: text = RandomBytes(rng, Between(rng, 0, 600)); break;
      }
    }
    return text;
  }

  std::vector<std::pair<std::string, std::string>> FormFields(Rng& rng, const Route& r, const std::string& csrf) const {
    using Fields = std::vector<std::pair<std::string, std::string>>;
    Fields f;
    const std::string& p = r.pattern;
    auto plan = [&](Fields& out) {
      out.push_back({"vision", "A lively community"});
      out.push_back({"goals", "Monthly meetings"});
      out.push_back({"strategies", "Rotate hosts"});
      for (std::size_t i = 0, n = Between(rng, 0, 3); i < n; ++i) {
        std::string k = "item." + std::to_string(i) + ".";
        out.push_back({k + "what", "Book a room"});
        out.push_back({k + "owner", "Ana"});
        out.push_back({k + "due", Chance(rng, 0.5) ? "2031-02-03" : ""});
        out.push_back({k + "status", Pick(rng, std::vector<std::string>{"todo", "doing", "done", "dropped"})});
        out.push_back({k + "source", ""});
      }
    };
    if (p == "/checkup") {
      f.push_back({"name", "Tea club"});
      for (std::size_t i = 0, n = Between(rng, 1, 3); i < n; ++i) f.push_back({"phase", Pick(rng, w_.phases)});
    } else if (p == "/checkup/{token}/phase/{phase}") {
      std::string phase = Pick(rng, w_.phases);
      auto qs = w_.phase_questions.find(phase);
      if (qs != w_.phase_questions.end())
        for (const auto& q : qs->second) {
          f.push_back({"now." + q, std::to_string(Below(rng, 5))});
          f.push_back({"target." + q, std::to_string(Below(rng, 5))});
          f.push_back({"note." + q, Chance(rng, 0.3) ? "a note" : ""});
        }
      auto ps = w_.phase_prompts.find(phase);
      if (ps != w_.phase_prompts.end())
        for (const auto& q : ps->second) f.push_back({"prompt." + q, "a reflection"});
      f.push_back({"go", Pick(rng, std::vector<std::string>{"next", "prev", "stay", "results"})});
    } else if (p == "/checkup/{token}/plan") {
      plan(f);
      f.push_back({"go", Pick(rng, std::vector<std::string>{"save", "add"})});
    } else if (p == "/account/sign-up" || p == "/account/sign-in") {
      f.push_back({"form_csrf", csrf});
      f.push_back({"email", "fuzz" + RandomToken(rng, 6) + "@example.org"});
      f.push_back({"password", Chance(rng, 0.3) ? RandomToken(rng, 16) : "short"});
      if (p == "/account/sign-up") f.push_back({"name", "Fuzz"});
      f.push_back({"next", Pick(rng, std::vector<std::string>{"/communities", "//evil.example", "/\t/evil", ""})});
    } else if (p.rfind("/communities", 0) == 0 || p.rfind("/account", 0) == 0) {
      f.push_back({"csrf", csrf});
      if (p == "/communities" || p == "/communities/{id}/edit") {
        f.push_back({"name", "Fuzzed community"});
        f.push_back({"domain", "Wound care"});
        f.push_back({"purpose", "Learn"});
        f.push_back({"phase", Pick(rng, std::vector<std::string>{"define", "grow", "unsure", ""})});
      } else if (p == "/communities/{id}/delete") {
        f.push_back({"confirm", "yes"});
      } else if (p == "/communities/{id}/plan") {
        plan(f);
        f.push_back({"go", Pick(rng, std::vector<std::string>{"save", "suggest", "add"})});
      } else if (p == "/communities/{id}/rounds") {
        f.push_back({"title", "Autumn"});
        f.push_back({"closes", Chance(rng, 0.5) ? "2031-03-04" : Chance(rng, 0.5) ? "9999-12-31" : ""});
      } else if (p == "/communities/{id}/invites") {
        f.push_back({"days", std::to_string(Between(rng, 1, 366))});
      } else if (p == "/communities/{id}/sponsors") {
        f.push_back({"label", "Board"});
      } else if (p == "/communities/{id}/coordinators") {
        f.push_back({"email", Chance(rng, 0.5) ? kSpareEmail : "nobody@example.org"});
      } else if (p == "/account/delete") {
        f.push_back({"password", "not the password"});
      }
    }
    return f;
  }

  std::string FormBody(Rng& rng, const Route& r, const std::string& csrf, bool heavy) const {
    auto fields = FormFields(rng, r, csrf);
    int mutations = heavy ? static_cast<int>(Between(rng, 1, 5)) : static_cast<int>(Below(rng, 3));
    std::vector<std::string> parts;
    for (const auto& [k, v] : fields) parts.push_back(Encode(k) + "=" + Encode(v));
    for (int m = 0; m < mutations; ++m) {
      std::size_t i = Below(rng, parts.size() + 1);
      switch (Below(rng, 11)) {
        case 0:  // a value replaced by junk
          if (!parts.empty() && i < parts.size())
            parts[i] = parts[i].substr(0, parts[i].find('=') + 1) + (Chance(rng, 0.7) ? Encode(JunkText(rng)) : JunkText(rng));
          break;
        case 1:  // a key replaced by junk
          if (!parts.empty() && i < parts.size())
            parts[i] = Encode(JunkText(rng)) + parts[i].substr(std::min(parts[i].find('='), parts[i].size()));
          break;
        case 2: {
          static const std::vector<std::string> broken = {"%", "%z", "%zz", "%e2%82", "%c0%af", "%00", "%ff", "+",
                                                          "=", "&", "==", "%0d%0a", "%ed%a0%80"};
          parts.insert(parts.begin() + static_cast<long>(std::min(i, parts.size())),
                       Pick(rng, broken) + "=" + Pick(rng, broken));
          break;
        }
        case 3:
          if (!parts.empty() && i < parts.size()) parts.push_back(parts[i]);  // a duplicate
          break;
        case 4:
          if (!parts.empty() && i < parts.size()) parts.erase(parts.begin() + static_cast<long>(i));
          break;
        case 5: {
          static const std::vector<std::string> odd = {
              "item.999999999999.what=x", "item.-1.what=x", "item.abc.what=x", "item.00.what=x",
              "item.1e3.what=x", "item.18446744073709551616.what=x", "item.0.due=2031-02-30",
              "item.0.due=9999-99-99", "item.0.status=maybe", "item..what=x", "item.0=x", "item.=x",
              "days=-1", "days=0", "days=99999999999999999999", "days=1.5", "days=%20", "closes=2031-13-01",
              "closes=0000-00-00", "confirm=YES", "go=%00", "phase=unsure&phase=define&phase=define"};
          parts.push_back(Pick(rng, odd));
          if (!w_.questions.empty())
            parts.push_back(Pick(rng, std::vector<std::string>{"now.", "target.", "note."}) + Pick(rng, w_.questions) +
                            "=" + Encode(Pick(rng, JunkNumbers())));
          break;
        }
        case 6: {
          std::string many;
          for (std::size_t n = Between(rng, 100, 3000), k = 0; k < n; ++k) many += (k ? "&x=" : "x=") + std::to_string(k);
          parts.push_back(many);
          break;
        }
        case 7: parts.push_back(RandomBytes(rng, Between(rng, 1, 200))); break;
        case 8: parts.push_back("note." + (w_.questions.empty() ? std::string("x") : w_.questions[0]) + "=" +
                                std::string(Between(rng, 3000, 20000), 'n'));
          break;
        case 9: parts.push_back(Encode(Pick(rng, OddValidText())) + "=" + EncodeAll(Pick(rng, BadUtf8())));
          break;
        default: parts.push_back(std::string(Between(rng, 1, 50), '&')); break;
      }
    }
    std::string out;
    for (const auto& p : parts) {
      if (!out.empty()) out += '&';
      out += p;
    }
    return out;
  }

  std::string JunkBody(Rng& rng) const {
    switch (Below(rng, 6)) {
      case 0: return RandomBytes(rng, Between(rng, 1, 4096));
      case 1: return Deep(rng);
      case 2: return JunkJsonValue(rng);
      case 3: {
        std::string s = "{\"a\":\"";
        for (std::size_t i = 0, n = Between(rng, 1, 30); i < n; ++i) s += Pick(rng, BadUtf8());
        return s + "\"}";
      }
      case 4: return "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + JunkText(rng) + "\r\n--x--\r\n";
      default: return std::string(Between(rng, 1, 70000), Chance(rng, 0.5) ? '{' : 'a');
    }
  }

  // ---- headers ----

  std::string ContentType(Rng& rng, bool json_body) const {
    static const std::vector<std::string> odd = {
        "application/json; charset=utf-8", "APPLICATION/JSON", "application/json;charset=latin-1",
        "application/json ; x=y", "application/json;;;", "application/jsonx", "text/json", "text/plain",
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
        "multipart/form-data; boundary=x", "multipart/form-data", "", ";", "*/*", "application/",
        "application/json\xff", "\x80\x81", "application/json, text/html", "application/merge-patch+json"};
    double roll = std::uniform_real_distribution<double>(0, 1)(rng);
    if (roll < 0.75) return json_body ? "application/json" : "application/x-www-form-urlencoded";
    if (roll < 0.95) return Pick(rng, odd);
    return NoLineBreaks(JunkText(rng));
  }

  std::string JunkCookie(Rng& rng) const {
    const std::string& real = w_.spare_session;
    switch (Below(rng, 12)) {
      case 0: return std::string(kSession) + "=" + RandomToken(rng);
      case 1: return std::string(kSession) + "=" + NoLineBreaks(JunkText(rng));
      case 2: return NoLineBreaks(JunkText(rng));
      case 3: return std::string(kSession) + "=" + real + "x";
      case 4: return std::string(kSession) + "=\"" + real + "\"";
      case 5: return ";;;;=;==; ;";
      case 6: return std::string(Between(rng, 1000, 9000), 'c');
      case 7: return std::string(kSession) + "=" + RandomBytes(rng, 40, 0x80, 0xff);
      case 8: return std::string(kFormCookie) + "=" + NoLineBreaks(JunkText(rng));
      case 9: return "a=1; " + std::string(kSession) + "=; b=\x01\x02";
      case 10: {
        std::string s;
        for (std::size_t i = 0, n = Between(rng, 50, 500); i < n; ++i) s += "c" + std::to_string(i) + "=v; ";
        return s;
      }
      default: return std::string(kSession) + "=" + std::string(Between(rng, 44, 4000), 'A');
    }
  }

  std::string JunkHeader(Rng& rng) const {
    std::string port = std::to_string(w_.port);
    switch (Below(rng, 22)) {
      case 0: return "Accept: " + Pick(rng, std::vector<std::string>{"*/*", "application/json", "text/html;q=0.9", "x/y;q=junk", ""});
      case 1: return "Accept-Encoding: " + Pick(rng, std::vector<std::string>{"gzip", "br", "gzip, deflate, br", "*", "identity;q=0", "gzip;q=abc", std::string(5000, 'g')});
      case 2: return "Accept-Language: " + NoLineBreaks(JunkText(rng));
      case 3: return "If-None-Match: " + Pick(rng, std::vector<std::string>{"*", "\"x\"", "W/\"\"", "\"", NoLineBreaks(JunkText(rng))});
      case 4: return "If-Modified-Since: " + Pick(rng, std::vector<std::string>{"Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "yesterday", NoLineBreaks(JunkText(rng))});
      case 5: return "Range: bytes=" + Pick(rng, std::vector<std::string>{"0-0", "-1", "5-1", "0-99999999999999999999", "a-b", ""});
      case 6: return "Origin: " + Pick(rng, std::vector<std::string>{"http://127.0.0.1:" + port, "https://evil.example", "null", "", NoLineBreaks(JunkText(rng))});
      case 7: return "Sec-Fetch-Site: " + Pick(rng, std::vector<std::string>{"same-origin", "cross-site", "none", "same-site", NoLineBreaks(JunkText(rng))});
      case 8: return "Referer: " + NoLineBreaks(JunkText(rng));
      case 9: return "X-Forwarded-For: " + Pick(rng, std::vector<std::string>{"1.2.3.4", "junk", ", , ,", "::1, 1.1.1.1", std::string(3000, '9'), NoLineBreaks(JunkText(rng))});
      case 10: return "User-Agent: " + NoLineBreaks(JunkText(rng));
      case 11: return "Authorization: Bearer " + NoLineBreaks(JunkText(rng));
      case 12: return "Expect: 100-continue";
      case 13: return "Connection: " + Pick(rng, std::vector<std::string>{"close", "keep-alive", "upgrade", "junk", "close, close", ""});
      case 14: return "Upgrade: " + Pick(rng, std::vector<std::string>{"websocket", "h2c", "HTTP/2.0"});
      case 15: return "Content-Encoding: " + Pick(rng, std::vector<std::string>{"gzip", "br", "deflate", "identity", "x"});
      case 16: return "X-Big: " + std::string(Pick(rng, std::vector<std::size_t>{2000, 6000, 7900, 9000}), 'b');
      case 17: return "X-High: " + RandomBytes(rng, Between(rng, 1, 100), 0x80, 0xff);
      case 18: return "X-Ctl: a" + RandomBytes(rng, Between(rng, 1, 8), 1, 8) + "\x7f" + "b";
      case 19: return NoLineBreaks(JunkText(rng)) + ": x";
      case 20: return "Host: " + Pick(rng, std::vector<std::string>{"evil.example", "", "127.0.0.1:" + port, "[::1]", "a b", std::string(3000, 'h'), NoLineBreaks(JunkText(rng))});
      default: return "X-" + RandomToken(rng, 6) + ": " + NoLineBreaks(JunkText(rng));
    }
  }

  // ---- requests ----

  Fuzzed FromRoute(Rng& rng, const Route& r, bool heavy) const {
    Fuzzed f;
    f.route = r.method + " " + r.pattern;
    f.kind = heavy ? "junk" : "mutated";
    static const std::vector<std::string> methods = {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "FOO",
        "get", "M-SEARCH", "BREW", "GETT", "PRI", "QUERY", "LINK", "X-Y_Z", "PUT!", std::string(200, 'G')};
    f.method = Chance(rng, heavy ? 0.6 : 0.9) ? r.method : Pick(rng, methods);
    bool write = f.method != "GET" && f.method != "HEAD";
    // Whatever route it came from, a write to these paths may end the session it carries
    // (DELETE /api/v1/session is POST /api/v1/session with another method).
    static const std::set<std::string> session_paths = {"/api/v1/session", "/api/v1/account", "/account/sign-out",
                                                        "/account/delete"};
    bool ends_session = r.ends_session || (write && session_paths.count(r.pattern));

    // Who asks: the owner (most of the time where a session matters), the spare account, a
    // junk cookie, or nobody.
    std::string session, csrf;
    double roll = std::uniform_real_distribution<double>(0, 1)(rng);
    double owner_share = r.needs_session ? 0.55 : 0.2, spare_share = r.needs_session ? 0.25 : 0.1;
    std::string cookie;
    if (ends_session) {
      // A session of the spare account kept for this: the others stay signed in.
      if (roll < 0.6) {
        session = w_.ender_session;
        csrf = w_.ender_csrf;
      }
    } else if (roll < owner_share) {
      session = w_.owner_session;
      csrf = w_.owner_csrf;
    } else if (roll < owner_share + spare_share) {
      session = w_.spare_session;
      csrf = w_.spare_csrf;
    }
    if (!session.empty()) cookie = std::string(kSession) + "=" + session;
    else if (Chance(rng, 0.5)) cookie = JunkCookie(rng);
    // The sign-up and sign-in forms: the double-submit cookie.
    bool account_form = r.pattern == "/account/sign-up" || r.pattern == "/account/sign-in";
    if (account_form) {
      csrf = RandomToken(rng);
      std::string form_cookie = std::string(kFormCookie) + "=" + csrf;
      cookie = cookie.empty() ? form_cookie : cookie + "; " + form_cookie;
    }
    if (!csrf.empty() && Chance(rng, heavy ? 0.4 : 0.1)) csrf = Chance(rng, 0.5) ? RandomToken(rng) : JunkText(rng);
    bool privileged = cookie.find(w_.owner_session) != std::string::npos;
    f.privileged = privileged;

    // The path.
    std::vector<std::string> segs;
    {
      std::string pattern = r.pattern.substr(1);
      std::size_t pos = 0;
      for (;;) {
        std::size_t slash = pattern.find('/', pos);
        std::string seg = pattern.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
        if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
          std::string name = seg.substr(1, seg.size() - 2);
          auto it = r.params.find(name);
          Param kind = it == r.params.end() ? Param::kOther : it->second;
          // A write could change what it names: check-up and invite tokens are capabilities
          // for anyone; communities only for their coordinators (the owner).
          bool guarded = write && (kind == Param::kCheckup || kind == Param::kInvite || kind == Param::kSponsor ||
                                   privileged);
          bool junk = false;
          std::string v = ParamValue(rng, kind, guarded, r.deletes_community, &junk);
          seg = junk ? Segment(rng, v) : v;
        }
        segs.push_back(seg);
        if (slash == std::string::npos) break;
        pos = slash + 1;
      }
    }
    int path_mutations = heavy ? static_cast<int>(Between(rng, 0, 3)) : (Chance(rng, 0.15) ? 1 : 0);
    for (int i = 0; i < path_mutations; ++i) MutatePath(rng, segs);
    f.target = "/";
    for (std::size_t i = 0; i < segs.size(); ++i) f.target += (i ? "/" : "") + segs[i];
    std::string query = Chance(rng, heavy ? 0.6 : 0.25) ? Query(rng, heavy) : "";
    if ((r.pattern == "/search" || r.pattern == "/guide/examples") && Chance(rng, 0.8)) {
      static const std::vector<std::string> words = {"sponsor", "charter", "define", "a", "the", "*", "\"", "-", "OR"};
      std::string v;
      switch (Below(rng, 4)) {
        case 0: v = Pick(rng, words) + " " + Pick(rng, words); break;
        case 1: v = JunkText(rng); break;
        case 2: v = std::string(Between(rng, 100, 8000), Pick(rng, words)[0]); break;
        default:
          for (std::size_t i = 0, n = Between(rng, 1, 400); i < n; ++i) v += Pick(rng, words) + " ";
      }
      query = std::string(r.pattern == "/search" ? "q=" : "sector=") + Encode(v) + (query.empty() ? "" : "&" + query);
    }
    if (r.pattern.size() > 7 && r.pattern.substr(r.pattern.size() - 7) == "/trends" && Chance(rng, 0.7)) {
      auto round = [&] {
        return Pick(rng, std::vector<std::string>{S(w_.kept.first_round), S(w_.kept.round), S(w_.spare.first_round),
                                                  S(w_.spare.round), JunkId(rng)});
      };
      std::string from = round(), to = round();
      query = "from=" + Encode(from) + "&to=" + Encode(to) + (query.empty() ? "" : "&" + query);
    }
    if (!query.empty()) f.target += (query[0] == '#' ? "" : "?") + query;
    if (heavy && Chance(rng, 0.05)) f.target += "#frag";
    // A mutation of a guarded write cannot bring a kept record back: segments only ever
    // change to junk, never to a kept value.

    // Headers.
    f.headers.push_back("Host: 127.0.0.1:" + std::to_string(w_.port));
    if (heavy && Chance(rng, 0.1)) f.headers.pop_back();
    if (!cookie.empty()) f.headers.push_back("Cookie: " + cookie);
    if (heavy && Chance(rng, 0.1)) f.headers.push_back("Cookie: " + JunkCookie(rng));

    // The body.
    bool form_route = !r.api && r.method == "POST";
    bool json_body = r.api && (r.schema != nullptr);
    std::string body;
    bool has_type = false;
    double b = std::uniform_real_distribution<double>(0, 1)(rng);
    if (json_body || (r.api && write)) {
      if (b < (heavy ? 0.6 : 0.9)) body = JsonBody(rng, r, heavy);
      else if (b < 0.95) body = JunkBody(rng);
      else body = FormBody(rng, r, csrf, heavy);
      has_type = true;
      if (Chance(rng, heavy ? 0.5 : 0.9)) f.headers.push_back("Content-Type: " + ContentType(rng, true));
      else if (Chance(rng, 0.5)) f.headers.push_back("Content-Type: " + ContentType(rng, false));
    } else if (form_route) {
      if (b < (heavy ? 0.6 : 0.9)) body = FormBody(rng, r, csrf, heavy);
      else if (b < 0.95) body = JunkBody(rng);
      else body = JsonBody(rng, r, heavy);
      has_type = true;
      if (Chance(rng, heavy ? 0.6 : 0.92)) f.headers.push_back("Content-Type: " + ContentType(rng, false));
    } else if (Chance(rng, heavy ? 0.4 : 0.05)) {
      body = Chance(rng, 0.5) ? JunkBody(rng) : FormBody(rng, r, csrf, heavy);
    }
    if (!has_type && !body.empty() && Chance(rng, 0.5)) f.headers.push_back("Content-Type: " + ContentType(rng, Chance(rng, 0.5)));
    f.body = std::move(body);

    for (std::size_t i = 0, n = heavy ? Between(rng, 0, 4) : (Chance(rng, 0.3) ? 1 : 0); i < n; ++i)
      f.headers.push_back(JunkHeader(rng));
    if (heavy && Chance(rng, 0.03))
      for (int i = 0; i < 120; ++i) f.headers.push_back("X-Many-" + std::to_string(i) + ": v");
    // A mild mutation should mostly get past the parser to a handler: most of the time no
    // control characters in its headers (the heavy ones keep theirs).
    if (!heavy && Chance(rng, 0.8))
      for (auto& h : f.headers)
        for (char& c : h)
          if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) c = '_';
    if (Chance(rng, 0.5)) f.headers.push_back("Connection: close");
    if (f.headers.size() > 1) std::shuffle(f.headers.begin() + 1, f.headers.end(), rng);
    if (Chance(rng, heavy ? 0.08 : 0.03)) f.chunked = true;
    else if (Chance(rng, 0.03)) f.version = "HTTP/1.0";
    return f;
  }

  /// Protocol junk: request lines and framing no well-behaved client sends. Never with the
  /// owner's session.
  Fuzzed Raw(Rng& rng) const {
    Fuzzed f;
    f.kind = "raw";
    f.route = "-";
    const Route& r = PickRoute(rng);
    // The route's path with its parameters filled (never with a session: nothing here is
    // signed in, so nothing can change the kept set).
    std::string path;
    for (std::size_t i = 0; i < r.pattern.size(); ++i) {
      if (r.pattern[i] != '{') {
        path += r.pattern[i];
        continue;
      }
      i = r.pattern.find('}', i);
      if (i == std::string::npos) break;
      path += Chance(rng, 0.5) ? std::to_string(Between(rng, 1, 5)) : RandomToken(rng);
    }
    std::string host = "Host: 127.0.0.1:" + std::to_string(w_.port) + "\r\n";
    std::string body = Chance(rng, 0.5) ? JunkBody(rng) : std::string("{}");
    switch (Below(rng, 24)) {
      case 0: f.raw = RandomBytes(rng, Between(rng, 1, 3000)); break;
      case 1: f.raw = "GET / HTTP/1.1\r\n" + RandomBytes(rng, Between(rng, 1, 2000)); break;
      case 2: f.raw = "GET " + RandomBytes(rng, Between(rng, 1, 300)) + " HTTP/1.1\r\n" + host + "\r\n"; break;
      case 3: f.raw = "GET " + path + " HTTP/1.0\r\n\r\n"; break;
      case 4: f.raw = "GET " + path + " HTTP/" + Pick(rng, std::vector<std::string>{"2.0", "9.9", "1.11", "0.9", "1", "x"}) + "\r\n" + host + "\r\n"; break;
      case 5: f.raw = "GET " + path + " HTTP/1.1 extra\r\n" + host + "\r\n"; break;
      case 6: f.raw = "GET  " + path + "  HTTP/1.1\r\n" + host + "\r\n"; break;
      case 7: f.raw = Pick(rng, std::vector<std::string>{"GET http://127.0.0.1/guide HTTP/1.1\r\n", "GET http://evil.example/ HTTP/1.1\r\n",
                                                          "OPTIONS * HTTP/1.1\r\n", "CONNECT 127.0.0.1:1 HTTP/1.1\r\n", "GET * HTTP/1.1\r\n",
                                                          "GET ? HTTP/1.1\r\n", "GET # HTTP/1.1\r\n", "GET //evil.example HTTP/1.1\r\n",
                                                          "GET ../../etc/passwd HTTP/1.1\r\n", std::string("G\0T / HTTP/1.1\r\n", 16)}) +
                  host + "\r\n";
        break;
      case 8: f.raw = "GET " + path + " HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n"; break;
      case 9: f.raw = "GET " + path + " HTTP/1.1\r\n" + host + "X-Fold: a\r\n b\r\n\r\n"; break;
      case 10: f.raw = "GET " + path + " HTTP/1.1\n" + "Host: 127.0.0.1\n\n"; break;
      case 11: f.raw = "GET " + path + " HTTP/1.1\r" + "Host: 127.0.0.1\r\r"; break;
      case 12: f.raw = "POST " + path + " HTTP/1.1\r\n" + host + "Content-Length: " + std::to_string(body.size() + Between(rng, 1, 100)) + "\r\n\r\n" + body; break;
      case 13: f.raw = "POST " + path + " HTTP/1.1\r\n" + host + "Content-Length: " + std::to_string(body.size()) + "\r\nTransfer-Encoding: chunked\r\n\r\n" + body; break;
      case 14: f.raw = "POST " + path + " HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n" +
                       Pick(rng, std::vector<std::string>{"zz\r\nabc\r\n0\r\n\r\n", "ffffffffffffffffffff\r\na\r\n", "-1\r\n\r\n",
                                                          "3;ext=1\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n", "3\r\nabcdef\r\n0\r\n\r\n",
                                                          "0\r\n", "1\r\n"});
        break;
      case 15: f.raw = "POST " + path + " HTTP/1.1\r\n" + host + "Content-Length: " +
                       Pick(rng, std::vector<std::string>{"-1", "1, 2", "99999999999999999999999", "abc", "0x10", " 5", "5 ", "+5", "", "18446744073709551615"}) +
                       "\r\n\r\nhello";
        break;
      case 16: f.raw = "POST " + path + " HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"; break;
      case 17: f.raw = "POST " + path + " HTTP/1.1\r\n" + host + "Transfer-Encoding: " + Pick(rng, std::vector<std::string>{"gzip", "chunked, gzip", "identity", "xchunked", "chunked\x01"}) + "\r\n\r\n" + body; break;
      case 18: f.raw = "GET " + path + " HTTP/1.1\r\n" + host + "X-Inject: a\rb\r\n\r\n"; break;
      case 19: f.raw = "GET " + path + " HTTP/1.1\r\n" + host + "\r\nGARBAGE " + RandomBytes(rng, 50) + "\r\n\r\n"; break;
      case 20: f.raw = std::string(Between(rng, 20, 9000), 'A') + " / HTTP/1.1\r\n" + host + "\r\n"; break;
      case 21: f.raw = "GET /" + std::string(Between(rng, 7000, 12000), 'x') + " HTTP/1.1\r\n" + host + "\r\n"; break;
      case 22: {
        std::string h = "GET " + path + " HTTP/1.1\r\n" + host;
        for (int i = 0; i < 300; ++i) h += "X-" + std::to_string(i) + ": " + std::string(40, 'v') + "\r\n";
        f.raw = h + "\r\n";
        break;
      }
      default: f.raw = "GET " + path + "%" + " HTTP/1.1\r\n" + host + "Cookie: " + JunkCookie(rng) + "\r\n\r\n"; break;
    }
    if (f.raw.empty()) f.raw = "\r\n";
    return f;
  }

  const World& w_;
};

// ---------------------------------------------------------------------------------------
// Seeding and snapshots

/// The CSRF token on a signed-in page.
std::string Csrf(std::uint16_t port, const std::string& session) {
  Reply r = Call(port, "GET", "/communities/new", "", {CookieHeader(session)});
  static const std::regex re(R"re(name="csrf" value="([^"]+)")re");
  std::smatch m;
  if (std::regex_search(r.body, m, re)) return m[1].str();
  return "";
}

std::string SignUpAndIn(std::uint16_t port, const std::string& email, const std::string& password,
                        const std::string& name) {
  Reply up = CallJson(port, "POST", "/api/v1/accounts", {{"email", email}, {"password", password}, {"name", name}});
  EXPECT_TRUE(up.status == 201 || up.status == 202) << up.status << " " << up.body;
  Reply in = CallJson(port, "POST", "/api/v1/session", {{"email", email}, {"password", password}});
  EXPECT_EQ(in.status, 200) << in.body;
  std::string session = in.SetCookie(kSession);
  EXPECT_FALSE(session.empty()) << "no session cookie";
  return session;
}

std::string NewCheckup(std::uint16_t port, const std::string& name) {
  Reply r = CallJson(port, "POST", "/api/v1/checkups", {{"name", name}});
  EXPECT_EQ(r.status, 201) << r.body;
  return BodyJson(r).value("token", "");
}

void AnswerAll(const World& w, const std::string& token, int now) {
  json answers = json::array();
  int i = 0;
  for (const auto& q : w.questions)
    answers.push_back({{"question", q}, {"now", (now + i) % 5}, {"target", 4}, {"note", "note " + std::to_string(++i)}});
  Reply r = CallJson(w.port, "PUT", "/api/v1/checkups/" + token + "/answers", {{"answers", answers}});
  EXPECT_EQ(r.status, 200) << r.body;
}

json PlanBody() {
  return {{"vision", "A lively community"},
          {"goals", "Monthly meetings"},
          {"strategies", "Rotate hosts"},
          {"items", json::array({{{"what", "Book a room"}, {"owner", "Ana"}, {"due", "2031-05-01"}, {"status", "doing"}},
                                 {{"what", "Write the charter"}, {"owner", ""}, {"due", ""}, {"status", "todo"}}})}};
}

/// A community with a round, an invite, a sponsor link, a member who answered and a plan.
Ids SeedCommunity(World& w, const std::string& name) {
  Ids ids;
  const std::string& s = w.owner_session;
  Reply c = CallJson(w.port, "POST", "/api/v1/communities",
                     {{"name", name}, {"domain", "Wound care"}, {"purpose", "Learn together"}, {"phase", "grow"}}, s);
  EXPECT_EQ(c.status, 201) << c.body;
  ids.community = BodyJson(c).value("id", std::int64_t{0});
  std::string base = "/api/v1/communities/" + std::to_string(ids.community);
  // Two rounds, the first closed, so that trends have something to compare.
  Reply first = CallJson(w.port, "POST", base + "/rounds", {{"title", "Autumn round"}}, s);
  EXPECT_EQ(first.status, 201) << first.body;
  ids.first_round = BodyJson(first).value("id", std::int64_t{0});
  Reply closed = CallJson(w.port, "POST", base + "/rounds/" + std::to_string(ids.first_round) + "/close",
                          json::object(), s);
  EXPECT_LT(closed.status, 300) << closed.body;
  Reply round = CallJson(w.port, "POST", base + "/rounds", {{"title", "Spring round"}}, s);
  EXPECT_EQ(round.status, 201) << round.body;
  ids.round = BodyJson(round).value("id", std::int64_t{0});
  Reply invite = CallJson(w.port, "POST", base + "/invites", {{"days", 30}}, s);
  EXPECT_EQ(invite.status, 201) << invite.body;
  ids.invite_id = BodyJson(invite).value("id", std::int64_t{0});
  ids.invite = BodyJson(invite).value("token", "");
  Reply sponsor = CallJson(w.port, "POST", base + "/sponsors", {{"label", "The board"}}, s);
  EXPECT_EQ(sponsor.status, 201) << sponsor.body;
  ids.sponsor_id = BodyJson(sponsor).value("id", std::int64_t{0});
  ids.sponsor = BodyJson(sponsor).value("token", "");
  // Three members answer (the privacy threshold), so that team results, spreads and the
  // sponsor's view have something to show; the first also writes reflections.
  for (int m = 0; m < 3; ++m) {
    Reply join = Call(w.port, "POST", "/api/v1/join/" + ids.invite);
    EXPECT_EQ(join.status, 201) << join.body;
    ids.members.push_back(BodyJson(join).value("token", ""));
    AnswerAll(w, ids.members.back(), m + 1);
  }
  ids.member = ids.members.front();
  json reflections = json::array();
  for (const auto& p : w.prompts) reflections.push_back({{"prompt", p}, {"text", "Members said " + p}});
  Reply refl = CallJson(w.port, "PUT", "/api/v1/checkups/" + ids.member + "/reflections", {{"reflections", reflections}});
  EXPECT_EQ(refl.status, 200) << refl.body;
  Reply plan = CallJson(w.port, "PUT", base + "/plan", PlanBody(), s);
  EXPECT_EQ(plan.status, 200) << plan.body;
  return ids;
}

/// A solo check-up with answers (API), a phase saved through its form, reflections and a plan.
std::string SeedSolo(World& w, const std::string& name) {
  std::string token = NewCheckup(w.port, name);
  AnswerAll(w, token, 2);
  json reflections = json::array();
  for (const auto& p : w.prompts) reflections.push_back({{"prompt", p}, {"text", "We learned " + p}});
  Reply r = CallJson(w.port, "PUT", "/api/v1/checkups/" + token + "/reflections", {{"reflections", reflections}});
  EXPECT_EQ(r.status, 200) << r.body;
  if (!w.phases.empty()) {
    std::string phase = w.phases.back();
    std::vector<std::pair<std::string, std::string>> form;
    for (const auto& q : w.phase_questions[phase]) {
      form.push_back({"now." + q, "3"});
      form.push_back({"target." + q, "4"});
      form.push_back({"note." + q, "from the form"});
    }
    form.push_back({"go", "stay"});
    Reply f = Call(w.port, "POST", "/checkup/" + token + "/phase/" + phase, FormEncode(form),
                   {"Content-Type: application/x-www-form-urlencoded"});
    EXPECT_EQ(f.status, 303) << f.body.substr(0, 300);
  }
  Reply plan = CallJson(w.port, "PUT", "/api/v1/checkups/" + token + "/plan", PlanBody());
  EXPECT_EQ(plan.status, 200) << plan.body;
  return token;
}

/// What the kept set looks like through the API.
std::map<std::string, std::string> Snapshot(const World& w) {
  std::map<std::string, std::string> out;
  auto get = [&](const std::string& target, const std::string& session) {
    std::vector<std::string> headers;
    if (!session.empty()) headers.push_back(CookieHeader(session));
    Reply r = Call(w.port, "GET", target, "", headers);
    out[target] = std::to_string(r.status) + " " + r.body;
  };
  std::vector<std::string> tokens = w.kept.members;
  tokens.push_back(w.kept.solo);
  for (const std::string& t : tokens) {
    get("/api/v1/checkups/" + t, "");
    get("/api/v1/checkups/" + t + "/results", "");
    get("/api/v1/checkups/" + t + "/plan", "");
  }
  std::string c = "/api/v1/communities/" + std::to_string(w.kept.community);
  get(c, w.owner_session);
  get(c + "/rounds/" + std::to_string(w.kept.round), w.owner_session);
  get(c + "/rounds/" + std::to_string(w.kept.round) + "/results", w.owner_session);
  get(c + "/rounds/" + std::to_string(w.kept.first_round), w.owner_session);
  get(c + "/trends?from=" + std::to_string(w.kept.first_round) + "&to=" + std::to_string(w.kept.round),
      w.owner_session);
  get(c + "/plan", w.owner_session);
  get("/api/v1/sponsor/" + w.kept.sponsor, "");
  get("/api/v1/account", w.owner_session);
  // The export, but only the kept community (the fuzzer makes others on purpose).
  Reply e = Call(w.port, "GET", "/api/v1/account/export", "", {CookieHeader(w.owner_session)});
  json ej = BodyJson(e);
  json kept = json::array();
  if (ej.is_object() && ej.contains("communities") && ej["communities"].is_array())
    for (const auto& cj : ej["communities"])
      if (cj.value("id", std::int64_t{0}) == w.kept.community) kept.push_back(cj);
  out["export: account"] = std::to_string(e.status) + " " + (ej.is_object() ? ej.value("account", json()).dump() : e.body);
  out["export: kept community"] = kept.dump();
  return out;
}

/// True when the target names a kept community or a kept token as a path segment.
bool NamesKept(const World& w, const std::string& target) {
  std::string path = target.substr(0, target.find('?'));
  auto segment = [&](const std::string& v) {
    if (v.empty()) return false;
    for (std::size_t at = path.find(v); at != std::string::npos; at = path.find(v, at + 1)) {
      bool starts = at > 0 && path[at - 1] == '/';
      std::size_t end = at + v.size();
      bool ends = end == path.size() || path[end] == '/';
      if (starts && ends) return true;
    }
    return false;
  };
  std::string id = std::to_string(w.kept.community);
  bool community = false;
  for (std::size_t at = path.find("/communities/" + id); at != std::string::npos;
       at = path.find("/communities/" + id, at + 1)) {
    std::size_t end = at + 13 + id.size();
    if (end == path.size() || path[end] == '/') community = true;
  }
  for (const auto& m : w.kept.members)
    if (segment(m)) return true;
  return community || segment(w.kept.solo) || segment(w.kept.invite) ||
         segment(w.kept.sponsor);
}

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
}  // namespace cultivate::web
