#pragma once
/// The one interface to persistent data. Implementations: sqlite/ (embedded, the default),
/// memory/ (handler tests) and postgres/ (one database shared by many servers). Every implementation is safe for concurrent
/// use from many threads. No method throws: library exceptions are caught here and returned
/// as Error values (kUnavailable when the database cannot be reached or is busy past its
/// timeout, kNotFound for a missing row, kInternal for anything else).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "model/account.h"
#include "model/checkup.h"
#include "model/community.h"
#include "model/plan.h"
#include "model/review.h"
#include "model/value.h"

namespace cultivate::store {

// The port speaks in the plain records of model/.
using model::Answer;
using model::Community;
using model::CoordinatorInvitation;
using model::Id;
using model::Indicator;
using model::Invite;
using model::Plan;
using model::PlanItem;
using model::Reflection;
using model::Response;
using model::Round;
using model::RoundResponse;
using model::Session;
using model::SponsorLink;
using model::Story;
using model::User;

class Store {
 public:
  virtual ~Store() = default;

  /// Cheap round trip proving the store answers (used by /healthz).
  virtual Status Ping() = 0;
  /// True when every read waits on a network round trip (a database server): the HTTP server
  /// then runs page handlers on its handler pool, so that many reads wait at once instead of
  /// one per I/O thread.
  virtual bool Remote() const { return false; }

  /// Creates a response; returns its id. token_hash must be unique (kConflict otherwise).
  virtual Result<Id> CreateResponse(const Response& response) = 0;
  /// kNotFound when no response has this token hash.
  virtual Result<Response> FindResponseByTokenHash(const std::string& token_hash) = 0;
  virtual Result<Response> FindResponse(Id id) = 0;
  /// Updates name and phases, and touches updated_at.
  virtual Status UpdateResponse(const Response& response) = 0;

  /// Inserts or replaces these answers (keyed by question) in one transaction: all or none.
  /// Other answers of the response are left as they are. Touches the response's updated_at.
  /// kConflict, nothing saved, when the response's round is closed (checked in the same
  /// transaction, so no save lands after a close).
  virtual Status SaveAnswers(Id response_id, const std::vector<Answer>& answers) = 0;
  /// All answers of a response, ordered by question id.
  virtual Result<std::vector<Answer>> Answers(Id response_id) = 0;

  /// Inserts or replaces these reflections (keyed by prompt) in one transaction; kConflict
  /// when the response's round is closed, as SaveAnswers.
  virtual Status SaveReflections(Id response_id, const std::vector<Reflection>& reflections) = 0;
  virtual Result<std::vector<Reflection>> Reflections(Id response_id) = 0;

  /// The plan of a response; an empty optional when none was saved yet.
  virtual Result<std::optional<Plan>> ResponsePlan(Id response_id) = 0;
  /// Replaces the plan and all its items in one transaction.
  virtual Status SaveResponsePlan(Id response_id, const Plan& plan) = 0;

  // Accounts and sessions.
  /// kConflict when the email (case-insensitive) is taken.
  virtual Result<Id> CreateUser(const User& user) = 0;
  virtual Result<User> FindUser(Id id) = 0;
  virtual Result<User> FindUserByEmail(const std::string& email) = 0;
  /// Deletes the user, their sessions and memberships, and every community of which they
  /// were the only coordinator (with all its data), in one transaction.
  virtual Status DeleteUser(Id id) = 0;
  virtual Status CreateSession(const Session& session) = 0;
  virtual Result<Session> FindSession(const std::string& id_hash) = 0;
  /// A session and its user (a signed-in request's first lookup); kNotFound when either is
  /// missing. By default FindSession then FindUser; a store with a round trip per read does
  /// it in one.
  virtual Result<std::pair<Session, User>> FindSessionUser(const std::string& id_hash);
  virtual Status TouchSession(const std::string& id_hash, std::int64_t seen_at) = 0;
  /// Deleting a session that does not exist is not an error.
  virtual Status DeleteSession(const std::string& id_hash) = 0;

  // Communities and their coordinators.
  /// Creates the community with `coordinator` as its first coordinator.
  virtual Result<Id> CreateCommunity(const Community& community, Id coordinator) = 0;
  virtual Result<Community> FindCommunity(Id id) = 0;
  /// The communities `user` coordinates, by name.
  virtual Result<std::vector<Community>> UserCommunities(Id user) = 0;
  /// Updates name, domain, purpose and phase.
  virtual Status UpdateCommunity(const Community& community) = 0;
  /// Deletes the community and everything in it: rounds, responses, invites, links, plan.
  virtual Status DeleteCommunity(Id id) = 0;
  virtual Result<std::vector<User>> Coordinators(Id community) = 0;
  /// The community when `user` is one of its coordinators; kNotFound when there is no such
  /// community or they are not. By default FindCommunity then Coordinators.
  virtual Result<Community> FindCoordinatedCommunity(Id community, Id user);
  /// kConflict when already a coordinator.
  virtual Status AddCoordinator(Id community, Id user) = 0;
  /// kConflict when `user` is the last coordinator; kNotFound when not a coordinator.
  virtual Status RemoveCoordinator(Id community, Id user) = 0;

