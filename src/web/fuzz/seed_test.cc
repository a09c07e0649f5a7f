// Seeding and snapshots (see seed_test_support.h). No TEST here.
#include "web/fuzz/seed_test_support.h"

#include <gtest/gtest.h>

#include <regex>
#include <utility>
#include <vector>

namespace cultivate::web::fuzz {

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

}  // namespace cultivate::web::fuzz
