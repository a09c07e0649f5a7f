// Generator: whole requests, from a route (who asks, path, query, headers, body) or raw
// protocol junk. No TEST here.
#include "web/fuzz/generator_test_support.h"

#include <algorithm>
#include <random>
#include <set>

namespace cultivate::web::fuzz {

Fuzzed Generator::Make(Rng& rng, std::uint64_t index) const {
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

const Route& Generator::PickRoute(Rng& rng) const {
  std::discrete_distribution<std::size_t> d(w_.weights.begin(), w_.weights.end());
  return w_.routes[d(rng)];
}

Fuzzed Generator::FromRoute(Rng& rng, const Route& r, bool heavy) const {
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
Fuzzed Generator::Raw(Rng& rng) const {
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

}  // namespace cultivate::web::fuzz
