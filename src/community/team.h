#pragma once
/// Team check-ups as operations, shared by the HTML pages and the JSON API. Who may see a
/// community: its coordinators only; anyone else gets kNotFound, never "forbidden", so ids
/// reveal nothing, and every nested id (round, invite, link, coordinator) must belong to the
/// community. Rounds, invites and joining, sponsor links, team results behind the privacy
/// threshold (assess/team.h), trends, the community plan and the account export. Ids come
/// as typed in a path ("12"); a malformed one is kNotFound. Safe for concurrent use.
/// Implemented by concept: communities.cc, rounds.cc, links.cc, results.cc, plan.cc.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assess/bank.h"
#include "assess/team.h"
#include "common/clock.h"
#include "common/error.h"
#include "community/results_cache.h"
#include "model/account.h"
#include "model/checkup.h"
#include "model/community.h"
#include "model/plan.h"
#include "store/store.h"

namespace cultivate::community {

inline constexpr size_t kMaxCommunityName = 200;   // code points
inline constexpr size_t kMaxCommunityText = 2000;  // domain and purpose
inline constexpr size_t kMaxRoundTitle = 200;
inline constexpr size_t kMaxLinkLabel = 200;
// Caps that keep one account from filling the store (409 with a message past them).
inline constexpr size_t kMaxCommunitiesPerAccount = 50;
inline constexpr size_t kMaxRoundsPerCommunity = 100;
inline constexpr size_t kMaxActiveInvites = 20;       // not withdrawn, not expired
inline constexpr size_t kMaxActiveSponsorLinks = 20;  // not withdrawn
inline constexpr size_t kMaxCoordinators = 20;
inline constexpr int kDefaultInviteDays = 30;
inline constexpr int kMaxInviteDays = 366;

inline constexpr int kMaxInviteUses = 1000;
inline constexpr int kDefaultInviteUses = 50;  // when an API client does not say

struct TeamOptions {
  int min_responses = assess::kMinThreshold;  // raised to 3 if set lower
  int min_detail = assess::kDefaultMinDetail;  // raised to min_responses if set lower
};

struct CommunityInput {
  std::string name, domain, purpose, phase;  // phase: a phase id, or empty for "not sure"
};

struct RoundInput {
  std::string title;
  std::string closes;  // as typed: "YYYY-MM-DD", or empty
};

/// What a coordinator's dashboard shows.
struct Overview {
  std::vector<model::Round> rounds;  // newest first, with counts
  std::vector<model::User> coordinators;
  std::vector<model::CoordinatorInvitation> invited;  // waiting for an answer
  std::vector<model::Invite> invites;
  std::vector<model::SponsorLink> links;
};

/// A link just made: its token is shown once and never stored.
struct NewLink {
  model::Id id = 0;
  std::string token;
  std::string path;  // "/join/TOKEN" or "/sponsor/TOKEN"
  std::int64_t expires_at = 0;
  model::Id round_id = 0;
};

/// Who is joining through an invite.
struct Joiner {
  std::optional<model::Id> user;  // the signed-in account, if any
  std::string previous;           // the check-up this browser joined through the link, if any
};

struct Joined {
  std::string token;   // the check-up's resume token
  bool again = false;  // an existing check-up, not a new one
};

/// What a member sees before joining.
struct InviteView {
  model::Invite invite;
  model::Community community;
  model::Round round;
  Message problem;  // why it cannot be used (withdrawn, expired, closed, full), or empty
  std::string own;  // `previous` when it is a check-up of this invite's round, else empty
};

using ShownResults = std::pair<model::Round, std::shared_ptr<const assess::TeamResults>>;

/// What a sponsor's link shows: the newest shown results and the plan.
struct SponsorView {
  model::Community community;
  std::optional<ShownResults> latest;
  std::vector<model::Reflection> reflections;  // of the latest shown round
  std::optional<model::Plan> plan;
  std::vector<model::DecisionNote> decisions;  // of the latest shown round's review meeting
};

struct Trend {
  model::Round from, to;
  std::shared_ptr<const assess::TeamResults> a, b;
};

struct PlanView {
  model::Plan plan;
  bool draft = false;
};

/// Everything stored about a coordinator's communities (never members' answers).
struct CommunityExport {
  model::Community community;
  Overview overview;
  std::optional<model::Plan> plan;
  std::vector<model::Review> reviews;  // of the rounds that had a review meeting
};

class Team {
 public:
  Team(const assess::Bank& bank, store::Store& store, const TeamOptions& options,
       TeamResultsCache& cache, Clock clock)
      : bank_(bank), store_(store), options_(options), cache_(cache), clock_(std::move(clock)) {}

  assess::TeamRules rules() const {
    return assess::EffectiveRules({options_.min_responses, options_.min_detail});
  }
  int threshold() const { return rules().threshold; }
  std::int64_t now() const { return clock_(); }