  // Invitations to co-coordinate, by email (trimmed and lower-cased by the caller).
  /// Records the invitation; inviting the same email to the same community again is a no-op.
  virtual Status InviteCoordinator(const CoordinatorInvitation& invitation, Id invited_by) = 0;
  /// The invitations waiting for `email`, newest first, with their community's name.
  virtual Result<std::vector<CoordinatorInvitation>> InvitationsFor(const std::string& email) = 0;
  /// The invitations a community is waiting on, newest first.
  virtual Result<std::vector<CoordinatorInvitation>> PendingInvitations(Id community) = 0;
  /// Makes `user` a coordinator and removes the invitation, in one transaction (being one
  /// already is fine). kNotFound unless the invitation exists for `email`.
  virtual Status AcceptInvitation(Id invitation, const std::string& email, Id user) = 0;
  /// Removes the invitation. kNotFound unless it exists for `email`.
  virtual Status DeclineInvitation(Id invitation, const std::string& email) = 0;

  // Rounds.
  /// kConflict when the community already has an open round.
  virtual Result<Id> CreateRound(const Round& round) = 0;
  virtual Result<Round> FindRound(Id id) = 0;
  /// Like FindRound but without counting responses (joined and answered stay 0): constant
  /// time however large the round, for access checks on every request.
  virtual Result<Round> FindRoundQuick(Id id) = 0;
  /// The community's rounds, newest first, with their counts (joined and answered: members'
  /// responses; coordinator_answered; invited).
  virtual Result<std::vector<Round>> Rounds(Id community) = 0;
  /// kConflict when already closed.
  virtual Status CloseRound(Id id, std::int64_t at) = 0;
  /// Answers of every response in the round that has at least one answer, one list each,
  /// marked when a coordinator's own, in no particular order.
  virtual Result<std::vector<RoundResponse>> RoundAnswers(Id round) = 0;
  /// The response `user` made in the round while signed in; kNotFound when none.
  virtual Result<Response> UserResponse(Id round, Id user) = 0;
  /// Gives the response a new resume token (its old link stops working).
  virtual Status ReplaceResponseToken(Id response, const std::string& token_hash) = 0;
  /// Every non-empty reflection written in the round, sorted by prompt then text (never
  /// in an order that would tie texts to people).
  virtual Result<std::vector<Reflection>> RoundReflections(Id round) = 0;

  // Invites.
  virtual Result<Id> CreateInvite(const Invite& invite) = 0;
  virtual Result<Invite> FindInvite(Id id) = 0;
  virtual Result<Invite> FindInviteByTokenHash(const std::string& token_hash) = 0;
  /// The community's invites, newest first.
  virtual Result<std::vector<Invite>> Invites(Id community) = 0;
  virtual Status RevokeInvite(Id id, std::int64_t at) = 0;
  /// Creates the member's response (round_id set; by_coordinator and user_id as given) and
  /// counts one use of the invite (a coordinator's own response uses none), in one
  /// transaction. The response is a coordinator's also when `user_id` coordinates the
  /// community at that moment (decided in the same transaction). kConflict when the
  /// invite's round is closed; kGone when the invite has been used max_uses times. Making someone a coordinator (AddCoordinator,
  /// AcceptInvitation) marks their signed-in responses in the community as by_coordinator.
  virtual Result<Id> JoinRound(Id invite, const Response& response) = 0;

  // The community plan.
  virtual Result<std::optional<Plan>> CommunityPlan(Id community) = 0;
  virtual Status SaveCommunityPlan(Id community, const Plan& plan) = 0;

  // Throttling counters (auth/throttle.h), here so every server sees the same counts.
  /// Times of the events under `key` after `since`, oldest first.
  virtual Result<std::vector<std::int64_t>> ThrottleTimes(const std::string& key,
                                                          std::int64_t since) = 0;
  /// Records an event under `key` at `at` unless `limit` (> 0) events are already recorded
  /// after `at - window`: one atomic step, so servers racing for the last slot cannot both
  /// take it. Returns whether it was recorded. Forgets events older than a day, except
  /// under keys that start with "known:".
  virtual Result<bool> AddThrottleTime(const std::string& key, std::int64_t at,
                                       std::int64_t window, int limit) = 0;
  /// Forgets every event under `key`.
  virtual Status ClearThrottle(const std::string& key) = 0;

  // Sponsor links.
  virtual Result<Id> CreateSponsorLink(const SponsorLink& link) = 0;
  virtual Result<SponsorLink> FindSponsorLink(Id id) = 0;
  virtual Result<SponsorLink> FindSponsorLinkByTokenHash(const std::string& token_hash) = 0;
  virtual Result<std::vector<SponsorLink>> SponsorLinks(Id community) = 0;
  virtual Status RevokeSponsorLink(Id id, std::int64_t at) = 0;

