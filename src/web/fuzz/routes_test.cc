// The routes the fuzzer visits (see routes_test_support.h). No TEST here.
#include "web/fuzz/routes_test_support.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <utility>

namespace cultivate::web::fuzz {

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
      // The review meeting and calendars (issue 17). Its event stream (.../review/events) is
      // left out: a stream stays open by design, so a fuzzed request would wait on it.
      {"GET", "/communities/{id}/rounds/{rid}/review"},
      {"GET", "/communities/{id}/rounds/{rid}/review/{step}"},
      {"GET", "/communities/{id}/rounds/{rid}/review/print/{kind}"},
      {"POST", "/communities/{id}/rounds/{rid}/review/vote/open"},
      {"POST", "/communities/{id}/rounds/{rid}/review/vote/close"},
      {"POST", "/communities/{id}/rounds/{rid}/review/hands"},
      {"POST", "/communities/{id}/rounds/{rid}/review/actions"},
      {"POST", "/communities/{id}/rounds/{rid}/review/notes"},
      {"POST", "/communities/{id}/rounds/{rid}/review/next"},
      {"GET", "/communities/{id}/calendar.ics"}, {"POST", "/communities/{id}/calendar/link"},
      {"POST", "/communities/{id}/calendar/revoke"}, {"GET", "/calendar/{file}"},
      {"GET", "/checkup/{token}/plan.ics"}, {"GET", "/checkup/{token}/vote"},
      {"POST", "/checkup/{token}/vote"}, {"GET", "/vote"}, {"GET", "/vote/{code}"},
      {"POST", "/vote/{code}"},
  };
  static const std::map<std::string, Param> names = {
      {"token", Param::kCheckup},   {"invite", Param::kInvite},     {"sponsor", Param::kSponsor},
      {"id", Param::kCommunity},    {"rid", Param::kRound},         {"iid", Param::kInviteId},
      {"sid", Param::kSponsorId},   {"uid", Param::kUserId},        {"phase", Param::kPhase},
      {"practice", Param::kPractice}, {"example", Param::kExample},
      {"step", Param::kOther},      {"kind", Param::kOther},        {"code", Param::kOther},
      {"file", Param::kOther}};
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

}  // namespace cultivate::web::fuzz