  // ---- communities (communities.cc) ----
  /// Every problem with the fields, by field. Pure.
  std::vector<FieldError> Check(const CommunityInput& input) const;
  Result<std::vector<model::Community>> CommunitiesOf(model::Id user);
  /// Creates the community with `user` as its first coordinator. kInvalid with details.
  Result<model::Community> Create(model::Id user, const CommunityInput& input);
  /// The community when `user` coordinates it; kNotFound otherwise.
  Result<model::Community> Coordinated(model::Id user, const std::string& community_id);
  /// kInvalid with details; returns the community as stored.
  Result<model::Community> Update(const model::Community& community, const CommunityInput& input);
  /// Deletes the community and everything in it.
  Status Delete(const model::Community& community, model::Id by, const std::string& address);
  Result<Overview> OverviewOf(const model::Community& community);
  Result<std::vector<model::User>> Coordinators(const model::Community& community);
  /// The community's rounds, newest first, with counts (no invites, links or coordinators).
  Result<std::vector<model::Round>> RoundsOf(const model::Community& community);
  /// Invites `email` to co-coordinate: they see it on their account page and accept or
  /// decline. The same answer whether or not the email has an account or is a coordinator
  /// already, and no name. kInvalid (field "email") for a malformed address; kConflict past
  /// kMaxCoordinators (coordinators and open invitations together).
  Status InviteCoordinator(const model::Community& community, const std::string& email,
                           model::Id by);
  /// The invitations waiting for `user`'s email.
  Result<std::vector<model::CoordinatorInvitation>> InvitationsFor(const model::User& user);
  /// `user` becomes a coordinator of the invitation's community. kNotFound unless it was
  /// made for `user`'s email.
  Status AcceptInvitation(const model::User& user, const std::string& invitation_id);
  Status DeclineInvitation(const model::User& user, const std::string& invitation_id);
  /// kNotFound when not a coordinator; kConflict when they are the last one.
  Status RemoveCoordinator(const model::Community& community, const std::string& user_id);
  /// Everything stored about `user`'s communities.
  Result<std::vector<CommunityExport>> Export(const model::User& user);

  // ---- rounds (rounds.cc) ----
  /// The round when it belongs to `community`; kNotFound otherwise. Without `counts`, its
  /// joined/answered counts are left 0 (constant time, whatever the round's size).
  Result<model::Round> RoundIn(const model::Community& community, const std::string& round_id,
                               bool counts = false);
  Result<std::optional<model::Round>> OpenRound(const model::Community& community);
  /// Opens a round with the current bank pinned. kInvalid (title, closes); kConflict when
  /// one is open.
  Result<model::Round> OpenNewRound(const model::Community& community, const RoundInput& input);
  /// Closes the round now. kConflict when it is already closed (a closed round never changes).
  Result<model::Round> CloseRound(const model::Community& community, const std::string& round_id);

  // ---- invites, joining and sponsor links (links.cc) ----
  /// An invite to the open round (kConflict when there is none), valid for `days` (1 to 366,
  /// else kInvalid on "days") and for `max_uses` people (1 to 1,000, else kInvalid on
  /// "max_uses").
  Result<NewLink> CreateInvite(const model::Community& community, int days,
                               int max_uses = kDefaultInviteUses);
  /// kNotFound unless the invite is this community's.
  Status RevokeInvite(const model::Community& community, const std::string& invite_id);
  /// The invite's community and round (with its counts), why it cannot be used, if so, and
  /// whether `previous` (the check-up this browser joined through the link) is still one of
  /// the round's. kNotFound for an unknown token.
  Result<InviteView> ViewInvite(const std::string& invite_token, const std::string& previous = "");
  /// A member joins: a personal check-up in the open round. Someone coming back is given
  /// their own check-up again, not a second one: a signed-in account (`who.user`) its own,
  /// with a fresh link; otherwise the browser that joined through this link
  /// (`who.previous`). A coordinator's response is marked as theirs. kNotFound for an
  /// unknown token; kGone for a withdrawn, expired or full invite or a closed round.
  Result<Joined> Join(const std::string& invite_token, const Joiner& who = {});
  /// kInvalid on "label".
  Result<NewLink> CreateSponsorLink(const model::Community& community, const std::string& label);
  /// kNotFound unless the link is this community's.
  Status RevokeSponsorLink(const model::Community& community, const std::string& link_id);
  /// kNotFound for an unknown or withdrawn link.
  Result<SponsorView> Sponsor(const std::string& token);

  // ---- results (results.cc) ----
  /// The round's results: for an open round its counts only (`open`, `hidden`); for a
  /// closed one the scores under the thresholds, cached by revision.
  Result<std::shared_ptr<const assess::TeamResults>> Results(const model::Community& community,
                                                             const model::Round& round);
  /// The round's reflections, sorted by prompt and text so they cannot be tied to people;
  /// none while the round is open or its results are hidden.
  Result<std::vector<model::Reflection>> Reflections(const model::Community& community,
                                                     const model::Round& round);
  /// The newest closed round whose results are shown, if any.
  Result<std::optional<ShownResults>> LatestShown(const model::Community& community);
  /// Two rounds of the community and their results. kNotFound for a round not its own.
  Result<Trend> Trends(const model::Community& community, const std::string& from_id,
                       const std::string& to_id);

  // ---- the community plan (plan.cc) ----
  /// The saved plan, or a draft from the newest shown results.
  Result<PlanView> Plan(const model::Community& community);
  /// `plan` with the draft actions of the newest shown results that it does not hold yet
  /// (by source question or wording) added as "todo", and how many were added.
  struct Suggested {
    model::Plan plan;
    int added = 0;
  };
  Result<Suggested> WithSuggestions(const model::Community& community, model::Plan plan);
  /// Validates (kInvalid with details) and saves; returns the plan as stored.
  Result<model::Plan> SavePlan(const model::Community& community, const model::Plan& plan);
  /// The saved plan of the community of a member's check-up, if any.
  Result<std::optional<model::Plan>> SavedPlan(const model::Community& community);

 private:
  const assess::Bank& bank_;
  store::Store& store_;
  const TeamOptions& options_;
  TeamResultsCache& cache_;
  Clock clock_;
};

/// Parses a positive decimal id as it appears in a path; empty for anything else.
using model::ParseId;

}  // namespace cultivate::community
