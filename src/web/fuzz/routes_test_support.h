// What the fuzzer knows: the routes (the API read from content/openapi.json, the HTML pages
// listed), the seeded accounts and records, and the OpenAPI document.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace cultivate::web::fuzz {

using nlohmann::json;

// Never part of any fuzzed request: no fuzzed request can sign in as, or delete, a seeded account.
inline constexpr const char* kOwnerPassword = "owner pass phrase the fuzzer never sends 71";
inline constexpr const char* kSparePassword = "spare pass phrase the fuzzer never sends 72";
inline constexpr const char* kOwnerEmail = "fuzz-owner@example.org";
inline constexpr const char* kSpareEmail = "fuzz-spare@example.org";

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

/// Follows `$ref`s within the document.
const json* Resolve(const json& doc, const json& schema);

/// The API routes, from the OpenAPI document.
std::vector<Route> ApiRoutes(const json& doc);

/// The HTML routes (and the few others outside the API document).
std::vector<Route> HtmlRoutes();

}  // namespace cultivate::web::fuzz