  // The yearly review meeting of a closed round (model/review.h). Every change to a round's
  // vote bumps its review revision, which an event stream polls (so every server sees it).
  /// The round's meeting with its notes; the defaults (vote not started) when none yet.
  virtual Result<model::Review> FindReview(Id round) = 0;
  /// Opens the vote with this code (a no-op, keeping the code, when it is open already).
  /// kConflict when it was closed, or the code is another open vote's.
  virtual Status OpenVote(Id round, const std::string& code) = 0;
  /// Closes the vote and forgets its code. kConflict unless it is open.
  virtual Status CloseVote(Id round) = 0;
  /// The round whose vote is open under this code; kNotFound otherwise.
  virtual Result<Id> FindOpenVote(const std::string& code) = 0;
  /// Replaces `voter`'s areas (none: withdraws the vote). kConflict unless the vote is open.
  virtual Status CastVote(Id round, const std::string& voter, const std::vector<std::string>& areas) = 0;
  /// The areas `voter` chose, in key order (none when they have not voted).
  virtual Result<std::vector<std::string>> VoteOf(Id round, const std::string& voter) = 0;
  /// Sets the hand count of one area (0 removes it). kConflict when the vote is closed.
  virtual Status SetHandCount(Id round, const std::string& area, int count) = 0;
  virtual Result<model::VoteTally> Tally(Id round) = 0;
  virtual Result<Id> AddDecisionNote(Id round, const std::string& text, std::int64_t at) = 0;
  /// Sets the next review date (YYYY-MM-DD, or empty to clear it).
  virtual Status SetNextReview(Id round, const std::string& date) = 0;
  /// Appends the items to the community's plan in one step (creating an empty plan when
  /// there is none): never a read-modify-write of the whole plan, so two facilitators adding
  /// at once both keep their items. kNotFound for an unknown community; kConflict (nothing
  /// added) when the plan would then hold more than `max_items`, checked in the same step.
  virtual Status AddPlanItems(Id community, const std::vector<PlanItem>& items,
                              std::size_t max_items) = 0;

  // The community's calendar subscription link: one at a time, only its token's hash stored.
  /// Sets the link's token hash (replacing any older link), or with nullopt deletes it.
  virtual Status SetCalendarLink(Id community, const std::optional<std::string>& token_hash,
                                 std::int64_t at) = 0;
  /// The community whose link has this token hash; kNotFound otherwise.
  virtual Result<Id> FindCalendarLink(const std::string& token_hash) = 0;
  /// When the community's current link was made; empty when it has none.
  virtual Result<std::optional<std::int64_t>> CalendarLinkSince(Id community) = 0;
  // Value creation (issue 16): stories, indicators and the ask of the sponsor.
  virtual Result<Id> CreateStory(const Story& story) = 0;
  virtual Result<Story> FindStory(Id id) = 0;
  /// Updates author, title, texts, share and named; touches updated_at.
  virtual Status UpdateStory(const Story& story) = 0;
  virtual Status DeleteStory(Id id) = 0;
  /// The community's stories (members' and coordinators'), newest first.
  virtual Result<std::vector<Story>> CommunityStories(Id community) = 0;
  /// The stories told from one check-up, newest first.
  virtual Result<std::vector<Story>> ResponseStories(Id response) = 0;
  /// The stories an account told as a coordinator (not from a check-up), newest first.
  virtual Result<std::vector<Story>> UserStories(Id user) = 0;
  virtual Result<Id> CreateIndicator(const Indicator& indicator) = 0;
  /// kNotFound unless the indicator is the community's.
  virtual Status DeleteIndicator(Id community, Id id) = 0;
  /// The community's indicators by period (newest first), then as recorded.
  virtual Result<std::vector<Indicator>> Indicators(Id community) = 0;
  /// What the coordinators ask of the sponsor; empty when nothing was written.
  virtual Result<std::string> SponsorAsk(Id community) = 0;
  virtual Status SaveSponsorAsk(Id community, const std::string& ask) = 0;
};

/// Opens the store named by a URL-ish spec: a file path or `sqlite:PATH` for SQLite,
/// `memory:` for the in-memory store, `postgresql://...` for PostgreSQL (when built in).
/// Runs pending migrations when `migrate` is true; otherwise fails (kUnavailable) if the
/// schema is not current, so `serve` never runs on an old schema by accident.
Result<std::unique_ptr<Store>> Open(const std::string& spec, bool migrate);

/// The spec as it may be shown or logged: a password in a postgresql:// URI (user:PASSWORD@
/// or password=...) becomes "***".
std::string DisplaySpec(const std::string& spec);

/// Applies pending migrations and returns the names of those applied, in order.
Result<std::vector<std::string>> Migrate(const std::string& spec);

}  // namespace cultivate::store
