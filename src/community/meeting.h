#pragma once
/// The yearly review meeting of a closed round, run by a coordinator on a shared screen
/// (issue 17): the dot-vote members cast from their phones (their member link, or a short code
/// shown on the screen), the facilitator's hand counts, actions added straight to the
/// community plan, decision notes kept with the round, the next review date, and the
/// community's calendar. Access is checked by the caller for coordinators (Team::Coordinated
/// and RoundIn); members reach a vote only through their own check-up or an open vote's code.
/// Votes are anonymous: the store keeps a hash of the voter's private link or browser token,
/// never a name or a response id, and only counts are ever shown. Safe for concurrent use.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assess/team.h"
#include "common/clock.h"
#include "common/error.h"
#include "community/team.h"
#include "model/checkup.h"
#include "model/community.h"
#include "model/review.h"
#include "store/store.h"

namespace cultivate::community {

inline constexpr size_t kMaxVotes = 3;            // areas a member may vote for
inline constexpr int kMaxHandCount = 1000;
inline constexpr size_t kMaxNoteLength = 1000;    // code points
inline constexpr size_t kMaxNotes = 50;           // per round
inline constexpr size_t kCodeLength = 6;
/// Letters and digits nobody mixes up on a screen (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
inline constexpr const char* kCodeAlphabet = "ACDEFGHJKMNPQRTUVWXY34679";
inline constexpr int kCodeMisses = 20;            // wrong codes per address ...
inline constexpr std::int64_t kCodeWindow = 600;  // ... in this many seconds

/// Everything a meeting's screen shows. `areas` is the ballot: the round's improvement areas
/// (empty when its results are hidden, so there is nothing to vote on).
struct Room {
  model::Community community;
  model::Round round;
  std::shared_ptr<const assess::TeamResults> results;
  model::Review review;
  model::VoteTally tally;
  std::vector<assess::Area> areas;
};

/// What a member sees on their phone.
struct Ballot {
  model::Community community;
  model::Round round;
  std::vector<assess::Area> areas;
  std::vector<std::string> mine;  // the areas this voter chose
  model::VoteState vote = model::VoteState::kNotStarted;
};

struct ActionInput {
  std::string what, owner, due, area;  // area: the ballot's key it comes from, or empty
};

/// One all-day event of a calendar.
struct DatedEvent {
  std::string uid_key;  // stable: "round-12-closes", "review-12", "action-3-7"
  std::string date;     // YYYY-MM-DD
  enum class Kind { kRoundCloses, kNextReview, kActionDue } kind = Kind::kActionDue;
  std::string title;    // the round's title or the action's words
  std::string owner;    // an action's owner
};

class Meeting {
 public:
  Meeting(Team& team, store::Store& store, Clock clock)
      : team_(team), store_(store), clock_(std::move(clock)) {}

  /// The meeting of a closed round of `community`. kNotFound for a round not its own,
  /// kConflict (with a message) while the round is open.
  Result<Room> Open(const model::Community& community, const std::string& round_id);
  /// Opens the vote with a fresh code. kConflict when there is nothing to vote on or it closed.
  Status StartVote(const Room& room);
  Status EndVote(const Room& room);
  /// kInvalid on "count" (0 to kMaxHandCount) or "area" (not on the ballot).
  Status CountHands(const Room& room, const std::string& area, const std::string& count);
  /// The vote's counts now (the event stream polls this).
  Result<model::VoteTally> Tally(const model::Round& round);
  /// Appends the action to the community plan (kInvalid with fields what, owner, due).
  Status AddAction(const Room& room, const ActionInput& action);
  /// kInvalid on "note".
  Status AddNote(const Room& room, const std::string& text);
  /// The decision notes of the round's meeting, oldest first (none when it was not reviewed).
  Result<std::vector<model::DecisionNote>> Decisions(const model::Round& round);
  /// kInvalid on "next_review" (a real date, not in the past), or empty to clear it.
  Status SetNextReview(const Room& room, const std::string& date);

  /// A member's ballot through their own check-up: kNotFound unless it is a team check-up.
  Result<Ballot> MemberBallot(const model::Response& response, const std::string& token);
  Status MemberVote(const model::Response& response, const std::string& token,
                    const std::vector<std::string>& areas);
  /// The open vote under `code` (spaces, dashes and case ignored). kNotFound for a wrong code
  /// (each miss counted against `address`), kThrottled past kCodeMisses in kCodeWindow.
  Result<Ballot> CodeBallot(const std::string& code, const std::string& voter,
                            const std::string& address);
  Status CodeVote(const std::string& code, const std::string& voter, const std::string& address,
                  const std::vector<std::string>& areas);
  /// The code as typed, cleaned (upper case, no spaces or dashes); empty when it cannot be one.
  static std::string CleanCode(const std::string& typed);

  /// The community's dated events: the open round's planned close, the next review date and
  /// the plan's actions with a due date.
  Result<std::vector<DatedEvent>> Calendar(const model::Community& community);
  /// The community whose subscription link has this token; kNotFound otherwise (revoked too).
  Result<model::Community> CalendarCommunity(const std::string& token);
  /// A new subscription link (the old one stops working); returns its token, shown once.
  Result<std::string> NewCalendarLink(const model::Community& community);
  Status RevokeCalendarLink(const model::Community& community);
  Result<std::optional<std::int64_t>> CalendarLinkSince(const model::Community& community);

 private:
  Result<Ballot> BallotOf(const model::Community& community, const model::Round& round,
                          const std::string& voter_hash);
  Status Vote(const Ballot& ballot, const std::string& voter_hash,
              const std::vector<std::string>& areas);
  Result<model::Round> CodeRound(const std::string& code, const std::string& address);

  Team& team_;
  store::Store& store_;
  Clock clock_;
};

}  // namespace cultivate::community
