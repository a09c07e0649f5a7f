#pragma once
/// Team check-ups as operations, shared by the HTML pages and the JSON API: who may see a
/// community (coordinators only; anyone else gets "not found", never "forbidden", so ids
/// reveal nothing), rounds, invites and joining, aggregated results behind the privacy
/// threshold (assess/team.h), trends between rounds, the community plan and sponsor links.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "assess/results_json.h"
#include "assess/team.h"
#include "common/error.h"
#include "http/static_files.h"
#include "store/clock.h"
#include "store/store.h"
#include "web/site.h"

namespace cultivate::web {

inline constexpr size_t kMaxCommunityText = 2000;  // domain and purpose, code points
inline constexpr int kDefaultInviteDays = 30;
inline constexpr int kMaxInviteDays = 366;

struct TeamOptions {
  int min_responses = assess::kMinThreshold;  // raised to 3 if set lower
  std::string base_url;                        // e.g. https://cop.example.org; empty: from Host
};

/// Scored team results by round, reused until the round's revision changes (a member saved
/// answers, or the round was closed). Safe for concurrent use; bounded.
class TeamResultsCache {
 public:
  std::shared_ptr<const assess::TeamResults> Get(store::Id round, std::int64_t revision);
  void Put(store::Id round, std::int64_t revision,
           std::shared_ptr<const assess::TeamResults> results);
  /// The JSON body of the cached results of this revision, if it was stored.
  std::shared_ptr<const http::PreparedBody> GetJson(store::Id round, std::int64_t revision);
  void PutJson(store::Id round, std::int64_t revision,
               std::shared_ptr<const http::PreparedBody> json);

 private:
  struct Entry {
    std::int64_t revision = -1;
    std::shared_ptr<const assess::TeamResults> results;
    std::shared_ptr<const http::PreparedBody> json;
  };
  static constexpr size_t kMaxEntries = 2048;
  std::mutex mu_;
  std::map<store::Id, Entry> entries_;  // guarded by mu_
};

/// Community fields as submitted; Check() lists problems by field.
struct CommunityInput {
  std::string name, domain, purpose, phase;
};

/// The parts of a Site the team service needs, and the store.
class TeamService {
 public:
  TeamService(const Site& site, store::Store& store, const TeamOptions& options,
              TeamResultsCache& cache, store::Clock clock)
      : site_(site), store_(store), options_(options), cache_(cache), clock_(std::move(clock)) {}

  int threshold() const { return assess::EffectiveThreshold(options_.min_responses); }
  std::int64_t now() const { return clock_(); }

  /// Problems with community fields: {field, message}.
  std::vector<std::pair<std::string, std::string>> Check(const CommunityInput& input) const;

  /// The community when `user` coordinates it; kNotFound otherwise (also for a malformed id).
  Result<store::Community> Coordinated(store::Id user, const std::string& community_id);
  /// The round when it belongs to `community`; kNotFound otherwise. Without `counts`, its
  /// joined/answered counts are left 0 (constant time, whatever the round's size).
  Result<store::Round> RoundIn(const store::Community& community, const std::string& round_id,
                               bool counts = false);
  /// The community's open round, if any.
  Result<std::optional<store::Round>> OpenRound(const store::Community& community);

  /// Opens a round with the current bank pinned. kConflict when one is open.
  Result<store::Id> OpenNewRound(const store::Community& community, const std::string& title,
                                 std::optional<std::int64_t> closes_at);

  struct NewLink {
    store::Id id = 0;
    std::string token;  // shown once, never stored
    std::string url;
  };
  /// An invite to the open round (kConflict when there is none), valid for `days`.
  Result<NewLink> CreateInvite(const store::Community& community, int days,
                               const std::string& host);
  Result<NewLink> CreateSponsorLink(const store::Community& community, const std::string& label,
                                    const std::string& host);

  /// A member joins through an invite token: a personal check-up in the open round.
  /// kNotFound for an unknown token; kGone-like kConflict with a message for revoked or
  /// expired invites and closed rounds.
  Result<std::string> Join(const std::string& invite_token);
  /// What a member sees before joining: the community and round of a usable invite.
  struct InviteView {
    store::Invite invite;
    store::Community community;
    store::Round round;
    std::string problem;  // why it cannot be used, or empty
  };
  Result<InviteView> ViewInvite(const std::string& invite_token);

  /// The round's results (cached by revision). Never hidden-less below the threshold.
  Result<std::shared_ptr<const assess::TeamResults>> Results(const store::Community& community,
                                                             const store::Round& round);
  /// The newest round whose results are shown (at or above the threshold), if any.
  Result<std::optional<std::pair<store::Round, std::shared_ptr<const assess::TeamResults>>>>
  LatestShownResults(const store::Community& community);

  /// {"responses", "threshold", "hidden": true} below the threshold; otherwise the solo
  /// results shape plus "responses", "threshold", "hidden": false, "hidden_questions",
  /// "overall_spread", a "spread" on every phase, element, principle and question, and
  /// "notes" [{question, title, notes: [...]}].
  nlohmann::json ResultsJson(const assess::TeamResults& team) const;
  /// ResultsJson(Results(...)) serialised and gzipped once, with an ETag, cached with the
  /// results until the round changes.
  Result<std::shared_ptr<const http::PreparedBody>> ResultsJsonBody(
      const store::Community& community, const store::Round& round);
  /// Change per phase, element and principle between two rounds' shown results.
  nlohmann::json TrendsJson(const store::Round& from, const assess::TeamResults& a,
                            const store::Round& to, const assess::TeamResults& b) const;

  /// The saved community plan, or a draft from the newest shown results.
  Result<store::Plan> PlanOrDraft(const store::Community& community, bool* is_draft);
  /// Adds the draft actions of `results` that the plan does not already hold (by source
  /// question), as "todo"; existing items keep their status. Returns how many were added.
  int MergeSuggestions(store::Plan* plan, const assess::TeamResults& results) const;

  /// The sponsor link's community, when the link is known and not revoked.
  Result<store::Community> SponsorCommunity(const std::string& token);

  /// Everything stored about a user, as JSON (no password hash, no tokens).
  Result<nlohmann::json> ExportUser(const store::User& user);

  assess::Labels Labels() const;
  std::string LinkUrl(const std::string& host, const std::string& path) const;

 private:
  const Site& site_;
  store::Store& store_;
  const TeamOptions& options_;
  TeamResultsCache& cache_;
  store::Clock clock_;
};

/// Parses a positive decimal id; empty for anything else.
std::optional<store::Id> ParseId(const std::string& text);
/// "YYYY-MM-DD" -> unix seconds at 23:59:59 UTC that day; empty when malformed.
std::optional<std::int64_t> ParseDate(const std::string& text);
/// Unix seconds -> "YYYY-MM-DD" (UTC).
std::string FormatDate(std::int64_t at);

}  // namespace cultivate::web
